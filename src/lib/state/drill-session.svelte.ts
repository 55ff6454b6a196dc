/**
 * `DrillSession`: the one object the browser console holds for a running drill. It wraps a `Drill` (the pure
 * simulation), drives its clock from wall time, and republishes the drill's state as reactive snapshots that
 * components read. Components never talk to the simulation directly: they call the methods here, which record
 * trainee events at the current sim time.
 */
import type { DeployRecord, Drill, DrillEnd, FlagState, ServiceState } from '../sim/drill-api';
import type { Scenario } from '../sim/scenario/schema';
import type {
	AlertInstance,
	DrillEvent,
	EpochMs,
	IncidentStatus,
	Page,
	Silence,
	SimMs,
	TimedTraineeEvent,
	TraineeEvent
} from '../sim/types';

/** `practice`: the trainee may pause and speed up the clock. `interview`: 1× and no pause, always. */
export type DrillMode = 'practice' | 'interview';

/** Clock speeds offered in practice mode (sim seconds per wall second). */
export const SPEEDS = [1, 2, 5, 10] as const;
export type Speed = (typeof SPEEDS)[number];

/**
 * Calls `tick` repeatedly (the browser default is every 250 ms) until the returned function is called.
 * Injected so tests can drive the clock by hand.
 */
export type Scheduler = (tick: () => void) => () => void;

/** Why `onPersist` was called. */
export type PersistCause = 'start' | 'event' | 'pause' | 'checkpoint' | 'end';

/** Everything needed to restore a drill: the scenario, the seed and the trainee events replay it exactly. */
export interface PersistSnapshot {
	cause: PersistCause;
	scenarioId: string;
	scenarioVersion: string | null;
	seed: number;
	mode: DrillMode;
	speed: Speed;
	paused: boolean;
	/** Sim time when the snapshot was taken. */
	now: SimMs;
	ended: DrillEnd | null;
	traineeEvents: TimedTraineeEvent[];
	/** The drill's live event log (not a copy: copy it if you keep it). */
	eventLog: readonly DrillEvent[];
}

export interface DrillSessionOptions {
	mode?: DrillMode;
	/** Initial speed in practice mode (ignored in interview mode). Default 1. */
	speed?: Speed;
	/** Start paused (practice mode only). Default false. */
	paused?: boolean;
	/** Drives ticks. Default: a 250 ms interval (browser). */
	scheduler?: Scheduler;
	/** Monotonic wall clock in ms. Default: `performance.now()`. */
	wallClock?: () => number;
	/** Called after each trainee event, on pause, on end and every `checkpointEveryMs` of wall time. */
	onPersist?: (snapshot: PersistSnapshot) => void;
	/** Wall ms between checkpoint snapshots while the clock runs. Default 15 000. */
	checkpointEveryMs?: number;
}

/** The default scheduler: a 250 ms interval. Keeps running (throttled) in background tabs. */
export const intervalScheduler: Scheduler = (tick) => {
	const handle = setInterval(tick, 250);
	return () => clearInterval(handle);
};

/** Label matcher as used by silences. */
export type SilenceMatcher = Silence['matchers'][number];

/** Values of an action's parameters, keyed by parameter name. */
export type ActionParams = Record<string, string | number | boolean>;

/**
 * Wraps a running drill for the UI.
 *
 * Invariants: `now` never decreases; once `ended` is set the clock stops and every trainee method returns `null`
 * without touching the drill; in interview mode `speed` is 1 and `paused` is false for the whole session.
 */
export class DrillSession {
	/** The simulation. Panels that evaluate queries read `drill.metrics` / `drill.logs`; do not dispatch here. */
	readonly drill: Drill;
	readonly mode: DrillMode;

	/** Current sim time (ms since drill start). */
	now = $state.raw<SimMs>(0);
	alerts = $state.raw<AlertInstance[]>([]);
	pages = $state.raw<Page[]>([]);
	silences = $state.raw<Silence[]>([]);
	/** The event log (timeline), oldest first. */
	events = $state.raw<readonly DrillEvent[]>([]);
	services = $state.raw<ServiceState[]>([]);
	deploys = $state.raw<DeployRecord[]>([]);
	flags = $state.raw<FlagState[]>([]);
	/** Incident machine state. Internal truth: do not show it to the trainee during the drill. */
	phase = $state.raw('');
	ended = $state.raw<DrillEnd | null>(null);
	speed = $state.raw<Speed>(1);
	paused = $state.raw(false);
	/** True between `start()` and `stop()` (or the end of the drill). */
	running = $state.raw(false);

