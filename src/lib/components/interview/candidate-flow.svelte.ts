/**
 * `CandidateFlow`: the candidate's side of an interview session — welcome, the incident simulation, the runbook
 * exercise, thank you — and everything that keeps it fair and robust:
 * - the simulation runs in interview mode (1×, no pause, no hints) on the session's scenario version and seed, and
 *   times out at the time box; it is recorded as an attempt (`AttemptRecorder`), so a reload rebuilds it exactly
 *   from the seed and the candidate's events, then catches up with the wall time that passed;
 * - "End exercise" hands the simulation in early: the attempt is closed and scored as if the time box had ended
 *   then, and the session records that the candidate ended it;
 * - the runbook draft is saved every 2 s and on leaving the page, and handed in when its time box runs out.
 * The candidate never sees a score.
 */
import { claimAttempt, endAttempt, getAttempt } from '$lib/persistence/attempts';
import { catchUpSimMs, closeLogAt, endedByFromLog, interviewScenario } from '$lib/interview/drill-config';
import {
	candidatePhase,
	endRunbook,
	endTriage,
	isoTime,
	remainingMs,
	saveRunbookText,
	setTriageAttempt,
	startRunbook,
	startTriage,
	type CandidatePhase,
	type EndedBy,
	type InterviewState
} from '$lib/interview/session';
import { scoreDrill } from '$lib/scoring/drill';
import { createDrill } from '$lib/sim/drill';
import type { DrillEnd } from '$lib/sim/drill-api';
import { durationMs } from '$lib/sim/duration';
import {
	AttemptRecorder,
	attemptScenarioOf,
	resumeAttempt,
	type ResumedAttempt
} from '$lib/state/attempt-recorder.svelte';
import {
	DrillSession,
	type DrillSessionOptions,
	type PersistSnapshot
} from '$lib/state/drill-session.svelte';
import { SessionHandle, sessionScenario } from '$lib/state/interview.svelte';
import { progress as appProgress, type ProgressState } from '$lib/state/progress.svelte';

/** Wall ms between saves of the runbook draft. */
export const RUNBOOK_SAVE_MS = 2_000;

export interface CandidateFlowOptions {
	progress?: ProgressState;
	/** Wall clock, Unix ms (default `Date.now`). */
	now?: () => number;
	/** Clock and scheduler of the drill session (tests drive them by hand). */
	session?: Pick<DrillSessionOptions, 'scheduler' | 'wallClock'>;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function endedByOf(end: DrillEnd): EndedBy {
	return end.reason === 'timeout' || end.reason === 'abandoned' ? 'time-box' : 'incident-closed';
}

export class CandidateFlow {
	readonly handle: SessionHandle;
	/** The running simulation (null outside it). */
	drill = $state.raw<DrillSession | null>(null);
	/** The simulation is being driven by another tab (`takeOver` moves it here). */
	elsewhere = $state.raw(false);
	/** Preparing or handing in: buttons wait. */
	busy = $state.raw(false);
	/** What went wrong, for the candidate (and the interviewer looking over their shoulder). */
	error = $state.raw<string | null>(null);
	/** Wall clock, Unix ms, moved by {@link tick}. */
	nowMs = $state.raw(0);
	/** The runbook as typed. */
	runbookText = $state.raw('');

