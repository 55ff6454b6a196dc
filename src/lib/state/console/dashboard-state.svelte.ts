/**
 * State of the Dashboards panel for one drill session: which dashboard is shown, the time range, and the query
 * window that moves with sim time (throttled by a `LiveClock`). Panels evaluate their PromQL through `evaluate()`
 * inside a `$derived`, so they recompute only when the window moves by a whole step or the range changes.
 */
import { durationMs } from '$lib/sim/duration';
import type { DashboardSpec, PanelSpec } from '$lib/sim/scenario/schema';
import {
	annotationsInRange,
	buildAnnotations,
	type ChartAnnotation
} from '$lib/components/dashboard/annotations';
import {
	alignEnd,
	chooseStep,
	evaluatePanel,
	rangeMs,
	type PanelData,
	type QueryWindow,
	type RangeEvaluator,
	type RangeId
} from '$lib/components/dashboard/panel-data';
import { LiveClock, type Ticker } from './live-clock.svelte';
import type { PanelSession } from './query-panel.svelte';

export interface DashboardStateOptions {
	/** Runs a PromQL range query over the drill's metrics. */
	evaluate: RangeEvaluator;
	/** The throttled sim clock the window follows (the console's shared one); default a new one on `ticker`. */
	clock?: LiveClock;
	/** Wall-clock ticker for live updates when no `clock` is given (default: once a second). */
	ticker?: Ticker;
	/** Initial range. Default `1h`. */
	range?: RangeId;
}

export class DashboardState {
	/** Id of the dashboard on screen (empty before the first selection: the scenario's first dashboard). */
	selectedId = $state('');
	range = $state<RangeId>('1h');

	/** The dashboard on screen. */
	readonly selected: DashboardSpec;
	/** Minimum query step: the scenario's scrape interval (finer steps would only repeat samples). */
	readonly minStepMs: number;
	/** Step of the range queries for the current range. */
	readonly stepMs: number;
	/** End of the window (Unix ms): now rounded down to the step. A number, so it changes only when it moves. */
	readonly end: number;
	/** The window every panel queries: the last `range` before now. */
	readonly window: QueryWindow;
	/** Deploy, rollback and flag-change markers of the whole drill so far. */
	readonly annotations: ChartAnnotation[];
	/** The markers inside the current window. */
	readonly visibleAnnotations: ChartAnnotation[];

	readonly #session: PanelSession;
	readonly #evaluate: RangeEvaluator;

	constructor(session: PanelSession, options: DashboardStateOptions) {
		this.#session = session;
		this.#evaluate = options.evaluate;
		this.range = options.range ?? '1h';
		const clock = options.clock ?? new LiveClock(() => session.now, options.ticker);
		this.selected = $derived(this.dashboards.find((d) => d.id === this.selectedId) ?? this.dashboards[0]);
		this.minStepMs = $derived(durationMs(session.scenario.clock.scrapeInterval));
		this.stepMs = $derived(chooseStep(rangeMs(this.range), this.minStepMs));
		this.end = $derived(alignEnd(session.startEpochMs + clock.now, this.stepMs));
		this.window = $derived({ start: this.end - rangeMs(this.range), end: this.end, stepMs: this.stepMs });
		this.annotations = $derived(buildAnnotations(session.deploys, session.flags, session.startEpochMs));
		this.visibleAnnotations = $derived(
			annotationsInRange(this.annotations, this.window.start / 1000, this.window.end / 1000)
		);
	}

	/** The scenario's dashboards. */
	get dashboards(): DashboardSpec[] {
		return this.#session.scenario.dashboards;
	}

	/** Evaluates a panel's queries over the current window (call inside `$derived`). */
	evaluate(panel: Pick<PanelSpec, 'queries'>): PanelData {
		return evaluatePanel(panel.queries, this.window, this.#evaluate);
	}

	/** Shows another dashboard and records that the trainee opened it. */
	select(id: string): void {
		if (id === this.selected.id) return;
		this.selectedId = id;
		this.#session.recordView('dashboard', id);
	}

	/** Records that the trainee opened (enlarged) a panel. */
	openPanel(panelId: string): void {
		this.#session.recordView('dashboard', panelId);
	}
}
