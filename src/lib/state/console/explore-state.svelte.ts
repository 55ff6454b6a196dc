/**
 * State of the Explore panel for one drill session: the PromQL box, the last query that ran, the time range, and
 * its graph (range query) and table (instant query at the end of the window). Results follow sim time live,
 * recomputed at most once per wall-clock tick and only when the window moved by a whole step.
 */
import { durationMs } from '$lib/sim/duration';
import type { QueryError, QueryResult } from '$lib/query/types';
import {
	alignEnd,
	chooseStep,
	rangeMs,
	toChartData,
	type ChartData,
	type QueryWindow,
	type RangeId
} from '$lib/components/dashboard/panel-data';
import type { PromqlEngine } from '$lib/components/explore/promql-engine';
import { tableRows, type TableRows } from '$lib/components/explore/result-table';
import { LiveClock, type Ticker } from './live-clock.svelte';
import { QueryBoxState, toQueryError, type PanelSession } from './query-panel.svelte';

/** Series drawn at most in an Explore graph (a wide result still lists everything in the table). */
export const EXPLORE_MAX_SERIES = 100;

export interface ExploreStateOptions {
	engine: PromqlEngine;
	/** The throttled sim clock results follow (the console's shared one); default a new one on `ticker`. */
	clock?: LiveClock;
	/** Wall-clock ticker when no `clock` is given (default: once a second). */
	ticker?: Ticker;
	range?: RangeId;
}

export interface GraphOutput {
	chart: ChartData | null;
	error: QueryError | null;
}

export interface TableOutput {
	table: TableRows | null;
	/** Unix ms the instant query ran at. */
	at: number;
	error: QueryError | null;
}

export class ExploreState {
	readonly query: QueryBoxState;
	/** The query whose results are shown (the last one that ran), or null. */
	submitted = $state<string | null>(null);
	range = $state<RangeId>('1h');

	readonly engine: PromqlEngine;
	/** Minimum query step: the scenario's scrape interval. */
	readonly minStepMs: number;
	/** Step of the range query for the current range. */
	readonly stepMs: number;
	/** End of the window (Unix ms): now rounded down to the step. */
	readonly end: number;
	/** The window of the graph: the last `range` before now. */
	readonly window: QueryWindow;
	/** Graph of the submitted query over the window. */
	readonly graph: GraphOutput | null;
	/** Instant result of the submitted query at the end of the window. */
	readonly table: TableOutput | null;

	readonly #session: PanelSession;
	/** Where the current text came from when it was opened from a dashboard panel. */
	#origin: { expr: string; panel: string } | null = null;
	/** The range result computed by `run()`, reused by `graph` for the same query and window. */
	#primed: { key: string; result: QueryResult } | null = null;

	constructor(session: PanelSession, options: ExploreStateOptions) {
		this.#session = session;
		this.engine = options.engine;
		this.range = options.range ?? '1h';
		const clock = options.clock ?? new LiveClock(() => session.now, options.ticker);
		this.query = new QueryBoxState({ attempt: (text) => this.#attempt(text) });
		this.minStepMs = $derived(durationMs(session.scenario.clock.scrapeInterval));
		this.stepMs = $derived(chooseStep(rangeMs(this.range), this.minStepMs));
		this.end = $derived(alignEnd(session.startEpochMs + clock.now, this.stepMs));
		this.window = $derived({ start: this.end - rangeMs(this.range), end: this.end, stepMs: this.stepMs });
		this.graph = $derived.by(() => this.#graph());
		this.table = $derived.by(() => this.#table());
	}

	#graph(): GraphOutput | null {
		const expr = this.submitted;
		if (expr === null) return null;
		const w = this.window;
		try {
			const result = this.#range(expr, w);
			if (result.resultType === 'string') return { chart: null, error: null };
			return { chart: toChartData([{ result, expr }], w, EXPLORE_MAX_SERIES), error: null };
		} catch (e) {
			return { chart: null, error: toQueryError(e, expr) };
		}
	}

	#table(): TableOutput | null {
		const expr = this.submitted;
		if (expr === null) return null;
		const at = this.window.end;
		try {
			return { table: tableRows(this.engine.instant(expr, at)), at, error: null };
		} catch (e) {
			return { table: null, at, error: toQueryError(e, expr) };
		}
	}

	/** Runs the text in the box: on success it becomes the submitted query and is recorded. */
	run(): boolean {
		if (!this.query.run()) return false;
		const expr = this.query.text;
		this.submitted = expr;
		const panel = this.#origin?.expr === expr ? this.#origin.panel : undefined;
		this.#session.recordQuery('promql', expr, panel);
		return true;
	}

	/** Opens `expr` (e.g. from a dashboard panel) in the box and runs it. */
	open(expr: string, panelId?: string): boolean {
		this.#origin = panelId === undefined ? null : { expr, panel: panelId };
		this.query.set(expr);
		return this.run();
	}

	#range(expr: string, w: QueryWindow): QueryResult {
		const key = `${w.start}:${w.end}:${w.stepMs}:${expr}`;
		if (this.#primed?.key === key) return this.#primed.result;
		return this.engine.range(expr, w);
	}

	/** Parses and evaluates once, so a bad query fails in the box instead of in the results. */
	#attempt(text: string): void {
		this.engine.check(text);
		const w = this.window;
		const result = this.engine.range(text, w);
		this.#primed = { key: `${w.start}:${w.end}:${w.stepMs}:${text}`, result };
	}
}
