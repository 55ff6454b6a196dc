/**
 * The log-line parsers behind `| json`, `| logfmt`, `| regexp` and `| pattern`, following Loki's rules:
 * - json: nested object keys are joined with `_`, keys are sanitised to label names, arrays and nulls are skipped,
 *   numbers and booleans keep their text exactly as written; `json label="a.b[0]"` extracts single paths.
 * - logfmt: `key=value` / `key="quoted value"` pairs; standalone keys only with `--keep-empty`.
 * These functions only scan text; they report fields through a callback and never allocate per field more than
 * the key and value strings themselves.
 */
import { compileRegex, sanitizeLabelKey } from './go-syntax';
import { QueryError } from '../types';
import type { Span } from './ast';

/** Receives one extracted field. */
export type FieldSink = (key: string, value: string) => void;

class JsonSyntaxError extends Error {}

/** A small validating JSON scanner that keeps number/boolean text verbatim. */
class JsonScanner {
	pos = 0;
	constructor(readonly text: string) {}

	fail(msg: string): never {
		throw new JsonSyntaxError(`${msg} at offset ${this.pos}`);
	}

	ws(): void {
		const t = this.text;
		let p = this.pos;
		for (;;) {
			const c = t.charCodeAt(p);
			if (c === 32 || c === 9 || c === 10 || c === 13) p++;
			else break;
		}
		this.pos = p;
	}

	peek(): string {
		return this.text[this.pos];
	}

	expect(ch: string): void {
		if (this.text[this.pos] !== ch) this.fail(`expected '${ch}'`);
		this.pos++;
	}

	string(): string {
		const t = this.text;
		this.expect('"');
		const start = this.pos;
		let p = start;
		for (;;) {
			const c = t.charCodeAt(p);
			if (Number.isNaN(c)) {
				this.pos = p;
				this.fail('unterminated string');
			}
			if (c === 34) {
				this.pos = p + 1;
				return t.slice(start, p);
			}
			if (c === 92) break;
			if (c < 32) {
				this.pos = p;
				this.fail('control character in string');
			}
			p++;
		}
		let out = t.slice(start, p);
		for (;;) {
			const c = t[p];
			if (c === undefined) {
				this.pos = p;
				this.fail('unterminated string');
			}
			if (c === '"') {
				this.pos = p + 1;
				return out;
			}
			if (c === '\\') {
				const e = t[p + 1];
				if (e === 'u') {
					const hex = t.slice(p + 2, p + 6);
					if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
						this.pos = p;
						this.fail('invalid \\u escape');
					}
					out += String.fromCharCode(parseInt(hex, 16));
					p += 6;
					continue;
				}
				const map: Record<string, string> = {
					'"': '"',
					'\\': '\\',
					'/': '/',
					b: '\b',
					f: '\f',
					n: '\n',
					r: '\r',
					t: '\t'
				};
				const r = e === undefined ? undefined : map[e];
				if (r === undefined) {
					this.pos = p;
					this.fail('invalid escape');
				}
				out += r;
				p += 2;
				continue;
			}
			if (c.charCodeAt(0) < 32) {
				this.pos = p;
				this.fail('control character in string');
			}
			out += c;
			p++;
		}
	}

	/** Scans a number, true, false or null and returns its verbatim text. */
	literal(): string {
		const t = this.text;
		const start = this.pos;
		const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;
		m.lastIndex = start;
		if (!m.exec(t)) this.fail('unexpected character');
		this.pos = m.lastIndex;
		return t.slice(start, this.pos);
	}

	/** Skips (and validates) any JSON value. */
	skipValue(): void {
		this.ws();
		const c = this.peek();
		if (c === '{') {
			this.pos++;
			this.ws();
			if (this.peek() === '}') {
				this.pos++;
				return;
			}
			for (;;) {
				this.ws();
				this.string();
				this.ws();
				this.expect(':');
				this.skipValue();
				this.ws();
				if (this.peek() === ',') this.pos++;
				else {
					this.expect('}');
					return;
				}
			}
		}
		if (c === '[') {
			this.pos++;
			this.ws();
			if (this.peek() === ']') {
				this.pos++;
				return;
			}
			for (;;) {
				this.skipValue();
				this.ws();
				if (this.peek() === ',') this.pos++;
				else {
					this.expect(']');
					return;
				}
			}
		}
		if (c === '"') {
			this.string();
			return;
		}
		this.literal();
	}

	end(): void {
		this.ws();
		if (this.pos !== this.text.length) this.fail('unexpected text after the JSON value');
	}
}

