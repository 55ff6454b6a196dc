/**
 * Classic (bucket-series) histogram math as in Prometheus's `promql/quantile.go`: `histogram_quantile` with linear
 * interpolation inside buckets, coalescing of equal bounds and the monotonicity fix, and `histogram_fraction`.
 *
 * The core functions work on buckets already sorted by upper bound, as parallel arrays that they modify in place
 * (the evaluator sorts each histogram's bucket series once and reuses scratch buffers for every step).
 */
import { almostEqual } from './math';

/** One classic bucket: cumulative count of observations `<= upperBound`. */
export interface Bucket {
	upperBound: number;
	count: number;
}

/** Relative tolerance below which differences between adjacent cumulative counts are treated as float noise. */
const SMALL_DELTA_TOLERANCE = 1e-12;

/**
 * Merges buckets with equal upper bounds, adding their counts. Works in place on `upper[0..n)` / `counts[0..n)`
 * sorted by bound; returns the new length.
 */
function coalesce(upper: Float64Array, counts: Float64Array, n: number): number {
	if (n === 0) return 0;
	let j = 0;
	for (let i = 1; i < n; i++) {
		if (upper[i] === upper[j]) counts[j] += counts[i];
		else {
			j++;
			upper[j] = upper[i];
			counts[j] = counts[i];
		}
	}
	return j + 1;
}

/**
 * {@link coalesce}, then makes cumulative counts non-decreasing as Prometheus's
 * `ensureMonotonicAndIgnoreSmallDeltas` does: a difference within float noise (either way) is equalised, a real
 * decrease is replaced by the previous count. Returns the new length and whether a real decrease was fixed.
 */
function normalize(upper: Float64Array, counts: Float64Array, n: number): { n: number; forced: boolean } {
	const len = coalesce(upper, counts, n);
	if (len === 0) return { n: len, forced: false };
	let forced = false;
	let prev = counts[0];
	for (let i = 1; i < len; i++) {
		const curr = counts[i];
		if (curr === prev) continue;
		if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
			counts[i] = prev;
			continue;
		}
		if (curr < prev) {
			counts[i] = prev;
			forced = true;
			continue;
		}
		prev = curr;
	}
	return { n: len, forced };
}

/**
 * φ-quantile (0 ≤ q ≤ 1) of a classic histogram given as buckets sorted by upper bound (arrays are modified).
 * Needs a `+Inf` bucket, else NaN; q < 0 → -Inf, q > 1 → +Inf, NaN q → NaN. The lowest bucket is taken to
 * start at 0 when its bound is positive; a quantile that falls in the `+Inf` bucket returns the highest finite
 * bound. `forcedMonotonicity` reports non-monotonic input that had to be repaired.
 */
export function sortedBucketQuantile(
	q: number,
	upper: Float64Array,
	counts: Float64Array,
	size: number
): { value: number; forcedMonotonicity: boolean } {
	if (Number.isNaN(q)) return { value: NaN, forcedMonotonicity: false };
	if (q < 0) return { value: -Infinity, forcedMonotonicity: false };
	if (q > 1) return { value: Infinity, forcedMonotonicity: false };
	if (size === 0 || upper[size - 1] !== Infinity) return { value: NaN, forcedMonotonicity: false };
	const { n, forced } = normalize(upper, counts, size);
	if (n < 2) return { value: NaN, forcedMonotonicity: forced };
	const observations = counts[n - 1];
	if (observations === 0) return { value: NaN, forcedMonotonicity: forced };
	let rank = q * observations;
	let b = n - 1;
	for (let i = 0; i < n - 1; i++) {
		if (counts[i] >= rank) {
			b = i;
			break;
		}
	}
	if (b === n - 1) return { value: upper[n - 2], forcedMonotonicity: forced };
	if (b === 0 && upper[0] <= 0) return { value: upper[0], forcedMonotonicity: forced };
	let bucketStart = 0;
	let count = counts[b];
	if (b > 0) {
		bucketStart = upper[b - 1];
		count -= counts[b - 1];
		rank -= counts[b - 1];
	}
	return { value: bucketStart + (upper[b] - bucketStart) * (rank / count), forcedMonotonicity: forced };
}

/**
 * Fraction of observations between `lower` and `upper` in a classic histogram given as buckets sorted by upper
 * bound (arrays are modified), as Prometheus's `BucketFraction`: equal bounds are merged (counts are not made
 * monotonic), observations are spread linearly inside finite buckets (the lowest bucket starts at 0 when its bound
 * is positive, else its observations sit at its upper bound), and those of the `+Inf` bucket sit at +Inf. NaN
 * without a `+Inf` bucket, without observations, or for a NaN bound; 0 when `lower >= upper`.
 */
export function sortedBucketFraction(
	lower: number,
	upperBound: number,
	upper: Float64Array,
	counts: Float64Array,
	size: number
): number {
	if (size === 0 || upper[size - 1] !== Infinity) return NaN;
	const n = coalesce(upper, counts, size);
	const total = counts[n - 1];
	if (total === 0 || Number.isNaN(lower) || Number.isNaN(upperBound)) return NaN;
	if (lower >= upperBound) return 0;
	return (rankAt(upperBound, upper, counts, n, total) - rankAt(lower, upper, counts, n, total)) / total;
}

/** Estimated number of observations <= x (never more than `total`, the count of the `+Inf` bucket). */
function rankAt(x: number, upper: Float64Array, counts: Float64Array, n: number, total: number): number {
	let rank = 0;
	for (let i = 0; i < n; i++) {
		const hi = upper[i];
		const lo = i > 0 ? upper[i - 1] : hi > 0 ? 0 : -Infinity;
		if (lo >= x) return Math.min(rank, total);
		if (x < hi) {
			if (lo === -Infinity) return Math.min(counts[i], total);
			return Math.min(rank + ((counts[i] - rank) * (x - lo)) / (hi - lo), total);
		}
		rank = counts[i];
	}
	return total;
}

function toSortedArrays(buckets: readonly Bucket[]): [Float64Array, Float64Array] {
	const sorted = [...buckets].sort((a, b) => a.upperBound - b.upperBound);
	return [Float64Array.from(sorted, (b) => b.upperBound), Float64Array.from(sorted, (b) => b.count)];
}

/** {@link sortedBucketQuantile} for buckets in any order (the input is not modified). */
export function bucketQuantile(
	q: number,
	buckets: readonly Bucket[]
): { value: number; forcedMonotonicity: boolean } {
	const [upper, counts] = toSortedArrays(buckets);
	return sortedBucketQuantile(q, upper, counts, upper.length);
}

/** {@link sortedBucketFraction} for buckets in any order (the input is not modified). */
export function bucketFraction(lower: number, upper: number, buckets: readonly Bucket[]): number {
	const [bounds, counts] = toSortedArrays(buckets);
	return sortedBucketFraction(lower, upper, bounds, counts, bounds.length);
}
