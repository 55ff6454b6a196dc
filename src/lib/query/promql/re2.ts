/**
 * Go RE2 regular expressions (the dialect of PromQL label matchers and `label_replace`) translated to JavaScript
 * `RegExp`s with the same meaning.
 *
 * Prometheus compiles every matcher as `^(?s:<re>)$`: fully anchored, `.` matching newlines. JavaScript lacks
 * RE2's scoped flags (`(?i)`, `(?i:…)`), `\Q…\E`, `\z`, POSIX classes and octal escapes, and the `u` flag rejects
 * many escapes RE2 accepts (`\-`, `\@`, lone `]` or `}`), so the pattern is parsed and re-emitted:
 * - case-insensitive scopes become explicit case alternatives (`[pP][rR][oO]`), so the flag stays local;
 * - literal characters are emitted as `\u{…}` escapes where JavaScript would read them differently;
 * - `\s` keeps RE2's ASCII meaning (`[\t\n\f\r ]`); `\d`, `\w`, `\b` are ASCII in both.
 * Unsupported RE2 syntax (`\C`, the `U` flag) throws {@link Re2SyntaxError}.
 */

/** A regular expression that RE2 (Go's `regexp`) would reject, or that this translator cannot express. */
export class Re2SyntaxError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'Re2SyntaxError';
	}
}

interface Flags {
	i: boolean;
	s: boolean;
	m: boolean;
}

/** A set of code point ranges plus pre-rendered JavaScript class escapes (`\d`, `\p{L}`…). */
interface ClassSet {
	ranges: [number, number][];
	escapes: string[];
}

const SPECIAL_OUTSIDE = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}', '/']);
const POSIX: Record<string, [number, number][]> = {
	alnum: [
		[0x30, 0x39],
		[0x41, 0x5a],
		[0x61, 0x7a]
	],
	alpha: [
		[0x41, 0x5a],
		[0x61, 0x7a]
	],
	ascii: [[0x00, 0x7f]],
	blank: [
		[0x09, 0x09],
		[0x20, 0x20]
	],
	cntrl: [
		[0x00, 0x1f],
		[0x7f, 0x7f]
	],
	digit: [[0x30, 0x39]],
	graph: [[0x21, 0x7e]],
	lower: [[0x61, 0x7a]],
	print: [[0x20, 0x7e]],
	punct: [
		[0x21, 0x2f],
		[0x3a, 0x40],
		[0x5b, 0x60],
		[0x7b, 0x7e]
	],
	space: [
		[0x09, 0x0d],
		[0x20, 0x20]
	],
	upper: [[0x41, 0x5a]],
	word: [
		[0x30, 0x39],
		[0x41, 0x5a],
		[0x5f, 0x5f],
		[0x61, 0x7a]
	],
	xdigit: [
		[0x30, 0x39],
		[0x41, 0x46],
		[0x61, 0x66]
	]
};
const PERL: Record<string, [number, number][]> = {
	d: POSIX.digit,
	s: [
		[0x09, 0x0a],
		[0x0c, 0x0d],
		[0x20, 0x20]
	],
	w: POSIX.word
};
/** Unicode general categories accepted by `\p{…}` without a `Script=` prefix. */
const CATEGORIES = new Set(
	'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
		' '
	)
);
const MAX_CODE_POINT = 0x10ffff;

function hex(cp: number): string {
	return `\\u{${cp.toString(16)}}`;
}

/** Code points that RE2's simple case folding treats as equal to `cp` (ASCII plus common Unicode pairs). */
function caseVariants(cp: number): number[] {
	const ch = String.fromCodePoint(cp);
	const out = new Set<number>([cp]);
	for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
		const c = v.codePointAt(0);
		if (c !== undefined && String.fromCodePoint(c) === v) out.add(c);
	}
	if (cp === 0x6b || cp === 0x4b) out.add(0x212a); // k K → Kelvin sign
	if (cp === 0x73 || cp === 0x53) out.add(0x17f); // s S → long s
	if (cp === 0x212a) out.add(0x6b).add(0x4b);
	if (cp === 0x17f) out.add(0x73).add(0x53);
	return [...out];
}