	phase: CandidatePhase | null = $derived(this.#state() ? candidatePhase(this.#state()!) : null);
	/** Sim ms left in the simulation (it runs in real time). */
	triageLeftMs: number | null = $derived(
		this.drill ? Math.max(0, durationMs(this.drill.scenario.clock.timeLimit) - this.drill.now) : null
	);
	/** Wall ms left in the runbook exercise. */
	runbookLeftMs: number = $derived(this.#state() ? remainingMs(this.#state()!, 'runbook', this.nowMs) : 0);
	/** Why the attempt is not being saved, when it is not. */
	recorderProblem: string | null = $derived(this.#recorderError());

	readonly #progress: ProgressState;
	readonly #now: () => number;
	readonly #sessionOptions: CandidateFlowOptions['session'];
	#recorder = $state.raw<AttemptRecorder | null>(null);
	#detach: (() => void) | null = null;
	#ending = false;
	#savedText = '';
	#lastSaveMs = 0;
	#saving: Promise<void> = Promise.resolve();

	constructor(options: CandidateFlowOptions = {}) {
		this.#progress = options.progress ?? appProgress;
		this.#now = options.now ?? (() => Date.now());
		this.#sessionOptions = options.session;
		this.handle = new SessionHandle({ progress: this.#progress });
		this.nowMs = this.#now();
	}

	/** The session's state (a method, so field initialisers may use it before the constructor has run). */
	#state(): InterviewState | null {
		return this.handle.session?.state ?? null;
	}

	#recorderError(): string | null {
		const r = this.#recorder;
		return r && (r.state === 'failed' || r.state === 'read-only') ? r.error : null;
	}

	/** Loads the session and picks up where the candidate was (a running simulation resumes at once). */
	async open(code: string | null): Promise<void> {
		await this.handle.load(code);
		const s = this.handle.session;
		if (!s) return;
		this.runbookText = s.state.candidate.runbook.text;
		this.#savedText = this.runbookText;
		const phase = candidatePhase(s.state);
		if (phase === 'triage') await this.#guard(() => this.#runTriage());
		else if (phase === 'runbook') this.tick(this.#now());
	}

	/** Starts the simulation (from the welcome page). */
	async startTriage(): Promise<void> {
		await this.#guard(async () => {
			await this.handle.update((s) => startTriage(s, isoTime(this.#now())));
			await this.#runTriage();
		});
	}

	/** Moves the simulation to this tab when another tab was driving it. */
	async takeOver(): Promise<void> {
		await this.#guard(() => this.#runTriage(true));
	}

	async #guard(work: () => Promise<void>): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.error = null;
		try {
			await work();
		} catch (error) {
			this.error = describe(error);
		} finally {
			this.busy = false;
		}
	}

	/** Builds (or rebuilds) the drill, catches up with the wall clock and starts recording. */
	async #runTriage(force = false): Promise<void> {
		const s = this.handle.session;
		const box = s?.state.config.triage;
		const startedAt = s?.state.candidate.triage.startedAt;
		if (!s || !box || !startedAt || this.drill) return;
		const found = sessionScenario(s.record, s.state);
		if (!found)
			throw new Error(`The scenario "${s.record.scenarioId}" is not in this version of Pagerdrill.`);
		if (!found.sameVersion)
			throw new Error(
				'Pagerdrill was updated since this interview was set up, and the scenario changed. To keep the interview fair, ask the interviewer to set up a new session.'
			);
		let resumed: ResumedAttempt | null = null;
		const attemptId = s.state.candidate.triage.attemptId;
		if (attemptId) {
			resumed = await resumeAttempt(attemptId, { force, progress: this.#progress });
			if (resumed.reason === 'held-by-other-tab') {
				this.elsewhere = true;
				return;
			}
		}
		this.elsewhere = false;
		const scenario = interviewScenario(found.scenario, box.timeBoxMs);
		const limitMs = durationMs(scenario.clock.timeLimit);
		if (attemptId && resumed?.reason === 'ended') {
			// The attempt was closed but the page went away before the session recorded it.
			const attempt = await getAttempt(await this.#progress.open(), attemptId);
			const endedBy = endedByFromLog(attempt?.eventLog ?? [], limitMs) ?? 'time-box';
			await this.#closeTriage(attemptId, endedBy, attempt?.simNow ?? resumed.now);
			return;
		}
		const drill = createDrill(scenario, {
			seed: s.record.seed,
			version: found.version,
			events: resumed?.traineeEvents ?? []
		});
		drill.advanceTo(
			catchUpSimMs({
				startedAtMs: Date.parse(startedAt),
				nowMs: this.#now(),
				savedSimMs: resumed?.now ?? 0,
				limitMs
			})
		);
		const recorder = new AttemptRecorder({
			scenario: attemptScenarioOf(found.scenario, found.version),
			resume: resumed ?? undefined,
			progress: this.#progress
		});
		const session = new DrillSession(drill, {
			...this.#sessionOptions,
			mode: 'interview',
			onPersist: (snapshot) => this.#onPersist(recorder, snapshot)
		});
		this.#recorder = recorder;
		this.#detach = recorder.attach(session);
		this.#ending = false;
		this.drill = session;
		if (session.ended) {
			// The time box ran out while the page was closed: record the end now.
			this.#onPersist(recorder, session.snapshot('end'));
			return;
		}
		session.start();
		await recorder.flush();
		const id = recorder.attemptId;
		if (id && !attemptId) await this.handle.update((st) => setTriageAttempt(st, id));
	}

	#onPersist(recorder: AttemptRecorder, snapshot: PersistSnapshot): void {
		recorder.onPersist(snapshot);
		if (!snapshot.ended || this.#ending) return;
		this.#ending = true;
		void this.#finishNaturally(recorder, snapshot.ended);
	}

	/** The drill ended by itself (time box, or the incident closed): the recorder closes the attempt, then the step. */
	async #finishNaturally(recorder: AttemptRecorder, end: DrillEnd): Promise<void> {
		try {
			await recorder.flush();
			await this.#closeTriage(recorder.attemptId, endedByOf(end), end.at);
		} catch (error) {
			this.error = describe(error);
		}
	}

	/**
	 * Hands the simulation in before its time box ends: stops the clock, closes and scores the attempt as if the time
	 * box had ended now, and records that the candidate ended it.
	 */
	async handInTriage(): Promise<void> {
		const session = this.drill;
		const recorder = this.#recorder;
		if (!session || !recorder || this.#ending || session.ended) return;
		this.#ending = true;
		await this.#guard(async () => {
			session.stop();
			const snapshot = session.snapshot('end');
			this.#detach?.();
			this.#detach = null;
			await recorder.flush();
			const id = recorder.attemptId;
			if (id) await this.#closeAttempt(id, session, snapshot);
			await this.#closeTriage(id, 'candidate', snapshot.now);
		});
	}

	async #closeAttempt(id: string, session: DrillSession, snapshot: PersistSnapshot): Promise<void> {
		const db = await this.#progress.open();
		const tabId = this.#progress.tabId;
		const claim = await claimAttempt(db, id, tabId);
		if (claim.role !== 'driver') return;
		const eventLog = closeLogAt(snapshot.eventLog, snapshot.now);
		const scorecard = scoreDrill({
			scenario: session.scenario,
			events: eventLog,
			startEpochMs: session.startEpochMs
		});
		const statusUpdates = snapshot.traineeEvents.flatMap((e) => (e.type === 'status.post' ? [e.text] : []));
		await endAttempt(db, id, tabId, {
			status: 'finished',
			simNow: snapshot.now,
			traineeEvents: snapshot.traineeEvents,
			eventLog,
			artifacts: { ...claim.attempt.artifacts, ...(statusUpdates.length ? { statusUpdates } : {}) },
			scorecard
		});
		await this.#progress.changed({ type: 'attempt.ended', attemptId: id });
	}

	async #closeTriage(attemptId: string | null, endedBy: EndedBy, simMs: number): Promise<void> {
		this.#detach?.();
		this.#detach = null;
		await this.handle.update((s) => {
			const linked = attemptId ? setTriageAttempt(s, attemptId) : s;
			return endTriage(linked, { at: isoTime(this.#now()), endedBy, simMs });
		});
		this.drill?.stop();
		this.drill = null;
		this.#recorder = null;
	}

	// ── Runbook exercise ──────────────────────────────────────────────────────────────────────────────────────────

	/** Starts the runbook exercise's clock. */
	async startRunbook(): Promise<void> {
		await this.#guard(async () => {
			await this.handle.update((s) => startRunbook(s, isoTime(this.#now())));
			this.nowMs = this.#now();
		});
	}

	/** The candidate typed. Saved on the next tick that is due. */
	setRunbookText(text: string): void {
		if (this.phase === 'runbook') this.runbookText = text;
	}

	/**
	 * Moves the wall clock (call every second): saves the runbook draft when it changed and a save is due, and hands
	 * the runbook in when its time box has run out.
	 */
	tick(nowMs: number): void {
		this.nowMs = nowMs;
		if (this.phase !== 'runbook' || this.busy) return;
		if (this.runbookLeftMs === 0) {
			void this.handInRunbook('time-box');
			return;
		}
		if (this.runbookText !== this.#savedText && nowMs - this.#lastSaveMs >= RUNBOOK_SAVE_MS)
			void this.saveDraft();
	}

	/** Saves the runbook draft now (also on leaving the page). */
	saveDraft(): Promise<void> {
		const text = this.runbookText;
		if (this.phase !== 'runbook' || text === this.#savedText) return this.#saving;
		this.#lastSaveMs = this.#now();
		this.#saving = this.#saving
			.then(async () => {
				await this.handle.update((s) => saveRunbookText(s, text, isoTime(this.#now())));
				this.#savedText = text;
			})
			.catch((error: unknown) => {
				this.error = `Your runbook could not be saved: ${describe(error)}`;
			});
		return this.#saving;
	}

	/** Hands the runbook in (the candidate's choice, or the time box). */
	async handInRunbook(endedBy: EndedBy = 'candidate'): Promise<void> {
		if (this.phase !== 'runbook') return;
		await this.#guard(async () => {
			await this.#saving;
			const text = this.runbookText;
			await this.handle.update((s) => endRunbook(s, { at: isoTime(this.#now()), endedBy, text }));
			this.#savedText = text;
		});
	}

	/**
	 * Stops the simulation's clock and recorder (the page is going away): the attempt is saved and released, so a
	 * reload picks it up. Resolves when storage is done.
	 */
	async dispose(): Promise<void> {
		this.drill?.stop();
		this.#detach?.();
		this.#detach = null;
		await this.#recorder?.flush();
		await this.#saving;
	}
}
