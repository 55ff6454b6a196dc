/**
 * Seeded pseudo-random numbers. The generator is mulberry32 (Tommy Ettinger's 32-bit generator, public domain): small,
 * fast and good enough for simulated noise. Streams are forked by name (`rng.fork('metrics')`), so adding a log
 * template never shifts the noise of a metric: each consumer draws from its own stream derived from (seed, name).
 */

/** FNV-1a 32-bit hash of a string; used to derive stream seeds from names. */
export function hashString(text: string, seed = 0x811c9dc5): number {
	let h = seed >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

export class Rng {
	private state: number;

	/** @param seed any 32-bit integer; the same seed yields the same sequence. */
	constructor(readonly seed: number) {
		this.state = seed >>> 0;
	}

	/** A uniform float in [0, 1). */
	next(): number {
		let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An independent stream for the named consumer (deterministic in seed and name). */
	fork(name: string): Rng {
		return new Rng(hashString(name, this.seed ^ 0x9e3779b9));
	}

	/** A uniform integer in [min, max] (inclusive). */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** A standard normal variate (Box–Muller). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** A Poisson-distributed count with mean `lambda` (normal approximation above 30). */
	poisson(lambda: number): number {
		if (lambda <= 0) return 0;
		if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
		const limit = Math.exp(-lambda);
		let k = 0;
		let p = this.next();
		while (p > limit) {
			k++;
			p *= this.next();
		}
		return k;
	}

	/** `length` lower-case hex characters. */
	hex(length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) out += Math.floor(this.next() * 16).toString(16);
		return out;
	}

	/** A Kubernetes-style random suffix of `length` characters from [bcdfghjklmnpqrstvwxz2456789]. */
	podSuffix(length = 5): string {
		const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
		return out;
	}
}
