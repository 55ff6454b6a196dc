/**
 * State of the Logs panel for one drill session: the LogQL box, range and line limit, and the result of the last
 * run. A log result is a snapshot taken when the query runs (like Loki's Explore: the list does not move under the
 * reader); `behindBy` tells how far sim time has moved on since, and `refresh()` re-runs it.
 */
import { durationMs, formatDuration } from '$lib/sim/duration';
import type { QueryError } from '$lib/query/types';
import {
	chooseStep,
	rangeMs,
	toChartData,
	type ChartData,
	type QueryWindow,
	type RangeId
} from '$lib/components/dashboard/panel-data';
import { LogRows } from '$lib/components/logs/log-rows';
import type { LogqlEngine } from '$lib/components/logs/logql-engine';
import { volumeChart, type VolumeChart } from '$lib/components/logs/volume';
import { LiveClock, type Ticker } from './live-clock.svelte';
import { QueryBoxState, toQueryError, type PanelSession } from './query-panel.svelte';

/** Line limits offered (Loki's default maximum is 5000). */
export const LINE_LIMITS = [1000, 5000, 20_000, 100_000] as const;
export type LineLimit = (typeof LINE_LIMITS)[number];

/** Bars in the volume histogram, at most. */
const VOLUME_BARS = 120;

export interface LogsResult {
	kind: 'logs';
	expr: string;
	/** Unix ms the query ran at (the end of its window). */
	at: number;
	rows: LogRows;
	totalMatched: number;
	limit: number;
	volume: VolumeChart | null;
	volumeError: QueryError | null;
	/** Width of one volume bar, e.g. `30s`. */
	volumeStep: string;
}

export interface MetricResult {
	kind: 'metric';
	expr: string;
	at: number;
	chart: ChartData;
}

export interface LogsStateOptions {
	engine: LogqlEngine;
	/** The throttled sim clock `behindBy` follows (the console's shared one); default a new one on `ticker`. */
	clock?: LiveClock;
	/** Wall-clock ticker when no `clock` is given (default: once a second). */
	ticker?: Ticker;
	range?: RangeId;
	limit?: LineLimit;
}

export class LogsState {
	readonly query: QueryBoxState;
	range = $state<RangeId>('1h');
	limit = $state<LineLimit>(5000);
	/** Result of the last successful run, or null. */
	result = $state.raw<LogsResult | MetricResult | null>(null);
	/** Error of a refresh (the box shows errors of runs). */
	refreshError = $state.raw<QueryError | null>(null);

	readonly #session: PanelSession;
	readonly #engine: LogqlEngine;
	#pending: LogsResult | MetricResult | null = null;
	/** Sim ms that have passed since the shown result was computed (0 without a result), updated once a tick. */
	readonly behindBy: number;

	constructor(session: PanelSession, options: LogsStateOptions) {
		this.#session = session;
		this.#engine = options.engine;
		this.range = options.range ?? '1h';
		this.limit = options.limit ?? 5000;
		const clock = options.clock ?? new LiveClock(() => session.now, options.ticker);
		this.query = new QueryBoxState({ attempt: (text) => (this.#pending = this.#evaluate(text)) });
		this.behindBy = $derived(
			this.result === null ? 0 : Math.max(0, session.startEpochMs + clock.now - this.result.at)
		);
	}

	/** Runs the text in the box; on success its result is shown and the query recorded. */
	run(): boolean {
		this.#pending = null;
		if (!this.query.run() || this.#pending === null) return false;
		this.result = this.#pending;
		this.refreshError = null;
		this.#session.recordQuery('logql', this.query.text);
		return true;
	}

	/** Re-runs the shown query up to the current sim time (e.g. after the range or limit changed). */
	refresh(): void {
		const expr = this.result?.expr;
		if (expr === undefined) return;
		try {
			this.result = this.#evaluate(expr);
			this.refreshError = null;
		} catch (e) {
			this.refreshError = toQueryError(e, expr);
		}
	}

	/** Evaluates `expr` now: a log query (lines + volume) or a metric query (a graph). Throws `QueryError`. */
	#evaluate(expr: string): LogsResult | MetricResult {
		this.#engine.check(expr);
		const at = this.#session.startEpochMs + this.#session.now;
		const span = rangeMs(this.range);
		const minStep = durationMs(this.#session.scenario.clock.scrapeInterval);
		if (this.#engine.isMetric(expr)) {
			const stepMs = chooseStep(span, minStep);
			const end = Math.floor(at / stepMs) * stepMs;
			const window: QueryWindow = { start: end - span, end, stepMs };
			return {
				kind: 'metric',
				expr,
				at,
				chart: toChartData([{ result: this.#engine.metricRange(expr, window), expr }], window)
			};
		}
		// Volume bars at t count the lines in (t - step, t]; the first bar starts at the step boundary at or before
		// `at - span`, and the lines are queried over exactly the bars' span, so both count the same lines.
		const stepMs = chooseStep(span, 1000, VOLUME_BARS);
		const from = Math.floor((at - span) / stepMs) * stepMs;
		const volumeWindow: QueryWindow = { start: from + stepMs, end: Math.ceil(at / stepMs) * stepMs, stepMs };
		const { lines, totalMatched } = this.#engine.logs(expr, { start: from + 1, end: at }, this.limit);
		let volume: VolumeChart | null = null;
		let volumeError: QueryError | null = null;
		try {
			volume = volumeChart(this.#engine.volume(expr, volumeWindow), volumeWindow);
		} catch (e) {
			volumeError = toQueryError(e, expr);
		}
		return {
			kind: 'logs',
			expr,
			at,
			rows: new LogRows(lines),
			totalMatched,
			limit: this.limit,
			volume,
			volumeError,
			volumeStep: formatDuration(stepMs)
		};
	}
}
