/**
 * Time and number formatting shared by the console panels. Every clock in Pagerdrill shows UTC, like the incident
 * tooling it imitates, so trainees learn to read and write UTC timestamps.
 */
import type { EpochMs, SimMs } from '../../sim/types';
import { formatDuration } from '../../sim/duration';

const pad = (n: number) => String(n).padStart(2, '0');

/** `HH:MM:SS` (UTC) of a Unix-ms time. */
export function formatUtcTime(t: EpochMs): string {
	const d = new Date(t);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `HH:MM` (UTC) of a Unix-ms time. */
export function formatUtcShort(t: EpochMs): string {
	const d = new Date(t);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `YYYY-MM-DD HH:MM UTC` of a Unix-ms time. */
export function formatUtcDateTime(t: EpochMs): string {
	const d = new Date(t);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** ISO-8601 UTC string for `<time datetime>`. */
export function isoUtc(t: EpochMs): string {
	return new Date(t).toISOString();
}

/**
 * How long ago sim time `at` was, seen from `now` (both sim ms): `just now`, `4m ago`, `1h5m ago`; future times
 * read `in 3m`. Rounded down to whole seconds (to minutes above an hour).
 */
export function formatAgo(at: SimMs, now: SimMs): string {
	const diff = now - at;
	if (Math.abs(diff) < 5_000) return 'just now';
	const abs = Math.abs(diff);
	const rounded = abs >= 3_600_000 ? Math.floor(abs / 60_000) * 60_000 : Math.floor(abs / 1000) * 1000;
	return diff > 0 ? `${formatDuration(rounded)} ago` : `in ${formatDuration(rounded)}`;
}

/** A duration in sim ms as `4m30s`, or `—` when it never happened. */
export function formatMeasure(ms: number | null): string {
	if (ms === null) return '—';
	return formatDuration(Math.round(ms / 1000) * 1000);
}
