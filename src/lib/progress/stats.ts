/** Small statistics used by the plan and the trends. Pure. */

/**
 * Nearest-rank percentile (the value at rank ⌈p/100 · n⌉ of the sorted values), as on-call dashboards report
 * acknowledge P50/P90. Returns null for an empty list. `Infinity` values (e.g. a page never acknowledged) sort last.
 * @param p percentile in (0, 100].
 */
export function percentile(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	if (!(p > 0 && p <= 100)) throw new RangeError('percentile p must be in (0, 100]');
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1];
}

/** Median (nearest-rank P50), or null for an empty list. */
export function median(values: readonly number[]): number | null {
	return percentile(values, 50);
}

/** Arithmetic mean, or null for an empty list. */
export function mean(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Rounds to `digits` decimals (for display values such as minutes). */
export function round(value: number, digits = 1): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

/** Milliseconds to minutes. */
export function msToMin(ms: number): number {
	return ms / 60_000;
}
