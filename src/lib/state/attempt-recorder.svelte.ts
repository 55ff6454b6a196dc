/**
 * `AttemptRecorder`: connects a running `DrillSession` to the progress database, so every drill is kept and
 * survives a reload, a crash or a closed tab.
 *
 * - The session's first `start` snapshot creates the attempt (for the active local profile), locked by this tab
 *   (the attempt's Web Lock, held for the life of the page, see `tab-lock.ts`, and the row's `lockOwner`).
 * - Every trainee event is written through the moment it is dispatched (`appendAttemptEvents`: one small
 *   transaction per event, sent before `dispatch` returns), so a reload, a closed tab or a crash right after the
 *   trainee acted keeps it. Events the attempt did not have yet when it was created are written as soon as it is.
 * - The rest (sim time, speed, hints) is saved at least every 2 s (the save also refreshes the lock heartbeat), at
 *   once when the trainee pauses, and when the tab is hidden (`visibilitychange`) or left (`pagehide`, which also
 *   releases the lock; a page restored from the back/forward cache claims it again). Sim time is also kept with
 *   every event (its `at`), so a resumed drill does not rewind past the trainee's last action.
 * - When the drill ends, the attempt is closed with its event log and the scorecard (`scoreDrill`).
 * - When another tab takes the attempt over, saving stops and `readOnly` turns true; the UI says so. A second live
 *   tab on the same attempt opens read-only with a message (it cannot get the Web Lock).
 *
 * Use (the console page):
 *   const recorder = new AttemptRecorder({ scenario: attemptScenarioOf(found.scenario, found.version) });
 *   const session = new DrillSession(drill, { mode, onPersist: recorder.onPersist });
 *   const detach = recorder.attach(session);
 *   session.start();            // … and on unmount: session.stop(); detach();
 *
 * `resumeAttempt(id)` claims a saved attempt and returns what the console needs to rebuild the drill:
 * `createDrill(scenario, { seed, version, events: traineeEvents })`, then `drill.advanceTo(now)`.
 */
import { scoreDrill } from '../scoring/drill';
import type { DrillScorecard } from '../scoring/types';
import type { Scenario } from '../sim/scenario/schema';
import type { TimedTraineeEvent } from '../sim/types';
import {
	appendAttemptEvents,
	claimAttempt,
	endAttempt,
	getAttempt,
	releaseAttempt,
	startAttempt,
	type AttemptProgressPatch,
	type AttemptScenario,
	type SaveResult
} from '../persistence/attempts';
import { createAutosave, AUTOSAVE_INTERVAL_MS, type Autosave } from '../persistence/autosave';
import { PersistenceError } from '../persistence/errors';
import type { AttemptMode, AttemptRecord } from '../persistence/records';
import type { ProgressDb } from '../persistence/store';
import { acquireAttemptLock, type AttemptLock, type LockManagerLike } from '../persistence/tab-lock';
import { SPEEDS, type DrillSession, type PersistSnapshot, type Speed } from './drill-session.svelte';
import { progress as appProgress, type ProgressState } from './progress.svelte';

/** Trainee events of this view kind count as opened hints (`view.open` with `view: 'hint'`). */
export const HINT_VIEW = 'hint';

export type RecorderState =
	/** Waiting for the session to start. */
	| 'idle'
	/** Creating or claiming the attempt. */
	| 'starting'
	/** Saving as the drill runs. */
	| 'recording'
	/** Another tab drives this attempt: nothing here is saved. */
	| 'read-only'
	/** The drill ended and was recorded. */
	| 'ended'
	/** Storage failed; `error` says why. */
	| 'failed';

type Timers = {
	setInterval: (fn: () => void, ms: number) => unknown;
	clearInterval: (handle: unknown) => void;
};

/** The listeners the recorder needs from the page (default: `window` and `document`). */
export interface PageEvents {
	addEventListener(type: string, listener: (event: Event) => void): void;
	removeEventListener(type: string, listener: (event: Event) => void): void;
}

