/**
 * A throttled view of the drill clock for panels that re-run queries as sim time advances. Reading `now` inside a
 * reactive context subscribes to a wall-clock ticker (default once a second); the value is re-read only on ticks,
 * so a `$derived` that depends on it is recomputed at most once per tick however fast the sim clock runs.
 */
import { untrack } from 'svelte';
import { createSubscriber } from 'svelte/reactivity';

/** Calls `tick` periodically until the returned function is called. Injected so tests can tick by hand. */
export type Ticker = (tick: () => void) => () => void;

/** The browser ticker: once per second of wall time. */
export const secondTicker: Ticker = (tick) => {
	const handle = setInterval(tick, 1000);
	return () => clearInterval(handle);
};

export class LiveClock {
	readonly #read: () => number;
	readonly #subscribe: () => void;

	/** `read` returns the current sim time (e.g. `() => session.now`); it is read untracked. */
	constructor(read: () => number, ticker: Ticker = secondTicker) {
		this.#read = read;
		this.#subscribe = createSubscriber((update) => ticker(update));
	}

	/** The sim time as of the last tick (or of this read, outside reactive contexts). */
	get now(): number {
		this.#subscribe();
		return untrack(this.#read);
	}
}
