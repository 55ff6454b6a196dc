import { describe, expect, it } from 'vitest';
import { QueryError, type QueryResult } from '../../query/types';
import type { DeployRecord, FlagState } from '../../sim/drill-api';
import { annotationsInRange, buildAnnotations } from './annotations';
import {
	chooseStep,
	evaluatePanel,
	formatLabels,
	lastValue,
	queryWindow,
	seriesName,
	stackColumns,
	toChartData,
	valueAt,
	type QueryWindow
} from './panel-data';

const T0 = Date.UTC(2026, 2, 14, 2, 0, 0);
const window: QueryWindow = { start: T0, end: T0 + 60_000, stepMs: 15_000 };
const grid = [0, 15, 30, 45, 60].map((s) => T0 + s * 1000);

function matrix(...series: { labels: Record<string, string>; ts: number[]; vs: number[] }[]): QueryResult {
	return { resultType: 'matrix', result: series };
}

describe('query window', () => {
	it('never steps finer than the scrape interval and keeps a range under the point budget', () => {
		expect(chooseStep(15 * 60_000, 15_000)).toBe(15_000);
		expect(chooseStep(6 * 3600_000, 15_000)).toBe(120_000);
		expect(chooseStep(3600_000, 15_000)).toBe(15_000);
		expect(chooseStep(3600_000, 60_000)).toBe(60_000);
	});

	it('aligns the end to the step so the window only moves a whole step at a time', () => {
		const a = queryWindow(T0 + 7_000, 15 * 60_000, 15_000);
		const b = queryWindow(T0 + 14_999, 15 * 60_000, 15_000);
		const c = queryWindow(T0 + 15_000, 15 * 60_000, 15_000);
		expect(a).toEqual(b);
		expect(a.end).toBe(T0);
		expect(a.start).toBe(T0 - 15 * 60_000);
		expect(c.end).toBe(T0 + 15_000);
	});
});

describe('series names', () => {
	it('prints label sets the way Prometheus does', () => {
		expect(formatLabels({ __name__: 'up', job: 'api', instance: 'a:9090' })).toBe(
			'up{instance="a:9090", job="api"}'
		);
		expect(formatLabels({ code: '500' })).toBe('{code="500"}');
		expect(formatLabels({})).toBe('{}');
	});

	it('renders {{label}} legend templates, with or without spaces, and falls back when empty', () => {
		const labels = { __name__: 'http_requests_total', service: 'checkout-api', code: '500' };
		expect(seriesName(labels, '{{service}} {{ code }}')).toBe('checkout-api 500');
		expect(seriesName(labels, '{{missing}}')).toBe('http_requests_total{code="500", service="checkout-api"}');
		expect(seriesName(labels, 'p99 {{missing}}')).toBe('p99');
		expect(seriesName({}, undefined, 'sum(rate(x[5m]))')).toBe('sum(rate(x[5m]))');
	});
});

describe('toChartData', () => {
	it('puts seconds on x, spans the whole window and leaves null gaps where a series has no sample', () => {
		const out = toChartData(
			[
				{
					result: matrix({ labels: { pod: 'a' }, ts: [grid[1], grid[2], grid[4]], vs: [1, 2, 4] }),
					expr: 'x'
				}
			],
			window
		);
		expect(Array.from(out.data[0])).toEqual(grid.map((t) => t / 1000));
		expect(out.data[0]).toBeInstanceOf(Float64Array);
		expect(Array.from(out.data[1])).toEqual([null, 1, 2, null, 4]);
		expect(out.series).toEqual([{ name: '{pod="a"}', labels: { pod: 'a' }, query: 0 }]);
	});

	it('merges samples that fall off the step grid into the time axis', () => {
		const off = T0 + 20_000;
		const out = toChartData([{ result: matrix({ labels: {}, ts: [off], vs: [7] }), expr: 'x' }], window);
		const xs = Array.from(out.data[0]);
		expect(xs).toEqual([...grid.slice(0, 2), off, ...grid.slice(2)].map((t) => t / 1000));
		expect(out.data[1][xs.indexOf(off / 1000)]).toBe(7);
	});

	it('orders series by name within each query so colours stay put, and keeps query order', () => {
		const out = toChartData(
			[
				{
					result: matrix({ labels: { pod: 'b' }, ts: [], vs: [] }, { labels: { pod: 'a' }, ts: [], vs: [] }),
					expr: 'q1'
				},
				{ result: matrix({ labels: { pod: '0' }, ts: [], vs: [] }), expr: 'q2', legend: 'second {{pod}}' }
			],
			window
		);
		expect(out.series.map((s) => [s.name, s.query])).toEqual([
			['{pod="a"}', 0],
			['{pod="b"}', 0],
			['second 0', 1]
		]);
	});

	it('caps the number of series and counts the rest', () => {
		const many = Array.from({ length: 7 }, (_, i) => ({ labels: { i: String(i) }, ts: [grid[0]], vs: [i] }));
		const out = toChartData([{ result: matrix(...many), expr: 'x' }], window, 5);
		expect(out.series).toHaveLength(5);
		expect(out.data).toHaveLength(6);
		expect(out.omitted).toBe(2);
	});

	it('draws vectors and scalars as single points', () => {
		const v = toChartData(
			[
				{
					result: { resultType: 'vector', result: [{ labels: { a: '1' }, t: grid[3], value: 3 }] },
					expr: 'x'
				}
			],
			window
		);
		expect(Array.from(v.data[1])).toEqual([null, null, null, 3, null]);
		const s = toChartData(
			[{ result: { resultType: 'scalar', t: grid[0], value: 9 }, expr: 'vector(9)' }],
			window
		);
		expect(s.series[0].name).toBe('vector(9)');
	});
});

