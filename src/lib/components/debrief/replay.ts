/**
 * Rebuilding a recorded drill for its debrief: the same scenario, seed and trainee events replay it exactly,
 * metrics included, so the SLI chart shows what the trainee saw. Pure (CPU-heavy: generating hours of history takes
 * a second or two, so callers run it after the page has painted).
 */
import type { Drill } from '../../sim/drill-api';
import { createDrill } from '../../sim/drill';
import { durationMs } from '../../sim/duration';
import type { DashboardSpec, PanelSpec, Scenario } from '../../sim/scenario/schema';
import type { DrillEvent, SimMs, TimedTraineeEvent } from '../../sim/types';
import { evaluatePanel, type PanelData, type QueryWindow } from '../dashboard/panel-data';
import { promqlEngine } from '../explore/promql-engine';

/** The parts of an attempt a replay needs. */
export interface ReplaySource {
	seed: number;
	scenarioVersion: string;
	traineeEvents: readonly TimedTraineeEvent[];
	/** Sim time the attempt reached. */
	simNow: SimMs;
	/** The recorded event log, when the drill ended. */
	eventLog?: readonly DrillEvent[];
}

/** Sim time a recorded attempt ended at: its `drill.end`, else how far it got. */
export function attemptEndAt(source: Pick<ReplaySource, 'simNow' | 'eventLog'>): SimMs {
	return source.eventLog?.find((e) => e.type === 'drill.end')?.at ?? source.simNow;
}

/** Replays an attempt on `scenario` up to where it ended. */
export function replayAttempt(scenario: Scenario, source: ReplaySource): Drill {
	const drill = createDrill(scenario, {
		seed: source.seed,
		version: source.scenarioVersion,
		events: source.traineeEvents
	});
	drill.advanceTo(attemptEndAt(source));
	return drill;
}

/**
 * True when a replayed event log is the recorded one (same events at the same times). A scenario edited since the
 * attempt was played can replay differently; the debrief then says its chart may not match.
 */
export function sameLog(recorded: readonly DrillEvent[], replayed: readonly DrillEvent[]): boolean {
	if (recorded.length !== replayed.length) return false;
	return recorded.every((e, i) => e.type === replayed[i].type && e.at === replayed[i].at);
}

/** The scenario's main SLI panel (`sli: true`), else the first time-series panel, with its dashboard; or null. */
export function sliPanel(scenario: Scenario): { dashboard: DashboardSpec; panel: PanelSpec } | null {
	for (const dashboard of scenario.dashboards) {
		const panel = dashboard.panels.find((p) => p.sli);
		if (panel) return { dashboard, panel };
	}
	for (const dashboard of scenario.dashboards) {
		const panel = dashboard.panels.find((p) => p.kind === 'timeseries');
		if (panel) return { dashboard, panel };
	}
	return null;
}

/** The panel's queries over `window` on the replayed drill's metrics. */
export function sliData(drill: Drill, panel: PanelSpec, window: QueryWindow): PanelData {
	return evaluatePanel(panel.queries, window, promqlEngine(drill.metrics).range);
}

/** The scrape interval of a scenario in ms (the finest useful query step). */
export function scrapeIntervalMs(scenario: Scenario): number {
	return durationMs(scenario.clock.scrapeInterval);
}