/** A saved attempt claimed for this tab, as returned by {@link resumeAttempt}. */
export interface ResumedAttempt {
	attemptId: string;
	profileId: string;
	scenarioId: string;
	/** Content hash of the scenario file the attempt was played on; compare with the catalog's version. */
	scenarioVersion: string;
	seed: number;
	/** Replaying these on a new drill of the same scenario and seed rebuilds it exactly. */
	traineeEvents: TimedTraineeEvent[];
	/** Sim time (ms) the attempt had reached when last saved: advance the rebuilt drill to it. */
	now: number;
	speed: Speed;
	/**
	 * Practice drills come back paused (the trainee was away; they resume when ready); interview drills cannot
	 * pause, so false.
	 */
	paused: boolean;
	mode: AttemptMode;
	/** `driver`: this tab records the attempt; `viewer`: it is ended or another tab drives it (see `reason`). */
	role: 'driver' | 'viewer';
	reason: 'held-by-other-tab' | 'ended' | null;
	/** When the attempt was last saved (ISO-8601 wall clock). */
	savedAt: string;
	/** The attempt's Web Lock when this tab drives it and the browser has Web Locks, else null. */
	lock: AttemptLock | null;
}

/** The scenario facts an attempt keeps, from a parsed scenario and its content hash. */
export function attemptScenarioOf(scenario: Scenario, version: string): AttemptScenario {
	const m = scenario.metadata;
	return {
		id: m.id,
		version,
		title: m.title,
		theme: m.theme,
		skills: [...m.skills],
		level: m.level ?? 'shadow'
	};
}

function asSpeed(value: number): Speed {
	return (SPEEDS as readonly number[]).includes(value) ? (value as Speed) : 1;
}

/**
 * Claims saved attempt `id` for this tab and returns what the console needs to rebuild the drill (see the module
 * comment). The attempt's Web Lock decides first: when this tab gets it, any earlier holder is gone (closed,
 * reloaded or crashed) and the attempt is claimed at once; when another live tab holds it, this tab is a `viewer`
 * unless `force` ("take over here") is set, which takes the lock over. Without Web Locks the stored heartbeat rule
 * of `claimAttempt` applies. Throws `PersistenceError` `not-found` when the attempt does not exist; when storage is
 * unavailable (memory only) its message says that nothing could be saved in this browser.
 */
export async function resumeAttempt(
	id: string,
	options: { force?: boolean; progress?: ProgressState; locks?: LockManagerLike | null } = {}
): Promise<ResumedAttempt> {
	const state = options.progress ?? appProgress;
	const db = await state.open();
	try {
		return await claimForTab(db, id, state, options);
	} catch (error) {
		if (error instanceof PersistenceError && error.code === 'not-found' && state.memoryOnly) {
			throw new PersistenceError(
				'not-found',
				`This drill cannot be continued: nothing could be saved in this browser (${state.memoryReason ?? 'its storage is unavailable'}), so it ended when the page was reloaded or closed.`
			);
		}
		throw error;
	}
}

