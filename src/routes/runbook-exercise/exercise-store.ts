/**
 * Storage of the standalone runbook exercise: it belongs to no drill attempt, so its draft and last submitted
 * result live in the browser's `localStorage`, one entry per alert. Storage failures (private windows, quota) are
 * reported to the session like any other failed save.
 */
import type { WritingStore } from '$lib/components/editor/writing-session.svelte';

/** `localStorage` key prefix of the exercise. */
export const EXERCISE_KEY = 'pagerdrill.runbook-exercise';

/** What was last submitted for an alert. */
export interface ExerciseSubmission {
	text: string;
	score: number;
	/** ISO-8601 wall-clock time. */
	at: string;
}

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const draftKey = (alertId: string) => `${EXERCISE_KEY}.draft.${alertId}`;
const submittedKey = (alertId: string) => `${EXERCISE_KEY}.submitted.${alertId}`;

/** The saved draft of an alert's runbook, or null. */
export function loadExerciseDraft(storage: KeyValue | null, alertId: string): string | null {
	try {
		return storage?.getItem(draftKey(alertId)) ?? null;
	} catch {
		return null;
	}
}

/** The last submission for an alert, or null. */
export function loadExerciseSubmission(storage: KeyValue | null, alertId: string): ExerciseSubmission | null {
	try {
		const raw = storage?.getItem(submittedKey(alertId));
		if (!raw) return null;
		const value = JSON.parse(raw) as Partial<ExerciseSubmission>;
		return typeof value.text === 'string' && typeof value.score === 'number' && typeof value.at === 'string'
			? { text: value.text, score: value.score, at: value.at }
			: null;
	} catch {
		return null;
	}
}

/** The writing store of the exercise for one alert. `now` is the wall clock. */
export function exerciseStore(
	storage: KeyValue | null,
	alertId: string,
	now: () => Date = () => new Date()
): WritingStore {
	const need = (): KeyValue => {
		if (!storage) throw new Error('this browser does not allow local storage');
		return storage;
	};
	return {
		async saveDraft(text) {
			need().setItem(draftKey(alertId), text);
		},
		async submit(text, report) {
			const s = need();
			const submission: ExerciseSubmission = { text, score: report.score, at: now().toISOString() };
			s.setItem(submittedKey(alertId), JSON.stringify(submission));
			s.removeItem(draftKey(alertId));
			return { artifactScore: report.score, drill: null };
		}
	};
}
