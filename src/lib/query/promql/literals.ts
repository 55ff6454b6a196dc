/**
 * PromQL literals with Go semantics: numbers (`strconv.ParseInt(s, 0, 64)` then `ParseFloat`, so hex, leading-zero
 * octal, underscores, `Inf`/`NaN`, durations as seconds), durations (`1h30m`, `10s53ms`) and quoted strings with
 * Go escapes (`\n`, `\xNN`, `\NNN`, `\uNNNN`, `\UNNNNNNNN`).
 */

const DURATION_UNITS: [string, number][] = [
	['y', 365 * 24 * 3_600_000],
	['w', 7 * 24 * 3_600_000],
	['d', 24 * 3_600_000],
	['h', 3_600_000],
	['m', 60_000],
	['s', 1000],
	['ms', 1]
];
const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/**
 * Parses a Prometheus duration (`5m`, `1h30m`, `10s53ms`; units y w d h m s ms, each at most once, in that order)
 * into milliseconds. Returns `null` when the text is not a duration. `"0"` is accepted as zero.
 */
export function parsePromDuration(text: string): number | null {
	if (text === '0') return 0;
	if (text === '') return null;
	const m = DURATION_RE.exec(text);
	if (!m) return null;
	let total = 0;
	let any = false;
	for (let i = 0; i < DURATION_UNITS.length; i++) {
		const part = m[i + 1];
		if (part === undefined) continue;
		any = true;
		total += Number(part) * DURATION_UNITS[i][1];
	}
	return any ? total : null;
}

/** Parses Go-style float text (what `strconv.ParseFloat` accepts, minus hex floats). Returns NaN-safe `null` on error. */
export function parseGoFloat(text: string): number | null {
	const s = text.trim();
	if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
	if (/^[+-]?nan$/i.test(s)) return NaN;
	if (!/^[+-]?(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][+-]?\d[\d_]*)?$/.test(s)) return null;
	if (/(^|[^\d])_|_($|[^\d])/.test(s)) return null;
	return Number(s.replace(/_/g, ''));
}

/**
 * Value of a PromQL number literal (sign and whitespace allowed before it), in the literal's own unit: plain
 * numbers as written, durations in seconds (`1m` → 60). Returns `null` when the text is not a number.
 */
export function parseNumberLiteral(text: string): number | null {
	let s = text.trim();
	let sign = 1;
	while (s.startsWith('-') || s.startsWith('+')) {
		if (s[0] === '-') sign = -sign;
		s = s.slice(1).trimStart();
	}
	const dur = parsePromDuration(s);
	if (dur !== null && !/^\d+$/.test(s)) return (sign * dur) / 1000;
	const clean = s.replace(/_/g, '');
	if (/^0[xX][0-9a-fA-F]+$/.test(clean)) return sign * parseInt(clean.slice(2), 16);
	if (/^0[oO][0-7]+$/.test(clean)) return sign * parseInt(clean.slice(2), 8);
	if (/^0[bB][01]+$/.test(clean)) return sign * parseInt(clean.slice(2), 2);
	// Go's ParseInt(s, 0, 64) reads a leading 0 as octal ("010" is 8).
	if (/^0[0-7]+$/.test(clean)) return sign * parseInt(clean, 8);
	const f = parseGoFloat(s);
	return f === null ? null : sign * f;
}

/**
 * Parses a number in a duration position (`[5m]`, `offset 30`, `[30:10]`): durations as written, bare numbers as
 * seconds. Returns milliseconds (rounded to whole ms) or `null`.
 */
export function parseDurationOrSeconds(text: string): number | null {
	const s = text.trim();
	const dur = parsePromDuration(s);
	if (dur !== null) return dur;
	const n = parseNumberLiteral(s);
	if (n === null || !Number.isFinite(n)) return null;
	return Math.round(n * 1000);
}

/** Result of unquoting a PromQL string literal. */
export interface Unquoted {
	value: string;
	/** False when escapes produced bytes that are not valid UTF-8 (value then holds U+FFFD replacements). */
	validUtf8: boolean;
	/** Go `%q` rendering of the exact bytes (`"a\xc5z"`), for messages. */
	quoted: string;
}

const utf8 = new TextEncoder();

function goQuote(bytes: Uint8Array): string {
	let out = '"';
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i];
		// Try to decode one UTF-8 sequence.
		let len = b < 0x80 ? 1 : b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
		if (len > 1) {
			for (let k = 1; k < len; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) len = 0;
		}
		if (len === 0 || (len > 1 && b >= 0xf8)) {
			out += `\\x${b.toString(16).padStart(2, '0')}`;
			i++;
			continue;
		}
		const ch = new TextDecoder().decode(bytes.subarray(i, i + len));
		i += len;
		if (ch === '"' || ch === '\\') out += `\\${ch}`;
		else if (ch === '\n') out += '\\n';
		else if (ch === '\t') out += '\\t';
		else if (ch === '\r') out += '\\r';
		else if (ch.length === 1 && ch.charCodeAt(0) < 0x20)
			out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
		else out += ch;
	}
	return out + '"';
}

