/**
 * The simulated clock and its job queue. Every timed thing in a drill — scrapes, rule evaluations, action
 * completions, responder replies and the incident machine's `after` timers — is a job on this one queue, run in order
 * of (due time, priority, insertion). Nothing here reads wall time: the browser decides how fast to call `runUntil`.
 */
import type { SimMs } from './types';

/** Lower runs first among jobs due at the same instant. */
export const PRIORITY = { scrape: 0, machine: 1, action: 2, evaluate: 3 } as const;

interface Job {
	id: number;
	due: SimMs;
	priority: number;
	run: () => void;
}

export class SimClock {
	private current: SimMs;
	private nextId = 1;
	private jobs: Job[] = [];

	/** @param start the sim time the clock starts at (may be negative: history before the drill). */
	constructor(start: SimMs = 0) {
		this.current = start;
	}

	/** Current sim time in ms. */
	now(): SimMs {
		return this.current;
	}

	/** Runs `run` at sim time `now() + delayMs` (clamped to now). Returns an id for {@link cancel}. */
	schedule(run: () => void, delayMs: number, priority: number = PRIORITY.machine): number {
		return this.scheduleAt(run, this.current + Math.max(0, delayMs), priority);
	}

	/** Runs `run` at absolute sim time `due` (clamped to now). */
	scheduleAt(run: () => void, due: SimMs, priority: number = PRIORITY.machine): number {
		const job: Job = { id: this.nextId++, due: Math.max(due, this.current), priority, run };
		let i = this.jobs.length;
		while (i > 0 && compare(this.jobs[i - 1], job) > 0) i--;
		this.jobs.splice(i, 0, job);
		return job.id;
	}

	/** Cancels a scheduled job; unknown ids are ignored. */
	cancel(id: number): void {
		const i = this.jobs.findIndex((j) => j.id === id);
		if (i >= 0) this.jobs.splice(i, 1);
	}

	/** Sim time of the next job, or null. */
	nextDue(): SimMs | null {
		return this.jobs.length > 0 ? this.jobs[0].due : null;
	}

	/**
	 * Runs every job due at or before `t`, each with `now()` equal to its due time, then sets the clock to `t`.
	 * `shouldStop` is checked after each job; when it returns true the clock stays at that job's time.
	 */
	runUntil(t: SimMs, shouldStop: () => boolean = () => false): void {
		while (this.jobs.length > 0 && this.jobs[0].due <= t) {
			const job = this.jobs.shift()!;
			this.current = job.due;
			job.run();
			if (shouldStop()) return;
		}
		if (t > this.current) this.current = t;
	}

	/**
	 * Moves the clock to `t` without running jobs due at `t` (they run on the next `runUntil`). Throws when a job is
	 * due before `t`.
	 */
	moveTo(t: SimMs): void {
		const next = this.nextDue();
		if (next !== null && next < t) throw new Error(`a job is due at ${next}, before ${t}`);
		if (t > this.current) this.current = t;
	}

	/** An object with the shape XState's `clock` option expects, backed by this queue. */
	xstateClock(): { setTimeout: (fn: () => void, ms: number) => number; clearTimeout: (id: number) => void } {
		return {
			setTimeout: (fn, ms) => this.schedule(fn, ms, PRIORITY.machine),
			clearTimeout: (id) => this.cancel(id)
		};
	}
}

function compare(a: Job, b: Job): number {
	return a.due - b.due || a.priority - b.priority || a.id - b.id;
}
