/** Reading the console's query string: `?seed=42`, `?mode=interview`, `?attempt=<id>`. Pure. */
import type { DrillMode } from '$lib/state/drill-session.svelte';

export interface StartParams {
	/** Seed to run, or null when none (or an invalid one) was given. */
	seed: number | null;
	mode: DrillMode;
	/** Saved attempt to resume, when asked for. */
	attempt: string | null;
}

/** Largest seed accepted: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** Parses the console's search parameters. */
export function parseStartParams(params: URLSearchParams): StartParams {
	const raw = params.get('seed')?.trim() ?? '';
	const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
	const attempt = params.get('attempt')?.trim() || null;
	return {
		seed: Number.isInteger(n) && n <= MAX_SEED ? n : null,
		mode: params.get('mode') === 'interview' ? 'interview' : 'practice',
		attempt
	};
}

/** A fresh random seed from `random` (a [0, 1) source such as `Math.random`). */
export function newSeed(random: () => number): number {
	return Math.floor(random() * (MAX_SEED + 1)) >>> 0;
}
