/**
 * `WritingSession`: one document being written (a runbook or a postmortem). It holds the text, grades it against its
 * rubric shortly after the trainee stops typing (debounced, ~300 ms, so feedback follows the writing without
 * re-scoring every keystroke), saves a draft a little later (debounced, ~1 s, plus on `flush()`), and submits.
 *
 * Storage is injected as a {@link WritingStore}: the drill pages store drafts and artifacts on the attempt, the
 * standalone exercise keeps its draft in the browser, tests use fakes. Timers are injected for the same reason.
 */
import type { ScoreReport } from '../../scoring/types';
import type { ArtifactKind } from './templates';
import { scoreArtifact, type WritingContext } from './writing';

/** What a submit changed. Scores are 0–100. */
export interface SubmitResult {
	/** Score of the submitted document. */
	artifactScore: number;
	/** The drill's overall score before and after, when the attempt was re-scored with the document. */
	drill: { before: number | null; after: number } | null;
}

/** Where a session keeps its text. */
export interface WritingStore {
	/** Saves the draft (the text not yet submitted). */
	saveDraft(text: string): Promise<void>;
	/** Stores the document as submitted, with its report; resolves with what changed. */
	submit(text: string, report: ScoreReport): Promise<SubmitResult>;
}

export interface Timers {
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface WritingSessionOptions {
	kind: ArtifactKind;
	/** What the scorer may know about the drill. */
	context?: WritingContext;
	/** Text to start with (a draft, the submitted document or a template). */
	initialText: string;
	/** Null: nothing is stored (e.g. a manager reviewing someone else's attempt). */
	store: WritingStore | null;
	/** Quiet time after the last change before the text is graded (ms). Default 300. */
	feedbackDelayMs?: number;
	/** Quiet time after the last change before the draft is saved (ms). Default 1000. */
	draftDelayMs?: number;
	timers?: Timers;
	/** Wall clock, for "draft saved at". */
	now?: () => Date;
}

export type DraftState = 'saved' | 'unsaved' | 'saving' | 'failed';

const defaultTimers: Timers = {
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export class WritingSession {
	readonly kind: ArtifactKind;
	readonly context: WritingContext;
	/** True when nothing here is stored. */
	readonly readOnly: boolean;

	text = $state.raw('');
	/** The rubric report of {@link scoredText}. */
	report = $state.raw<ScoreReport>({ score: 0, checks: [] });
	/** The text the report is about (lags {@link text} by the feedback delay). */
	scoredText = $state.raw('');
	draft = $state.raw<DraftState>('saved');
	/** Wall-clock time of the last stored draft (ISO-8601). */
	draftSavedAt = $state.raw<string | null>(null);
	draftError = $state.raw<string | null>(null);
	submitting = $state.raw(false);
	/** The outcome of the last successful submit. */
	submitted = $state.raw<SubmitResult | null>(null);
	/** The text as last submitted (null before the first submit in this session). */
	submittedText = $state.raw<string | null>(null);
	submitError = $state.raw<string | null>(null);

	/** True while the feedback shown is for older text. */
	stale: boolean = $derived(this.scoredText !== this.text);
	/** True when the text changed since the last submit of this session. */
	changedSinceSubmit: boolean = $derived(this.submittedText !== null && this.submittedText !== this.text);

	readonly #store: WritingStore | null;
	readonly #timers: Timers;
	readonly #now: () => Date;
	readonly #feedbackDelayMs: number;
	readonly #draftDelayMs: number;
	#feedbackTimer: unknown = null;
	#draftTimer: unknown = null;
	#saving: Promise<void> = Promise.resolve();
	#disposed = false;

	constructor(options: WritingSessionOptions) {
		this.kind = options.kind;
		this.context = options.context ?? {};
		this.#store = options.store;
		this.readOnly = options.store === null;
		this.#timers = options.timers ?? defaultTimers;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- reading the wall clock, not reactive state
		this.#now = options.now ?? (() => new Date());
		this.#feedbackDelayMs = options.feedbackDelayMs ?? 300;
		this.#draftDelayMs = options.draftDelayMs ?? 1000;
		this.text = options.initialText;
		this.scoreNow();
	}

	/** The trainee changed the text: grade it after a quiet moment and schedule a draft save. */
	setText(text: string): void {
		if (this.#disposed || text === this.text) return;
		this.text = text;
		this.#restart('feedback', () => this.scoreNow(), this.#feedbackDelayMs);
		if (this.#store) {
			this.draft = 'unsaved';
			this.#restart('draft', () => void this.saveDraft(), this.#draftDelayMs);
		}
	}

	/** Grades the current text at once. */
	scoreNow(): void {
		this.#clear('feedback');
		this.report = scoreArtifact(this.kind, this.text, this.context);
		this.scoredText = this.text;
	}

	/**
	 * Saves the current text as the draft now (saves are queued, so they land in order). Never throws: a failure is
	 * shown through {@link draft} and {@link draftError} and the next change tries again.
	 */
	saveDraft(): Promise<void> {
		this.#clear('draft');
		const store = this.#store;
		if (!store || this.draft === 'saved') return this.#saving;
		const text = this.text;
		this.draft = 'saving';
		this.#saving = this.#saving.then(async () => {
			try {
				await store.saveDraft(text);
				this.draftSavedAt = this.#now().toISOString();
				this.draftError = null;
				this.draft = this.text === text ? 'saved' : 'unsaved';
			} catch (error) {
				this.draft = 'failed';
				this.draftError = `The draft could not be saved: ${describe(error)}`;
			}
		});
		return this.#saving;
	}

	/**
	 * Submits the current text: grades it, saves it as the draft, then stores it as the document of record (and,
	 * on a finished drill, re-scores the attempt). Resolves with the outcome, or null when it failed (see
	 * {@link submitError}) or nothing can be stored.
	 */
	async submit(): Promise<SubmitResult | null> {
		const store = this.#store;
		if (!store || this.submitting) return null;
		this.scoreNow();
		const text = this.text;
		const report = this.report;
		this.submitting = true;
		this.submitError = null;
		try {
			await this.saveDraft();
			const result = await store.submit(text, report);
			this.submitted = result;
			this.submittedText = text;
			return result;
		} catch (error) {
			this.submitError = `Submitting failed: ${describe(error)}`;
			return null;
		} finally {
			this.submitting = false;
		}
	}

	/** Grades and saves what is pending now (leaving the page). */
	flush(): Promise<void> {
		if (this.stale) this.scoreNow();
		return this.saveDraft();
	}

	/** Stops the timers after saving what is pending. */
	dispose(): Promise<void> {
		const done = this.flush();
		this.#disposed = true;
		this.#clear('feedback');
		this.#clear('draft');
		return done;
	}

	#restart(which: 'feedback' | 'draft', fn: () => void, ms: number): void {
		this.#clear(which);
		const handle = this.#timers.setTimeout(fn, ms);
		if (which === 'feedback') this.#feedbackTimer = handle;
		else this.#draftTimer = handle;
	}

	#clear(which: 'feedback' | 'draft'): void {
		const handle = which === 'feedback' ? this.#feedbackTimer : this.#draftTimer;
		if (handle !== null) this.#timers.clearTimeout(handle);
		if (which === 'feedback') this.#feedbackTimer = null;
		else this.#draftTimer = null;
	}
}
