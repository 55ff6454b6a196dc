/**
 * The {@link EditorHandle} of a plain `<textarea>`: the editor where Monaco cannot run (jsdom in component tests, a
 * failed chunk load, very old browsers). Edits go through `execCommand('insertText')` where the browser supports it,
 * so Ctrl+Z undoes them like typing; otherwise through `setRangeText`.
 */
import type { EditorHandle } from './editor-handle';

/** Replaces `[start, end)` of the textarea with `text`, undoably when the browser allows. */
function replaceRange(el: HTMLTextAreaElement, start: number, end: number, text: string): void {
	el.focus();
	el.setSelectionRange(start, end);
	let done: boolean;
	try {
		done = typeof document.execCommand === 'function' && document.execCommand('insertText', false, text);
	} catch {
		done = false;
	}
	if (!done) el.setRangeText(text, start, end, 'end');
	// A real insertText fires `input` itself; setRangeText does not.
	if (!done) el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Wraps `el`; `onChange` is called with the whole text after every edit made through the handle. */
export function textareaHandle(el: HTMLTextAreaElement, onChange: (value: string) => void): EditorHandle {
	const clamp = (offset: number) => Math.max(0, Math.min(offset, el.value.length));
	const changed = () => onChange(el.value);
	return {
		getValue: () => el.value,
		setValue: (text) => {
			if (el.value !== text) el.value = text;
		},
		replaceAll: (text) => {
			replaceRange(el, 0, el.value.length, text);
			changed();
		},
		insertAt: (offset, text) => {
			const at = clamp(offset);
			replaceRange(el, at, at, text);
			el.setSelectionRange(at + text.length, at + text.length);
			changed();
		},
		insertAtCursor: (text) => {
			replaceRange(el, el.selectionStart, el.selectionEnd, text);
			changed();
		},
		focus: () => el.focus(),
		setReadOnly: (readOnly) => {
			el.readOnly = readOnly;
		},
		dispose: () => {}
	};
}
