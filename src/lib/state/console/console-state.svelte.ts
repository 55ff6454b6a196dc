/**
 * `ConsoleState`: everything the drill console keeps for one drill session besides the drill itself — the console
 * UI (tab, dialogs, runbook shown), the throttled clock the live panels follow, and the Dashboards, Explore and Logs
 * panel states. Panels only read and call it, so a panel that unmounts (a tab switch) and mounts again finds its
 * query, range and results where it left them, still following sim time.
 *
 * Ownership: every `$derived` of the panel states is created inside an `$effect.root` that this object owns, so the
 * deriveds live exactly as long as the console state — never as long as the first panel that happened to read
 * them. Whoever creates it (the console component, once per session) calls `destroy()` when the session goes.
 */
import { logqlEngine } from '$lib/components/logs/logql-engine';
import { promqlEngine } from '$lib/components/explore/promql-engine';
import type { DrillSession } from '../drill-session.svelte';
import { ConsoleUi } from './console-ui.svelte';
import { DashboardState } from './dashboard-state.svelte';
import { ExploreState } from './explore-state.svelte';
import { LiveClock, type Ticker } from './live-clock.svelte';
import { LogsState } from './logs-state.svelte';

export interface ConsoleStateOptions {
	/** Wall-clock ticker of the live panels (default: once a second). Tests tick by hand. */
	ticker?: Ticker;
}

/** What the console state needs from the drill session (a `DrillSession` is one; tests pass fakes). */
export type ConsoleSession = Pick<
	DrillSession,
	'drill' | 'now' | 'startEpochMs' | 'scenario' | 'deploys' | 'flags' | 'ended' | 'recordQuery' | 'recordView'
>;

export class ConsoleState {
	/** Active tab, dialogs and runbook shown. */
	readonly ui: ConsoleUi;
	/** Sim time as the live panels see it: re-read once per wall-clock tick, shared by all of them. */
	readonly clock: LiveClock;
	/** The Dashboards panel: dashboard shown, range, and the window that follows sim time. */
	readonly dashboard: DashboardState;
	/** The Explore panel: PromQL box, submitted query, its graph and instant table. */
	readonly explore: ExploreState;
	/** The Logs panel: LogQL box, range, line limit and the last result. */
	readonly logs: LogsState;

	readonly #dispose: () => void;
	#destroyed = false;

	constructor(session: ConsoleSession, options: ConsoleStateOptions = {}) {
		const clock = new LiveClock(() => session.now, options.ticker);
		let made: Pick<ConsoleState, 'ui' | 'dashboard' | 'explore' | 'logs'> | undefined;
		this.#dispose = $effect.root(() => {
			const promql = promqlEngine(session.drill.metrics);
			made = {
				ui: new ConsoleUi(session),
				dashboard: new DashboardState(session, { evaluate: promql.range, clock }),
				explore: new ExploreState(session, { engine: promql, clock }),
				logs: new LogsState(session, { engine: logqlEngine(session.drill.logs), clock })
			};
		});
		if (!made) throw new Error('ConsoleState: the panel states were not created');
		this.clock = clock;
		this.ui = made.ui;
		this.dashboard = made.dashboard;
		this.explore = made.explore;
		this.logs = made.logs;
	}

	/** True once `destroy()` ran. */
	get destroyed(): boolean {
		return this.#destroyed;
	}

	/**
	 * Puts `expr` in the Explore box, runs it (recorded with `panelId` when it comes from a dashboard panel) and
	 * shows the Explore tab. Returns false when the query failed (the box shows why).
	 */
	openInExplore(expr: string, panelId?: string): boolean {
		const ok = this.explore.open(expr, panelId);
		this.ui.selectTab('explore');
		return ok;
	}

	/** Releases the panel states' deriveds. Call once, when the console for this session goes away. */
	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#dispose();
	}
}
