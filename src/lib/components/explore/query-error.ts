/**
 * Where a query error points, in the forms the query box shows it: the text split around the offending range (for
 * the underline drawn under the textarea), and a `line:column` plus a caret line (for the message). Pure.
 */
import type { QueryError } from '../../query/types';

export interface ErrorView {
	/** 1-based line and column of the start of the offending range. */
	line: number;
	column: number;
	message: string;
	kind: QueryError['kind'];
	/** `text` split into the part before the range, the range itself, and the rest. */
	before: string;
	marked: string;
	after: string;
	/** The line the error starts on, and a caret line (`   ^~~`) that lines up under it in a monospace font. */
	lineText: string;
	caret: string;
}

/**
 * Builds the view of `error` raised for `text`. Offsets are clamped into the text; an empty range (e.g. "unexpected
 * end of input") marks one character, or a space after the end, so there is always something to underline.
 */
export function errorView(text: string, error: QueryError): ErrorView {
	const from = Math.min(Math.max(0, error.from), text.length);
	const to = Math.min(Math.max(from, error.to), text.length);
	const linesBefore = text.slice(0, from).split('\n');
	const line = linesBefore.length;
	const column = linesBefore[linesBefore.length - 1].length + 1;
	const lineStart = text.lastIndexOf('\n', from - 1) + 1;
	const newline = text.indexOf('\n', from);
	const lineEnd = newline === -1 ? text.length : newline;
	const lineText = text.slice(lineStart, lineEnd);
	const width = Math.max(1, Math.min(to, lineEnd) - from);
	// Keep tabs as tabs so the caret lines up with a tab-indented query.
	const pad = text.slice(lineStart, from).replace(/[^\t]/g, ' ');
	const caret = pad + '^' + '~'.repeat(width - 1);

	let marked = text.slice(from, to);
	let after = text.slice(to);
	if (marked === '') {
		marked = text.slice(from, from + 1);
		after = text.slice(from + 1);
		if (marked === '' || marked === '\n') {
			after = marked + after;
			marked = ' ';
		}
	}
	return {
		line,
		column,
		message: error.message,
		kind: error.kind,
		before: text.slice(0, from),
		marked,
		after,
		lineText,
		caret
	};
}
