/**
 * What the writing editors grade and how: a runbook with `scoreRunbook` (the paged alert must be named), a
 * postmortem with `scorePostmortem` (timeline checked against the drill's event log, root cause against the answer
 * key). Plus the small facts the pages need about the two kinds. Pure.
 */
import { scorePostmortem } from '../../scoring/postmortem';
import { bandFor, type Band } from '../../scoring/rubric';
import { scoreRunbook } from '../../scoring/runbook';
import type { ScoreReport } from '../../scoring/types';
import type { AnswerKeySpec } from '../../sim/scenario/schema';
import type { DrillEvent } from '../../sim/types';
import type { ArtifactKind } from './templates';

export type { ArtifactKind } from './templates';

export const ARTIFACT_KINDS: readonly ArtifactKind[] = ['runbook', 'postmortem'];

export const ARTIFACT_LABELS: Record<ArtifactKind, { noun: string; title: string }> = {
	runbook: { noun: 'runbook', title: 'Runbook' },
	postmortem: { noun: 'postmortem', title: 'Postmortem' }
};

/** What the scorers may know about the drill the document is about; every field is optional. */
export interface WritingContext {
	/** The paged alert a runbook must name. */
	alertName?: string;
	/** The drill's event log (postmortem timeline accuracy). */
	events?: readonly DrillEvent[];
	/** Unix ms of sim time 0 (to read the log's times as UTC clock times). */
	startEpochMs?: number;
	/** The scenario's answer key (postmortem root cause). */
	answerKey?: AnswerKeySpec;
}

/** The kind named by a query parameter, or null when it names none. */
export function parseArtifactKind(value: string | null | undefined): ArtifactKind | null {
	return value === 'runbook' || value === 'postmortem' ? value : null;
}

/** Scores `markdown` as a document of `kind` against its rubric. Deterministic; 0–100. */
export function scoreArtifact(kind: ArtifactKind, markdown: string, ctx: WritingContext = {}): ScoreReport {
	if (kind === 'runbook') return scoreRunbook(markdown, { alertName: ctx.alertName });
	return scorePostmortem(markdown, {
		events: ctx.events,
		startEpochMs: ctx.startEpochMs,
		answerKey: ctx.answerKey
	});
}

/** The band (strong / meets the bar / developing / weak) of a 0–100 score. */
export function scoreBand(score: number): Band {
	return bandFor(score);
}

/** The alert of the first page in an event log, if any (a drill's runbook is for the alert that paged). */
export function pagedAlert(events: readonly DrillEvent[]): string | undefined {
	const page = events.find((e) => e.type === 'page.sent');
	return page?.type === 'page.sent' ? page.alertname : undefined;
}
