/**
 * The {@link WritingStore} of a drill attempt: drafts go to the drafts table (`saveDraft`), a submit records the
 * document on the attempt (`recordArtifact`, with its score) and — when the drill has finished — re-scores the whole
 * attempt with its written documents, so the documentation checks of the scorecard (and the progress page's KPIs)
 * include them.
 */
import { getAttempt, recordArtifact } from '../../persistence/attempts';
import { deleteDraft, saveDraft } from '../../persistence/drafts';
import { PersistenceError } from '../../persistence/errors';
import type { AttemptRecord } from '../../persistence/records';
import type { ProgressDb } from '../../persistence/store';
import type { DrillScorecard, ScoreReport } from '../../scoring/types';
import type { ArtifactKind } from './templates';
import type { SubmitResult, WritingStore } from './writing-session.svelte';

export interface AttemptStoreOptions {
	db: ProgressDb;
	attemptId: string;
	kind: ArtifactKind;
	/**
	 * Scores a finished attempt (its event log plus its artifacts), or null when it cannot be scored here (scenario
	 * missing). Called after the artifact is recorded.
	 */
	rescore: (attempt: AttemptRecord) => DrillScorecard | null;
	/** Called after a submit was stored (e.g. `progress.changed`, so other pages and tabs reload). */
	onStored?: (attempt: AttemptRecord) => Promise<void> | void;
}

/**
 * Replaces the scorecard of a finished attempt. Throws `not-found` when the attempt is gone and `conflict` when it
 * is not finished (an in-progress attempt is scored when it ends; an abandoned one is not scored).
 *
 * This belongs in `persistence/attempts.ts` next to `recordArtifact`; it lives here until it moves there.
 */
export async function saveScorecard(
	db: ProgressDb,
	attemptId: string,
	scorecard: DrillScorecard
): Promise<AttemptRecord> {
	const at = db.now().toISOString();
	return db.transaction(async (tx) => {
		const attempt = await tx.attempts.get(attemptId);
		if (!attempt) throw new PersistenceError('not-found', 'That attempt no longer exists.');
		if (attempt.status !== 'finished')
			throw new PersistenceError('conflict', 'Only a finished drill has a scorecard to update.');
		const next: AttemptRecord = { ...attempt, scorecard, updatedAt: at };
		await tx.attempts.put(next);
		return next;
	});
}

/** The writing store of attempt `attemptId` for documents of `kind`. */
export function attemptWritingStore(options: AttemptStoreOptions): WritingStore {
	const { db, attemptId, kind } = options;
	return {
		async saveDraft(text) {
			await saveDraft(db, attemptId, kind, text);
		},
		async submit(text: string, report: ScoreReport): Promise<SubmitResult> {
			const before = (await getAttempt(db, attemptId))?.scorecard?.score ?? null;
			let attempt = await recordArtifact(db, attemptId, kind, text, report.score);
			let drill: SubmitResult['drill'] = null;
			if (attempt.status === 'finished') {
				const scorecard = options.rescore(attempt);
				if (scorecard) {
					attempt = await saveScorecard(db, attemptId, scorecard);
					drill = { before, after: scorecard.score };
				}
			}
			// The submitted text is the document of record now; no draft is left behind.
			await deleteDraft(db, attemptId, kind);
			await options.onStored?.(attempt);
			return { artifactScore: report.score, drill };
		}
	};
}