function foldRanges(ranges: [number, number][]): [number, number][] {
	const out: [number, number][] = [...ranges];
	for (const [lo, hi] of ranges) {
		// ASCII letters fold as whole ranges; other letters one by one (bounded to keep this cheap).
		const aLo = Math.max(lo, 0x61);
		const aHi = Math.min(hi, 0x7a);
		if (aLo <= aHi) out.push([aLo - 32, aHi - 32]);
		const uLo = Math.max(lo, 0x41);
		const uHi = Math.min(hi, 0x5a);
		if (uLo <= uHi) out.push([uLo + 32, uHi + 32]);
		if (lo <= 0x6b && hi >= 0x4b) out.push([0x212a, 0x212a]);
		if (lo <= 0x73 && hi >= 0x53) out.push([0x17f, 0x17f]);
		if (hi >= 0x80) {
			const from = Math.max(lo, 0x80);
			const to = Math.min(hi, from + 0x400);
			for (let cp = from; cp <= to; cp++) for (const v of caseVariants(cp)) if (v !== cp) out.push([v, v]);
		}
	}
	return out;
}

function renderClass(set: ClassSet, negated: boolean): string {
	let body = set.escapes.join('');
	for (const [lo, hi] of set.ranges) body += lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`;
	if (body === '') return negated ? '[^]' : '[]';
	return `[${negated ? '^' : ''}${body}]`;
}

class Translator {
	private pos = 0;
	private groupCount = 0;
	private readonly names: string[] = [];

	constructor(private readonly src: string) {}

	translate(): { source: string; groups: number; names: string[] } {
		const out = this.alternation({ i: false, s: true, m: false }, 0);
		if (this.pos < this.src.length) throw new Re2SyntaxError(`unexpected ): \`${this.src}\``);
		return { source: out, groups: this.groupCount, names: this.names };
	}

	private peek(off = 0): string {
		return this.src[this.pos + off] ?? '';
	}

	private alternation(flags: Flags, depth: number): string {
		const parts: string[] = [];
		let current = '';
		const f = { ...flags };
		let lastAtomStart = -1;
		while (this.pos < this.src.length) {
			const c = this.peek();
			if (c === ')') {
				if (depth === 0) throw new Re2SyntaxError(`unexpected ): \`${this.src}\``);
				break;
			}
			if (c === '|') {
				this.pos++;
				parts.push(current);
				current = '';
				lastAtomStart = -1;
				continue;
			}
			if (c === '*' || c === '+' || c === '?' || (c === '{' && this.repetitionAhead())) {
				if (lastAtomStart < 0) throw new Re2SyntaxError(`missing argument to repetition operator: \`${c}\``);
				current += this.quantifier();
				lastAtomStart = -1;
				continue;
			}
			// (?flags) without a colon changes the flags of the rest of the current group.
			if (c === '(' && this.peek(1) === '?' && this.flagGroupAhead()) {
				this.applyFlagGroup(f);
				continue;
			}
			const atom = this.atom(f, depth);
			lastAtomStart = current.length;
			current += atom;
		}
		parts.push(current);
		return parts.join('|');
	}

	private flagGroupAhead(): boolean {
		const m = /^\(\?([a-zA-Z-]*)\)/.exec(this.src.slice(this.pos));
		return m !== null;
	}

	private applyFlagGroup(f: Flags): void {
		const m = /^\(\?([a-zA-Z-]*)\)/.exec(this.src.slice(this.pos));
		if (!m) return;
		this.setFlags(f, m[1]);
		this.pos += m[0].length;
	}

	private setFlags(f: Flags, spec: string): void {
		let on = true;
		if (spec === '' || spec.endsWith('-'))
			throw new Re2SyntaxError(`missing argument to flags: \`(?${spec}\``);
		for (const ch of spec) {
			if (ch === '-') {
				if (!on) throw new Re2SyntaxError(`invalid or unsupported Perl syntax: \`(?${spec}\``);
				on = false;
			} else if (ch === 'i' || ch === 's' || ch === 'm') f[ch] = on;
			else if (ch === 'U') throw new Re2SyntaxError('the ungreedy flag (?U) is not supported');
			else throw new Re2SyntaxError(`invalid or unsupported Perl syntax: \`(?${spec}\``);
		}
	}

	private repetitionAhead(): boolean {
		return /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos));
	}

	private quantifier(): string {
		const c = this.peek();
		let q: string;
		if (c === '{') {
			const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos))!;
			const min = Number(m[1]);
			const max = m[3] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
			if (min > 1000 || (max !== Infinity && max > 1000) || max < min)
				throw new Re2SyntaxError(`invalid repeat count: \`${m[0]}\``);
			q = m[0];
			this.pos += m[0].length;
		} else {
			q = c;
			this.pos++;
		}
		if (this.peek() === '?') {
			q += '?';
			this.pos++;
		}
		const next = this.peek();
		if (next === '*' || next === '+' || next === '?' || (next === '{' && this.repetitionAhead()))
			throw new Re2SyntaxError(`invalid nested repetition operator: \`${q}${next}\``);
		return q;
	}

	private atom(f: Flags, depth: number): string {
		const c = this.peek();
		switch (c) {
			case '(':
				return this.group(f, depth);
			case '[':
				return this.charClass(f);
			case '.':
				this.pos++;
				return f.s ? '.' : '[^\\n]';
			case '^':
				this.pos++;
				return f.m ? '(?<=^|\\n)' : '^';
			case '$':
				this.pos++;
				return f.m ? '(?=$|\\n)' : '$';
			case '\\':
				return this.escape(f);
			default: {
				const cp = this.src.codePointAt(this.pos)!;
				this.pos += cp > 0xffff ? 2 : 1;
				return this.literal(cp, f);
			}
		}
	}

	private literal(cp: number, f: Flags): string {
		if (f.i) {
			const vs = caseVariants(cp);
			if (vs.length > 1) return `[${vs.map(hex).join('')}]`;
		}
		const ch = String.fromCodePoint(cp);
		if (SPECIAL_OUTSIDE.has(ch) || cp < 0x20 || cp > 0x7e) return hex(cp);
		return ch;
	}

	private group(f: Flags, depth: number): string {
		this.pos++; // (
		let prefix = '(';
		const inner: Flags = { ...f };
		if (this.peek() === '?') {
			const rest = this.src.slice(this.pos);
			let m: RegExpExecArray | null;
			if ((m = /^\?P?<([A-Za-z0-9_]+)>/.exec(rest))) {
				this.groupCount++;
				this.names.push(m[1]);
				prefix = `(?<${m[1]}>`;
				this.pos += m[0].length;
			} else if ((m = /^\?([a-zA-Z-]*):/.exec(rest))) {
				if (m[1] !== '') this.setFlags(inner, m[1]);
				prefix = '(?:';
				this.pos += m[0].length;
			} else {
				throw new Re2SyntaxError(`invalid or unsupported Perl syntax: \`(${rest.slice(0, 3)}\``);
			}
		} else {
			this.groupCount++;
		}
		const body = this.alternation(inner, depth + 1);
		if (this.peek() !== ')') throw new Re2SyntaxError(`missing closing ): \`${this.src}\``);
		this.pos++;
		return `${prefix}${body})`;
	}

	/** Reads one escape; returns a JS fragment valid outside a class. */
	private escape(f: Flags): string {
		const e = this.classOrAtomEscape(false, f);
		if (typeof e === 'string') return e;
		if ('cp' in e) return this.literal(e.cp, f);
		return renderClass(f.i ? { ranges: foldRanges(e.set.ranges), escapes: e.set.escapes } : e.set, e.negated);
	}

	/**
	 * Parses `\…` at the cursor. Returns a JS fragment (assertions, `\Q…\E` literals), a single code point, or a class.
	 */
	private classOrAtomEscape(
		inClass: boolean,
		f: Flags
	): string | { cp: number } | { set: ClassSet; negated: boolean } {
		this.pos++; // backslash
		const c = this.peek();
		if (c === '') throw new Re2SyntaxError('trailing backslash at end of expression');
		this.pos++;
		switch (c) {
			case 'a':
				return { cp: 7 };
			case 'f':
				return { cp: 12 };
			case 't':
				return { cp: 9 };
			case 'n':
				return { cp: 10 };
			case 'r':
				return { cp: 13 };
			case 'v':
				return { cp: 11 };
			case 'd':
			case 's':
			case 'w':
				return { set: { ranges: [...PERL[c]], escapes: [] }, negated: false };
			case 'D':
			case 'S':
			case 'W':
				return { set: { ranges: [...PERL[c.toLowerCase()]], escapes: [] }, negated: true };
			case 'x': {
				if (this.peek() === '{') {
					const m = /^\{([0-9a-fA-F]+)\}/.exec(this.src.slice(this.pos));
					if (!m)
						throw new Re2SyntaxError(
							`invalid escape sequence: \`\\x${this.src.slice(this.pos, this.pos + 3)}\``
						);
					this.pos += m[0].length;
					const cp = parseInt(m[1], 16);
					if (cp > MAX_CODE_POINT) throw new Re2SyntaxError(`invalid escape sequence: \`\\x${m[0]}\``);
					return { cp };
				}
				const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos));
				if (!m)
					throw new Re2SyntaxError(
						`invalid escape sequence: \`\\x${this.src.slice(this.pos, this.pos + 2)}\``
					);
				this.pos += 2;
				return { cp: parseInt(m[0], 16) };
			}
			case 'p':
			case 'P': {
				let name: string;
				if (this.peek() === '{') {
					const end = this.src.indexOf('}', this.pos);
					if (end < 0) throw new Re2SyntaxError(`invalid character class range: \`\\${c}{\``);
					name = this.src.slice(this.pos + 1, end);
					this.pos = end + 1;
				} else {
					name = this.peek();
					this.pos++;
				}
				let neg = c === 'P';
				if (name.startsWith('^')) {
					neg = !neg;
					name = name.slice(1);
				}
				if (!/^[A-Za-z_]+$/.test(name))
					throw new Re2SyntaxError(`invalid character class range: \`\\p{${name}}\``);
				if (name === 'Any') return { set: { ranges: [[0, MAX_CODE_POINT]], escapes: [] }, negated: neg };
				const escape = `\\${neg ? 'P' : 'p'}{${CATEGORIES.has(name) ? name : `Script=${name}`}}`;
				try {
					new RegExp(escape, 'u');
				} catch {
					throw new Re2SyntaxError(`invalid character class range: \`\\p{${name}}\``);
				}
				return { set: { ranges: [], escapes: [escape] }, negated: false };
			}
			case 'Q': {
				const end = this.src.indexOf('\\E', this.pos);
				const lit = end < 0 ? this.src.slice(this.pos) : this.src.slice(this.pos, end);
				this.pos = end < 0 ? this.src.length : end + 2;
				if (inClass) throw new Re2SyntaxError('\\Q inside a character class is not supported');
				let out = '';
				for (const ch of lit) out += this.literal(ch.codePointAt(0)!, f);
				return out === '' ? '(?:)' : `(?:${out})`;
			}
			case 'A':
				if (inClass) break;
				return '^';
			case 'z':
				if (inClass) break;
				return '$';
			case 'b':
				if (inClass) break;
				return '\\b';
			case 'B':
				if (inClass) break;
				return '\\B';
			case 'C':
				throw new Re2SyntaxError('invalid escape sequence: `\\C`');
			default:
				if (c >= '0' && c <= '7') {
					// Octal: \0, \12, \123 (RE2 rejects \1-\9 backreferences, but accepts octal after a leading 0 or in classes).
					const m = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))!;
					if (c !== '0' && m[0] === '' && !inClass)
						throw new Re2SyntaxError(`invalid escape sequence: \`\\${c}\``);
					this.pos += m[0].length;
					return { cp: parseInt(c + m[0], 8) };
				}
				if (c.codePointAt(0)! < 0x80 && !/[A-Za-z0-9]/.test(c)) return { cp: c.codePointAt(0)! };
		}
		throw new Re2SyntaxError(`invalid escape sequence: \`\\${c}\``);
	}

	private charClass(f: Flags): string {
		this.pos++; // [
		let negated = false;
		if (this.peek() === '^') {
			negated = true;
			this.pos++;
		}
		const set: ClassSet = { ranges: [], escapes: [] };
		const negatedSubs: ClassSet[] = [];
		let first = true;
		while (true) {
			if (this.pos >= this.src.length) throw new Re2SyntaxError(`missing closing ]: \`${this.src}\``);
			const c = this.peek();
			if (c === ']' && !first) {
				this.pos++;
				break;
			}
			first = false;
			// POSIX class [:name:] / [:^name:]
			const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
			if (posix) {
				const ranges = POSIX[posix[2]];
				if (!ranges) throw new Re2SyntaxError(`invalid character class range: \`${posix[0]}\``);
				this.pos += posix[0].length;
				if (posix[1]) negatedSubs.push({ ranges: [...ranges], escapes: [] });
				else set.ranges.push(...ranges);
				continue;
			}
			const lo = this.classAtom(f);
			if (typeof lo !== 'number') {
				if (lo.negated) negatedSubs.push(lo.set);
				else {
					set.ranges.push(...lo.set.ranges);
					set.escapes.push(...lo.set.escapes);
				}
				continue;
			}
			if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
				this.pos++;
				const hi = this.classAtom(f);
				if (typeof hi !== 'number')
					throw new Re2SyntaxError(`invalid character class range: \`${this.src}\``);
				if (hi < lo)
					throw new Re2SyntaxError(
						`invalid character class range: \`${String.fromCodePoint(lo)}-${String.fromCodePoint(hi)}\``
					);
				set.ranges.push([lo, hi]);
			} else {
				set.ranges.push([lo, lo]);
			}
		}
		const effective: ClassSet = f.i ? { ranges: foldRanges(set.ranges), escapes: set.escapes } : set;
		// Negated sub-classes inside a class (e.g. [\D] or [[:^alpha:]]): add their complements.
		for (const sub of negatedSubs) {
			const subRanges = f.i ? foldRanges(sub.ranges) : sub.ranges;
			effective.ranges.push(...complement(subRanges));
			for (const esc of sub.escapes) effective.escapes.push(esc.replace('\\p', '\\P'));
		}
		return renderClass(effective, negated);
	}

	private classAtom(f: Flags): number | { set: ClassSet; negated: boolean } {
		const c = this.peek();
		if (c === '\\') {
			const e = this.classOrAtomEscape(true, f);
			if (typeof e === 'string')
				throw new Re2SyntaxError(`invalid escape in character class: \`${this.src}\``);
			if ('cp' in e) return e.cp;
			return e;
		}
		const cp = this.src.codePointAt(this.pos)!;
		this.pos += cp > 0xffff ? 2 : 1;
		return cp;
	}
}

