import { describe, expect, it } from 'vitest';
import { QueryError } from '../../query/types';
import { errorView } from './query-error';
import { metricSelector } from './selector';
import { formatSampleValue, tableRows } from './result-table';

describe('errorView', () => {
	it('splits the text around the offending range and gives line:column', () => {
		const text = 'sum(rate(http_requests_total[5m]) by (code)';
		const v = errorView(text, new QueryError('unclosed left parenthesis', 3, 4));
		expect([v.line, v.column]).toEqual([1, 4]);
		expect(v.before + v.marked + v.after).toBe(text);
		expect(v.marked).toBe('(');
		expect(v.caret).toBe('   ^');
	});

	it('finds the line and column in a multi-line query and draws the caret under the range', () => {
		const text = 'sum by (code) (\n  rate(foo{code=~"5.."[5m])\n)';
		const from = text.indexOf('[5m]');
		const v = errorView(text, new QueryError('unexpected "["', from, from + 4));
		expect([v.line, v.column]).toEqual([2, 23]);
		expect(v.lineText).toBe('  rate(foo{code=~"5.."[5m])');
		expect(v.caret).toBe(' '.repeat(22) + '^~~~');
		expect(v.marked).toBe('[5m]');
	});

	it('marks something visible for an empty range at the end of the text', () => {
		const text = 'rate(x[5m]';
		const v = errorView(text, new QueryError('unexpected end of input', text.length, text.length));
		expect(v.marked).toBe(' ');
		expect(v.before).toBe(text);
		expect(v.after).toBe('');
		expect([v.line, v.column]).toEqual([1, 11]);
	});

	it('clamps offsets outside the text and keeps tabs in the caret line', () => {
		const v = errorView('\tfoo', new QueryError('bad', 1, 99));
		expect(v.marked).toBe('foo');
		expect(v.caret).toBe('\t^~~');
		expect(errorView('x', new QueryError('bad', -5, 0)).column).toBe(1);
	});
});

describe('metricSelector', () => {
	it('builds selectors with escaped values', () => {
		expect(metricSelector('up')).toBe('up');
		expect(metricSelector('http_requests_total', [{ name: 'code', value: '500' }])).toBe(
			'http_requests_total{code="500"}'
		);
		expect(metricSelector('x', [{ name: 'path', value: 'a"b\\c' }])).toBe('x{path="a\\"b\\\\c"}');
	});

	it('falls back to the __name__ form for names that are not identifiers', () => {
		expect(metricSelector('my.metric', [{ name: 'a', value: '1' }])).toBe('{__name__="my.metric", a="1"}');
	});
});

describe('tableRows', () => {
	it('lists vector samples in result order with Prometheus label sets and raw values', () => {
		const t = tableRows({
			resultType: 'vector',
			result: [
				{ labels: { __name__: 'up', job: 'b' }, t: 0, value: 0 },
				{ labels: { __name__: 'up', job: 'a' }, t: 0, value: 1 / 3 }
			]
		});
		expect(t.rows.map((r) => [r.series, r.value])).toEqual([
			['up{job="b"}', '0'],
			['up{job="a"}', String(1 / 3)]
		]);
	});

	it('lists range-vector samples with their timestamps, and scalars', () => {
		const m = tableRows({
			resultType: 'matrix',
			result: [{ labels: { a: '1' }, ts: [1000, 16000], vs: [1, 2] }]
		});
		expect(m.rows[0].value).toBe('1 @1\n2 @16');
		expect(tableRows({ resultType: 'scalar', t: 0, value: Number.NaN }).rows[0].value).toBe('NaN');
	});

	it('caps the rows and reports the total', () => {
		const result = Array.from({ length: 5 }, (_, i) => ({ labels: { i: String(i) }, t: 0, value: i }));
		const t = tableRows({ resultType: 'vector', result }, 3);
		expect([t.rows.length, t.total]).toEqual([3, 5]);
		expect(formatSampleValue(-Infinity)).toBe('-Inf');
	});
});
