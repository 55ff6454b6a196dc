/**
 * `WriteView`: what the writing page needs for one attempt and document kind — the attempt, what the scorer may know
 * about the drill (its event log, the paged alert, the answer key), the drill's timeline for postmortems, the text to
 * start from (draft, else the submitted document, else the template) and the `WritingSession` that grades, saves
 * and submits it.
 */
import { alertBriefs, type AlertBrief } from '$lib/components/editor/alert-brief';
import { attemptWritingStore } from '$lib/components/editor/attempt-store';
import { templateFor, type ArtifactKind } from '$lib/components/editor/templates';
import { drillTimeline, timelineMarkdown } from '$lib/components/editor/timeline';
import { pagedAlert, type WritingContext } from '$lib/components/editor/writing';
import { WritingSession } from '$lib/components/editor/writing-session.svelte';
import { replayAttempt } from '$lib/components/debrief/replay';
import { getAttempt } from '$lib/persistence/attempts';
import { getDraft } from '$lib/persistence/drafts';
import type { AttemptRecord } from '$lib/persistence/records';
import { scoreDrill } from '$lib/scoring/drill';
import type { Scenario } from '$lib/sim/scenario/schema';
import type { DrillEvent } from '$lib/sim/types';
import type { ProgressState } from '$lib/state/progress.svelte';

export interface WriteViewDeps {
	progress: Pick<ProgressState, 'open' | 'changed'>;
	findScenario: (id: string) => { scenario: Scenario; version: string } | null;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export class WriteView {
	status = $state.raw<'loading' | 'ready' | 'error'>('loading');
	error = $state.raw<string | null>(null);
	attempt = $state.raw<AttemptRecord | null>(null);
	session = $state.raw<WritingSession | null>(null);
	template = $state.raw('');
	/** The drill's timeline as a Markdown table (postmortems only). */
	timeline = $state.raw<string | null>(null);
	/** The paged alert's rule (runbooks only). */
	alert = $state.raw<AlertBrief | null>(null);
	/** Why nothing is saved here, when that is so. */
	readOnlyReason = $state.raw<string | null>(null);

	readonly #deps: WriteViewDeps;

	constructor(deps: WriteViewDeps) {
		this.#deps = deps;
	}

	/** Loads attempt `attemptId` of scenario `scenarioId` for writing a document of `kind`. */
	async load(scenarioId: string, attemptId: string, kind: ArtifactKind): Promise<void> {
		this.dispose();
		this.status = 'loading';
		try {
			const db = await this.#deps.progress.open();
			const attempt = await getAttempt(db, attemptId);
			if (!attempt) throw new Error('There is no such attempt in this browser. It may have been deleted.');
			if (attempt.scenarioId !== scenarioId)
				throw new Error(`That attempt is of another drill (${attempt.scenarioTitle}).`);
			const found = this.#deps.findScenario(scenarioId);
			const profile = await db.profiles.get(attempt.profileId);
			const scenario = found?.scenario ?? null;
			const sameVersion = found?.version === attempt.scenarioVersion;
			const startEpochMs = scenario ? Date.parse(scenario.clock.startsAt) : undefined;
			const events: readonly DrillEvent[] =
				attempt.eventLog ?? (scenario ? replayAttempt(scenario, attempt).events : []);
			const alertName = pagedAlert(events);
			const context: WritingContext = {
				alertName,
				events,
				startEpochMs,
				answerKey: scenario?.answerKey
			};
			this.alert =
				(scenario && alertName && alertBriefs(scenario).find((a) => a.alert === alertName)) || null;
			this.timeline =
				kind === 'postmortem' && scenario && startEpochMs !== undefined && events.length > 0
					? timelineMarkdown(drillTimeline(events, scenario, startEpochMs))
					: null;
			this.template = templateFor(kind, {
				alertName,
				title: attempt.scenarioTitle,
				date: attempt.startedAt.slice(0, 10)
			});
			this.readOnlyReason = profile?.imported
				? 'This attempt was imported for review, so nothing can be written for it here.'
				: null;
			const draft = await getDraft(db, attempt.id, kind);
			const store = this.readOnlyReason
				? null
				: attemptWritingStore({
						db,
						attemptId: attempt.id,
						kind,
						rescore: (a) =>
							scenario && sameVersion && startEpochMs !== undefined
								? scoreDrill({
										scenario,
										events: a.eventLog ?? events,
										startEpochMs,
										artifacts: { runbook: a.artifacts.runbook, postmortem: a.artifacts.postmortem }
									})
								: null,
						onStored: async (a) => {
							this.attempt = a;
							await this.#deps.progress.changed({ type: 'attempt.ended', attemptId: a.id });
						}
					});
			this.attempt = attempt;
			this.session = new WritingSession({
				kind,
				context,
				initialText: draft?.text ?? attempt.artifacts[kind] ?? this.template,
				store
			});
			this.status = 'ready';
		} catch (error) {
			this.status = 'error';
			this.error = describe(error);
		}
	}

	/** Saves what is pending (leaving the page). */
	flush(): void {
		void this.session?.flush();
	}

	dispose(): void {
		void this.session?.dispose();
	}
}