/**
 * Flattens a JSON object line into fields (`{"a":{"b":1}}` → `a_b=1`), Loki style. Returns null on success or
 * the syntax error message; on error `sink` may already have received some fields (callers buffer them).
 */
export function parseJsonFields(line: string, sink: FieldSink): string | null {
	const s = new JsonScanner(line);
	try {
		s.ws();
		if (s.peek() !== '{') s.fail("expected '{' (a JSON object)");
		flattenObject(s, '', sink);
		s.end();
		return null;
	} catch (e) {
		if (e instanceof JsonSyntaxError) return e.message;
		throw e;
	}
}

function flattenObject(s: JsonScanner, prefix: string, sink: FieldSink): void {
	s.expect('{');
	s.ws();
	if (s.peek() === '}') {
		s.pos++;
		return;
	}
	for (;;) {
		s.ws();
		const rawKey = s.string();
		s.ws();
		s.expect(':');
		s.ws();
		const part = sanitizeLabelKey(rawKey, prefix === '');
		const key = prefix === '' ? part : part === '' ? '' : `${prefix}_${part}`;
		const c = s.peek();
		if (c === '{') flattenObject(s, key, sink);
		else if (c === '[') s.skipValue();
		else if (c === '"') {
			const v = s.string();
			if (key !== '') sink(key, v);
		} else {
			const v = s.literal();
			if (key !== '' && v !== 'null') sink(key, v);
		}
		s.ws();
		if (s.peek() === ',') s.pos++;
		else {
			s.expect('}');
			return;
		}
	}
}

/** One step of a JSON path: an object key or an array index. */
export type JsonPathStep = string | number;

/**
 * Parses a Loki json path expression (`a.b`, `a["b c"]`, `a[0].b`, `["x"]`) into steps.
 * Throws a syntax QueryError spanning `span` when malformed.
 */
export function parseJsonPath(path: string, span: Span): JsonPathStep[] {
	const steps: JsonPathStep[] = [];
	const fail = (): never => {
		throw new QueryError(
			`invalid json path ${JSON.stringify(path)}: use dotted keys and [index] or ["key"], e.g. request.headers["User-Agent"][0]`,
			span.from,
			span.to
		);
	};
	let i = 0;
	if (path === '') fail();
	while (i < path.length) {
		const c = path[i];
		if (c === '[') {
			const close = path.indexOf(']', i);
			if (close === -1) fail();
			const inner = path.slice(i + 1, close).trim();
			if (/^[0-9]+$/.test(inner)) steps.push(Number(inner));
			else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) steps.push(JSON.parse(inner) as string);
			else fail();
			i = close + 1;
		} else if (c === '.') {
			if (i === 0 || path[i + 1] === undefined || path[i + 1] === '.' || path[i + 1] === '[') fail();
			i++;
		} else {
			let j = i;
			while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
			steps.push(path.slice(i, j));
			i = j;
		}
	}
	return steps;
}

/** Checks that `line` is one valid JSON object; returns null, or the syntax error message. */
export function validateJsonObject(line: string): string | null {
	const s = new JsonScanner(line);
	try {
		s.ws();
		if (s.peek() !== '{') s.fail("expected '{' (a JSON object)");
		s.skipValue();
		s.end();
		return null;
	} catch (e) {
		if (e instanceof JsonSyntaxError) return e.message;
		throw e;
	}
}

/**
 * Value at `steps` in the JSON object `line` (validate it first with {@link validateJsonObject}): strings unescaped,
 * numbers/booleans verbatim, objects and arrays as their raw JSON text; null when absent or JSON null.
 * Returns `undefined` when malformed JSON is met along the path.
 */
export function jsonPathValue(line: string, steps: JsonPathStep[]): string | null | undefined {
	const s = new JsonScanner(line);
	try {
		s.ws();
		for (const step of steps) {
			const c = s.peek();
			if (typeof step === 'string') {
				if (c !== '{') return null;
				if (!seekKey(s, step)) return null;
			} else {
				if (c !== '[') return null;
				if (!seekIndex(s, step)) return null;
			}
			s.ws();
		}
		const c = s.peek();
		if (c === '"') return s.string();
		if (c === '{' || c === '[') {
			const start = s.pos;
			s.skipValue();
			return line.slice(start, s.pos);
		}
		const v = s.literal();
		return v === 'null' ? null : v;
	} catch (e) {
		if (e instanceof JsonSyntaxError) return undefined;
		throw e;
	}
}

