/**
 * `InterviewerDesk`: the interviewer's side of a session, once unlocked — a live feed of what the candidate does
 * (re-read from storage every 2 s: the candidate's tab saves its drill every 2 s), the answer key, timestamped
 * notes, and the scorecard with suggested ratings that can be accepted or overridden with a reason.
 */
import type { Scenario } from '$lib/sim/scenario/schema';
import type { AttemptRecord } from '$lib/persistence/records';
import type { DimensionId, Rating } from '$lib/interview/dimensions';
import { buildFeed, feedTally, type FeedEntry } from '$lib/interview/feed';
import { ratingStatus, weightedTotal, type WeightedTotal } from '$lib/interview/rating';
import {
	addNote,
	candidatePhase,
	clearRating,
	isoTime,
	remainingMs,
	removeNote,
	runningExercise,
	setRating,
	type CandidatePhase,
	type InterviewState
} from '$lib/interview/session';
import { suggestRatings, type DimensionSuggestion } from '$lib/interview/suggest';
import type { ScoreReport } from '$lib/scoring/types';
import {
	runbookReportOf,
	sessionAttempt,
	sessionScenario,
	SessionHandle,
	type InterviewDeps
} from '$lib/state/interview.svelte';

/** Wall ms between reads of the candidate's progress. */
export const POLL_MS = 2_000;

type Timers = {
	setInterval: (fn: () => void, ms: number) => unknown;
	clearInterval: (handle: unknown) => void;
};

const defaultTimers: Timers = {
	setInterval: (fn, ms) => setInterval(fn, ms),
	clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>)
};

export interface InterviewerDeskOptions extends InterviewDeps {
	timers?: Timers;
	/** `sessionStorage`-like store of unlocked sessions (default `sessionStorage`). */
	store?: Pick<Storage, 'getItem' | 'setItem'> | null;
	/** Id generator for notes (default `crypto.randomUUID`). */
	newId?: () => string;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export class InterviewerDesk {
	readonly handle: SessionHandle;
	/** The candidate's drill attempt as last read. */
	attempt = $state.raw<AttemptRecord | null>(null);
	/** Wall clock (Unix ms) of the last poll. */
	nowMs = $state.raw(0);
	error = $state.raw<string | null>(null);

	interview: InterviewState | null = $derived(this.#session()?.state ?? null);
	scenario: Scenario | null = $derived(this.#scenario());
	phase: CandidatePhase | null = $derived(this.interview ? candidatePhase(this.interview) : null);
	/** Everything the candidate did so far, oldest first (with the simulator's milestones once it ended). */
	feed: FeedEntry[] = $derived(this.#feed());
	tally = $derived(this.scenario ? feedTally(this.feed, this.scenario) : null);
	/** The runbook as scored now (provisional while the candidate is still writing). */
	runbookReport: ScoreReport | null = $derived(this.interview ? runbookReportOf(this.interview) : null);
	/** Suggestions from what is known now: the drill once it is scored, the runbook as written. */
	suggestions: DimensionSuggestion[] = $derived(
		suggestRatings({
			drill: this.attempt?.scorecard ?? null,
			events: this.attempt?.eventLog ?? null,
			runbook: this.runbookReport
		})
	);
	total: WeightedTotal = $derived(this.#total());
	/** Wall ms left in the exercise that is running (null when none is). */
	leftMs: number | null = $derived(this.#left());

	readonly #timers: Timers;
	readonly #newId: () => string;
	readonly #now: () => number;
	readonly #deps: InterviewDeps;
	#poll: unknown = null;

	constructor(options: InterviewerDeskOptions = {}) {
		this.#deps = options;
		this.#timers = options.timers ?? defaultTimers;
		this.#newId = options.newId ?? (() => crypto.randomUUID());
		this.#now = options.now ?? Date.now;
		this.handle = new SessionHandle(options, options.store);
		this.nowMs = this.#now();
	}

	/** The loaded session (a method, so field initialisers may use it before the constructor has run). */
	#session() {
		return this.handle.session;
	}

	#scenario(): Scenario | null {
		const s = this.#session();
		return s ? (sessionScenario(s.record, s.state)?.scenario ?? null) : null;
	}

	#feed(): FeedEntry[] {
		const a = this.attempt;
		const scenario = this.scenario;
		if (!a || !scenario) return [];
		const endedBy = this.interview?.candidate.triage.endedBy ?? null;
		return a.eventLog
			? buildFeed({ events: a.eventLog }, scenario, { endedBy })
			: buildFeed({ traineeEvents: a.traineeEvents }, scenario);
	}

	#total(): WeightedTotal {
		const ratings = this.interview?.review.ratings ?? {};
		return weightedTotal(
			this.suggestions.map((s) => {
				const entry = ratings[s.id];
				const counts = entry !== undefined && ratingStatus(entry, s.rating) === 'rated';
				return { id: s.id, weightPct: s.weightPct, rating: counts ? entry.rating : null };
			})
		);
	}

	#left(): number | null {
		const st = this.interview;
		if (!st) return null;
		const running = runningExercise(st);
		return running ? remainingMs(st, running, this.nowMs) : null;
	}

	/** Loads the session with `code`. */
	async open(code: string | null): Promise<void> {
		await this.handle.load(code);
		if (this.handle.unlocked) await this.refresh();
	}

	/** Checks the passphrase; on success loads the candidate's progress. */
	async unlock(passphrase: string): Promise<boolean> {
		const ok = await this.handle.unlock(passphrase);
		if (ok) await this.refresh();
		return ok;
	}

	/** Re-reads the session and the candidate's attempt. */
	async refresh(): Promise<void> {
		try {
			await this.handle.refresh();
			const st = this.handle.session?.state;
			const next = st ? await sessionAttempt(st, this.#deps) : null;
			if (next?.updatedAt !== this.attempt?.updatedAt || next?.id !== this.attempt?.id) this.attempt = next;
			this.error = null;
		} catch (error) {
			this.error = `Could not read the candidate's progress: ${describe(error)}`;
		}
		this.nowMs = this.#now();
	}

	/** Starts re-reading every {@link POLL_MS}; returns the stop function. */
	startPolling(): () => void {
		this.stopPolling();
		const handle = this.#timers.setInterval(() => {
			if (this.handle.unlocked) void this.refresh();
		}, POLL_MS);
		this.#poll = handle;
		return () => this.stopPolling();
	}

