/**
 * The state of one interview session, kept in the `state` field of its `InterviewRecord`: what the interviewer set
 * up, how far the candidate got, and the interviewer's notes and ratings. Validated with zod whenever it is read
 * (it lives in the browser's storage, which anyone can edit). Transitions are pure functions that return a new
 * state and are idempotent, because the candidate's and the interviewer's tabs both write to the record.
 *
 * Order of the exercises: the incident triage simulation first (when chosen), then the runbook writing exercise.
 * Time boxes are wall-clock: an exercise ends at `startedAt + timeBox` whatever happens to the tab in between.
 */
import { z } from 'zod';
import { DIMENSION_IDS, type DimensionId } from './dimensions';
import type { RatingEntry } from './rating';
import type { ExerciseId } from './exercises';

export const STATE_VERSION = 1;

const Iso = z.iso.datetime({ offset: true });
const Exercise = z.enum(['triage', 'runbook']);

/** Why an exercise ended: its time box ran out, the candidate handed in, or (triage) the incident closed. */
export const EndedBy = z.enum(['time-box', 'candidate', 'incident-closed']);
export type EndedBy = z.infer<typeof EndedBy>;

export const InterviewConfig = z.object({
	/** Content hash of the scenario file when the session was set up (fairness: every candidate gets this one). */
	scenarioVersion: z.string().min(1),
	scenarioTitle: z.string().min(1),
	/** Who runs the interview (shown on the report). */
	interviewer: z.string(),
	/** Incident triage simulation: its time box (wall ms), or null when not part of this interview. */
	triage: z.object({ timeBoxMs: z.number().int().positive() }).nullable(),
	/** Runbook writing exercise for one alert of the scenario, or null. */
	runbook: z
		.object({
			timeBoxMs: z.number().int().positive(),
			/** `<scenario id>/<alert name>` (see `alertBriefs`). */
			alertId: z.string().min(1),
			alertName: z.string().min(1)
		})
		.nullable()
});
export type InterviewConfig = z.infer<typeof InterviewConfig>;

const TriageProgress = z.object({
	attemptId: z.string().nullable(),
	startedAt: Iso.nullable(),
	endedAt: Iso.nullable(),
	endedBy: EndedBy.nullable(),
	/** Sim time (ms) the drill had reached when it ended. */
	endedAtSimMs: z.number().nullable()
});

const RunbookProgress = z.object({
	startedAt: Iso.nullable(),
	endedAt: Iso.nullable(),
	endedBy: EndedBy.nullable(),
	/** The runbook as last saved (Markdown). */
	text: z.string(),
	savedAt: Iso.nullable()
});

export const Note = z.object({
	id: z.string().min(1),
	/** Wall-clock time the note was written (ISO-8601). */
	at: Iso,
	/** Sim time of the candidate's drill when the note was written, when it was running. */
	simMs: z.number().nullable(),
	/** The exercise running when the note was written. */
	exercise: Exercise.nullable(),
	text: z.string().min(1)
});
export type Note = z.infer<typeof Note>;

const Rating = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const RatingEntrySchema = z.object({ rating: Rating, reason: z.string(), at: Iso });

export const InterviewState = z.object({
	version: z.literal(STATE_VERSION),
	config: InterviewConfig,
	candidate: z.object({ triage: TriageProgress, runbook: RunbookProgress }),
	review: z.object({
		notes: z.array(Note),
		ratings: z.partialRecord(z.enum(DIMENSION_IDS as [DimensionId, ...DimensionId[]]), RatingEntrySchema)
	})
});
export type InterviewState = z.infer<typeof InterviewState>;

/** Where the candidate is. */
export type CandidatePhase =
	/** Nothing started: the welcome page with the rules. */
	| 'welcome'
	| 'triage'
	/** The simulation ended; the runbook exercise has not started. */
	| 'runbook-ready'
	| 'runbook'
	| 'done';

/** Unix ms as the ISO-8601 UTC timestamp stored in the state. */
export function isoTime(ms: number): string {
	return new Date(ms).toISOString();
}

/** A fresh state for a session set up with `config`. */
export function newInterviewState(config: InterviewConfig): InterviewState {
	if (!config.triage && !config.runbook) throw new Error('An interview needs at least one exercise');
	return {
		version: STATE_VERSION,
		config,
		candidate: {
			triage: { attemptId: null, startedAt: null, endedAt: null, endedBy: null, endedAtSimMs: null },
			runbook: { startedAt: null, endedAt: null, endedBy: null, text: '', savedAt: null }
		},
		review: { notes: [], ratings: {} }
	};
}

/** Parses a stored state; returns null (never throws) when it is not a valid interview state. */
export function parseInterviewState(value: unknown): InterviewState | null {
	const parsed = InterviewState.safeParse(value);
	return parsed.success ? parsed.data : null;
}

/** The exercises of a session, in the order they run. */
export function exercisesOf(state: InterviewState): ExerciseId[] {
	const out: ExerciseId[] = [];
	if (state.config.triage) out.push('triage');
	if (state.config.runbook) out.push('runbook');
	return out;
}

/** Where the candidate is (see {@link CandidatePhase}). */
export function candidatePhase(state: InterviewState): CandidatePhase {
	const { triage, runbook } = state.candidate;
	if (state.config.triage) {
		if (!triage.startedAt) return 'welcome';
		if (!triage.endedAt) return 'triage';
	}
	if (state.config.runbook) {
		if (!runbook.startedAt) return state.config.triage ? 'runbook-ready' : 'welcome';
		if (!runbook.endedAt) return 'runbook';
	}
	return 'done';
}

