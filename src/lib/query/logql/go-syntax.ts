/**
 * The Go-flavoured lexical pieces LogQL inherits from Loki: string literals (strconv.Unquote), RE2 regular
 * expressions (translated to JS RegExp), Go durations (time.ParseDuration), human byte sizes (go-humanize) and
 * Loki's label-key sanitising.
 */
import { QueryError } from '../types';

const SIMPLE_ESCAPES: Record<string, string> = {
	a: '\u0007',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
	v: '\v',
	'\\': '\\',
	'"': '"'
};

/**
 * Decodes a LogQL string literal as Go's strconv.Unquote does: `"…"` with Go escapes, or a raw `` `…` `` string.
 * `raw` is the token text including its quotes and `from` its offset in the query, used for errors.
 * Throws a syntax QueryError naming the bad escape or the missing closing quote.
 */
export function unquoteString(raw: string, from: number): string {
	const quote = raw[0];
	const end = from + raw.length;
	if (quote === '`') {
		if (raw.length < 2 || raw[raw.length - 1] !== '`')
			throw new QueryError('unterminated raw string: expected a closing `', from, end);
		return raw.slice(1, -1).replaceAll('\r', '');
	}
	if (quote === "'") {
		throw new QueryError(
			'single quotes are not LogQL strings: use "double quotes" or `backticks`',
			from,
			end
		);
	}
	if (quote !== '"') throw new QueryError('expected a quoted string', from, end);
	if (raw.length < 2 || raw[raw.length - 1] !== '"' || isEscapedQuote(raw, raw.length - 1)) {
		throw new QueryError('unterminated string: expected a closing "', from, end);
	}
	const body = raw.slice(1, -1);
	if (!body.includes('\\')) return body;
	let out = '';
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (c !== '\\') {
			out += c;
			continue;
		}
		const at = from + 1 + i;
		const e = body[i + 1];
		if (e in SIMPLE_ESCAPES) {
			out += SIMPLE_ESCAPES[e];
			i++;
		} else if (e === 'x' || e === 'u' || e === 'U') {
			const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
			const hex = body.slice(i + 2, i + 2 + len);
			if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) {
				throw new QueryError(`invalid escape \\${e}: expected ${len} hex digits`, at, at + 2 + hex.length);
			}
			const code = parseInt(hex, 16);
			if (code > 0x10ffff)
				throw new QueryError(`invalid escape \\${e}${hex}: not a Unicode code point`, at, at + 2 + len);
			out += String.fromCodePoint(code);
			i += 1 + len;
		} else if (e !== undefined && e >= '0' && e <= '7') {
			const oct = body.slice(i + 1, i + 4);
			if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) {
				throw new QueryError(
					'invalid octal escape: expected three octal digits (\\000 to \\377)',
					at,
					at + 1 + oct.length
				);
			}
			out += String.fromCharCode(parseInt(oct, 8));
			i += 3;
		} else {
			const shown = e === undefined ? '' : e;
			throw new QueryError(
				`invalid escape \\${shown} in string: write \\\\${shown} for a literal backslash (e.g. in a regex), or use a \`backtick\` string`,
				at,
				at + 2
			);
		}
	}
	return out;
}

function isEscapedQuote(raw: string, index: number): boolean {
	let slashes = 0;
	for (let i = index - 1; i > 0 && raw[i] === '\\'; i--) slashes++;
	return slashes % 2 === 1;
}

const POSIX_CLASSES: Record<string, string> = {
	alnum: '0-9A-Za-z',
	alpha: 'A-Za-z',
	ascii: '\\x00-\\x7F',
	blank: '\\t ',
	cntrl: '\\x00-\\x1F\\x7F',
	digit: '0-9',
	graph: '!-~',
	lower: 'a-z',
	print: ' -~',
	punct: '!-\\/:-@\\[-`{-~',
	space: '\\t\\n\\v\\f\\r ',
	upper: 'A-Z',
	word: '0-9A-Za-z_',
	xdigit: '0-9A-Fa-f'
};

const JS_SYNTAX_CHARS = '^$\\.*+?()[]{}|/';

