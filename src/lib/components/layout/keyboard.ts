/**
 * Single-key and two-key ("g d") keyboard shortcuts, in the style of GitHub and Gmail. Pure: the matcher works on
 * key names and event timestamps, so it is tested without a DOM or timers.
 */

/** One documented shortcut. `keys` is a space-separated chord, e.g. `a`, `?` or `g d`. */
export interface Shortcut {
	keys: string;
	description: string;
}

export interface ShortcutGroup {
	title: string;
	shortcuts: Shortcut[];
}

/** Shortcuts the console page binds; the layout's help dialog lists them. */
export const CONSOLE_SHORTCUTS: Shortcut[] = [
	{ keys: 'a', description: 'Acknowledge the newest open page' },
	{ keys: '/', description: 'Focus the query box of the current tab' },
	{ keys: 'n', description: 'Write a note in the incident channel' },
	{ keys: 'e', description: 'Escalate: page a team or person' },
	{ keys: 'p', description: 'Pause or resume the clock (practice mode)' },
	{ keys: 'g d', description: 'Go to Dashboards' },
	{ keys: 'g e', description: 'Go to Explore' },
	{ keys: 'g l', description: 'Go to Logs' },
	{ keys: 'g c', description: 'Go to Changes' },
	{ keys: 'g s', description: 'Go to Services' },
	{ keys: 'g r', description: 'Go to Runbooks' }
];

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
	{
		title: 'Everywhere',
		shortcuts: [
			{ keys: '?', description: 'Show this list' },
			{ keys: 'Esc', description: 'Close a dialog' }
		]
	},
	{ title: 'Drill console', shortcuts: CONSOLE_SHORTCUTS }
];

/** Milliseconds allowed between the two keys of a chord. */
export const CHORD_TIMEOUT_MS = 1500;

/**
 * Matches key presses against a set of chords. `feed` returns the completed chord, `'pending'` when the key starts
 * a chord, or `null`. A chord's second key must arrive within `timeoutMs` of the first (measured on the events'
 * own timestamps).
 */
export class ChordMatcher {
	#chords: Set<string>;
	#prefixes: Set<string>;
	#timeoutMs: number;
	#pending: { key: string; at: number } | null = null;

	constructor(chords: Iterable<string>, timeoutMs = CHORD_TIMEOUT_MS) {
		this.#chords = new Set(chords);
		this.#prefixes = new Set([...this.#chords].filter((c) => c.includes(' ')).map((c) => c.split(' ')[0]));
		this.#timeoutMs = timeoutMs;
	}

	/** Feeds one key (as `KeyboardEvent.key`) pressed at `timeStamp` ms. */
	feed(key: string, timeStamp: number): string | 'pending' | null {
		const pending = this.#pending;
		this.#pending = null;
		if (pending && timeStamp - pending.at <= this.#timeoutMs) {
			const chord = `${pending.key} ${key}`;
			if (this.#chords.has(chord)) return chord;
		}
		if (this.#prefixes.has(key)) {
			this.#pending = { key, at: timeStamp };
			return 'pending';
		}
		return this.#chords.has(key) ? key : null;
	}

	/** Forgets a half-typed chord. */
	reset(): void {
		this.#pending = null;
	}
}

/** Minimal shape of a keyboard event, so the filter is testable without a DOM. */
export interface KeyEventLike {
	key: string;
	ctrlKey: boolean;
	metaKey: boolean;
	altKey: boolean;
	isComposing?: boolean;
	defaultPrevented?: boolean;
	target: EventTarget | null;
}

/** True when the target is somewhere the user types: inputs, textareas, selects, contenteditable, editors. */
export function isTypingTarget(target: EventTarget | null): boolean {
	const el = target as (Element & { isContentEditable?: boolean }) | null;
	if (!el || typeof el.closest !== 'function') return false;
	if (el.isContentEditable) return true;
	return (
		el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor') !==
		null
	);
}

/** Whether a key event may trigger a shortcut: no modifier (Shift is fine, `?` needs it), not typing, not handled. */
export function isShortcutEvent(e: KeyEventLike): boolean {
	if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented) return false;
	return !isTypingTarget(e.target);
}
