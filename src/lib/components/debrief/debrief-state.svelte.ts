/**
 * `DebriefState`: loads a recorded attempt for its debrief page. In two steps, so the page is useful at once:
 * 1. read the attempt and its scenario, and score the recorded event log with its written documents (fast);
 * 2. replay the drill from its seed and trainee events (a second or two of CPU) to draw the SLI chart — and to get
 *    the event log when the attempt has none stored.
 *
 * When the scenario file changed since the attempt (another content hash), the recorded scorecard is shown as it
 * was, and the chart is replayed on today's scenario with a notice. Without the scenario at all (an imported attempt
 * of a scenario this app does not ship), only the recorded scorecard is shown.
 */
import { getAttempt } from '../../persistence/attempts';
import type { AttemptRecord } from '../../persistence/records';
import { scoreDrill } from '../../scoring/drill';
import type { DrillScorecard } from '../../scoring/types';
import type { PanelSpec, Scenario } from '../../sim/scenario/schema';
import type { DrillEvent } from '../../sim/types';
import type { PanelData } from '../dashboard/panel-data';
import type { ProgressState } from '../../state/progress.svelte';
import { debriefMarkers, firstPageAt, type DebriefMarker } from './debrief';
import { debriefWindow } from './debrief-chart';
import { attemptEndAt, replayAttempt, sameLog, scrapeIntervalMs, sliData, sliPanel } from './replay';

export type DebriefStatus = 'loading' | 'ready' | 'error';
export type ChartStatus = 'pending' | 'ready' | 'unavailable';

export interface SliChartData {
	panel: PanelSpec;
	data: PanelData;
	markers: DebriefMarker[];
	startEpochMs: number;
	pageAt: number;
}

export interface DebriefDeps {
	progress: Pick<ProgressState, 'open'>;
	findScenario: (id: string) => { scenario: Scenario; version: string } | null;
	/** Runs CPU-heavy work after the page had a chance to paint (default: next frame, then a task). */
	defer?: (fn: () => void) => void;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

const browserDefer = (fn: () => void) => {
	if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
	else setTimeout(fn, 0);
};

export class DebriefState {
	status = $state.raw<DebriefStatus>('loading');
	error = $state.raw<string | null>(null);
	attempt = $state.raw<AttemptRecord | null>(null);
	/** The attempt belongs to a profile imported for review (nothing can be written for it). */
	imported = $state.raw(false);
	scenario = $state.raw<Scenario | null>(null);
	/** False when the scenario file changed since the attempt was played. */
	versionMatches = $state.raw(true);
	/** The drill's event log (recorded, or replayed when none was stored). */
	events = $state.raw<readonly DrillEvent[]>([]);
	scorecard = $state.raw<DrillScorecard | null>(null);
	chartStatus = $state.raw<ChartStatus>('pending');
	chart = $state.raw<SliChartData | null>(null);
	/** Why the chart is missing or may differ from what the trainee saw. */
	chartNote = $state.raw<string | null>(null);

	readonly #deps: DebriefDeps;
	#loads = 0;

	constructor(deps: DebriefDeps) {
		this.#deps = deps;
	}

	/** Loads attempt `id` (expected to be of scenario `scenarioId`, the page's route). */
	async load(id: string, scenarioId: string): Promise<void> {
		const load = ++this.#loads;
		this.status = 'loading';
		this.error = null;
		this.chart = null;
		this.chartStatus = 'pending';
		this.chartNote = null;
		try {
			const db = await this.#deps.progress.open();
			const attempt = await getAttempt(db, id);
			if (load !== this.#loads) return;
			if (!attempt) throw new Error('There is no such attempt in this browser. It may have been deleted.');
			if (attempt.scenarioId !== scenarioId)
				throw new Error(`That attempt is of another drill (${attempt.scenarioTitle}).`);
			const profile = await db.profiles.get(attempt.profileId);
			const found = this.#deps.findScenario(attempt.scenarioId);
			this.attempt = attempt;
			this.imported = profile?.imported ?? false;
			this.scenario = found?.scenario ?? null;
			this.versionMatches = found?.version === attempt.scenarioVersion;
			this.events = attempt.eventLog ?? [];
			this.scorecard = this.#score(attempt, this.events);
			this.status = 'ready';
		} catch (error) {
			if (load !== this.#loads) return;
			this.status = 'error';
			this.error = describe(error);
			return;
		}
		if (this.scenario === null) {
			this.chartStatus = 'unavailable';
			this.chartNote = 'This drill’s scenario is not part of this app, so it cannot be replayed.';
			return;
		}
		const defer = this.#deps.defer ?? browserDefer;
		await new Promise<void>((done) =>
			defer(() => {
				if (load === this.#loads) this.#replay();
				done();
			})
		);
	}

	/** Scores the attempt's event log on the current scenario, or falls back to the recorded scorecard. */
	#score(attempt: AttemptRecord, events: readonly DrillEvent[]): DrillScorecard | null {
		const scenario = this.scenario;
		if (!scenario || !this.versionMatches || events.length === 0) return attempt.scorecard;
		return scoreDrill({
			scenario,
			events,
			startEpochMs: Date.parse(scenario.clock.startsAt),
			artifacts: { runbook: attempt.artifacts.runbook, postmortem: attempt.artifacts.postmortem }
		});
	}

	#replay(): void {
		const attempt = this.attempt;
		const scenario = this.scenario;
		if (!attempt || !scenario) return;
		try {
			const drill = replayAttempt(scenario, attempt);
			const recorded = attempt.eventLog;
			if (!recorded) {
				this.events = drill.events;
				this.scorecard = this.#score(attempt, drill.events);
			}
			if (!this.versionMatches)
				this.chartNote =
					'The scenario changed since this drill was played; the chart replays today’s version and may differ from what you saw.';
			else if (recorded && !sameLog(recorded, drill.events))
				this.chartNote = 'The replay differs from the recorded drill; the chart may not match what you saw.';
			const sli = sliPanel(scenario);
			if (!sli) {
				this.chartStatus = 'unavailable';
				this.chartNote = 'This scenario has no SLI panel to draw.';
				return;
			}
			const events = recorded ?? drill.events;
			const pageAt = firstPageAt(events);
			const window = debriefWindow(
				drill.startEpochMs,
				pageAt,
				attemptEndAt(attempt),
				scrapeIntervalMs(scenario)
			);
			this.chart = {
				panel: sli.panel,
				data: sliData(drill, sli.panel, window),
				markers: debriefMarkers(events, scenario),
				startEpochMs: drill.startEpochMs,
				pageAt
			};
			this.chartStatus = 'ready';
		} catch (error) {
			this.chartStatus = 'unavailable';
			this.chartNote = `The drill could not be replayed: ${describe(error)}`;
		}
	}
}