/**
 * Compiles an RE2 regular expression (Loki's dialect) to a JS RegExp. Handles leading `(?i)`/`(?s)`/`(?m)`
 * flags, `(?P<name>…)` groups, POSIX classes, `\A`/`\z`, `\Q…\E` and `\pL`; rejects what RE2 does not have
 * (lookarounds, backreferences). `anchored` wraps it as `^(?:…)$` (label matchers match the whole value).
 * Throws a syntax QueryError spanning `span` (the string literal) when the expression is invalid.
 */
export function compileRegex(src: string, anchored: boolean, span: { from: number; to: number }): RegExp {
	const fail = (msg: string): never => {
		throw new QueryError(`invalid regular expression ${JSON.stringify(src)}: ${msg}`, span.from, span.to);
	};
	let flags = '';
	let i = 0;
	for (let m = /^\(\?([a-zA-Z]+)\)/.exec(src); m; m = /^\(\?([a-zA-Z]+)\)/.exec(src.slice(i))) {
		for (const f of m[1]) {
			if (f === 'i' || f === 's' || f === 'm') {
				if (!flags.includes(f)) flags += f;
			} else if (f === 'U') fail('the ungreedy flag (?U) is not supported here');
			else fail(`unknown flag (?${f})`);
		}
		i += m[0].length;
	}
	let out = '';
	let inClass = false;
	let needUnicode = false;
	while (i < src.length) {
		const c = src[i];
		if (c === '\\') {
			const e = src[i + 1];
			if (e === undefined) fail('trailing backslash');
			if (e === 'Q') {
				const endQ = src.indexOf('\\E', i + 2);
				const lit = src.slice(i + 2, endQ === -1 ? src.length : endQ);
				out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
				i = endQ === -1 ? src.length : endQ + 2;
				continue;
			}
			if (e >= '1' && e <= '9') fail('backreferences (\\1 …) are not supported by RE2');
			if (e === 'A' && !inClass) out += '^';
			else if (e === 'z' && !inClass) out += '(?![\\s\\S])';
			else if (e === 'C') fail('\\C is not supported');
			else if (e === 'p' || e === 'P') {
				needUnicode = true;
				if (src[i + 2] === '{') {
					const close = src.indexOf('}', i + 2);
					if (close === -1) fail('unterminated \\p{…}');
					out += src.slice(i, close + 1);
					i = close + 1;
					continue;
				}
				out += `\\${e}{${src[i + 2] ?? ''}}`;
				i += 3;
				continue;
			} else if (/[0-9A-Za-z]/.test(e)) out += `\\${e}`;
			else if (JS_SYNTAX_CHARS.includes(e) || (e === '-' && inClass)) out += `\\${e}`;
			else out += e;
			i += 2;
			continue;
		}
		if (inClass) {
			if (c === '[' && src[i + 1] === ':') {
				const close = src.indexOf(':]', i + 2);
				if (close !== -1) {
					const name = src.slice(i + 2, close);
					const negated = name.startsWith('^');
					const cls = POSIX_CLASSES[negated ? name.slice(1) : name];
					if (!cls) fail(`unknown POSIX class [:${name}:]`);
					if (negated) fail('negated POSIX classes ([:^name:]) are not supported here');
					out += cls;
					i = close + 2;
					continue;
				}
			}
			if (c === ']') inClass = false;
			out += c === '[' ? '\\[' : c;
			i++;
			continue;
		}
		if (c === '[') {
			inClass = true;
			out += c;
			i++;
			if (src[i] === '^') {
				out += '^';
				i++;
			}
			if (src[i] === ']') {
				out += '\\]';
				i++;
			}
			continue;
		}
		if (c === '(' && src[i + 1] === '?') {
			const rest = src.slice(i + 2);
			if (rest.startsWith('P<')) {
				out += '(?<';
				i += 4;
				continue;
			}
			if (
				rest.startsWith(':') ||
				(rest.startsWith('<') && !rest.startsWith('<=') && !rest.startsWith('<!'))
			) {
				out += '(?';
				i += 2;
				continue;
			}
			if (/^(=|!|<=|<!)/.test(rest))
				fail('lookaround assertions ((?=…), (?!…), (?<=…)) are not supported by RE2');
			fail('inline flags are only supported at the very start of the expression, e.g. (?i)error');
		}
		out += c;
		i++;
	}
	if (inClass) fail('missing closing ]');
	if (needUnicode) flags += 'u';
	const body = anchored ? `^(?:${out})$` : out;
	try {
		return new RegExp(body, flags);
	} catch (e) {
		return fail((e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, ''));
	}
}

