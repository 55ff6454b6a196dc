/**
 * The Go text/template subset used by `| line_format` and `| label_format`: `{{.label}}`, `{{ __line__ }}`,
 * `{{ __timestamp__ }}`, string/number literals, trim markers (`{{-`, `-}}`) and a few functions, in prefix form
 * (`{{ upper .level }}`) or piped (`{{ .level | upper }}`). Missing labels render as "" (Loki's missingkey=zero).
 * Control structures (`if`, `range`, …) are reported as unsupported at their position.
 */
import { QueryError } from '../types';
import type { Span } from './ast';

/** What a template can read while rendering one line. */
export interface TemplateScope {
	label(name: string): string | undefined;
	line: string;
	/** Unix ms of the log record. */
	t: number;
}

type Operand =
	| { kind: 'field'; name: string }
	| { kind: 'text'; value: string }
	| { kind: 'line' }
	| { kind: 'timestamp' };

interface Command {
	fn: TemplateFn | null;
	args: Operand[];
}

type TemplateFn = (args: string[]) => string;

type Piece = string | Command[];

/** A compiled template; render it with {@link renderTemplate}. */
export interface Template {
	pieces: Piece[];
	/** True when the template reads labels or the line (i.e. is not a constant). */
	dynamic: boolean;
}

const arity = (
	n: number,
	name: string,
	f: (a: string[]) => string
): TemplateFn & { arity: number; fname: string } => Object.assign(f, { arity: n, fname: name });

const FUNCTIONS: Record<string, TemplateFn & { arity: number; fname: string }> = {
	ToUpper: arity(1, 'ToUpper', (a) => a[0].toUpperCase()),
	ToLower: arity(1, 'ToLower', (a) => a[0].toLowerCase()),
	upper: arity(1, 'upper', (a) => a[0].toUpperCase()),
	lower: arity(1, 'lower', (a) => a[0].toLowerCase()),
	title: arity(1, 'title', (a) => a[0].replace(/\b\p{L}/gu, (c) => c.toUpperCase())),
	trim: arity(1, 'trim', (a) => a[0].trim()),
	TrimSpace: arity(1, 'TrimSpace', (a) => a[0].trim()),
	trimPrefix: arity(2, 'trimPrefix', (a) => (a[1].startsWith(a[0]) ? a[1].slice(a[0].length) : a[1])),
	trimSuffix: arity(2, 'trimSuffix', (a) =>
		a[0] !== '' && a[1].endsWith(a[0]) ? a[1].slice(0, -a[0].length) : a[1]
	),
	TrimPrefix: arity(2, 'TrimPrefix', (a) => (a[0].startsWith(a[1]) ? a[0].slice(a[1].length) : a[0])),
	TrimSuffix: arity(2, 'TrimSuffix', (a) =>
		a[1] !== '' && a[0].endsWith(a[1]) ? a[0].slice(0, -a[1].length) : a[0]
	),
	replace: arity(3, 'replace', (a) => a[2].replaceAll(a[0], a[1])),
	default: arity(2, 'default', (a) => (a[1] === '' ? a[0] : a[1])),
	trunc: arity(2, 'trunc', (a) => {
		const n = Math.trunc(Number(a[0]));
		if (!Number.isFinite(n)) return a[1];
		return n >= 0 ? a[1].slice(0, n) : a[1].slice(Math.max(0, a[1].length + n));
	}),
	alignLeft: arity(2, 'alignLeft', (a) => {
		const n = Math.max(0, Math.trunc(Number(a[0])) || 0);
		return a[1].length >= n ? a[1].slice(0, n) : a[1].padEnd(n);
	}),
	alignRight: arity(2, 'alignRight', (a) => {
		const n = Math.max(0, Math.trunc(Number(a[0])) || 0);
		return a[1].length >= n ? a[1].slice(a[1].length - n) : a[1].padStart(n);
	})
};

const CONTROL_WORDS = new Set([
	'if',
	'else',
	'end',
	'range',
	'with',
	'define',
	'template',
	'block',
	'break',
	'continue'
]);

/**
 * Compiles a template. `span` is the string literal holding it; when `exact` (no escapes in the literal) errors
 * point at the offending action inside the string, otherwise at the whole literal.
 * Throws a QueryError (syntax, or unsupported for constructs outside the subset).
 */
export function compileTemplate(text: string, span: Span, exact: boolean): Template {
	const at = (i: number, j: number): [number, number] =>
		exact ? [span.from + 1 + i, span.from + 1 + j] : [span.from, span.to];
	const pieces: Piece[] = [];
	let dynamic = false;
	let i = 0;
	let trimNext = false;
	while (i < text.length) {
		const open = text.indexOf('{{', i);
		let literal = text.slice(i, open === -1 ? text.length : open);
		if (trimNext) literal = literal.replace(/^\s+/, '');
		trimNext = false;
		if (open === -1) {
			if (literal) pieces.push(literal);
			break;
		}
		const close = text.indexOf('}}', open + 2);
		if (close === -1)
			throw new QueryError('template action is not closed: expected }}', ...at(open, text.length));
		let inner = text.slice(open + 2, close);
		let innerStart = open + 2;
		if (inner.startsWith('- ') || inner === '-') {
			literal = literal.replace(/\s+$/, '');
			inner = inner.slice(1);
			innerStart++;
		}
		if (inner.endsWith(' -')) {
			inner = inner.slice(0, -1);
			trimNext = true;
		}
		if (literal) pieces.push(literal);
		pieces.push(compileAction(inner, innerStart, at));
		dynamic = true;
		i = close + 2;
	}
	return { pieces, dynamic };
}