	/** Pages not yet acknowledged and not resolved, newest first. */
	openPages: Page[] = $derived(
		this.pages.filter((p) => p.ackedAt === null && p.resolvedAt === null).sort((a, b) => b.at - a.at)
	);
	/** Whether the trainee may change the speed or pause. */
	readonly canControlClock: boolean;

	#scheduler: Scheduler;
	#wallClock: () => number;
	#onPersist: ((snapshot: PersistSnapshot) => void) | undefined;
	#checkpointEveryMs: number;
	#stopTicking: (() => void) | null = null;
	/** Sim time as a float, so sub-millisecond progress at 1× is not lost between ticks. */
	#virtualNow: number;
	#lastWall: number | null = null;
	#wallSinceCheckpoint = 0;
	/** JSON signatures of the last published snapshots, so unchanged lists keep their identity. */
	#signatures: Record<string, string> = {};

	constructor(drill: Drill, options: DrillSessionOptions = {}) {
		this.drill = drill;
		this.mode = options.mode ?? 'practice';
		this.canControlClock = this.mode === 'practice';
		if (this.canControlClock) {
			this.speed = options.speed ?? 1;
			this.paused = options.paused ?? false;
		}
		this.#scheduler = options.scheduler ?? intervalScheduler;
		this.#wallClock = options.wallClock ?? (() => performance.now());
		this.#onPersist = options.onPersist;
		this.#checkpointEveryMs = options.checkpointEveryMs ?? 15_000;
		this.#virtualNow = drill.now;
		this.#refresh();
	}

	get scenario(): Scenario {
		return this.drill.scenario;
	}

	get seed(): number {
		return this.drill.seed;
	}

	get startEpochMs(): EpochMs {
		return this.drill.startEpochMs;
	}

	/** Unix ms of the current sim time (reactive through `now`). */
	get nowEpochMs(): EpochMs {
		return this.drill.startEpochMs + this.now;
	}