function seekKey(s: JsonScanner, key: string): boolean {
	s.expect('{');
	s.ws();
	if (s.peek() === '}') return false;
	for (;;) {
		s.ws();
		const k = s.string();
		s.ws();
		s.expect(':');
		s.ws();
		if (k === key) return true;
		s.skipValue();
		s.ws();
		if (s.peek() === ',') s.pos++;
		else return false;
	}
}

function seekIndex(s: JsonScanner, index: number): boolean {
	s.expect('[');
	s.ws();
	if (s.peek() === ']') return false;
	for (let n = 0; ; n++) {
		s.ws();
		if (n === index) return true;
		s.skipValue();
		s.ws();
		if (s.peek() === ',') s.pos++;
		else return false;
	}
}

const LOGFMT_ESCAPES: Record<string, string> = {
	'"': '"',
	'\\': '\\',
	'/': '/',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t'
};

/**
 * Scans a logfmt line. Calls `sink(key, value, hasValue)` per pair (`hasValue` false for a standalone key).
 * Keys are passed raw (not sanitised). Malformed pairs are skipped unless `strict`, in which case scanning stops.
 * Returns null, or the first syntax error message.
 */
export function parseLogfmtFields(
	line: string,
	sink: (key: string, value: string, hasValue: boolean) => void,
	strict: boolean
): string | null {
	const n = line.length;
	let p = 0;
	let firstError: string | null = null;
	const skipToSpace = () => {
		while (p < n && line.charCodeAt(p) > 32) p++;
	};
	while (p < n) {
		while (p < n && line.charCodeAt(p) <= 32) p++;
		if (p >= n) break;
		const keyStart = p;
		while (p < n) {
			const c = line.charCodeAt(p);
			if (c <= 32 || c === 61 || c === 34) break;
			p++;
		}
		const key = line.slice(keyStart, p);
		const c = line.charCodeAt(p);
		if (key === '') {
			firstError ??= `unexpected '${line[p]}' at offset ${p}`;
			if (strict) return firstError;
			p++;
			skipToSpace();
			continue;
		}
		if (c === 34) {
			firstError ??= `unexpected '"' in key at offset ${p}`;
			if (strict) return firstError;
			skipToSpace();
			continue;
		}
		if (c !== 61) {
			sink(key, '', false);
			continue;
		}
		p++;
		if (p >= n || line.charCodeAt(p) <= 32) {
			sink(key, '', true);
			continue;
		}
		if (line.charCodeAt(p) === 34) {
			p++;
			let value = '';
			let closed = false;
			let bad: string | null = null;
			let segment = p;
			while (p < n) {
				const ch = line.charCodeAt(p);
				if (ch === 34) {
					value += line.slice(segment, p);
					p++;
					closed = true;
					break;
				}
				if (ch === 92) {
					value += line.slice(segment, p);
					const e = line[p + 1];
					if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(p + 2, p + 6))) {
						value += String.fromCharCode(parseInt(line.slice(p + 2, p + 6), 16));
						p += 6;
					} else if (e !== undefined && e in LOGFMT_ESCAPES) {
						value += LOGFMT_ESCAPES[e];
						p += 2;
					} else {
						bad ??= `invalid escape in quoted value at offset ${p}`;
						value += e ?? '';
						p += 2;
					}
					segment = p;
					continue;
				}
				p++;
			}
			if (!closed) {
				firstError ??= `unterminated quoted value for key "${key}"`;
				if (strict) return firstError;
				continue;
			}
			if (bad) {
				firstError ??= bad;
				if (strict) return firstError;
				continue;
			}
			if (p < n && line.charCodeAt(p) > 32) {
				firstError ??= `unexpected '${line[p]}' after quoted value at offset ${p}`;
				if (strict) return firstError;
				skipToSpace();
				continue;
			}
			sink(key, value, true);
			continue;
		}
		const valueStart = p;
		while (p < n) {
			const ch = line.charCodeAt(p);
			if (ch <= 32 || ch === 61 || ch === 34) break;
			p++;
		}
		if (p < n && line.charCodeAt(p) > 32) {
			firstError ??= `unexpected '${line[p]}' in value of "${key}" at offset ${p}`;
			if (strict) return firstError;
			skipToSpace();
			continue;
		}
		sink(key, line.slice(valueStart, p), true);
	}
	return strict ? firstError : null;
}

