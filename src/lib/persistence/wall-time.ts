/** Wall-clock helpers shared by the schema upgrade and the repositories. */

/**
 * Wall-clock duration in milliseconds between two ISO-8601 timestamps; null when `endedAt` is null or either does
 * not parse. Never negative (a clock that stepped back yields 0).
 */
export function wallDurationMs(startedAt: string, endedAt: string | null): number | null {
	if (endedAt === null) return null;
	const start = Date.parse(startedAt);
	const end = Date.parse(endedAt);
	if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
	return Math.max(0, end - start);
}
