/**
 * Which tab drives an attempt, decided by the browser's Web Locks API: the tab that records an attempt holds the
 * lock `pagerdrill.attempt.<id>` for as long as the page lives. The browser releases it when the tab closes,
 * reloads, navigates away or crashes, so reopening a drill after a crash finds it free at once, while a second
 * live tab finds it taken and shows the drill read-only.
 *
 * `navigator.locks.request(name, { ifAvailable: true }, callback)` either grants the lock (the callback's promise
 * keeps it until {@link AttemptLock.release}) or calls back with null when another tab holds it. "Take over here"
 * uses `steal`: the browser hands the lock over and the old holder's request rejects, which
 * {@link AttemptLock.onLost} reports so that tab turns read-only straight away.
 *
 * Fallback: where `navigator.locks` does not exist (jsdom, very old browsers, some embedded web views),
 * {@link acquireAttemptLock} answers `unsupported` and the callers keep the stored heartbeat rule of
 * `attempts.ts` (a holder that has not saved for `LOCK_STALE_MS` is presumed gone).
 */

/** Prefix of the lock names; the attempt id follows. */
export const ATTEMPT_LOCK_PREFIX = 'pagerdrill.attempt.';

/** The part of `navigator.locks` used here (so tests can pass their own). */
export interface LockManagerLike {
	request(
		name: string,
		options: { ifAvailable?: boolean; steal?: boolean; mode?: 'exclusive' | 'shared' },
		callback: (lock: unknown) => Promise<unknown> | unknown
	): Promise<unknown>;
}

/** A held attempt lock. */
export interface AttemptLock {
	readonly attemptId: string;
	/** Lets the lock go (leaving the console for another page of the app). Safe to call repeatedly. */
	release(): void;
	/** Calls `listener` once if another tab takes the lock over (`steal`); returns the unsubscribe function. */
	onLost(listener: () => void): () => void;
	/** True once released or taken over. */
	readonly lost: boolean;
}

export type LockResult =
	| { kind: 'held'; lock: AttemptLock }
	/** Another live tab holds the lock. */
	| { kind: 'busy' }
	/** No Web Locks in this browser: use the stored heartbeat instead. */
	| { kind: 'unsupported' };

/** `navigator.locks` when the browser has it, else null. */
export function browserLockManager(): LockManagerLike | null {
	const locks = (globalThis.navigator as (Navigator & { locks?: LockManagerLike }) | undefined)?.locks;
	return locks && typeof locks.request === 'function' ? locks : null;
}

/** Locks this page holds, so asking again for an attempt it already drives returns the same lock. */
const held = new Map<string, AttemptLock>();

/**
 * Takes the lock of attempt `attemptId` for this page. Resolves `held` (kept until released or stolen), `busy`
 * when another tab has it (never waits), or `unsupported` without Web Locks. With `steal`, takes it from the other
 * tab. A lock this page already holds is returned as it is.
 * @param locks the lock manager; default `navigator.locks`, `null` means none.
 */
export async function acquireAttemptLock(
	attemptId: string,
	options: { steal?: boolean; locks?: LockManagerLike | null } = {}
): Promise<LockResult> {
	const existing = held.get(attemptId);
	if (existing && !existing.lost) return { kind: 'held', lock: existing };
	const locks = options.locks === undefined ? browserLockManager() : options.locks;
	if (!locks) return { kind: 'unsupported' };
	const name = ATTEMPT_LOCK_PREFIX + attemptId;
	let releaseHeld: () => void = () => {};
	const keep = new Promise<void>((resolve) => {
		releaseHeld = resolve;
	});
	const listeners = new Set<() => void>();
	let lost = false;
	const lock: AttemptLock = {
		attemptId,
		release() {
			if (lost) return;
			lost = true;
			if (held.get(attemptId) === lock) held.delete(attemptId);
			releaseHeld();
		},
		onLost(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		get lost() {
			return lost;
		}
	};
	const granted = new Promise<boolean>((resolve, reject) => {
		const request = options.steal
			? locks.request(name, { steal: true }, () => {
					resolve(true);
					return keep;
				})
			: locks.request(name, { ifAvailable: true }, (got) => {
					resolve(got !== null);
					return got === null ? undefined : keep;
				});
		request.then(
			() => undefined,
			(error: unknown) => {
				// A stolen lock rejects the holder's request: tell the page it no longer drives the attempt.
				reject(error);
				if (lost) return;
				lost = true;
				if (held.get(attemptId) === lock) held.delete(attemptId);
				for (const listener of [...listeners]) listener();
			}
		);
	});
	try {
		if (!(await granted)) return { kind: 'busy' };
	} catch {
		// The browser refused the request itself (e.g. an opaque origin): behave as without Web Locks.
		return { kind: 'unsupported' };
	}
	held.set(attemptId, lock);
	return { kind: 'held', lock };
}

/** Releases every lock this page holds (tests). */
export function releaseAllAttemptLocks(): void {
	for (const lock of [...held.values()]) lock.release();
}
