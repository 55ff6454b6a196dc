import { describe, expect, it } from 'vitest';
import { compileRe2, expandRe2Template, Re2SyntaxError } from './re2';

const full = (pattern: string, value: string): boolean => compileRe2(pattern).regex.test(value);

describe('compileRe2', () => {
	it('anchors the whole value, as Prometheus label matchers do', () => {
		expect(full('5..', '503')).toBe(true);
		expect(full('5', '503')).toBe(false);
		expect(full('a|b', 'b')).toBe(true);
		expect(full('.*', '')).toBe(true);
		expect(full('.+', '')).toBe(false);
		// (?s): dot matches newlines.
		expect(full('a.b', 'a\nb')).toBe(true);
	});

	it('supports scoped and global case-insensitive flags', () => {
		expect(full('(?i:PRO).*', 'production')).toBe(true);
		expect(full('.*((?i)TION)', 'production')).toBe(true);
		expect(full('(?i)api|WEB', 'web')).toBe(true);
		expect(full('(?i:a)b', 'AB')).toBe(false);
		expect(full('(?i)[a-c]x', 'BX')).toBe(true);
		expect(full('[a-c](?i)x', 'BX')).toBe(false);
		expect(full('[a-c](?i)x', 'bX')).toBe(true);
	});

	it('accepts RE2 syntax that JavaScript spells differently', () => {
		expect(full('a\\-b\\@c', 'a-b@c')).toBe(true);
		expect(full('[[:alpha:]]+[[:digit:]]', 'abc1')).toBe(true);
		expect(full('\\Qa.b\\E', 'a.b')).toBe(true);
		expect(full('\\Qa.b\\E', 'axb')).toBe(false);
		expect(full('x{,3}', 'x{,3}')).toBe(true);
		expect(full('[]a]+', ']a]')).toBe(true);
		expect(full('\\pL+', 'héllo')).toBe(true);
		expect(full('(?P<code>\\d+)x\\z', '12x')).toBe(true);
		// \s is ASCII whitespace only in RE2.
		expect(full('\\s', '\u00a0')).toBe(false);
		expect(full('\\x{41}\\101', 'AA')).toBe(true);
	});

	it('rejects invalid patterns with RE2-style messages', () => {
		expect(() => compileRe2('(.*')).toThrow(Re2SyntaxError);
		expect(() => compileRe2('(.*')).toThrow('missing closing ): `(.*`');
		expect(() => compileRe2('*a')).toThrow(/missing argument to repetition operator/);
		expect(() => compileRe2('a**')).toThrow(/invalid nested repetition operator/);
		expect(() => compileRe2('\\1')).toThrow(/invalid escape sequence/);
		expect(() => compileRe2('[b-a]')).toThrow(/invalid character class range/);
	});
});

describe('expandRe2Template', () => {
	const m = compileRe2('(?P<svc>[a-z]+)-(\\d+)').regex.exec('api-12')!;

	it('expands numbered and named groups like Go regexp.Expand', () => {
		expect(expandRe2Template('$1/$2', m)).toBe('api/12');
		expect(expandRe2Template('${svc}_$svc', m)).toBe('api_api');
		expect(expandRe2Template('$$1 cost', m)).toBe('$1 cost');
	});

	it('reads the longest name after $, so $1x refers to a missing group', () => {
		expect(expandRe2Template('$1x', m)).toBe('');
		expect(expandRe2Template('${1}x', m)).toBe('apix');
		expect(expandRe2Template('$9', m)).toBe('');
	});
});
