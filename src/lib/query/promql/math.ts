/**
 * Numeric helpers that reproduce Go/Prometheus float behaviour exactly where JavaScript differs
 * (`math.Pow` special cases, Kahan–Neumaier summation as used by Prometheus, NaN ordering in sorts).
 */

/**
 * Kahan–Neumaier compensated summation as Prometheus's `kahanSumInc` does it, without allocating: `add` folds a
 * value into `sum` and the running compensation `c`; the result is `sum + c` (or `sum` when it is infinite).
 */
export class KahanSum {
	sum = 0;
	c = 0;

	/** Starts a new sum. */
	reset(sum = 0, c = 0): void {
		this.sum = sum;
		this.c = c;
	}

	add(inc: number): void {
		const sum = this.sum;
		const t = sum + inc;
		if (t === Infinity || t === -Infinity) this.c = 0;
		else if (Math.abs(sum) >= Math.abs(inc)) this.c += sum - t + inc;
		else this.c += inc - t + sum;
		this.sum = t;
	}

	/** The compensated total (the raw sum when it is infinite). */
	value(): number {
		return this.sum === Infinity || this.sum === -Infinity ? this.sum : this.sum + this.c;
	}
}

/** Go's `math.Pow`: like `**` but `Pow(1, y) = 1` and `Pow(-1, ±Inf) = 1` for any y (JavaScript gives NaN). */
export function goPow(x: number, y: number): number {
	if (y === 0 || x === 1) return 1;
	if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
	return x ** y;
}

/** Go's `math.Mod` (same as JavaScript `%`, including NaN for a zero divisor). */
export function goMod(x: number, y: number): number {
	return x % y;
}

/** Ascending order with NaN first (Prometheus `vectorByValueHeap` order used by quantile()). */
function compareNaNFirst(a: number, b: number): number {
	const an = Number.isNaN(a);
	const bn = Number.isNaN(b);
	if (an || bn) return an && bn ? 0 : an ? -1 : 1;
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Prometheus `quantile(q, values)`: φ-quantile with linear interpolation between the closest ranks; NaN sorts as
 * the smallest value; q < 0 → -Inf, q > 1 → +Inf, NaN q → NaN. `values` is sorted in place.
 */
export function quantile(q: number, values: number[]): number {
	if (values.length === 0 || Number.isNaN(q)) return NaN;
	if (q < 0) return -Infinity;
	if (q > 1) return Infinity;
	values.sort(compareNaNFirst);
	const n = values.length;
	const rank = q * (n - 1);
	const lower = Math.max(0, Math.floor(rank));
	const upper = Math.min(n - 1, lower + 1);
	const weight = rank - Math.floor(rank);
	return values[lower] * (1 - weight) + values[upper] * weight;
}

const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Prometheus `almost.Equal`: true when both are NaN, equal, or their relative difference is below `epsilon`
 * (absolute difference below `epsilon * MinNormal` when one of them is zero).
 */
export function almostEqual(a: number, b: number, epsilon: number): boolean {
	if (Number.isNaN(a) && Number.isNaN(b)) return true;
	if (a === b) return true;
	const absSum = Math.abs(a) + Math.abs(b);
	const diff = Math.abs(a - b);
	if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
	return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

const CHUNK_RE = /(\d+|\D+)/g;

/**
 * Natural-order "less than" (github.com/facette/natsort, used by `sort_by_label`): digit runs compare as
 * integers, other runs as strings (`cpu2 < cpu10`, `1.2.3 < 1.11.3`).
 */
export function natLess(a: string, b: string): boolean {
	const ca = a.match(CHUNK_RE) ?? [];
	const cb = b.match(CHUNK_RE) ?? [];
	for (let i = 0; i < ca.length; i++) {
		if (i >= cb.length) return false;
		const an = /^\d+$/.test(ca[i]);
		const bn = /^\d+$/.test(cb[i]);
		if (an && bn) {
			const ai = BigInt(ca[i]);
			const bi = BigInt(cb[i]);
			if (ai === bi) {
				if (i === ca.length - 1) return true;
				if (i === cb.length - 1) return false;
				continue;
			}
			return ai < bi;
		}
		if (ca[i] === cb[i]) {
			if (i === ca.length - 1) return true;
			if (i === cb.length - 1) return false;
			continue;
		}
		return ca[i] < cb[i];
	}
	return false;
}