describe('values', () => {
	it('finds the last value and the value under the cursor', () => {
		expect(lastValue([1, 2, null, null])).toBe(2);
		expect(lastValue([null, null])).toBeNull();
		expect(valueAt([1, 2, 3], 0)).toBe(1);
		expect(valueAt([1, 2, null], 2)).toBeNull();
		expect(valueAt([1, 2, null], null)).toBe(2);
	});

	it('stacks columns cumulatively, counting gaps as zero', () => {
		expect(
			stackColumns([
				[1, null, 3],
				[10, 20, null],
				[100, 100, 100]
			])
		).toEqual([
			[1, 0, 3],
			[11, 20, 3],
			[111, 120, 103]
		]);
	});
});

describe('evaluatePanel', () => {
	it('evaluates every query over the window and names failing queries by letter', () => {
		const seen: [string, QueryWindow][] = [];
		const out = evaluatePanel(
			[{ expr: 'good', legend: '{{pod}}' }, { expr: 'rat(x[5m])' }],
			window,
			(expr, w) => {
				seen.push([expr, w]);
				if (expr.startsWith('rat')) throw new QueryError('unknown function "rat"', 0, 3);
				return matrix({ labels: { pod: 'p1' }, ts: [grid[4]], vs: [0.5] });
			}
		);
		expect(seen).toEqual([
			['good', window],
			['rat(x[5m])', window]
		]);
		expect(out.series.map((s) => s.name)).toEqual(['p1']);
		expect(out.errors).toEqual(['Query B: unknown function "rat"']);
		expect(lastValue(out.data[1])).toBe(0.5);
	});
});

describe('annotations', () => {
	const start = T0;
	const deploys: DeployRecord[] = [
		{
			service: 'checkout-api',
			version: 'v2',
			previous: 'v1',
			author: 'dana',
			at: -600_000,
			message: 'bump client',
			kind: 'deploy'
		},
		{
			service: 'checkout-api',
			version: 'v1',
			previous: 'v2',
			author: 'you',
			at: 120_000,
			message: 'rollback',
			kind: 'rollback'
		}
	];
	const flags: FlagState[] = [
		{
			id: 'new-pricing',
			service: 'checkout-api',
			enabled: true,
			description: 'New pricing',
			changedAt: -300_000,
			changedBy: 'sam'
		},
		{
			id: 'untouched',
			service: 'checkout-api',
			enabled: false,
			description: 'x',
			changedAt: null,
			changedBy: null
		}
	];

	it('places deploys, rollbacks and flag changes at Unix seconds, in time order', () => {
		const list = buildAnnotations(deploys, flags, start);
		expect(list.map((a) => [a.t, a.kind])).toEqual([
			[(start - 600_000) / 1000, 'deploy'],
			[(start - 300_000) / 1000, 'flag'],
			[(start + 120_000) / 1000, 'rollback']
		]);
		expect(list[0].title).toBe('deploy checkout-api v1 → v2');
		expect(list[0].detail).toBe('by dana: bump client');
		expect(list[1].title).toBe('flag new-pricing enabled (checkout-api)');
	});

	it('keeps only the markers inside a window', () => {
		const list = buildAnnotations(deploys, flags, start);
		expect(annotationsInRange(list, (start - 400_000) / 1000, start / 1000).map((a) => a.kind)).toEqual([
			'flag'
		]);
	});
});
