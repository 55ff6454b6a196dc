/**
 * Prometheus-style durations (`90s`, `5m`, `1h30m`, `250ms`, `2d`), also used for sim times in scenario files.
 * A leading `-` makes the duration negative (used for history before the drill starts, e.g. `-40m`).
 */

const UNIT_MS: Record<string, number> = {
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000,
	d: 86_400_000,
	w: 604_800_000,
	y: 31_536_000_000
};

const DURATION_RE = /^(-)?((?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y))+)$/;
const PART_RE = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g;

/**
 * Parses a duration string into milliseconds. Returns `null` when the text is not a duration.
 * A bare number is read as seconds (as Prometheus does for `for:` in some tools).
 */
export function parseDuration(text: string): number | null {
	const s = text.trim();
	if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
	const m = DURATION_RE.exec(s);
	if (!m) return null;
	let total = 0;
	for (const part of m[2].matchAll(PART_RE)) total += Number(part[1]) * UNIT_MS[part[2]];
	return m[1] ? -total : total;
}

/** Like {@link parseDuration} but throws a readable error. */
export function durationMs(text: string | number): number {
	if (typeof text === 'number') return text * 1000;
	const ms = parseDuration(text);
	if (ms === null) throw new Error(`"${text}" is not a duration (use e.g. 30s, 5m, 1h30m)`);
	return ms;
}

/** Formats milliseconds as a compact duration: `1h5m`, `4m30s`, `250ms`, `0s`. */
export function formatDuration(ms: number): string {
	if (ms === 0) return '0s';
	const sign = ms < 0 ? '-' : '';
	let rest = Math.abs(ms);
	const out: string[] = [];
	for (const [unit, size] of [
		['d', 86_400_000],
		['h', 3_600_000],
		['m', 60_000],
		['s', 1000]
	] as const) {
		if (rest >= size) {
			const n = Math.floor(rest / size);
			out.push(`${n}${unit}`);
			rest -= n * size;
		}
	}
	if (rest > 0) out.push(`${Math.round(rest)}ms`);
	return sign + out.join('');
}

/** Formats sim milliseconds as a clock offset `mm:ss` or `h:mm:ss` (negative with a leading minus). */
export function formatOffset(ms: number): string {
	const sign = ms < 0 ? '-' : '';
	const total = Math.floor(Math.abs(ms) / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const mm = String(m).padStart(2, '0');
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${sign}${h}:${mm}:${ss}` : `${sign}${mm}:${ss}`;
}
