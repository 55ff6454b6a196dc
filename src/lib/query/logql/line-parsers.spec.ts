import { describe, expect, it } from 'vitest';
import {
	compilePattern,
	jsonPathValue,
	matchPattern,
	parseJsonFields,
	parseJsonPath,
	parseLogfmtFields,
	patternFilterRegex,
	validateJsonObject
} from './line-parsers';

const span = { from: 0, to: 1 };

function json(line: string): { fields: Record<string, string>; error: string | null } {
	const fields: Record<string, string> = {};
	const error = parseJsonFields(line, (k, v) => (fields[k] = v));
	return { fields, error };
}

function logfmt(line: string, strict = false): { fields: [string, string, boolean][]; error: string | null } {
	const fields: [string, string, boolean][] = [];
	const error = parseLogfmtFields(line, (k, v, has) => fields.push([k, v, has]), strict);
	return { fields, error };
}

describe('parseJsonFields', () => {
	it('flattens nested objects, keeps literals verbatim, skips arrays and nulls', () => {
		expect(
			json('{"a":{"b":{"c":1.50}},"t":true,"n":null,"arr":[1,{"x":2}],"s":"x\\"y\\u00e9","e":{}}')
		).toEqual({
			fields: { a_b_c: '1.50', t: 'true', s: 'x"yé' },
			error: null
		});
	});

	it('reports invalid JSON with an offset', () => {
		expect(json('{"a":1,}').error).toMatch(/offset 7/);
		expect(json('{"a":1} trailing').error).toMatch(/after the JSON value/);
		expect(json('[1,2]').error).toMatch(/JSON object/);
		expect(json('{"a":"unterminated').error).toMatch(/unterminated/);
		expect(json('{"a":01}').error).not.toBeNull();
	});
});

describe('json paths', () => {
	const line = '{"req":{"headers":{"User-Agent":["curl/8"]},"ids":[10,20]},"msg":"hi","o":{"k":"v"}}';

	it('parses dotted, indexed and quoted steps', () => {
		expect(parseJsonPath('req.headers["User-Agent"][0]', span)).toEqual(['req', 'headers', 'User-Agent', 0]);
		expect(() => parseJsonPath('a..b', span)).toThrow(/json path/);
		expect(() => parseJsonPath('a[x]', span)).toThrow(/json path/);
	});

	it('reads scalars, nested values as raw JSON, and reports absence', () => {
		expect(jsonPathValue(line, parseJsonPath('req.headers["User-Agent"][0]', span))).toBe('curl/8');
		expect(jsonPathValue(line, parseJsonPath('req.ids[1]', span))).toBe('20');
		expect(jsonPathValue(line, parseJsonPath('o', span))).toBe('{"k":"v"}');
		expect(jsonPathValue(line, parseJsonPath('req.ids[5]', span))).toBeNull();
		expect(jsonPathValue(line, parseJsonPath('missing.x', span))).toBeNull();
		expect(jsonPathValue('{"a":tru, "b":1}', parseJsonPath('b', span))).toBeUndefined();
		expect(validateJsonObject(line)).toBeNull();
		expect(validateJsonObject('not json')).toMatch(/JSON object/);
		expect(validateJsonObject('{"a":[1,}')).not.toBeNull();
	});
});

describe('parseLogfmtFields', () => {
	it('reads bare, quoted, escaped and empty values and standalone keys', () => {
		expect(logfmt('a=1 b="two words" c="q\\"uote\\n" d= flag e=x').fields).toEqual([
			['a', '1', true],
			['b', 'two words', true],
			['c', 'q"uote\n', true],
			['d', '', true],
			['flag', '', false],
			['e', 'x', true]
		]);
	});

	it('skips malformed pairs leniently but stops with an error when strict', () => {
		const lenient = logfmt('a=1 b="open c=3');
		expect(lenient.error).toBeNull();
		expect(lenient.fields[0]).toEqual(['a', '1', true]);
		expect(logfmt('a=1 =oops b=2').fields.map((f) => f[0])).toEqual(['a', 'b']);
		const strict = logfmt('a=1 b=x"y c=3', true);
		expect(strict.error).toMatch(/unexpected '"'/);
		expect(strict.fields).toEqual([['a', '1', true]]);
	});
});

describe('patterns', () => {
	it('extracts captures like Loki: literals anchor the start, a missing literal takes the rest', () => {
		const p = compilePattern('<ip> - - [<_>] "<method> <path> <_>" <status>', span, true);
		const out: Record<string, string> = {};
		expect(
			matchPattern(p, '10.0.0.1 - - [01/Jan/2025] "GET /cart HTTP/1.1" 502', (k, v) => (out[k] = v))
		).toBe(true);
		expect(out).toEqual({ ip: '10.0.0.1', method: 'GET', path: '/cart', status: '502' });
		const lit = compilePattern('status=<code> ', span, true);
		const got: Record<string, string> = {};
		expect(matchPattern(lit, 'level=info status=200', (k, v) => (got[k] = v))).toBe(false);
		expect(matchPattern(lit, 'status=200', (k, v) => (got[k] = v))).toBe(true);
		expect(got).toEqual({ code: '200' });
	});

	it('requires captures and literals between them', () => {
		expect(() => compilePattern('no captures', span, false)).toThrow(/no capture/);
		expect(() => compilePattern('<_> only', span, true)).toThrow(/named capture/);
		expect(() => compilePattern('<a><b>', span, true)).toThrow(/consecutive/);
	});

	it('matches whole lines for pattern filters', () => {
		const re = patternFilterRegex(compilePattern('<_> ERROR <_>', span, false));
		expect(re.test('12:00 ERROR disk full')).toBe(true);
		expect(re.test('12:00 WARN disk (ERROR)')).toBe(false);
	});
});
