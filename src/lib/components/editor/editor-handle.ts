/**
 * The imperative face of a text editor, shared by the Monaco editor and its plain `<textarea>` fallback so the
 * writing UI works the same on both. Offsets are UTF-16 character offsets into the text (what `String.slice` uses).
 */

export interface EditorHandle {
	getValue(): string;
	/** Replaces the whole text without an undo step (loading a document). */
	setValue(text: string): void;
	/** Replaces the whole text as one undoable edit (e.g. starting over from a template). */
	replaceAll(text: string): void;
	/** Inserts `text` at character `offset` as one undoable edit, then puts the cursor after it and reveals it. */
	insertAt(offset: number, text: string): void;
	/** Inserts `text` at the cursor (replacing the selection) as one undoable edit. */
	insertAtCursor(text: string): void;
	focus(): void;
	setReadOnly(readOnly: boolean): void;
	/** Stops listening and frees the editor. */
	dispose(): void;
}

export interface CreateEditorOptions {
	value: string;
	/** Accessible name of the text area. */
	ariaLabel: string;
	readOnly: boolean;
	/** Called with the whole text after every change made by the user or through the handle. */
	onChange: (value: string) => void;
}