function complement(ranges: [number, number][]): [number, number][] {
	const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
	const out: [number, number][] = [];
	let next = 0;
	for (const [lo, hi] of sorted) {
		if (lo > next) out.push([next, lo - 1]);
		next = Math.max(next, hi + 1);
	}
	if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
	return out;
}

/** A compiled RE2 pattern: the anchored JavaScript RegExp and its capture group names. */
export interface CompiledRe2 {
	/** Matches the whole input only (`^(?:…)$`), with `.` matching newlines, like Prometheus's `^(?s:…)$`. */
	readonly regex: RegExp;
	/** Named capture groups, for `$name` in `label_replace` replacements. */
	readonly names: readonly string[];
}

const cache = new Map<string, CompiledRe2>();
const CACHE_LIMIT = 2000;

/**
 * Compiles an RE2 pattern into a fully anchored JavaScript RegExp (as Prometheus does for label matchers and
 * `label_replace`). Results are cached. Throws {@link Re2SyntaxError} with an RE2-style message when the pattern
 * is invalid.
 */
export function compileRe2(pattern: string): CompiledRe2 {
	const hit = cache.get(pattern);
	if (hit) return hit;
	const t = new Translator(pattern).translate();
	let regex: RegExp;
	try {
		regex = new RegExp(`^(?:${t.source})$`, 'su');
	} catch (e) {
		throw new Re2SyntaxError(`error parsing regexp: ${(e as Error).message}`);
	}
	const compiled: CompiledRe2 = { regex, names: t.names };
	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(pattern, compiled);
	return compiled;
}

