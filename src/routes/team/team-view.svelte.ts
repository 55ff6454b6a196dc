/**
 * The manager's team view: every trainee profile imported for review, and every profile of this browser that has
 * drills (a trainee looking at their own progress, a manager trying the app), summarised for today, and the one the
 * manager drilled into. `load()` runs on mount and after every change to stored progress (imports, plan edits, other tabs).
 */
import { effectivePlan, teamRow, type TeamRow, type TraineeData } from '$lib/components/progress/summary';
import { evaluatePlan, type Plan, type PlanEvaluation } from '$lib/progress/plan';
import { kpiSeries, type KpiSeries } from '$lib/progress/trends';
import { progress as appProgress, type ProgressState } from '$lib/state/progress.svelte';

export interface TraineeDetail {
	data: TraineeData;
	plan: Plan;
	evaluation: PlanEvaluation;
	kpis: KpiSeries[];
}

/** Today's UTC day, `YYYY-MM-DD`. */
function utcDay(now: Date): string {
	return now.toISOString().slice(0, 10);
}

export class TeamView {
	trainees = $state.raw<TraineeData[]>([]);
	loaded = $state.raw(false);
	error = $state.raw<string | null>(null);
	today = $state.raw('');
	/** Profile id of the trainee drilled into. */
	selectedId = $state.raw<string | null>(null);

	rows: TeamRow[] = $derived(this.today ? this.trainees.map((t) => teamRow(t, this.today)) : []);
	selected: TraineeDetail | null = $derived.by(() => {
		const data = this.trainees.find((t) => t.profile.id === this.selectedId);
		if (!data || !this.today) return null;
		const plan = effectivePlan(data);
		return {
			data,
			plan,
			evaluation: evaluatePlan(plan, data.attempts, this.today),
			kpis: kpiSeries(data.attempts)
		};
	});

	readonly #progress: ProgressState;
	readonly #clock: () => Date;
	#request = 0;

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- reading the wall clock, not reactive state
	constructor(progress: ProgressState = appProgress, clock = () => new Date()) {
		this.#progress = progress;
		this.#clock = clock;
	}

	/** Reads the progress of every imported trainee and of this browser's profiles with drills (latest call wins). */
	async load(): Promise<void> {
		const request = ++this.#request;
		try {
			await this.#progress.open();
			const all = await Promise.all(this.#progress.profiles.map((p) => this.#progress.loadProfile(p.id)));
			// Imported trainees first (the manager's team), then this browser's own profiles.
			const trainees = [
				...all.filter((t) => t.profile.imported),
				...all.filter((t) => !t.profile.imported && t.attempts.length > 0)
			];
			if (request !== this.#request) return;
			this.today = utcDay(this.#clock());
			this.trainees = trainees;
			if (this.selectedId && !trainees.some((t) => t.profile.id === this.selectedId)) this.selectedId = null;
			this.error = null;
		} catch (error) {
			if (request === this.#request) this.error = error instanceof Error ? error.message : String(error);
		} finally {
			if (request === this.#request) this.loaded = true;
		}
	}

	select(profileId: string | null): void {
		this.selectedId = profileId;
	}
}