function compileAction(
	inner: string,
	start: number,
	at: (i: number, j: number) => [number, number]
): Command[] {
	const tokens = tokenize(inner, start, at);
	if (tokens.length === 0)
		throw new QueryError('empty template action {{ }}', ...at(start - 2, start + inner.length + 2));
	const first = tokens[0];
	if (CONTROL_WORDS.has(first.text)) {
		throw new QueryError(
			`template "${first.text}" blocks are not supported; use {{.label}}, {{__line__}} and functions like upper`,
			...at(first.from, first.to),
			'unsupported'
		);
	}
	const commands: Command[] = [];
	let cur: { text: string; from: number; to: number }[] = [];
	const flush = () => {
		if (cur.length === 0)
			throw new QueryError('empty command in template pipeline', ...at(start, start + inner.length));
		commands.push(compileCommand(cur, commands.length > 0, at));
		cur = [];
	};
	for (const t of tokens) {
		if (t.text === '|') flush();
		else cur.push(t);
	}
	flush();
	return commands;
}

function compileCommand(
	tokens: { text: string; from: number; to: number }[],
	piped: boolean,
	at: (i: number, j: number) => [number, number]
): Command {
	const head = tokens[0];
	const fn = FUNCTIONS[head.text];
	if (fn) {
		const args = tokens.slice(1).map((t) => operand(t, at));
		const given = args.length + (piped ? 1 : 0);
		if (given !== fn.arity) {
			throw new QueryError(
				`template function ${fn.fname} takes ${fn.arity} argument${fn.arity === 1 ? '' : 's'}, got ${given}`,
				...at(head.from, tokens[tokens.length - 1].to)
			);
		}
		return { fn, args };
	}
	if (
		/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(head.text) &&
		head.text !== '__line__' &&
		head.text !== '__timestamp__'
	) {
		throw new QueryError(
			`template function "${head.text}" is not supported (available: ${Object.keys(FUNCTIONS).join(', ')})`,
			...at(head.from, head.to),
			'unsupported'
		);
	}
	if (tokens.length > 1 || piped) {
		throw new QueryError(`"${head.text}" is not a function`, ...at(head.from, tokens[tokens.length - 1].to));
	}
	return { fn: null, args: [operand(head, at)] };
}

function operand(
	t: { text: string; from: number; to: number },
	at: (i: number, j: number) => [number, number]
): Operand {
	const s = t.text;
	if (s === '__line__') return { kind: 'line' };
	if (s === '__timestamp__') return { kind: 'timestamp' };
	if (/^\.[a-zA-Z_][a-zA-Z0-9_]*$/.test(s)) return { kind: 'field', name: s.slice(1) };
	if (s.startsWith('"')) {
		try {
			return { kind: 'text', value: JSON.parse(s) as string };
		} catch {
			throw new QueryError(`invalid string ${s} in template`, ...at(t.from, t.to));
		}
	}
	if (s.startsWith('`') && s.endsWith('`') && s.length >= 2) return { kind: 'text', value: s.slice(1, -1) };
	if (/^-?[0-9]+(\.[0-9]+)?$/.test(s)) return { kind: 'text', value: s };
	if (s === '.') {
		throw new QueryError(
			'"." (the whole label map) cannot be printed; use .label',
			...at(t.from, t.to),
			'unsupported'
		);
	}
	throw new QueryError(
		`unexpected "${s}" in template: expected .label, a string or a function`,
		...at(t.from, t.to)
	);
}

function tokenize(
	inner: string,
	start: number,
	at: (i: number, j: number) => [number, number]
): { text: string; from: number; to: number }[] {
	const out: { text: string; from: number; to: number }[] = [];
	let i = 0;
	while (i < inner.length) {
		const c = inner[i];
		if (c === ' ' || c === '\t' || c === '\n') {
			i++;
			continue;
		}
		let j = i + 1;
		if (c === '"') {
			while (j < inner.length && inner[j] !== '"') j += inner[j] === '\\' ? 2 : 1;
			if (j >= inner.length)
				throw new QueryError('unterminated string in template', ...at(start + i, start + inner.length));
			j++;
		} else if (c === '`') {
			j = inner.indexOf('`', i + 1);
			if (j === -1)
				throw new QueryError('unterminated string in template', ...at(start + i, start + inner.length));
			j++;
		} else if (c === '|' || c === '(' || c === ')') {
			if (c !== '|') {
				throw new QueryError(
					'parentheses in templates are not supported',
					...at(start + i, start + i + 1),
					'unsupported'
				);
			}
		} else {
			while (j < inner.length && !/[\s|()"`]/.test(inner[j])) j++;
		}
		out.push({ text: inner.slice(i, j), from: start + i, to: start + j });
		i = j;
	}
	return out;
}

/** Renders a compiled template for one line. */
export function renderTemplate(tpl: Template, scope: TemplateScope): string {
	let out = '';
	for (const piece of tpl.pieces) {
		if (typeof piece === 'string') {
			out += piece;
			continue;
		}
		let value: string | null = null;
		for (const cmd of piece) {
			const args = cmd.args.map((a) => evalOperand(a, scope));
			if (value !== null) args.push(value);
			value = cmd.fn ? cmd.fn(args) : args[0];
		}
		out += value ?? '';
	}
	return out;
}

function evalOperand(a: Operand, scope: TemplateScope): string {
	switch (a.kind) {
		case 'field':
			return scope.label(a.name) ?? '';
		case 'text':
			return a.value;
		case 'line':
			return scope.line;
		case 'timestamp':
			return formatGoTime(scope.t);
	}
}

/** Go's default time.Time formatting in UTC: `2006-01-02 15:04:05.999 +0000 UTC`. */
function formatGoTime(ms: number): string {
	const iso = new Date(ms).toISOString();
	const frac = iso.slice(20, 23).replace(/0+$/, '');
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? '.' + frac : ''} +0000 UTC`;
}
