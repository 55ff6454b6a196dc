/**
 * `ExerciseView`: the role profile's runbook writing exercise — "provide an alert name and minimal context; ask for a
 * step-by-step runbook including verification and rollback checks" in 30 minutes. The trainee picks an alert, reads
 * its context, starts the clock and writes; the runbook is graded live and on submit. The clock is advisory: time up
 * is announced, nothing is taken away.
 */
import type { AlertBrief } from '$lib/components/editor/alert-brief';
import { runbookTemplate } from '$lib/components/editor/templates';
import { WritingSession } from '$lib/components/editor/writing-session.svelte';
import {
	exerciseStore,
	loadExerciseDraft,
	loadExerciseSubmission,
	type ExerciseSubmission
} from './exercise-store';

/** Length of the exercise. */
export const EXERCISE_MS = 30 * 60_000;

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class ExerciseView {
	alerts = $state.raw<readonly AlertBrief[]>([]);
	alertId = $state.raw<string | null>(null);
	alert: AlertBrief | null = $derived(this.alerts.find((a) => a.id === this.alertId) ?? null);
	session = $state.raw<WritingSession | null>(null);
	/** Wall-clock ms the clock started at (null before starting). */
	startedAt = $state.raw<number | null>(null);
	/** Wall-clock ms, moved by {@link tick}. */
	now = $state.raw(0);
	/** The last submission for the picked alert (from an earlier visit too). */
	previous = $state.raw<ExerciseSubmission | null>(null);
	/** A draft from an earlier visit exists for the picked alert. */
	hasDraft = $state.raw(false);

	/** Milliseconds left, or null before the clock starts. Never negative. */
	remainingMs: number | null = $derived(
		this.startedAt === null ? null : Math.max(0, this.startedAt + EXERCISE_MS - this.now)
	);

	readonly #storage: KeyValue | null;

	constructor(alerts: readonly AlertBrief[], storage: KeyValue | null) {
		this.alerts = alerts;
		this.#storage = storage;
	}

	/** Chooses an alert (stops any running exercise, keeping its draft). Unknown ids clear the choice. */
	pick(id: string | null): void {
		void this.session?.dispose();
		this.session = null;
		this.startedAt = null;
		this.alertId = this.alerts.some((a) => a.id === id) ? id : null;
		this.previous = this.alertId ? loadExerciseSubmission(this.#storage, this.alertId) : null;
		this.hasDraft = this.alertId ? loadExerciseDraft(this.#storage, this.alertId) !== null : false;
	}

	/** Starts the clock at wall time `now` and opens the editor on the draft, or the template. */
	start(now: number): void {
		const alert = this.alert;
		if (!alert) return;
		this.startedAt = now;
		this.now = now;
		const draft = loadExerciseDraft(this.#storage, alert.id);
		this.session = new WritingSession({
			kind: 'runbook',
			context: { alertName: alert.alert },
			initialText: draft ?? runbookTemplate({ alertName: alert.alert }),
			store: exerciseStore(this.#storage, alert.id)
		});
	}

	/** Moves the clock to wall time `now`. */
	tick(now: number): void {
		this.now = now;
	}

	/** The template for the picked alert. */
	template(): string {
		return runbookTemplate({ alertName: this.alert?.alert });
	}

	dispose(): void {
		void this.session?.dispose();
	}
}

/** `mm:ss` of a duration in ms (rounded up to the second, so 0:00 means the time is really up). */
export function formatClock(ms: number): string {
	const s = Math.ceil(Math.max(0, ms) / 1000);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
