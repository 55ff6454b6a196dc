/** Interview sessions (placeholder storage; interview mode owns the `state` contents). */
import type { InterviewRecord } from './records';
import type { ProgressDb } from './store';

/** Creates or replaces an interview session; a join code used by another session is rejected (`ConstraintError`). */
export async function saveInterview(db: ProgressDb, interview: InterviewRecord): Promise<void> {
	await db.interviews.put(interview);
}

/** One interview session by id, or undefined. */
export async function getInterview(db: ProgressDb, id: string): Promise<InterviewRecord | undefined> {
	return db.interviews.get(id);
}

/** The session with a join code (codes are unique), if any. */
export async function findInterviewByCode(
	db: ProgressDb,
	code: string
): Promise<InterviewRecord | undefined> {
	const [match] = await db.interviews.where('code', code);
	return match;
}

/** Deletes an interview session. */
export async function deleteInterview(db: ProgressDb, id: string): Promise<void> {
	await db.interviews.delete(id);
}