async function claimForTab(
	db: ProgressDb,
	id: string,
	state: ProgressState,
	options: { force?: boolean; locks?: LockManagerLike | null }
): Promise<ResumedAttempt> {
	const taken = await acquireAttemptLock(id, { steal: options.force, locks: options.locks });
	let claim: Awaited<ReturnType<typeof claimAttempt>>;
	if (taken.kind === 'busy') {
		const attempt = await getAttempt(db, id);
		if (!attempt) throw new PersistenceError('not-found', 'That attempt no longer exists.');
		claim =
			attempt.status === 'in-progress'
				? { role: 'viewer', attempt, reason: 'held-by-other-tab', heldBy: attempt.lockOwner }
				: { role: 'viewer', attempt, reason: 'ended', heldBy: null };
	} else {
		try {
			claim = await claimAttempt(db, id, state.tabId, { force: options.force || taken.kind === 'held' });
		} catch (error) {
			if (taken.kind === 'held') taken.lock.release();
			throw error;
		}
	}
	const lock = taken.kind === 'held' ? taken.lock : null;
	if (claim.role !== 'driver') lock?.release();
	const a = claim.attempt;
	if (claim.role === 'driver') state.channel?.post({ type: 'attempt.claimed', attemptId: a.id });
	return {
		attemptId: a.id,
		profileId: a.profileId,
		scenarioId: a.scenarioId,
		scenarioVersion: a.scenarioVersion,
		seed: a.seed,
		traineeEvents: a.traineeEvents,
		now: a.simNow,
		speed: a.mode === 'interview' ? 1 : asSpeed(a.speed),
		paused: a.mode === 'practice',
		mode: a.mode,
		role: claim.role,
		reason: claim.role === 'viewer' ? claim.reason : null,
		savedAt: a.updatedAt,
		lock: claim.role === 'driver' ? lock : null
	};
}

export interface AttemptRecorderOptions {
	/** The scenario being played (see {@link attemptScenarioOf}). */
	scenario: AttemptScenario;
	/** Continue an attempt claimed with {@link resumeAttempt} instead of starting a new one. */
	resume?: ResumedAttempt;
	/** Default: the app-wide `progress`. */
	progress?: ProgressState;
	/** Wall ms between autosaves (default 2 000). */
	intervalMs?: number;
	timers?: Timers;
	/** Default `window`. */
	window?: PageEvents;
	/** Default `document`; `visibilityState` is read from it. */
	document?: PageEvents & { readonly visibilityState: DocumentVisibilityState };
	/** The Web Locks manager (default `navigator.locks`; `null`: none, the heartbeat rule applies). */
	locks?: LockManagerLike | null;
}

function patchOf(snapshot: PersistSnapshot): AttemptProgressPatch {
	return {
		simNow: snapshot.now,
		speed: snapshot.speed,
		hintsUsed: snapshot.traineeEvents.filter((e) => e.type === 'view.open' && e.view === HINT_VIEW).length
	};
}

function statusUpdatesOf(events: readonly TimedTraineeEvent[]): string[] {
	return events.flatMap((e) => (e.type === 'status.post' ? [e.text] : []));
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

const defaultTimers: Timers = {
	setInterval: (fn, ms) => setInterval(fn, ms),
	clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>)
};

/** Svelte context key under which a page exposes `() => AttemptRecorder | null` to its components. */
export const RECORDER_CONTEXT = Symbol('attempt-recorder');

export class AttemptRecorder {
	state = $state.raw<RecorderState>('idle');
	/** The attempt being recorded (null until created). */
	attemptId = $state.raw<string | null>(null);
	/** When the last save landed (ISO-8601 wall clock). */
	lastSavedAt = $state.raw<string | null>(null);
	/** What went wrong, for the user. */
	error = $state.raw<string | null>(null);
	/** The attempt as recorded when the drill ended. */
	finished = $state.raw<AttemptRecord | null>(null);

	/** True when this tab must not change the drill's record (another tab drives it). */
	readOnly: boolean = $derived(this.state === 'read-only');

	readonly #progress: ProgressState;
	readonly #scenario: AttemptScenario;
	readonly #intervalMs: number;
	readonly #timers: Timers;
	readonly #window: PageEvents | undefined;
	readonly #document: AttemptRecorderOptions['document'];
	#session: DrillSession | null = null;
	#autosave: Autosave | null = null;
	#latest: PersistSnapshot | null = null;
	#queue: Promise<void> = Promise.resolve();
	#hidden = false;
	#finishing = false;
	/** The open database once recording began (write-through needs it without awaiting anything). */
	#db: ProgressDb | null = null;
	/** How many of the attempt's trainee events were sent to storage (the next one gets this `seq`). */
	#written = 0;
	readonly #locks: LockManagerLike | null | undefined;
	#lock: AttemptLock | null = null;
	#unwatchLock: (() => void) | null = null;