/**
 * Expands a Go `regexp.Expand` template: `$1`, `${1}`, `$name`, `${name}`, `$$`. As in Go, `$name` takes the
 * longest run of letters, digits and underscores (`$1x` means group "1x", which does not exist and expands to "").
 */
export function expandRe2Template(template: string, match: RegExpExecArray): string {
	let out = '';
	for (let i = 0; i < template.length; i++) {
		const c = template[i];
		if (c !== '$' || i === template.length - 1) {
			out += c;
			continue;
		}
		const next = template[i + 1];
		if (next === '$') {
			out += '$';
			i++;
			continue;
		}
		let name: string;
		let end: number;
		if (next === '{') {
			const close = template.indexOf('}', i + 2);
			const inner = close < 0 ? '' : template.slice(i + 2, close);
			if (close < 0 || !/^[A-Za-z0-9_]+$/.test(inner)) {
				out += c;
				continue;
			}
			name = inner;
			end = close;
		} else {
			const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
			if (!m) {
				out += c;
				continue;
			}
			name = m[0];
			end = i + m[0].length;
		}
		if (/^\d+$/.test(name)) {
			const idx = Number(name);
			out += idx < match.length ? (match[idx] ?? '') : '';
		} else {
			out += match.groups?.[name] ?? '';
		}
		i = end;
	}
	return out;
}
