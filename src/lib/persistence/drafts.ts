/**
 * Drafts: text the trainee is still writing (runbook, postmortem, status update, notes), one per attempt and kind,
 * saved as they type so a reload loses nothing. Submitting turns a draft into an artifact (`recordArtifact`).
 */
import { PersistenceError } from './errors';
import type { DraftKind, DraftRecord } from './records';
import type { ProgressDb } from './store';

/** Longest draft kept, in characters (a long postmortem is ~30 000). */
export const MAX_DRAFT_LENGTH = 200_000;

/** Saves (creates or replaces) the draft of `kind` for an attempt. Throws `not-found` or `invalid`. */
export async function saveDraft(
	db: ProgressDb,
	attemptId: string,
	kind: DraftKind,
	text: string
): Promise<DraftRecord> {
	if (text.length > MAX_DRAFT_LENGTH) {
		throw new PersistenceError('invalid', `A draft can have at most ${MAX_DRAFT_LENGTH} characters.`);
	}
	const updatedAt = db.now().toISOString();
	return db.transaction(async (tx) => {
		const attempt = await tx.attempts.get(attemptId);
		if (!attempt) throw new PersistenceError('not-found', 'That attempt no longer exists.');
		const draft: DraftRecord = { attemptId, kind, profileId: attempt.profileId, text, updatedAt };
		await tx.drafts.put(draft);
		return draft;
	});
}

/** The draft of `kind` for an attempt, or undefined. */
export async function getDraft(
	db: ProgressDb,
	attemptId: string,
	kind: DraftKind
): Promise<DraftRecord | undefined> {
	return db.drafts.get([attemptId, kind]);
}

/** All drafts of an attempt, by kind. */
export async function listDrafts(db: ProgressDb, attemptId: string): Promise<DraftRecord[]> {
	return db.drafts.where('attemptId', attemptId);
}

/** Deletes a draft (e.g. once it was submitted as an artifact). */
export async function deleteDraft(db: ProgressDb, attemptId: string, kind: DraftKind): Promise<void> {
	await db.drafts.delete([attemptId, kind]);
}
