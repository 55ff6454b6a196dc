/**
 * The LogQL engine as the Logs panel uses it: a small interface over the evaluator bound to the drill's log store,
 * so panel state can be tested with fakes. Parsed queries are cached by text.
 */
import {
	evaluateLogMetricRange,
	evaluateLogQuery,
	isMetricQuery,
	logVolume,
	parseLogQL
} from '../../query/logql';
import type { LogLine, QueryResult } from '../../query/types';
import type { LogStore } from '../../sim/log-store';
import type { QueryWindow } from '../dashboard/panel-data';
import { memo } from '../explore/parse-cache';

export interface LogQueryResult {
	/** Matching lines, newest first. */
	lines: LogLine[];
	/** Lines that matched before `limit` was applied. */
	totalMatched: number;
}

export interface LogqlEngine {
	/** Parses `expr`; throws `QueryError` when it is not valid LogQL. */
	check(expr: string): void;
	/** True for metric queries (`rate({…}[5m])`, `sum by (…) (count_over_time(…))`). */
	isMetric(expr: string): boolean;
	/** A log query over `[start, end]` (Unix ms), newest first, at most `limit` lines. */
	logs(expr: string, window: { start: number; end: number }, limit: number): LogQueryResult;
	/** Lines per step by level (a matrix with a `level` label) for the log query's selector and filters. */
	volume(expr: string, window: QueryWindow): QueryResult;
	/** A metric query over `window`. */
	metricRange(expr: string, window: QueryWindow): QueryResult;
}

/** The LogQL engine over a drill's log store. */
export function logqlEngine(store: LogStore): LogqlEngine {
	const parse = memo(64, parseLogQL);
	return {
		check: (expr) => void parse(expr),
		isMetric: (expr) => isMetricQuery(parse(expr)),
		logs: (expr, w, limit) =>
			evaluateLogQuery(store, parse(expr), { start: w.start, end: w.end, limit, direction: 'backward' }),
		volume: (expr, w) => logVolume(store, parse(expr), w.start, w.end, w.stepMs),
		metricRange: (expr, w) => evaluateLogMetricRange(store, parse(expr), w.start, w.end, w.stepMs)
	};
}
