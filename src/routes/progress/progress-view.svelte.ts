/**
 * The state of the progress page: which profile it shows (the active one, or `?profile=<id>`), its stored data, and
 * the summary computed from it for today. `load()` is called on navigation and whenever stored progress changes.
 */
import type { CatalogEntry } from '$lib/progress/trends';
import { summarizeProgress, type ProgressSummary, type TraineeData } from '$lib/components/progress/summary';
import { progress as appProgress, type ProgressState } from '$lib/state/progress.svelte';

/** Today's UTC day of a wall-clock time, `YYYY-MM-DD`. */
export function utcToday(now: Date): string {
	return now.toISOString().slice(0, 10);
}

export class ProgressView {
	readonly #catalog: readonly CatalogEntry[] = [];
	data = $state.raw<TraineeData | null>(null);
	error = $state.raw<string | null>(null);
	loading = $state.raw(true);
	/** The day the plan is evaluated for. */
	today = $state.raw('');
	summary: ProgressSummary | null = $derived(
		this.data && this.today ? summarizeProgress(this.data, this.today, this.#catalog) : null
	);

	readonly #progress: ProgressState;
	readonly #clock: () => Date;
	#request = 0;

	constructor(
		catalog: readonly CatalogEntry[],
		progress: ProgressState = appProgress,
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- reading the wall clock, not reactive state
		clock = () => new Date()
	) {
		this.#catalog = catalog;
		this.#progress = progress;
		this.#clock = clock;
	}

	/** Loads a profile's progress (the active profile when `profileId` is null). Later calls win over earlier ones. */
	async load(profileId: string | null): Promise<void> {
		const request = ++this.#request;
		this.loading = true;
		try {
			await this.#progress.open();
			const id = profileId ?? this.#progress.activeProfile?.id;
			if (!id) throw new Error('There is no profile yet.');
			const data = await this.#progress.loadProfile(id);
			if (request !== this.#request) return;
			this.today = utcToday(this.#clock());
			this.data = data;
			this.error = null;
		} catch (error) {
			if (request !== this.#request) return;
			this.data = null;
			this.error = error instanceof Error ? error.message : String(error);
		} finally {
			if (request === this.#request) this.loading = false;
		}
	}
}