	stopPolling(): void {
		if (this.#poll !== null) this.#timers.clearInterval(this.#poll);
		this.#poll = null;
	}

	/** The candidate's sim time now, when the simulation is running (it follows the wall clock). */
	#simNow(st: InterviewState, nowMs: number): number | null {
		const t = st.candidate.triage;
		if (!t.startedAt || t.endedAt || !st.config.triage) return null;
		return Math.min(st.config.triage.timeBoxMs, Math.max(0, nowMs - Date.parse(t.startedAt)));
	}

	/** Adds a timestamped note (wall time, and the candidate's sim time while the simulation runs). */
	async addNote(text: string): Promise<boolean> {
		if (!text.trim()) return false;
		const now = this.#now();
		const id = this.#newId();
		return this.#change((st) =>
			addNote(st, { id, at: isoTime(now), simMs: this.#simNow(st, now), exercise: runningExercise(st), text })
		);
	}

	async removeNote(id: string): Promise<boolean> {
		return this.#change((st) => removeNote(st, id));
	}

	/** Sets a dimension's rating, keeping the reason written so far. */
	async rate(dimension: DimensionId, rating: Rating): Promise<boolean> {
		const reason = this.interview?.review.ratings[dimension]?.reason ?? '';
		return this.#change((st) => setRating(st, dimension, { rating, reason, at: isoTime(this.#now()) }));
	}

	/** Sets the reason of a rated dimension. */
	async explain(dimension: DimensionId, reason: string): Promise<boolean> {
		const current = this.interview?.review.ratings[dimension];
		if (!current || current.reason === reason) return true;
		return this.#change((st) => {
			const entry = st.review.ratings[dimension];
			return entry ? setRating(st, dimension, { ...entry, reason, at: isoTime(this.#now()) }) : st;
		});
	}

	async clear(dimension: DimensionId): Promise<boolean> {
		return this.#change((st) => clearRating(st, dimension));
	}

	async #change(change: (st: InterviewState) => InterviewState): Promise<boolean> {
		try {
			await this.handle.update(change);
			this.error = null;
			return true;
		} catch (error) {
			this.error = `Your change was not saved: ${describe(error)}`;
			return false;
		}
	}
}
