import { describe, expect, it } from 'vitest';
import { Rng, hashString } from './rng';

describe('Rng (mulberry32)', () => {
	it('repeats the same sequence for the same seed and differs for another', () => {
		const a = new Rng(7);
		const b = new Rng(7);
		const c = new Rng(8);
		const seqA = Array.from({ length: 5 }, () => a.next());
		expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
		expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
		for (const v of seqA) expect(v).toBeGreaterThanOrEqual(0);
		for (const v of seqA) expect(v).toBeLessThan(1);
	});

	it('forks independent named streams: drawing from one does not shift another', () => {
		const one = new Rng(42);
		const two = new Rng(42);
		const logsA = one.fork('logs');
		one.fork('metrics').next();
		one.fork('metrics').next();
		const logsB = two.fork('logs');
		expect(logsA.next()).toBe(logsB.next());
		expect(one.fork('logs').next()).not.toBe(one.fork('metrics').next());
	});

	it('draws Poisson counts with the right mean and normals with mean 0', () => {
		const r = new Rng(1);
		let sum = 0;
		let nsum = 0;
		for (let i = 0; i < 20_000; i++) {
			sum += r.poisson(4);
			nsum += r.normal();
		}
		expect(sum / 20_000).toBeGreaterThan(3.9);
		expect(sum / 20_000).toBeLessThan(4.1);
		expect(Math.abs(nsum / 20_000)).toBeLessThan(0.03);
	});

	it('hashes strings stably (FNV-1a)', () => {
		expect(hashString('')).toBe(0x811c9dc5);
		expect(hashString('a')).toBe(0xe40c292c);
	});
});
