/**
 * Plain-text helpers for the scorers: words, sentences, quoting what was found, and clock times written in prose
 * ("14:02 UTC", "2026-03-14 02:10Z"). Pure functions, no locale or wall-clock dependence.
 */

/** Lower-cases and straightens typographic quotes and dashes, so patterns need only ASCII. */
export function normalise(text: string): string {
	return text
		.replace(/[\u2018\u2019\u2032]/g, "'")
		.replace(/[\u201c\u201d\u2033]/g, '"')
		.replace(/[\u2013\u2014]/g, '-')
		.replace(/\u00a0/g, ' ')
		.toLowerCase();
}

/** Markdown reduced to prose: links keep their text, emphasis, code ticks, HTML tags and table pipes are dropped. */
export function plain(text: string): string {
	return text
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<[^>\n]+>/g, ' ')
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
		.replace(/\{\{<[^>]*>\}\}/g, ' ')
		.replace(/(\*\*|__)(.+?)\1/g, '$2')
		.replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
		.replace(/`+([^`]*)`+/g, '$1')
		.replace(/[ \t]*\|[ \t]*/g, ' | ')
		.replace(/[ \t]+/g, ' ')
		.trim();
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'_.-]*/gu;

/** The words of a text (letters/digits, keeping inner apostrophes, dots, dashes and underscores). */
export function words(text: string): string[] {
	return text.match(WORD_RE) ?? [];
}

/** Number of words in a text. */
export function wordCount(text: string): number {
	return words(text).length;
}

/**
 * Splits prose into sentences: on `.`, `!` or `?` followed by space, on blank lines, and before lines that start a
 * list item, table row or heading. Other line breaks are soft wraps and join their lines. Empty sentences are dropped.
 */
export function sentences(text: string): string[] {
	const out: string[] = [];
	for (const para of text.split(/\n\s*\n/)) {
		const joined = para
			.split('\n')
			.reduce(
				(acc, line) =>
					acc === ''
						? line
						: /^\s*(?:[-*+]\s|\d{1,3}[.)]\s|\||#)/.test(line)
							? `${acc}\n${line}`
							: `${acc} ${line}`,
				''
			);
		for (const piece of joined.split(/(?<=[.!?])\s+(?=[^a-z0-9])|\n+/)) {
			const t = piece.trim();
			if (t.length > 0) out.push(t);
		}
	}
	return out;
}

/** Quotes a snippet for a one-line reason: whitespace collapsed, cut at `max` characters with an ellipsis. */
export function quote(text: string, max = 70): string {
	const s = text.replace(/\s+/g, ' ').trim();
	return `"${s.length > max ? s.slice(0, max - 1).trimEnd() + '…' : s}"`;
}

/** Lower-case letters and digits only: `Kube Pod Crash-Looping` and `KubePodCrashLooping` compare equal. */
export function compactKey(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True when a negation ("not", "n't", "until", "once", "if", "before", "when") precedes the match closely. */
export function isNegatedAt(normalisedText: string, index: number): boolean {
	const before = normalisedText.slice(Math.max(0, index - 30), index);
	return /(?:\b(?:not|no|never|until|once|if|before|when|whether)|n't)\s+(?:\w+\s+){0,2}$/.test(before);
}

/** Every non-negated match of `re` in the text (normalised). */
export function affirmedMatches(text: string, re: RegExp): string[] {
	const t = normalise(text);
	const flags = re.flags.includes('g') ? re.flags : re.flags + 'g';
	const g = new RegExp(re.source, flags);
	const out: string[] = [];
	for (const m of t.matchAll(g)) if (!isNegatedAt(t, m.index ?? 0)) out.push(m[0]);
	return out;
}

/** A clock time found in prose. */
export interface ClockTime {
	/** Minutes since midnight (0–1439). */
	minuteOfDay: number;
	second: number;
	/** True when the time carries a UTC marker (`UTC`, `GMT`, `Z`, `+00:00`). */
	utc: boolean;
	/** Absolute Unix ms when the text also gave a full date. */
	epochMs: number | null;
	/** Offset of the match in the text. */
	index: number;
	text: string;
}

const DATE_TIME_RE =
	/\b(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z\b|UTC\b|GMT\b|\+00:?00\b)?/gi;
const TIME_RE =
	/(?<![\d:.\-/])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?![\d:])\s*(am\b|pm\b)?\s*(Z\b|UTC\b|GMT\b|\+00:?00\b)?/gi;

/** Clock times in a text ("14:02", "2:10 pm UTC", "2026-03-14T02:10:00Z"), in order of appearance. */
export function findClockTimes(text: string): ClockTime[] {
	const out: ClockTime[] = [];
	const covered: [number, number][] = [];
	for (const m of text.matchAll(DATE_TIME_RE)) {
		const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
		if (h > 23 || mi > 59) continue;
		const utc = Boolean(m[7]);
		out.push({
			minuteOfDay: h * 60 + mi,
			second: s,
			utc,
			epochMs: Date.UTC(y, mo - 1, d, h, mi, s),
			index: m.index ?? 0,
			text: m[0].trim()
		});
		covered.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
	}
	for (const m of text.matchAll(TIME_RE)) {
		const at = m.index ?? 0;
		if (covered.some(([a, b]) => at >= a && at < b)) continue;
		let h = Number(m[1]);
		const ampm = m[4]?.toLowerCase();
		if (ampm === 'pm' && h < 12) h += 12;
		if (ampm === 'am' && h === 12) h = 0;
		out.push({
			minuteOfDay: h * 60 + Number(m[2]),
			second: Number(m[3] ?? 0),
			utc: Boolean(m[5]),
			epochMs: null,
			index: at,
			text: m[0].trim()
		});
	}
	out.sort((a, b) => a.index - b.index);
	// A range ("between 14:02 and 14:41 UTC", "14:02–14:41 UTC") shares the zone of its second time.
	for (let k = 0; k + 1 < out.length; k++) {
		const a = out[k];
		const b = out[k + 1];
		const gap = text.slice(a.index + a.text.length, b.index);
		if (!a.utc && b.utc && /^\s*(?:-|–|—|to|and|until|till)\s*$/i.test(gap)) a.utc = true;
	}
	return out;
}

/** True when the text declares that its times are UTC ("All times UTC", a "Time (UTC)" column, "times in UTC"). */
export function declaresUtc(text: string): boolean {
	return /\b(?:all times?|times?|timezone)\b[^.\n]{0,25}\butc\b|\(utc\)|\[utc\]|\butc times?\b/i.test(text);
}

/** Sim milliseconds as a short duration for reasons: `4m30s`, `1h05m`, `45s`. */
export function formatMs(ms: number): string {
	const sign = ms < 0 ? '-' : '';
	const total = Math.round(Math.abs(ms) / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	if (h > 0) return `${sign}${h}h${String(m).padStart(2, '0')}m`;
	if (m > 0) return s > 0 ? `${sign}${m}m${String(s).padStart(2, '0')}s` : `${sign}${m}m`;
	return `${sign}${s}s`;
}
