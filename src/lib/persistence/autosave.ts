/**
 * Autosave for the tab driving a drill: collects patches and writes them with `saveAttemptProgress` at most once
 * per interval (default 2 s), refreshing the lock heartbeat even when nothing changed. Saves never overlap. When
 * another tab takes the attempt over, the autosave stops and reports `locked`, and the UI turns read-only.
 */
import { LOCK_STALE_MS, saveAttemptProgress, type AttemptProgressPatch, type SaveResult } from './attempts';
import type { ProgressDb } from './store';
import type { TabChannel } from './tab-channel';

/** Default autosave interval in wall-clock milliseconds. */
export const AUTOSAVE_INTERVAL_MS = 2_000;

export interface AutosaveOptions {
	/** Milliseconds between saves (default {@link AUTOSAVE_INTERVAL_MS}); keep well under `LOCK_STALE_MS`. */
	intervalMs?: number;
	/** Announces saves to other tabs. */
	channel?: TabChannel;
	/** Called after each save attempt with its result. */
	onSaved?: (result: SaveResult) => void;
	/** Called once when the attempt was taken over by another tab, has ended, or was deleted. */
	onLost?: (result: SaveResult & { ok: false }) => void;
	/** Called when a save throws (e.g. storage full); the patch is kept and retried on the next tick. */
	onError?: (error: unknown) => void;
	timers?: {
		setInterval: (fn: () => void, ms: number) => unknown;
		clearInterval: (handle: unknown) => void;
	};
}

export interface Autosave {
	/** Merges a patch into what the next save writes (later values win). Ignored once lost or stopped. */
	update(patch: AttemptProgressPatch): void;
	/** Saves now (after any save in flight); resolves with the result, or null when stopped or lost. */
	flush(): Promise<SaveResult | null>;
	/** Saves what is pending, then stops the timer. */
	stop(): Promise<void>;
	/** True once another tab took over or the attempt ended. */
	readonly lost: boolean;
}

/** Starts autosaving attempt `attemptId` driven by `tabId` (which must hold the lock, see `claimAttempt`). */
export function createAutosave(
	db: ProgressDb,
	attemptId: string,
	tabId: string,
	options: AutosaveOptions = {}
): Autosave {
	const intervalMs = options.intervalMs ?? AUTOSAVE_INTERVAL_MS;
	if (!(intervalMs > 0 && intervalMs < LOCK_STALE_MS)) {
		throw new RangeError(`The autosave interval must be between 0 and ${LOCK_STALE_MS} ms.`);
	}
	const timers = options.timers ?? {
		setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
		clearInterval: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>)
	};
	let pending: AttemptProgressPatch = {};
	let lost = false;
	let stopped = false;
	let inFlight: Promise<SaveResult | null> = Promise.resolve(null);

	const saveOnce = async (): Promise<SaveResult | null> => {
		if (lost) return null;
		const patch = pending;
		pending = {};
		let result: SaveResult;
		try {
			result = await saveAttemptProgress(db, attemptId, tabId, patch);
		} catch (error) {
			pending = { ...patch, ...pending };
			options.onError?.(error);
			return null;
		}
		options.onSaved?.(result);
		if (result.ok) {
			options.channel?.post({ type: 'attempt.saved', attemptId, updatedAt: result.updatedAt });
		} else {
			lost = true;
			timers.clearInterval(handle);
			options.onLost?.(result);
		}
		return result;
	};

	const flush = (): Promise<SaveResult | null> => {
		inFlight = inFlight.then(saveOnce, saveOnce);
		return inFlight;
	};

	const handle = timers.setInterval(() => {
		void flush();
	}, intervalMs);

	return {
		update(patch) {
			if (lost || stopped) return;
			pending = { ...pending, ...patch };
		},
		flush: () => (stopped ? Promise.resolve(null) : flush()),
		async stop() {
			if (stopped) return;
			timers.clearInterval(handle);
			await flush();
			stopped = true;
		},
		get lost() {
			return lost;
		}
	};
}
