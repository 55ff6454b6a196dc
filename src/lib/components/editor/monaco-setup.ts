/**
 * Monaco, set up for writing Markdown. This module is only ever loaded with a dynamic `import()` (from
 * `MonacoEditor.svelte`), so Monaco (~700 KiB gzip) lands in its own chunks and only on the pages that edit.
 *
 * Monaco 0.56+ ESM layout: `monaco-editor/editor` is the core API without any contributions; languages and editor
 * features are opted into one by one. We take the Markdown grammar and the features a writer expects (find/replace,
 * clipboard, comment toggling, folding, line moves, multi-cursor, word navigation, Ctrl+M to let Tab move focus).
 * Browser only.
 */
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordOperations/register';
import { watchTheme } from '../dashboard/chart-theme';
import type { CreateEditorOptions, EditorHandle } from './editor-handle';

type Env = { getWorker: (workerId: string, label: string) => Worker };
(globalThis as unknown as { MonacoEnvironment?: Env }).MonacoEnvironment ??= {
	getWorker: () => new EditorWorker()
};

/** A `#rrggbb` colour as Monaco token rules want it (`rrggbb`). */
const hex = (color: string) => color.replace(/^#/, '');

/** Defines the Pagerdrill themes from the app's CSS custom properties and applies the one in use. */
function applyTheme(): void {
	const style = getComputedStyle(document.documentElement);
	const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	const light =
		document.documentElement.dataset.theme === 'light' ||
		(!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: light)').matches);
	const name = light ? 'pagerdrill-light' : 'pagerdrill-dark';
	monaco.editor.defineTheme(name, {
		base: light ? 'vs' : 'vs-dark',
		inherit: true,
		// Comments hold the template's guidance: muted and italic, in the app's (contrast-checked) muted colour.
		rules: [
			{
				token: 'comment',
				foreground: hex(v('--fg-muted', light ? '#545d68' : '#9ba5b1')),
				fontStyle: 'italic'
			}
		],
		colors: {
			'editor.background': v('--bg-sunken', light ? '#eaedf1' : '#090c10'),
			'editor.foreground': v('--fg', light ? '#1b1f24' : '#e6e9ee'),
			'editorCursor.foreground': v('--accent', light ? '#0a57c2' : '#6ca6ff'),
			focusBorder: v('--focus', light ? '#9a3412' : '#ffd33d')
		}
	});
	monaco.editor.setTheme(name);
}

/** Creates a Markdown editor in `container` and returns its handle. */
export function createMarkdownEditor(container: HTMLElement, options: CreateEditorOptions): EditorHandle {
	applyTheme();
	const editor = monaco.editor.create(container, {
		value: options.value,
		language: 'markdown',
		ariaLabel: options.ariaLabel,
		readOnly: options.readOnly,
		automaticLayout: true,
		wordWrap: 'on',
		wrappingIndent: 'same',
		minimap: { enabled: false },
		lineNumbers: 'off',
		glyphMargin: false,
		folding: true,
		lineDecorationsWidth: 8,
		fontFamily:
			getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || 'monospace',
		fontSize: 13,
		lineHeight: 20,
		padding: { top: 10, bottom: 10 },
		scrollBeyondLastLine: false,
		renderLineHighlight: 'none',
		occurrencesHighlight: 'off',
		unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false },
		quickSuggestions: false,
		overviewRulerLanes: 0,
		scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 }
	});
	const model = editor.getModel();
	if (!model) throw new Error('Monaco created an editor without a model');
	const changes = model.onDidChangeContent(() => options.onChange(model.getValue()));
	const stopWatching = watchTheme(applyTheme);

	const positionAt = (offset: number) =>
		model.getPositionAt(Math.max(0, Math.min(offset, model.getValueLength())));
	const edit = (range: monaco.IRange, text: string) => {
		editor.pushUndoStop();
		editor.executeEdits('pagerdrill', [{ range, text, forceMoveMarkers: true }]);
		editor.pushUndoStop();
	};

	return {
		getValue: () => model.getValue(),
		setValue: (text) => {
			if (model.getValue() !== text) model.setValue(text);
		},
		replaceAll: (text) => edit(model.getFullModelRange(), text),
		insertAt: (offset, text) => {
			const p = positionAt(offset);
			edit(new monaco.Range(p.lineNumber, p.column, p.lineNumber, p.column), text);
			const end = positionAt(model.getOffsetAt(p) + text.length);
			editor.setPosition(end);
			editor.revealPositionInCenterIfOutsideViewport(end);
			editor.focus();
		},
		insertAtCursor: (text) => {
			const selection = editor.getSelection() ?? model.getFullModelRange().collapseToEnd();
			edit(selection, text);
			editor.focus();
		},
		focus: () => editor.focus(),
		setReadOnly: (readOnly) => editor.updateOptions({ readOnly }),
		dispose: () => {
			stopWatching();
			changes.dispose();
			editor.dispose();
			model.dispose();
		}
	};
}
