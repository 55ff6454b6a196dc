/**
 * Calendar dates as `YYYY-MM-DD` strings (UTC days). Pure: no clock; "today" is always passed in.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(text: string): boolean {
	const m = ISO_DATE.exec(text);
	if (!m) return false;
	const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	return new Date(ms).toISOString().slice(0, 10) === text;
}

function toUtcMs(date: string): number {
	if (!isIsoDate(date)) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
	return Date.parse(`${date}T00:00:00Z`);
}

/** `date` plus `days` calendar days (negative goes back). Throws `RangeError` for a malformed date. */
export function addDays(date: string, days: number): string {
	return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
	return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** The UTC calendar day of an ISO-8601 timestamp, or null when it does not parse. */
export function utcDay(timestamp: string): string | null {
	const ms = Date.parse(timestamp);
	return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}
