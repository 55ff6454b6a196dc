/**
 * The log list's model, computed lazily (Grafana style): a result of up to 100k `LogLine`s is wrapped once, and the
 * display form of a row (formatted time, level, sorted labels and fields) is built only when the row is drawn.
 * Also the fixed geometry of rows and of an expanded row's details, which the virtual list relies on. Pure.
 */
import type { LogLine } from '../../query/types';

/** Levels from most to least severe; `unknown` for lines without a recognisable level. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'unknown'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const LEVEL_ALIASES: Record<string, LogLevel> = {
	fatal: 'fatal',
	panic: 'fatal',
	critical: 'fatal',
	crit: 'fatal',
	emerg: 'fatal',
	alert: 'fatal',
	error: 'error',
	err: 'error',
	eror: 'error',
	warn: 'warn',
	warning: 'warn',
	info: 'info',
	information: 'info',
	notice: 'info',
	debug: 'debug',
	dbug: 'debug',
	trace: 'debug'
};

/** Maps a level spelling (`WARNING`, `err`, `panic`, …) to one of `LOG_LEVELS`. */
export function normaliseLevel(level: string | undefined): LogLevel {
	return (level && LEVEL_ALIASES[level.toLowerCase()]) || 'unknown';
}

/** The level of a line: its `level` label (which parsers or `label_format` may have changed), else the record's. */
export function levelOf(line: LogLine): LogLevel {
	return normaliseLevel(line.labels.level ?? line.labels.detected_level ?? line.record.level);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC. */
export function formatLogTime(epochMs: number): string {
	const d = new Date(epochMs);
	return (
		`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
	);
}

/** The display form of one log line. */
export interface LogRow {
	/** Position in the list (0 = newest). */
	index: number;
	/** Unix ms. */
	t: number;
	time: string;
	level: LogLevel;
	line: string;
	/** Labels of the line (stream labels plus extracted ones), sorted by name. */
	labels: [string, string][];
	/** Structured fields of the record that are not already labels with the same value, sorted by name. */
	fields: [string, string][];
}

function sortedEntries(o: Record<string, string>): [string, string][] {
	return Object.keys(o)
		.sort()
		.map((k) => [k, o[k]]);
}

/**
 * An ordered, lazily formatted view of a log query result. Invariant: rows are newest first (ties keep the engine's
 * order); the input is re-sorted only if it is not already in that order.
 */
export class LogRows {
	readonly #lines: readonly LogLine[];
	readonly #rows: (LogRow | undefined)[];

	constructor(lines: readonly LogLine[]) {
		let ordered = true;
		for (let i = 1; i < lines.length && ordered; i++) ordered = lines[i - 1].record.t >= lines[i].record.t;
		this.#lines = ordered
			? lines
			: lines
					.map((l, i) => ({ l, i }))
					.sort((a, b) => b.l.record.t - a.l.record.t || a.i - b.i)
					.map(({ l }) => l);
		this.#rows = new Array(lines.length);
	}

	get length(): number {
		return this.#lines.length;
	}

	/** The raw line at `i`. */
	line(i: number): LogLine {
		return this.#lines[i];
	}

	/** The display row at `i` (built on first use, then cached). */
	row(i: number): LogRow {
		let row = this.#rows[i];
		if (!row) {
			const l = this.#lines[i];
			const labels = sortedEntries(l.labels);
			const fields = sortedEntries(l.record.fields).filter(([k, v]) => l.labels[k] !== v);
			row = {
				index: i,
				t: l.record.t,
				time: formatLogTime(l.record.t),
				level: levelOf(l),
				line: l.record.line,
				labels,
				fields
			};
			this.#rows[i] = row;
		}
		return row;
	}

	/** How many rows have been formatted so far (the model is lazy: this stays near the number drawn). */
	get formattedCount(): number {
		let n = 0;
		for (const r of this.#rows) if (r) n++;
		return n;
	}
}

/** Fixed geometry of the log list, in CSS px. The components use the same numbers in their styles. */
export const LOG_GEOMETRY = {
	/** A collapsed row. */
	row: 22,
	/** Vertical padding of the details box (top + bottom). */
	detailPadding: 16,
	/** The full-line block in the details. */
	detailLine: 76,
	/** A section heading ("Labels", "Fields"). */
	detailHeading: 22,
	/** One label/field entry. */
	detailEntry: 20
} as const;

/** Height of the details of an expanded row (below its collapsed line). */
export function detailHeight(row: LogRow): number {
	const g = LOG_GEOMETRY;
	const sections = (row.labels.length > 0 ? 1 : 0) + (row.fields.length > 0 ? 1 : 0);
	return (
		g.detailPadding +
		g.detailLine +
		sections * g.detailHeading +
		(row.labels.length + row.fields.length) * g.detailEntry
	);
}
