/**
 * State of an editable query box (Explore's PromQL box, the Logs LogQL box): the text being edited, the caret,
 * and the error of the last run, which points into the text it was raised for.
 */
import { QueryError } from '$lib/query/types';
import type { DrillSession } from '../drill-session.svelte';

/** What the query panels need from the drill session (a `DrillSession` is one; tests pass fakes). */
export type PanelSession = Pick<
	DrillSession,
	'drill' | 'now' | 'startEpochMs' | 'scenario' | 'deploys' | 'flags' | 'recordQuery' | 'recordView'
>;

/**
 * Turns anything thrown while running a query into a `QueryError`. Errors that are not `QueryError`s (engine bugs)
 * are reported as evaluation errors spanning the whole query rather than breaking the panel.
 */
export function toQueryError(e: unknown, text: string): QueryError {
	if (e instanceof QueryError) return e;
	const message = e instanceof Error ? e.message : String(e);
	return new QueryError(`internal error: ${message}`, 0, text.length, 'evaluation');
}

export interface QueryBoxOptions {
	/** Initial text. */
	text?: string;
	/**
	 * Runs the query (parse and first evaluation); throws `QueryError` for a bad query. Called by `run()` with the
	 * text exactly as typed, so error offsets match what the trainee sees.
	 */
	attempt: (text: string) => void;
}

export class QueryBoxState {
	/** The text in the box. */
	text = $state('');
	/** Error of the last run, or null when it succeeded (or nothing was run yet). */
	error = $state.raw<QueryError | null>(null);
	/** The text `error` was raised for: its offsets point into this string. */
	errorText = $state('');
	/** Caret/selection in `text` (0-based offsets), kept by the box so snippets can be inserted there. */
	selection = { start: 0, end: 0 };

	readonly #attempt: (text: string) => void;

	constructor(options: QueryBoxOptions) {
		this.text = options.text ?? '';
		this.selection = { start: this.text.length, end: this.text.length };
		this.#attempt = options.attempt;
	}

	/** True when the text is blank (nothing to run). */
	get blank(): boolean {
		return this.text.trim() === '';
	}

	/**
	 * Runs the current text. Returns true when it ran; false when it is blank or failed (then `error` says why and
	 * `errorText` is the text it refers to).
	 */
	run(): boolean {
		const text = this.text;
		if (this.blank) {
			this.error = null;
			return false;
		}
		try {
			this.#attempt(text);
			this.error = null;
			return true;
		} catch (e) {
			this.error = toQueryError(e, text);
			this.errorText = text;
			return false;
		}
	}

	/** Replaces the text (e.g. a query opened from a dashboard panel), clearing any error; caret at the end. */
	set(text: string): void {
		this.text = text;
		this.error = null;
		this.selection = { start: text.length, end: text.length };
	}

	/** Inserts `snippet` at the caret, replacing the selection, and leaves the caret after it. */
	insert(snippet: string): void {
		const len = this.text.length;
		const start = Math.min(Math.max(0, this.selection.start), len);
		const end = Math.min(Math.max(start, this.selection.end), len);
		this.text = this.text.slice(0, start) + snippet + this.text.slice(end);
		const caret = start + snippet.length;
		this.selection = { start: caret, end: caret };
	}
}
