import { describe, expect, it } from 'vitest';
import { QueryError } from '../types';
import {
	compileRegex,
	parseBytes,
	parseGoDurationSeconds,
	sanitizeLabelKey,
	unquoteString
} from './go-syntax';

const span = { from: 0, to: 1 };

describe('unquoteString', () => {
	it('decodes Go escapes and keeps raw strings raw', () => {
		expect(unquoteString('"a\\tb\\x41\\101\\u00e9\\U0001F44B\\\\"', 0)).toBe('a\tbAAé👋\\');
		expect(unquoteString('`C:\\dir\\n`', 0)).toBe('C:\\dir\\n');
	});

	it('points at an invalid escape', () => {
		try {
			unquoteString('"ok \\q"', 10);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(QueryError);
			expect((e as QueryError).from).toBe(14);
			expect((e as QueryError).to).toBe(16);
		}
	});

	it('rejects unterminated and single-quoted strings', () => {
		expect(() => unquoteString('"abc', 0)).toThrow(/unterminated/);
		expect(() => unquoteString('"abc\\"', 0)).toThrow(/unterminated/);
		expect(() => unquoteString("'abc'", 0)).toThrow(/single quotes/);
	});
});

describe('compileRegex (RE2 to JS)', () => {
	it('handles leading flags, named groups and POSIX classes', () => {
		expect(compileRegex('(?i)error', false, span).test('An ERROR')).toBe(true);
		expect(compileRegex('(?s)a.b', false, span).test('a\nb')).toBe(true);
		expect(compileRegex('(?P<code>[0-9]{3})', false, span).exec('status 502')?.groups?.code).toBe('502');
		expect(compileRegex('[[:digit:]]+[[:space:]][[:alpha:]]+', true, span).test('42 abc')).toBe(true);
	});

	it('anchors label matchers to the whole value', () => {
		expect(compileRegex('api', true, span).test('checkout-api')).toBe(false);
		expect(compileRegex('.*api', true, span).test('checkout-api')).toBe(true);
		expect(compileRegex('a|b', true, span).test('ab')).toBe(false);
	});

	it('translates \\A, \\z, \\Q…\\E and escaped punctuation', () => {
		expect(compileRegex('\\Afoo\\z', false, span).test('foo')).toBe(true);
		expect(compileRegex('\\Afoo\\z', false, span).test('foo\n')).toBe(false);
		expect(compileRegex('\\Q1.5*\\E', true, span).test('1.5*')).toBe(true);
		expect(compileRegex('a\\_b\\:c', true, span).test('a_b:c')).toBe(true);
		expect(compileRegex('\\pL+', true, span).test('héllo')).toBe(true);
	});

	it('rejects what RE2 rejects', () => {
		expect(() => compileRegex('(?=x)', false, span)).toThrow(/lookaround/);
		expect(() => compileRegex('(a)\\1', false, span)).toThrow(/backreferences/);
		expect(() => compileRegex('a(?i)b', false, span)).toThrow(/inline flags/);
		expect(() => compileRegex('(unclosed', false, span)).toThrow(/invalid regular expression/);
		expect(() => compileRegex('[a-', false, span)).toThrow(QueryError);
	});
});

describe('parseGoDurationSeconds', () => {
	it('parses Go durations', () => {
		expect(parseGoDurationSeconds('250ms')).toBe(0.25);
		expect(parseGoDurationSeconds('1.5s')).toBe(1.5);
		expect(parseGoDurationSeconds('2h45m')).toBe(9900);
		expect(parseGoDurationSeconds('-3us')).toBeCloseTo(-3e-6);
		expect(parseGoDurationSeconds('1µs')).toBeCloseTo(1e-6);
		expect(parseGoDurationSeconds('0')).toBe(0);
	});

	it('rejects numbers without units and unknown units', () => {
		expect(parseGoDurationSeconds('300')).toBeNull();
		expect(parseGoDurationSeconds('5d')).toBeNull();
		expect(parseGoDurationSeconds('')).toBeNull();
		expect(parseGoDurationSeconds('.s')).toBeNull();
	});
});

describe('parseBytes', () => {
	it('parses SI and IEC units, case-insensitively, with optional space', () => {
		expect(parseBytes('512')).toBe(512);
		expect(parseBytes('10KB')).toBe(10_000);
		expect(parseBytes('10kib')).toBe(10_240);
		expect(parseBytes('1.5 MiB')).toBe(1.5 * 1024 * 1024);
		expect(parseBytes('3gb')).toBe(3e9);
		expect(parseBytes('2 B')).toBe(2);
	});

	it('rejects other text', () => {
		expect(parseBytes('lots')).toBeNull();
		expect(parseBytes('5 parsecs')).toBeNull();
	});
});

describe('sanitizeLabelKey', () => {
	it('replaces characters outside [a-zA-Z0-9_] and prefixes leading digits', () => {
		expect(sanitizeLabelKey('log.level', true)).toBe('log_level');
		expect(sanitizeLabelKey('@timestamp', true)).toBe('_timestamp');
		expect(sanitizeLabelKey('$date', false)).toBe('_date');
		expect(sanitizeLabelKey('1st', true)).toBe('_1st');
		expect(sanitizeLabelKey('1st', false)).toBe('1st');
		expect(sanitizeLabelKey('Content-Type', true)).toBe('Content_Type');
		expect(sanitizeLabelKey('ünï', true)).toBe('_n_');
	});
});