	constructor(options: AttemptRecorderOptions) {
		this.#progress = options.progress ?? appProgress;
		this.#scenario = options.scenario;
		this.#intervalMs = options.intervalMs ?? AUTOSAVE_INTERVAL_MS;
		this.#timers = options.timers ?? defaultTimers;
		this.#window = options.window ?? (typeof window === 'undefined' ? undefined : window);
		this.#document = options.document ?? (typeof document === 'undefined' ? undefined : document);
		this.#locks = options.locks;
		const resume = options.resume;
		if (resume) {
			this.attemptId = resume.attemptId;
			this.#written = resume.traineeEvents.length;
			if (resume.lock) this.#holdLock(resume.lock);
			if (resume.reason === 'ended') this.state = 'ended';
			else if (resume.role === 'viewer') {
				this.state = 'read-only';
				this.error = 'This drill is open in another tab, which is recording it. Changes here are not saved.';
			}
		}
	}

	/** Pass as the session's `onPersist` option. */
	readonly onPersist = (snapshot: PersistSnapshot): void => {
		this.#latest = snapshot;
		if (this.state === 'read-only' || this.state === 'ended' || this.state === 'failed') return;
		this.#writeThrough(snapshot);
		if (snapshot.ended) {
			// The session reports the end more than once (the event that ended it, then the end itself).
			if (!this.#finishing) this.#enqueue(() => this.#finish(snapshot));
			this.#finishing = true;
			return;
		}
		if (this.#autosave) {
			this.#autosave.update(patchOf(snapshot));
			if (snapshot.cause === 'pause') void this.#autosave.flush();
			return;
		}
		if (this.state === 'idle') {
			this.state = 'starting';
			this.#enqueue(() => (this.attemptId ? this.#claim() : this.#start(snapshot)));
		}
	};

	/**
	 * Follows `session` (its current state is read before every autosave) and listens to page lifecycle events.
	 * Call before `session.start()`. Returns the detach function: it saves, releases the lock and stops listening.
	 */
	attach(session: DrillSession): () => void {
		this.#session = session;
		const win = this.#window;
		const doc = this.#document;
		win?.addEventListener('pagehide', this.#onPageHide);
		win?.addEventListener('pageshow', this.#onPageShow);
		doc?.addEventListener('visibilitychange', this.#onVisibility);
		return () => {
			win?.removeEventListener('pagehide', this.#onPageHide);
			win?.removeEventListener('pageshow', this.#onPageShow);
			doc?.removeEventListener('visibilitychange', this.#onVisibility);
			this.#pull();
			this.#enqueue(() => this.#suspend());
			this.#session = null;
		};
	}

	/** Saves now; resolves once every queued storage operation is done (tests, and before leaving). */
	async flush(): Promise<void> {
		this.#pull();
		const autosave = this.#autosave;
		if (autosave) this.#enqueue(async () => void (await autosave.flush()));
		await this.#queue;
	}

	/**
	 * Sends the trainee events storage does not have yet, now (not behind the save queue): the transaction must be
	 * on its way before the page can go away. A failed write is sent again with the next event or autosave.
	 */
	#writeThrough(snapshot: PersistSnapshot): void {
		const db = this.#db;
		const id = this.attemptId;
		const events = snapshot.traineeEvents;
		if (!db || !id || this.state !== 'recording' || events.length <= this.#written) return;
		const first = this.#written;
		this.#written = events.length;
		// Without a Web Lock, the write itself checks that this tab still holds the attempt.
		const tabId = this.#lock ? undefined : this.#progress.tabId;
		appendAttemptEvents(db, id, first, events.slice(first), { tabId }).then(
			() => {
				if (this.error?.startsWith('Saving failed')) this.error = null;
			},
			(error: unknown) => {
				this.#written = Math.min(this.#written, first);
				if (error instanceof PersistenceError && error.code === 'conflict') {
					this.#autosave = null;
					this.#releaseLock();
					this.state = 'read-only';
					this.error =
						'Another tab took over this drill and is recording it now. Changes here are not saved.';
					return;
				}
				this.error = `Saving failed (will retry): ${describe(error)}`;
			}
		);
	}

	/** Keeps the attempt's Web Lock for the life of the page and turns read-only if another tab takes it over. */
	#holdLock(lock: AttemptLock): void {
		this.#unwatchLock?.();
		this.#lock = lock;
		this.#unwatchLock = lock.onLost(() => {
			if (this.#lock !== lock || this.state === 'ended') return;
			this.#autosave = null;
			this.state = 'read-only';
			this.error = 'Another tab took over this drill and is recording it now. Changes here are not saved.';
		});
	}

	#releaseLock(): void {
		this.#unwatchLock?.();
		this.#unwatchLock = null;
		this.#lock?.release();
		this.#lock = null;
	}

	#enqueue(op: () => Promise<void>): void {
		this.#queue = this.#queue.then(op).catch((error: unknown) => {
			this.state = 'failed';
			this.error = `Your progress could not be saved: ${describe(error)}`;
		});
	}

	/** Feeds the session's current state to the autosave (sim time moves between snapshots). */
	#pull(): void {
		if (!this.#session || this.#session.ended) return;
		this.#latest = this.#session.snapshot('checkpoint');
		this.#writeThrough(this.#latest);
		this.#autosave?.update(patchOf(this.#latest));
	}

	async #start(snapshot: PersistSnapshot): Promise<void> {
		const db = await this.#progress.open();
		const profile = this.#progress.activeProfile;
		if (!profile) throw new Error('there is no active profile');
		const attempt = await startAttempt(
			db,
			{
				profileId: profile.id,
				scenario: this.#scenario,
				seed: snapshot.seed,
				mode: snapshot.mode,
				speed: snapshot.speed
			},
			this.#progress.tabId
		);
		this.attemptId = attempt.id;
		this.lastSavedAt = attempt.updatedAt;
		const taken = await acquireAttemptLock(attempt.id, { locks: this.#locks });
		if (taken.kind === 'held') this.#holdLock(taken.lock);
		this.#progress.channel?.post({ type: 'attempt.claimed', attemptId: attempt.id });
		await this.#beginAutosave();
	}

	async #beginAutosave(): Promise<void> {
		const id = this.attemptId;
		if (!id || this.#autosave) return;
		const db = await this.#progress.open();
		this.#db = db;
		// The autosave's timer first pulls the session's current state, then saves it.
		const timers: Timers = {
			setInterval: (fn, ms) =>
				this.#timers.setInterval(() => {
					this.#pull();
					fn();
				}, ms),
			clearInterval: (handle) => this.#timers.clearInterval(handle)
		};
		this.#autosave = createAutosave(db, id, this.#progress.tabId, {
			intervalMs: this.#intervalMs,
			channel: this.#progress.channel ?? undefined,
			timers,
			onSaved: (result) => this.#onSaved(result),
			onLost: (result) => this.#onLost(result),
			onError: (error) => {
				this.error = `Saving failed (will retry): ${describe(error)}`;
			}
		});
		this.state = 'recording';
		if (this.#latest) {
			this.#writeThrough(this.#latest);
			this.#autosave.update(patchOf(this.#latest));
		}
		await this.#autosave.flush();
	}

	#onSaved(result: SaveResult): void {
		if (result.ok) {
			this.lastSavedAt = result.updatedAt;
			this.error = null;
		}
	}

	#onLost(result: SaveResult & { ok: false }): void {
		this.#autosave = null;
		this.#releaseLock();
		if (result.reason === 'ended') {
			this.state = 'ended';
			return;
		}
		this.state = 'read-only';
		this.error =
			result.reason === 'locked'
				? 'Another tab took over this drill and is recording it now. Changes here are not saved.'
				: 'This attempt was deleted, so changes here are not saved.';
	}

	async #finish(snapshot: PersistSnapshot): Promise<void> {
		if (!this.attemptId) await this.#start(snapshot);
		const id = this.attemptId;
		const session = this.#session;
		if (!id || this.state === 'read-only') return;
		await this.#autosave?.stop();
		this.#autosave = null;
		const db = await this.#progress.open();
		const ended = snapshot.ended;
		const abandoned = ended?.reason === 'abandoned';
		const current = await getAttempt(db, id);
		let scorecard: DrillScorecard | null = null;
		if (!abandoned && session) {
			scorecard = scoreDrill({
				scenario: session.scenario,
				events: snapshot.eventLog,
				startEpochMs: session.startEpochMs,
				artifacts: { runbook: current?.artifacts.runbook, postmortem: current?.artifacts.postmortem }
			});
		}
		const statusUpdates = statusUpdatesOf(snapshot.traineeEvents);
		this.finished = await endAttempt(db, id, this.#progress.tabId, {
			status: abandoned ? 'abandoned' : 'finished',
			simNow: snapshot.now,
			traineeEvents: snapshot.traineeEvents,
			eventLog: [...snapshot.eventLog],
			artifacts: { ...current?.artifacts, ...(statusUpdates.length ? { statusUpdates } : {}) },
			scorecard
		});
		this.lastSavedAt = this.finished.updatedAt;
		this.state = 'ended';
		this.#releaseLock();
		await this.#progress.changed({ type: 'attempt.ended', attemptId: id });
	}

	/** Saves what is pending and releases the lock (leaving the page or the console). */
	async #suspend(): Promise<void> {
		const id = this.attemptId;
		const autosave = this.#autosave;
		if (!id || !autosave) return;
		this.#pull();
		this.#autosave = null;
		await autosave.stop();
		if (autosave.lost) return;
		await releaseAttempt(await this.#progress.open(), id, this.#progress.tabId);
		this.#releaseLock();
		this.#progress.channel?.post({ type: 'attempt.released', attemptId: id });
		if (this.state === 'recording') this.state = 'idle';
	}

	/**
	 * Claims the existing attempt for this tab and starts saving it: a resumed attempt (already claimed; claiming
	 * again is a no-op) or one this page released when it was hidden in the back/forward cache (another tab may
	 * have taken it meanwhile).
	 */
	async #claim(): Promise<void> {
		const id = this.attemptId;
		if (!id || this.#autosave) return;
		const taken = await acquireAttemptLock(id, { locks: this.#locks });
		if (taken.kind === 'busy') {
			this.state = 'read-only';
			this.error = 'Another tab took over this drill while this page was away. Changes here are not saved.';
			return;
		}
		const claim = await claimAttempt(await this.#progress.open(), id, this.#progress.tabId, {
			force: taken.kind === 'held'
		});
		if (taken.kind === 'held') {
			if (claim.role === 'driver') this.#holdLock(taken.lock);
			else taken.lock.release();
		}
		if (claim.role === 'driver') {
			await this.#beginAutosave();
		} else if (claim.reason === 'ended') {
			this.state = 'ended';
		} else {
			this.state = 'read-only';
			this.error = 'Another tab took over this drill while this page was away. Changes here are not saved.';
		}
	}

	readonly #onPageHide = (): void => {
		this.#enqueue(() => this.#suspend());
	};

	readonly #onPageShow = (event: Event): void => {
		if (!(event as PageTransitionEvent).persisted) return;
		this.#enqueue(async () => {
			if (this.state === 'idle' && this.#session && !this.#session.ended) await this.#claim();
		});
	};

	readonly #onVisibility = (): void => {
		const hidden = this.#document?.visibilityState === 'hidden';
		if (hidden && !this.#hidden) {
			this.#pull();
			const autosave = this.#autosave;
			if (autosave) this.#enqueue(async () => void (await autosave.flush()));
		}
		this.#hidden = hidden;
	};
}