/** The exercise running now, or null. */
export function runningExercise(state: InterviewState): ExerciseId | null {
	const phase = candidatePhase(state);
	return phase === 'triage' || phase === 'runbook' ? phase : null;
}

/** A phase in words, for lists and the interviewer. */
export const PHASE_LABELS: Readonly<Record<CandidatePhase, string>> = {
	welcome: 'Not started',
	triage: 'Incident simulation running',
	'runbook-ready': 'Between exercises',
	runbook: 'Runbook exercise running',
	done: 'Finished'
};

/** Time box of an exercise in wall ms (0 when it is not part of the session). */
export function timeBoxOf(state: InterviewState, exercise: ExerciseId): number {
	return (exercise === 'triage' ? state.config.triage?.timeBoxMs : state.config.runbook?.timeBoxMs) ?? 0;
}

/** Unix ms at which a started exercise's time box runs out, or null before it starts. */
export function deadlineOf(state: InterviewState, exercise: ExerciseId): number | null {
	const startedAt = state.candidate[exercise].startedAt;
	return startedAt === null ? null : Date.parse(startedAt) + timeBoxOf(state, exercise);
}

/**
 * Wall ms left in an exercise at `nowMs` (Unix ms): the whole time box before it starts, 0 once it ended or ran
 * out. Never negative.
 */
export function remainingMs(state: InterviewState, exercise: ExerciseId, nowMs: number): number {
	const progress = state.candidate[exercise];
	if (progress.endedAt !== null) return 0;
	const deadline = deadlineOf(state, exercise);
	return deadline === null ? timeBoxOf(state, exercise) : Math.max(0, deadline - nowMs);
}

// ── Candidate transitions (idempotent) ─────────────────────────────────────────────────────────────────────────

/** Starts the simulation at `at` (ISO). No change unless the candidate is at the welcome page with a simulation. */
export function startTriage(state: InterviewState, at: string): InterviewState {
	if (!state.config.triage || state.candidate.triage.startedAt) return state;
	return withTriage(state, { startedAt: at });
}

/** Links the recorded drill attempt to the session (first one wins). */
export function setTriageAttempt(state: InterviewState, attemptId: string): InterviewState {
	if (state.candidate.triage.attemptId) return state;
	return withTriage(state, { attemptId });
}

/** Ends the simulation; the first end recorded wins. */
export function endTriage(
	state: InterviewState,
	end: { at: string; endedBy: EndedBy; simMs: number | null }
): InterviewState {
	const t = state.candidate.triage;
	if (!t.startedAt || t.endedAt) return state;
	return withTriage(state, { endedAt: end.at, endedBy: end.endedBy, endedAtSimMs: end.simMs });
}

/** Starts the runbook exercise once the simulation (if any) has ended. */
export function startRunbook(state: InterviewState, at: string): InterviewState {
	const phase = candidatePhase(state);
	if (phase !== 'runbook-ready' && !(phase === 'welcome' && !state.config.triage)) return state;
	return withRunbook(state, { startedAt: at });
}

/** Saves the runbook draft while the exercise runs (ignored before it starts and after it ends). */
export function saveRunbookText(state: InterviewState, text: string, at: string): InterviewState {
	const r = state.candidate.runbook;
	if (!r.startedAt || r.endedAt || r.text === text) return state;
	return withRunbook(state, { text, savedAt: at });
}

/** Hands in the runbook (with its final text); the first end recorded wins. */
export function endRunbook(
	state: InterviewState,
	end: { at: string; endedBy: EndedBy; text: string }
): InterviewState {
	const r = state.candidate.runbook;
	if (!r.startedAt || r.endedAt) return state;
	return withRunbook(state, { endedAt: end.at, endedBy: end.endedBy, text: end.text, savedAt: end.at });
}

// ── Interviewer transitions ─────────────────────────────────────────────────────────────────────────────────────

/** Appends a note (a note with the same id is not added twice). Blank notes are ignored. */
export function addNote(state: InterviewState, note: Note): InterviewState {
	if (!note.text.trim() || state.review.notes.some((n) => n.id === note.id)) return state;
	return {
		...state,
		review: { ...state.review, notes: [...state.review.notes, { ...note, text: note.text.trim() }] }
	};
}

/** Removes a note by id. */
export function removeNote(state: InterviewState, id: string): InterviewState {
	if (!state.review.notes.some((n) => n.id === id)) return state;
	return { ...state, review: { ...state.review, notes: state.review.notes.filter((n) => n.id !== id) } };
}

/** Records (or replaces) the interviewer's rating of a dimension. */
export function setRating(state: InterviewState, dimension: DimensionId, entry: RatingEntry): InterviewState {
	return {
		...state,
		review: { ...state.review, ratings: { ...state.review.ratings, [dimension]: { ...entry } } }
	};
}

/** Clears a dimension's rating. */
export function clearRating(state: InterviewState, dimension: DimensionId): InterviewState {
	if (!state.review.ratings[dimension]) return state;
	const ratings = { ...state.review.ratings };
	delete ratings[dimension];
	return { ...state, review: { ...state.review, ratings } };
}

function withTriage(
	state: InterviewState,
	patch: Partial<InterviewState['candidate']['triage']>
): InterviewState {
	return { ...state, candidate: { ...state.candidate, triage: { ...state.candidate.triage, ...patch } } };
}

function withRunbook(
	state: InterviewState,
	patch: Partial<InterviewState['candidate']['runbook']>
): InterviewState {
	return { ...state, candidate: { ...state.candidate, runbook: { ...state.candidate.runbook, ...patch } } };
}