/** A compiled `| regexp "…"` parser: a regex with named groups. */
export interface RegexpParser {
	re: RegExp;
	names: string[];
}

/** Compiles the `| regexp` expression; it must declare at least one named group `(?P<name>…)`. */
export function compileRegexpParser(pattern: string, span: Span): RegexpParser {
	const re = compileRegex(pattern, false, span);
	const names = [...pattern.matchAll(/\(\?P?<([a-zA-Z_][a-zA-Z0-9_]*)>/g)].map((m) => m[1]);
	if (names.length === 0) {
		throw new QueryError(
			'regexp parser needs at least one named capture group, e.g. "(?P<status>[0-9]{3})"',
			span.from,
			span.to
		);
	}
	return { re, names };
}

type PatternPart = { literal: string } | { capture: string };

/** A compiled `| pattern "<ip> - <_> <status>"` expression. */
export interface PatternParser {
	parts: PatternPart[];
	names: string[];
}

/**
 * Compiles a Loki pattern (`<name>` captures, `<_>` unnamed, the rest literal). Captures must be separated by
 * literals; a parser needs at least one named capture (`requireNamed`).
 */
export function compilePattern(pattern: string, span: Span, requireNamed: boolean): PatternParser {
	const parts: PatternPart[] = [];
	const re = /<([a-zA-Z_][a-zA-Z0-9_]*)>/g;
	let last = 0;
	for (const m of pattern.matchAll(re)) {
		if (m.index > last) parts.push({ literal: pattern.slice(last, m.index) });
		const prev = parts[parts.length - 1];
		if (prev && 'capture' in prev) {
			throw new QueryError(
				`pattern ${JSON.stringify(pattern)}: consecutive captures ("<${prev.capture}><${m[1]}>") need a literal between them`,
				span.from,
				span.to
			);
		}
		parts.push({ capture: m[1] });
		last = m.index + m[0].length;
	}
	if (last < pattern.length) parts.push({ literal: pattern.slice(last) });
	const names = parts.flatMap((p) => ('capture' in p && p.capture !== '_' ? [p.capture] : []));
	if (parts.every((p) => !('capture' in p))) {
		throw new QueryError(
			`pattern ${JSON.stringify(pattern)} has no capture such as <name> or <_>`,
			span.from,
			span.to
		);
	}
	if (requireNamed && names.length === 0) {
		throw new QueryError(
			`pattern ${JSON.stringify(pattern)} needs at least one named capture such as <status>`,
			span.from,
			span.to
		);
	}
	return { parts, names };
}

/**
 * Applies a pattern the way Loki's pattern parser does: a leading literal must start the line, each capture runs to
 * the next literal, a missing literal makes the capture take the rest of the line. Returns false when nothing matched.
 */
export function matchPattern(p: PatternParser, line: string, sink: FieldSink): boolean {
	if (line === '') return false;
	const parts = p.parts;
	let pos = 0;
	let i = 0;
	const first = parts[0];
	if ('literal' in first) {
		if (!line.startsWith(first.literal)) return false;
		pos = first.literal.length;
		i = 1;
	}
	if (i >= parts.length) return false;
	while (i < parts.length) {
		const cap = parts[i] as { capture: string };
		if (i === parts.length - 1) {
			if (cap.capture !== '_') sink(cap.capture, line.slice(pos));
			return true;
		}
		const lit = (parts[i + 1] as { literal: string }).literal;
		const j = line.indexOf(lit, pos);
		if (j === -1) {
			if (cap.capture !== '_') sink(cap.capture, line.slice(pos));
			return true;
		}
		if (cap.capture !== '_') sink(cap.capture, line.slice(pos, j));
		pos = j + lit.length;
		i += 2;
	}
	return true;
}

/** A regex that is true when the whole line has the shape of the pattern (`|>` / `!>` line filters). */
export function patternFilterRegex(p: PatternParser): RegExp {
	const body = p.parts
		.map((part) => ('literal' in part ? part.literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&') : '[\\s\\S]*?'))
		.join('');
	return new RegExp(`^${body}$`);
}
