/**
 * Log query evaluation (lines, newest or oldest first) and the log-volume histogram.
 * Time ranges are Unix ms, both ends inclusive.
 */
import type { LogStore } from '../../sim/log-store';
import type { Labels } from '../../sim/types';
import { QueryError, type LogLine, type MatrixSeries, type QueryResult } from '../types';
import type { LogQLExpr, LogQueryExpr, StreamSelector } from './ast';
import { compileMatcher } from './matchers';
import { parseLogQL } from './parse';
import { compilePipeline } from './pipeline';

export interface LogQueryOptions {
	/** Unix ms, inclusive. */
	start: number;
	/** Unix ms, inclusive. */
	end: number;
	/** Maximum number of lines returned (default 1000); `totalMatched` still counts every match. */
	limit?: number;
	/** `backward` (default): newest first; `forward`: oldest first. */
	direction?: 'backward' | 'forward';
}

export interface LogQueryResult {
	/** At most `limit` lines in the requested order. */
	lines: LogLine[];
	/** Number of lines in the range that passed the whole pipeline. */
	totalMatched: number;
}

/** Default number of lines a log query returns. */
export const DEFAULT_LOG_LIMIT = 1000;

/** Parses `expr` when it is text; returns the AST unchanged otherwise. */
export function toAst(expr: string | LogQLExpr): LogQLExpr {
	return typeof expr === 'string' ? parseLogQL(expr) : expr;
}

/** A mask over the store's stream ids: 1 when the stream's labels satisfy every matcher of the selector. */
export function selectorMask(store: LogStore, selector: StreamSelector): Uint8Array {
	const tests = selector.matchers.map((m) => ({ name: m.name, test: compileMatcher(m) }));
	return store.streamMask((labels) =>
		tests.every((t) => t.test(Object.hasOwn(labels, t.name) ? labels[t.name] : ''))
	);
}

function requireLogQuery(ast: LogQLExpr, what: string): LogQueryExpr {
	if (ast.type !== 'log') {
		throw new QueryError(
			`${what} needs a log query ({…} with optional | stages); this is a metric query — run it as a metric query instead`,
			ast.from,
			ast.to,
			'evaluation'
		);
	}
	return ast;
}

/**
 * Runs a log query over records with `start <= t <= end` (Unix ms). Returns up to `limit` lines (newest first by
 * default) with their labels after parsers, plus the total number of matching lines. Throws QueryError.
 * Cost: one pass over the records in range, skipping non-matching streams before touching the line.
 */
export function evaluateLogQuery(
	store: LogStore,
	expr: string | LogQLExpr,
	opts: LogQueryOptions
): LogQueryResult {
	const ast = requireLogQuery(toAst(expr), 'evaluateLogQuery');
	const limit = opts.limit ?? DEFAULT_LOG_LIMIT;
	if (!Number.isInteger(limit) || limit < 0)
		throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
	const lines: LogLine[] = [];
	let totalMatched = 0;
	if (!(opts.start <= opts.end)) return { lines, totalMatched };
	const mask = selectorMask(store, ast.selector);
	if (!mask.includes(1)) return { lines, totalMatched };
	const pipeline = compilePipeline(ast.pipeline);
	const streams = store.streams();
	const lo = store.lowerBound(opts.start);
	const hi = store.upperBound(opts.end);
	const forward = opts.direction === 'forward';
	const step = forward ? 1 : -1;
	for (let i = forward ? lo : hi - 1; forward ? i < hi : i >= lo; i += step) {
		const sid = store.streamIdAt(i);
		if (mask[sid] !== 1) continue;
		const rec = store.at(i);
		const out = pipeline.process(rec.line, rec.t, streams[sid].labels);
		if (out === null) continue;
		totalMatched++;
		if (lines.length < limit) {
			lines.push({
				record: out === rec.line ? rec : { ...rec, line: out },
				labels: { ...pipeline.labels.labels() }
			});
		}
	}
	return { lines, totalMatched };
}

const LEVEL_ORDER = ['fatal', 'critical', 'error', 'warn', 'warning', 'info', 'debug', 'trace', 'unknown'];

/**
 * Log volume for the histogram above the log list: for each step time `t = start + k·stepMs` (k = 0… while
 * `t <= end`), the number of lines of the log query with time in `(t - stepMs, t]`, one series per `level` label
 * (`unknown` when a line has none). Unlike metric queries, empty steps are reported as 0 so every series covers
 * every step. Series are ordered by severity (fatal … debug). Throws QueryError for metric queries.
 */
export function logVolume(
	store: LogStore,
	expr: string | LogQLExpr,
	start: number,
	end: number,
	stepMs: number
): QueryResult {
	const ast = requireLogQuery(toAst(expr), 'logVolume');
	if (!(stepMs > 0)) throw new RangeError(`stepMs must be positive, got ${stepMs}`);
	if (!(start <= end)) return { resultType: 'matrix', result: [] };
	const n = Math.floor((end - start) / stepMs) + 1;
	const ts: number[] = [];
	for (let k = 0; k < n; k++) ts.push(start + k * stepMs);
	const counts = new Map<string, number[]>();
	const mask = selectorMask(store, ast.selector);
	const pipeline = compilePipeline(ast.pipeline);
	const streams = store.streams();
	const lo = store.upperBound(start - stepMs);
	const hi = store.upperBound(ts[n - 1]);
	for (let i = lo; i < hi; i++) {
		const sid = store.streamIdAt(i);
		if (mask[sid] !== 1) continue;
		const rec = store.at(i);
		if (pipeline.process(rec.line, rec.t, streams[sid].labels) === null) continue;
		const level = pipeline.labels.get('level') || 'unknown';
		let arr = counts.get(level);
		if (!arr) counts.set(level, (arr = new Array<number>(n).fill(0)));
		arr[Math.max(0, Math.ceil((rec.t - start) / stepMs))]++;
	}
	const rank = (l: string) => {
		const i = LEVEL_ORDER.indexOf(l);
		return i === -1 ? LEVEL_ORDER.length : i;
	};
	const result: MatrixSeries[] = [...counts.entries()]
		.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
		.map(([level, vs]) => ({ labels: { level } as Labels, ts: [...ts], vs }));
	return { resultType: 'matrix', result };
}