const GO_DURATION_UNITS: Record<string, number> = {
	ns: 1e-9,
	us: 1e-6,
	'\u00b5s': 1e-6,
	'\u03bcs': 1e-6,
	ms: 1e-3,
	s: 1,
	m: 60,
	h: 3600
};

/** Parses a Go duration (`250ms`, `1.5s`, `2h45m`, `-3us`, `0`) as seconds; null when it is not one. */
export function parseGoDurationSeconds(text: string): number | null {
	let s = text;
	let sign = 1;
	if (s[0] === '-' || s[0] === '+') {
		if (s[0] === '-') sign = -1;
		s = s.slice(1);
	}
	if (s === '0') return 0;
	if (s === '') return null;
	const re = /([0-9]*(?:\.[0-9]*)?)([a-z\u00b5\u03bc]+)/y;
	let total = 0;
	let at = 0;
	while (at < s.length) {
		re.lastIndex = at;
		const m = re.exec(s);
		if (!m || m[1] === '' || m[1] === '.') return null;
		const unit = GO_DURATION_UNITS[m[2]];
		if (unit === undefined) return null;
		total += Number(m[1]) * unit;
		at = re.lastIndex;
	}
	return sign * total;
}

const BYTE_UNITS: Record<string, number> = {
	'': 1,
	b: 1,
	k: 1e3,
	kb: 1e3,
	ki: 2 ** 10,
	kib: 2 ** 10,
	m: 1e6,
	mb: 1e6,
	mi: 2 ** 20,
	mib: 2 ** 20,
	g: 1e9,
	gb: 1e9,
	gi: 2 ** 30,
	gib: 2 ** 30,
	t: 1e12,
	tb: 1e12,
	ti: 2 ** 40,
	tib: 2 ** 40,
	p: 1e15,
	pb: 1e15,
	pi: 2 ** 50,
	pib: 2 ** 50,
	e: 1e18,
	eb: 1e18,
	ei: 2 ** 60,
	eib: 2 ** 60
};

/** Parses a human byte size (`512`, `10KB`, `1.5 MiB`, `3gb`; SI units ×1000, IEC `…iB` ×1024) as bytes, or null. */
export function parseBytes(text: string): number | null {
	const m = /^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
	if (!m) return null;
	const mult = BYTE_UNITS[m[2].toLowerCase()];
	return mult === undefined ? null : Number(m[1]) * mult;
}

/**
 * Loki's label-key sanitising for parsed fields: every character outside `[a-zA-Z0-9_]` becomes `_`, and a key
 * that starts a label name (`isPrefix`) gets a leading `_` when it starts with a digit.
 */
export function sanitizeLabelKey(key: string, isPrefix: boolean): string {
	if (isPlainLabelKey(key, isPrefix)) return key;
	let k = key.trim();
	if (k === '') return k;
	if (isPrefix && k.charCodeAt(0) >= 48 && k.charCodeAt(0) <= 57) k = '_' + k;
	if (/^[a-zA-Z0-9_]*$/.test(k)) return k;
	let out = '';
	for (const ch of k) out += /[a-zA-Z0-9_]/.test(ch) ? ch : '_';
	return out;
}

/** Fast check: already a valid label key (`[a-zA-Z_][a-zA-Z0-9_]*`, or digits allowed first when not a prefix). */
function isPlainLabelKey(key: string, isPrefix: boolean): boolean {
	if (key.length === 0) return false;
	for (let i = 0; i < key.length; i++) {
		const c = key.charCodeAt(i);
		const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
		const digit = c >= 48 && c <= 57;
		if (!letter && !(digit && (i > 0 || !isPrefix))) return false;
	}
	return true;
}