	/** Starts the clock. No-op when already running or ended. */
	start(): void {
		if (this.#stopTicking || this.ended) return;
		this.#lastWall = this.#wallClock();
		this.#stopTicking = this.#scheduler(() => this.tick());
		this.running = true;
		this.#persist('start');
	}

	/** Stops the clock (e.g. when the console unmounts). Safe to call repeatedly. */
	stop(): void {
		this.#stopTicking?.();
		this.#stopTicking = null;
		this.#lastWall = null;
		this.running = false;
	}

	/**
	 * Advances sim time by the wall time elapsed since the previous tick × speed (nothing while paused), runs the
	 * simulation up to it and refreshes the snapshots. Called by the scheduler; public so tests can drive it.
	 */
	tick(): void {
		if (this.ended) return;
		const before = this.drill.now;
		const elapsed = this.#syncClock();
		// While paused nothing moves; skip republishing.
		if (this.drill.now !== before || this.drill.ended) this.#refresh();
		if (this.ended) {
			this.stop();
			this.#persist('end');
			return;
		}
		if (!this.paused) {
			this.#wallSinceCheckpoint += elapsed;
			if (this.#wallSinceCheckpoint >= this.#checkpointEveryMs) {
				this.#wallSinceCheckpoint = 0;
				this.#persist('checkpoint');
			}
		}
	}

	/** Sets the clock speed. Returns false (and changes nothing) in interview mode. */
	setSpeed(speed: Speed): boolean {
		if (!this.canControlClock || !SPEEDS.includes(speed)) return false;
		this.#syncClock();
		this.speed = speed;
		return true;
	}

	/** Pauses the clock. Returns false (and changes nothing) in interview mode or once ended. */
	pause(): boolean {
		if (!this.canControlClock || this.ended) return false;
		if (this.paused) return true;
		this.#syncClock();
		this.paused = true;
		this.#refresh();
		this.#persist('pause');
		return true;
	}

	/** Resumes a paused clock. Returns false in interview mode. */
	resume(): boolean {
		if (!this.canControlClock) return false;
		this.#lastWall = this.#stopTicking ? this.#wallClock() : null;
		this.paused = false;
		return true;
	}

	/** Acknowledges a page. */
	ack(pageId: string): DrillEvent | null {
		return this.dispatch({ type: 'alert.ack', pageId });
	}

	/** Silences alerts matching all `matchers` for `durationMs` of sim time. `reason` is required by the UI. */
	silence(matchers: SilenceMatcher[], durationMs: number, reason: string): DrillEvent | null {
		return this.dispatch({ type: 'alert.silence', matchers, durationMs, reason });
	}

	/** Runs an action of the scenario's catalog with its parameter values and, for risky ones, a reason. */
	runAction(action: string, params: ActionParams, reason?: string): DrillEvent | null {
		const reasonText = reason?.trim();
		return this.dispatch(
			reasonText
				? { type: 'action.run', action, params, reason: reasonText }
				: { type: 'action.run', action, params }
		);
	}

	/** Pages an escalation target (team or person) with a message. Their reply arrives later in the channel. */
	escalate(target: string, message: string): DrillEvent | null {
		return this.dispatch({ type: 'escalation.page', target, message });
	}

	/** Posts a status-page update. */
	postStatus(status: IncidentStatus, components: string[], text: string): DrillEvent | null {
		return this.dispatch({ type: 'status.post', status, components, text });
	}

	/** Adds a note to the incident channel. */
	addNote(text: string): DrillEvent | null {
		return this.dispatch({ type: 'note.add', text });
	}

	/** Declares the incident resolved (this normally ends the drill). */
	declareResolved(summary?: string): DrillEvent | null {
		const text = summary?.trim();
		return this.dispatch(
			text ? { type: 'incident.declareResolved', summary: text } : { type: 'incident.declareResolved' }
		);
	}

	/**
	 * Records that the trainee opened a view, e.g. `('tab', 'changes')`, `('runbook', 'checkout-high-errors')`,
	 * `('dashboard', 'checkout-overview')`.
	 */
	recordView(view: string, target?: string): DrillEvent | null {
		return this.dispatch(
			target === undefined ? { type: 'view.open', view } : { type: 'view.open', view, target }
		);
	}

	/** Records a query the trainee ran (PromQL with an optional panel id, or LogQL). */
	recordQuery(kind: 'promql' | 'logql', expr: string, panel?: string): DrillEvent | null {
		if (kind === 'logql') return this.dispatch({ type: 'query.logql', expr });
		return this.dispatch(
			panel === undefined ? { type: 'query.promql', expr } : { type: 'query.promql', expr, panel }
		);
	}

	/**
	 * Records a trainee event at the current sim time (the clock is brought up to date first) and refreshes the
	 * snapshots. Returns the logged event, or `null` once the drill has ended.
	 */
	dispatch(event: TraineeEvent): DrillEvent | null {
		if (this.ended) return null;
		if (this.#stopTicking) this.#syncClock();
		if (this.drill.ended) {
			this.#refresh();
			this.#afterEnd();
			return null;
		}
		const logged = this.drill.dispatch(event);
		this.#refresh();
		this.#persist('event');
		if (this.ended) this.#afterEnd();
		return logged;
	}

	/** The current state for persistence. */
	snapshot(cause: PersistCause): PersistSnapshot {
		const start = this.drill.events.find((e) => e.type === 'drill.start');
		return {
			cause,
			scenarioId: this.drill.scenario.metadata.id,
			scenarioVersion: start?.type === 'drill.start' ? start.scenarioVersion : null,
			seed: this.drill.seed,
			mode: this.mode,
			speed: this.speed,
			paused: this.paused,
			now: this.drill.now,
			ended: this.drill.ended,
			traineeEvents: this.drill.traineeEvents(),
			eventLog: this.drill.events
		};
	}

	#afterEnd(): void {
		this.stop();
		this.#persist('end');
	}

	/** Moves the float sim clock forward by elapsed wall time × speed and runs the drill to it. Returns wall ms. */
	#syncClock(): number {
		const wall = this.#wallClock();
		const elapsed = this.#lastWall === null ? 0 : Math.max(0, wall - this.#lastWall);
		this.#lastWall = wall;
		if (!this.paused) this.#virtualNow += elapsed * this.speed;
		const target = Math.floor(this.#virtualNow);
		if (target > this.drill.now) this.drill.advanceTo(target);
		// The drill may stop early (it ended); never let the float clock run ahead of it.
		if (this.drill.ended) this.#virtualNow = this.drill.now;
		return elapsed;
	}

	#refresh(): void {
		const d = this.drill;
		this.now = d.now;
		if (d.events.length !== this.events.length) this.events = d.events.slice();
		this.alerts = this.#stable('alerts', d.alerts(), this.alerts);
		this.pages = this.#stable('pages', d.pages(), this.pages);
		this.silences = this.#stable('silences', d.silences(), this.silences);
		this.services = this.#stable('services', d.services(), this.services);
		this.deploys = this.#stable('deploys', d.deploys(), this.deploys);
		this.flags = this.#stable('flags', d.flags(), this.flags);
		this.phase = d.phase;
		if (d.ended && !this.ended) this.ended = { ...d.ended };
	}

	/** Returns `previous` when `next` has the same content, so derived values and lists do not re-render. */
	#stable<T>(key: string, next: T, previous: T): T {
		const signature = JSON.stringify(next);
		if (this.#signatures[key] === signature) return previous;
		this.#signatures[key] = signature;
		return next;
	}

	#persist(cause: PersistCause): void {
		this.#onPersist?.(this.snapshot(cause));
	}
}
