/** The profiles page's data: how many attempts each profile has and when it was last active. */
import { lastActivity } from '$lib/components/progress/summary';
import { progress as appProgress, type ProgressState } from '$lib/state/progress.svelte';

export interface ProfileStats {
	attempts: number;
	finished: number;
	lastActivity: string | null;
}

export class ProfilesView {
	/** Profile id → its stats. */
	stats = $state.raw<Readonly<Record<string, ProfileStats>>>({});
	error = $state.raw<string | null>(null);
	readonly #progress: ProgressState;
	#request = 0;

	constructor(progress: ProgressState = appProgress) {
		this.#progress = progress;
	}

	/** Re-reads every profile's attempts (latest call wins). */
	async load(): Promise<void> {
		const request = ++this.#request;
		try {
			await this.#progress.open();
			const entries = await Promise.all(
				this.#progress.profiles.map(async (p) => {
					const { attempts } = await this.#progress.loadProfile(p.id);
					const stats: ProfileStats = {
						attempts: attempts.length,
						finished: attempts.filter((a) => a.status === 'finished').length,
						lastActivity: lastActivity(attempts)
					};
					return [p.id, stats] as const;
				})
			);
			if (request !== this.#request) return;
			this.stats = Object.fromEntries(entries);
			this.error = null;
		} catch (error) {
			if (request === this.#request) this.error = error instanceof Error ? error.message : String(error);
		}
	}
}
