/**
 * `StatusDraft`: the status composer's unposted update — incident state, affected components and text — kept as a
 * draft of the attempt (kind `status-update` in the drafts table), so a reload or a crashed tab brings it back
 * exactly as it was. The composer binds to its fields; every change is saved. Saves are serialised and coalesced:
 * at most one write is in flight, and the last state always reaches storage.
 *
 * Until the attempt exists (the recorder creates it a moment after the drill starts) edits stay in memory; `attach`
 * then stores them, or — when the trainee has not typed yet — loads the saved draft of that attempt.
 *
 * Use (a page that records the attempt):
 *   const draft = new StatusDraft();             // default store: the progress database
 *   setContext(STATUS_DRAFT_CONTEXT, draft);      // the composer picks it up
 *   $effect(() => void draft.attach(recorder.attemptId));
 */
import { getDraft, saveDraft } from '../persistence/drafts';
import type { IncidentStatus } from '../sim/types';
import { progress as appProgress, type ProgressState } from './progress.svelte';

/** Context key under which a page provides the {@link StatusDraft} of its attempt to the status composer. */
export const STATUS_DRAFT_CONTEXT = Symbol('status-draft');

/** Where drafts go: the drafts table of the progress database, or a fake in tests. */
export interface StatusDraftStore {
	/** The saved draft text of an attempt, or undefined. */
	load(attemptId: string): Promise<string | undefined>;
	save(attemptId: string, text: string): Promise<void>;
}

/** The drafts table of the app's progress database (kind `status-update`). */
export function progressDraftStore(state: ProgressState = appProgress): StatusDraftStore {
	return {
		async load(attemptId) {
			return (await getDraft(await state.open(), attemptId, 'status-update'))?.text;
		},
		async save(attemptId, text) {
			await saveDraft(await state.open(), attemptId, 'status-update', text);
		}
	};
}

const STATUSES: readonly string[] = ['investigating', 'identified', 'monitoring', 'resolved'];

/** The stored form of a draft (JSON text in the drafts table). */
interface StoredDraft {
	v: 1;
	status: IncidentStatus | null;
	components: string[];
	text: string;
}

/** A stored draft, or null when the text is not one (an old or damaged row is ignored, never thrown). */
export function parseStatusDraft(text: string): Omit<StoredDraft, 'v'> | null {
	try {
		const raw: unknown = JSON.parse(text);
		if (typeof raw !== 'object' || raw === null) return null;
		const r = raw as Record<string, unknown>;
		const status = typeof r.status === 'string' && STATUSES.includes(r.status) ? r.status : null;
		const components = Array.isArray(r.components)
			? r.components.filter((c): c is string => typeof c === 'string')
			: [];
		return {
			status: status as IncidentStatus | null,
			components,
			text: typeof r.text === 'string' ? r.text : ''
		};
	} catch {
		return null;
	}
}

/**
 * The composer's draft. Invariant: after `flush()` resolves, storage holds the fields as they were when it was
 * called (for an attached attempt).
 */
export class StatusDraft {
	#status = $state<IncidentStatus | null>(null);
	#components = $state<string[]>([]);
	#text = $state('');
	/** Why the last save failed (shown near the composer), or null. */
	saveError = $state.raw<string | null>(null);
	/** True once a saved draft was loaded into the fields. */
	restored = $state.raw(false);

	#store: StatusDraftStore | null;
	#attemptId: string | null = null;
	#dirty = false;
	#saving: Promise<void> = Promise.resolve();
	#queued = false;

	/** `store: null` keeps the draft in memory only (a console without a recorded attempt). */
	constructor(options: { store?: StatusDraftStore | null } = {}) {
		this.#store = options.store === undefined ? progressDraftStore() : options.store;
	}

	get status(): IncidentStatus | null {
		return this.#status;
	}
	set status(value: IncidentStatus | null) {
		this.#status = value;
		this.#changed();
	}

	get components(): string[] {
		return this.#components;
	}
	set components(value: string[]) {
		this.#components = value;
		this.#changed();
	}

	get text(): string {
		return this.#text;
	}
	set text(value: string) {
		this.#text = value;
		this.#changed();
	}

	/** The attempt drafts are saved on (null until attached). */
	get attemptId(): string | null {
		return this.#attemptId;
	}

	/**
	 * Ties the draft to attempt `attemptId` (null: not yet recorded; ignored). The first call for an attempt loads
	 * its saved draft unless the trainee already changed something here, in which case what is on screen is saved.
	 */
	async attach(attemptId: string | null): Promise<void> {
		if (attemptId === null || attemptId === this.#attemptId || !this.#store) return;
		this.#attemptId = attemptId;
		if (this.#dirty) return this.#schedule();
		let saved: string | undefined;
		try {
			saved = await this.#store.load(attemptId);
		} catch (e) {
			this.saveError = `The saved draft could not be read: ${e instanceof Error ? e.message : String(e)}`;
			return;
		}
		const draft = saved === undefined ? null : parseStatusDraft(saved);
		// The trainee may have typed while the draft loaded: what they typed wins.
		if (!draft || this.#dirty || this.#attemptId !== attemptId) return;
		this.#status = draft.status;
		this.#components = draft.components;
		this.#text = draft.text;
		this.restored = true;
	}

	/** After a post: the text is cleared (and saved so); state and components stay for the next update. */
	clearText(): void {
		this.text = '';
	}

	/** Resolves once every change made so far is stored. */
	async flush(): Promise<void> {
		while (this.#queued) await this.#saving;
		await this.#saving;
	}

	#changed(): void {
		this.#dirty = true;
		this.#schedule();
	}

	#schedule(): void {
		if (!this.#store || this.#attemptId === null || this.#queued) return;
		this.#queued = true;
		this.#saving = this.#saving.then(() => this.#save());
	}

	async #save(): Promise<void> {
		this.#queued = false;
		const store = this.#store;
		const id = this.#attemptId;
		if (!store || id === null) return;
		const stored: StoredDraft = {
			v: 1,
			status: this.#status,
			components: [...this.#components],
			text: this.#text
		};
		try {
			await store.save(id, JSON.stringify(stored));
			this.saveError = null;
		} catch (e) {
			this.saveError = `The draft could not be saved: ${e instanceof Error ? e.message : String(e)}`;
		}
	}
}