/**
 * Unquotes a PromQL string literal including its quotes (`"…"`, `'…'` with Go escapes, or raw `` `…` ``).
 * Throws an `Error` with a Go-like message on a bad escape or missing closing quote.
 */
export function unquoteString(lit: string): Unquoted {
	const q = lit[0];
	if (lit.length < 2 || lit[lit.length - 1] !== q || (q !== '"' && q !== "'" && q !== '`'))
		throw new Error('unterminated quoted string');
	const body = lit.slice(1, -1);
	if (q === '`') {
		return { value: body, validUtf8: true, quoted: goQuote(utf8.encode(body)) };
	}
	const bytes: number[] = [];
	const pushString = (s: string) => {
		for (const b of utf8.encode(s)) bytes.push(b);
	};
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (c === '\n') throw new Error('newline in string');
		if (c !== '\\') {
			const cp = body.codePointAt(i)!;
			if (cp > 0xffff) i++;
			pushString(String.fromCodePoint(cp));
			continue;
		}
		const e = body[++i];
		switch (e) {
			case 'a':
				bytes.push(7);
				break;
			case 'b':
				bytes.push(8);
				break;
			case 'f':
				bytes.push(12);
				break;
			case 'n':
				bytes.push(10);
				break;
			case 'r':
				bytes.push(13);
				break;
			case 't':
				bytes.push(9);
				break;
			case 'v':
				bytes.push(11);
				break;
			case '\\':
				bytes.push(0x5c);
				break;
			case '"':
			case "'":
				if (e !== q) throw new Error(`unknown escape sequence: \\${e}`);
				bytes.push(e.charCodeAt(0));
				break;
			case 'x': {
				const h = body.slice(i + 1, i + 3);
				if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new Error('invalid syntax: bad \\x escape');
				bytes.push(parseInt(h, 16));
				i += 2;
				break;
			}
			case 'u':
			case 'U': {
				const n = e === 'u' ? 4 : 8;
				const h = body.slice(i + 1, i + 1 + n);
				if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) throw new Error(`invalid syntax: bad \\${e} escape`);
				const cp = parseInt(h, 16);
				if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
					throw new Error(`invalid syntax: bad \\${e} escape`);
				pushString(String.fromCodePoint(cp));
				i += n;
				break;
			}
			default: {
				if (e !== undefined && e >= '0' && e <= '7') {
					const o = body.slice(i, i + 3);
					if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255)
						throw new Error('invalid syntax: bad octal escape');
					bytes.push(parseInt(o, 8));
					i += 2;
					break;
				}
				throw new Error(`unknown escape sequence: \\${e ?? ''}`);
			}
		}
	}
	const arr = Uint8Array.from(bytes);
	let value: string;
	let validUtf8 = true;
	try {
		value = new TextDecoder('utf-8', { fatal: true }).decode(arr);
	} catch {
		validUtf8 = false;
		value = new TextDecoder('utf-8').decode(arr);
	}
	return { value, validUtf8, quoted: goQuote(arr) };
}

/**
 * Formats a float the way Go's `strconv.FormatFloat(f, 'f', -1, 64)` does: shortest round-trip digits, never in
 * exponent form (`1e+21` → `1000000000000000000000`, `1e-7` → `0.0000001`), `+Inf`, `-Inf`, `NaN`.
 */
export function formatGoFloat(f: number): string {
	if (Number.isNaN(f)) return 'NaN';
	if (f === Infinity) return '+Inf';
	if (f === -Infinity) return '-Inf';
	if (Object.is(f, -0)) return '-0';
	const s = String(f);
	const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
	if (!m) return s;
	const [, sign, intPart, frac = '', expStr] = m;
	const digits = intPart + frac;
	const exp = Number(expStr);
	const point = intPart.length + exp;
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Formats a float as Go's `%v` (`strconv.FormatFloat(f, 'g', -1, 64)`) does: shortest round-trip digits, in
 * exponent form when the decimal exponent is < -4 or >= 6 (`123456`, `1e+06`, `9.223372036854776e+18`, `0.0001`,
 * `1e-05`); `+Inf`, `-Inf`, `NaN`.
 */
export function formatGoG(f: number): string {
	if (!Number.isFinite(f) || f === 0) return formatGoFloat(f);
	const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(f.toExponential());
	if (!m) return formatGoFloat(f);
	const [, sign, first, rest = '', expStr] = m;
	const exp = Number(expStr);
	if (exp >= -4 && exp < 6) return formatGoFloat(f);
	const e = Math.abs(exp);
	return `${sign}${first}${rest ? `.${rest}` : ''}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
}
