import { describe, expect, it } from 'vitest';
import { SeriesStore } from '../../sim/tsdb';
import type { Labels } from '../../sim/types';
import { QueryError, type QueryResult } from '../types';
import { evaluateInstant, evaluateRange } from './engine';

const T0 = 1_700_000_000_000; // Unix ms; a realistic epoch so ms arithmetic is exercised at scale
const S = 1000;
const M = 60 * S;

/** Appends `values[i]` at `T0 + i * stepMs` (null = no sample, 'stale' = staleness marker). */
function load(store: SeriesStore, labels: Labels, stepMs: number, values: (number | null | 'stale')[]): void {
	const ref = store.ref(labels);
	values.forEach((v, i) => {
		if (v === null) return;
		if (v === 'stale') store.appendStale(ref, T0 + i * stepMs);
		else store.append(ref, T0 + i * stepMs, v);
	});
}

function vector(res: QueryResult): Record<string, number> {
	if (res.resultType !== 'vector') throw new Error(`expected a vector, got ${res.resultType}`);
	const out: Record<string, number> = {};
	for (const s of res.result) {
		const name = s.labels.__name__ ?? '';
		const rest = Object.entries(s.labels)
			.filter(([k]) => k !== '__name__')
			.map(([k, v]) => `${k}=${v}`)
			.join(',');
		out[`${name}{${rest}}`] = s.value;
	}
	return out;
}

function scalar(res: QueryResult): number {
	if (res.resultType !== 'scalar') throw new Error(`expected a scalar, got ${res.resultType}`);
	return res.value;
}

function errorOf(fn: () => unknown): QueryError {
	try {
		fn();
	} catch (e) {
		if (e instanceof QueryError) return e;
		throw e;
	}
	throw new Error('expected a QueryError');
}

describe('rate / increase extrapolation', () => {
	const store = new SeriesStore();
	// A counter scraped every 15 s growing by 1 per second since T0.
	load(
		store,
		{ __name__: 'req_total', job: 'api' },
		15 * S,
		Array.from({ length: 41 }, (_, i) => i * 15)
	);
	// Same rate, but the series only appears 2 minutes in (a new pod).
	load(store, { __name__: 'req_total', job: 'new' }, 15 * S, [
		...Array(8).fill(null),
		...Array.from({ length: 33 }, (_, i) => 1000 + i * 15)
	]);
	// Counter reset half-way: 0,15,…,300 then restarts from 0.
	load(store, { __name__: 'req_total', job: 'reset' }, 15 * S, [
		...Array.from({ length: 21 }, (_, i) => i * 15),
		...Array.from({ length: 20 }, (_, i) => i * 15)
	]);

	it('extrapolates to the window edges when samples cover the whole window', () => {
		const at = T0 + 5 * M;
		const res = vector(evaluateInstant(store, 'rate(req_total{job="api"}[5m])', at));
		expect(res['{job=api}']).toBeCloseTo(1, 10);
		expect(vector(evaluateInstant(store, 'increase(req_total{job="api"}[5m])', at))['{job=api}']).toBeCloseTo(
			300,
			9
		);
	});

	it('extrapolates only half an interval when the series starts inside the window', () => {
		// Window (T0+5m, T0+10m]; job=new has samples from T0+2m on, so the window is fully covered: rate 1.
		expect(
			vector(evaluateInstant(store, 'rate(req_total{job="new"}[5m])', T0 + 10 * M))['{job=new}']
		).toBeCloseTo(1, 10);
		// Window (T0, T0+5m]: first sample at T0+2m (3 minutes after the start): extrapolate by 7.5 s only.
		const inc = vector(evaluateInstant(store, 'increase(req_total{job="new"}[5m])', T0 + 5 * M))['{job=new}'];
		expect(inc).toBeCloseTo((180 + 7.5) * (180 / 180), 9);
	});

	it('treats a decrease as a counter reset', () => {
		const inc = vector(evaluateInstant(store, 'increase(req_total{job="reset"}[10m])', T0 + 10 * M))[
			'{job=reset}'
		];
		// Window (0s, 600s]: 15..300, reset to 0 at 315s, then ..285 at 600s. Raw increase: 285 - 15 + 300 (the value
		// before the reset) = 570 over 585 s of samples, extrapolated by 15 s to the window start.
		expect(inc).toBeCloseTo((570 * (585 + 15)) / 585, 9);
		expect(
			vector(evaluateInstant(store, 'resets(req_total{job="reset"}[10m])', T0 + 10 * M))['{job=reset}']
		).toBe(1);
		// delta() does not know about resets: last - first, extrapolated the same way.
		const delta = vector(evaluateInstant(store, 'delta(req_total{job="reset"}[10m])', T0 + 10 * M))[
			'{job=reset}'
		];
		expect(delta).toBeCloseTo(((285 - 15) * (585 + 15)) / 585, 9);
	});

	it('needs at least two samples in the window', () => {
		expect(vector(evaluateInstant(store, 'rate(req_total{job="api"}[10s])', T0 + 5 * M))).toEqual({});
	});

	it('evaluates the same values in a range query as at each instant', () => {
		const res = evaluateRange(store, 'rate(req_total[5m])', T0 + 5 * M, T0 + 10 * M, 30 * S);
		if (res.resultType !== 'matrix') throw new Error('matrix expected');
		expect(res.result.map((s) => s.labels.job)).toEqual(['api', 'new', 'reset']);
		const api = res.result[0];
		expect(api.ts[0]).toBe(T0 + 5 * M);
		for (let i = 0; i < api.ts.length; i++) {
			const instant = vector(evaluateInstant(store, 'rate(req_total{job="api"}[5m])', api.ts[i]))[
				'{job=api}'
			];
			expect(api.vs[i]).toBe(instant);
		}
	});
});

describe('histogram_quantile over classic buckets', () => {
	const store = new SeriesStore();
	const buckets: [string, number][] = [
		['0.1', 10],
		['0.5', 30],
		['1', 40],
		['+Inf', 40]
	];
	for (const [le, count] of buckets) {
		load(store, { __name__: 'lat_bucket', svc: 'a', le }, 15 * S, [0, count]);
		load(store, { __name__: 'lat_bucket', svc: 'b', le }, 15 * S, [0, count * 2]);
	}

	it('interpolates linearly inside the bucket holding the rank, per histogram', () => {
		const res = vector(evaluateInstant(store, 'histogram_quantile(0.5, lat_bucket)', T0 + 15 * S));
		// rank 20 of 40 falls in (0.1, 0.5] holding 20 observations, 10 of them below the rank: 0.1 + 0.4 * 10/20.
		expect(res['{svc=a}']).toBeCloseTo(0.3, 12);
		expect(res['{svc=b}']).toBeCloseTo(0.3, 12);
		expect(Object.keys(res)).toEqual(['{svc=a}', '{svc=b}']);
	});

	it('aggregates by le and handles the +Inf bucket and out-of-range quantiles', () => {
		const q99 = vector(
			evaluateInstant(store, 'histogram_quantile(0.99, sum by (le) (lat_bucket))', T0 + 15 * S)
		);
		expect(q99['{}']).toBeCloseTo(0.98, 12);
		expect(
			vector(evaluateInstant(store, 'histogram_quantile(1, lat_bucket{svc="a"})', T0 + 15 * S))['{svc=a}']
		).toBe(1);
		expect(
			vector(evaluateInstant(store, 'histogram_quantile(1.5, lat_bucket{svc="a"})', T0 + 15 * S))['{svc=a}']
		).toBe(Infinity);
		// No observations at all: NaN.
		expect(
			vector(evaluateInstant(store, 'histogram_quantile(0.5, lat_bucket{svc="a"})', T0))['{svc=a}']
		).toBeNaN();
	});

	it('works on rates of buckets, the usual dashboard query', () => {
		const res = vector(
			evaluateInstant(store, 'histogram_quantile(0.5, sum by (le, svc) (rate(lat_bucket[1m])))', T0 + 15 * S)
		);
		expect(res['{svc=a}']).toBeCloseTo(0.3, 12);
	});

	it('labels histogram_quantiles() results with the quantile as Prometheus formats it', () => {
		const res = vector(
			evaluateInstant(store, 'histogram_quantiles(lat_bucket{svc="a"}, "q", 0, 0.00001, 0.5, 1)', T0 + 15 * S)
		);
		expect(Object.keys(res).sort()).toEqual([
			'{q=0.0,svc=a}',
			'{q=0.5,svc=a}',
			'{q=1.0,svc=a}',
			'{q=1e-05,svc=a}'
		]);
		expect(res['{q=0.5,svc=a}']).toBeCloseTo(0.3, 12);
	});

	it('ignores series without a parsable le label and needs a +Inf bucket', () => {
		const s2 = new SeriesStore();
		load(s2, { __name__: 'h_bucket', le: '1' }, S, [5]);
		load(s2, { __name__: 'h_bucket', le: 'oops' }, S, [5]);
		expect(vector(evaluateInstant(s2, 'histogram_quantile(0.5, h_bucket)', T0))['{}']).toBeNaN();
	});
});

describe('vector matching', () => {
	const store = new SeriesStore();
	for (const [pod, node] of [
		['api-1', 'n1'],
		['api-2', 'n2']
	]) {
		load(store, { __name__: 'kube_pod_info', pod, node }, 15 * S, [1]);
		load(store, { __name__: 'cpu_seconds', pod, mode: 'user' }, 15 * S, [10]);
		load(store, { __name__: 'cpu_seconds', pod, mode: 'system' }, 15 * S, [5]);
	}

	it('group_left copies labels from the one side onto each many-side series', () => {
		const res = vector(evaluateInstant(store, 'cpu_seconds * on(pod) group_left(node) kube_pod_info', T0));
		expect(res).toEqual({
			'{mode=system,node=n1,pod=api-1}': 5,
			'{mode=user,node=n1,pod=api-1}': 10,
			'{mode=system,node=n2,pod=api-2}': 5,
			'{mode=user,node=n2,pod=api-2}': 10
		});
	});

	it('group_right mirrors group_left', () => {
		const res = vector(evaluateInstant(store, 'kube_pod_info * on(pod) group_right(node) cpu_seconds', T0));
		expect(Object.keys(res)).toHaveLength(4);
		expect(res['{mode=user,node=n2,pod=api-2}']).toBe(10);
	});

	it('reports many-to-many and implicit many-to-one matches as errors', () => {
		const manyToOne = errorOf(() => evaluateInstant(store, 'cpu_seconds * on(pod) kube_pod_info', T0));
		expect(manyToOne.kind).toBe('evaluation');
		expect(manyToOne.message).toMatch(/many-to-one matching must be explicit/);
		const manyToMany = errorOf(() =>
			evaluateInstant(store, 'kube_pod_info * on(pod) group_left cpu_seconds', T0)
		);
		expect(manyToMany.message).toMatch(
			/found duplicate series for the match group \{pod="api-[12]"\} on the right hand-side/
		);
	});

	it('set operators match on label sets', () => {
		expect(
			Object.keys(vector(evaluateInstant(store, 'cpu_seconds and on(pod) kube_pod_info{node="n1"}', T0)))
		).toEqual(['cpu_seconds{mode=system,pod=api-1}', 'cpu_seconds{mode=user,pod=api-1}']);
		expect(
			Object.keys(vector(evaluateInstant(store, 'cpu_seconds unless on(pod) kube_pod_info{node="n1"}', T0)))
		).toHaveLength(2);
	});
});

describe('comparisons and bool', () => {
	const store = new SeriesStore();
	load(store, { __name__: 'errors', svc: 'a' }, S, [3]);
	load(store, { __name__: 'errors', svc: 'b' }, S, [7]);

	it('filters and keeps the metric name without bool', () => {
		expect(vector(evaluateInstant(store, 'errors > 5', T0))).toEqual({ 'errors{svc=b}': 7 });
		// A scalar on the left still keeps the vector's value.
		expect(vector(evaluateInstant(store, '5 < errors', T0))).toEqual({ 'errors{svc=b}': 7 });
	});

	it('returns 0/1 and drops the metric name with bool', () => {
		expect(vector(evaluateInstant(store, 'errors > bool 5', T0))).toEqual({ '{svc=a}': 0, '{svc=b}': 1 });
		expect(scalar(evaluateInstant(store, '2 > bool 1', T0))).toBe(1);
	});

	it('rejects comparisons between scalars without bool at parse time', () => {
		const e = errorOf(() => evaluateInstant(store, '2 > 1', T0));
		expect(e.kind).toBe('syntax');
		expect(e.message).toBe('comparisons between scalars must use BOOL modifier');
	});
});

describe('staleness and lookback', () => {
	const store = new SeriesStore();
	load(store, { __name__: 'up', pod: 'a' }, 15 * S, [1, 1, 1, 'stale']);
	load(store, { __name__: 'up', pod: 'b' }, 15 * S, [1]);

	it('hides a series from the staleness marker on', () => {
		expect(vector(evaluateInstant(store, 'up', T0 + 30 * S))).toEqual({ 'up{pod=a}': 1, 'up{pod=b}': 1 });
		expect(vector(evaluateInstant(store, 'up', T0 + 45 * S))).toEqual({ 'up{pod=b}': 1 });
	});

	it('keeps a sample for 5 minutes (left-open window), or the configured lookback', () => {
		expect(vector(evaluateInstant(store, 'up{pod="b"}', T0 + 5 * M - 1))).toEqual({ 'up{pod=b}': 1 });
		expect(vector(evaluateInstant(store, 'up{pod="b"}', T0 + 5 * M))).toEqual({});
		expect(vector(evaluateInstant(store, 'up{pod="b"}', T0 + M, { lookbackDeltaMs: 30 * S }))).toEqual({});
	});

	it('ignores staleness markers inside range vectors', () => {
		expect(vector(evaluateInstant(store, 'count_over_time(up{pod="a"}[1m])', T0 + 45 * S))).toEqual({
			'{pod=a}': 3
		});
		const res = evaluateInstant(store, 'up{pod="a"}[1m]', T0 + 45 * S);
		expect(res.resultType === 'matrix' && res.result[0].ts).toEqual([T0, T0 + 15 * S, T0 + 30 * S]);
	});

	it('turns absent series into absent() results', () => {
		expect(vector(evaluateInstant(store, 'absent(up{pod="a", job="x"})', T0 + 45 * S))).toEqual({
			'{job=x,pod=a}': 1
		});
		expect(vector(evaluateInstant(store, 'absent(up{pod="b"})', T0 + 45 * S))).toEqual({});
	});
});

describe('delayed metric-name removal', () => {
	const store = new SeriesStore();
	load(store, { __name__: 'a_total', env: '1' }, M, [0, 60, 120]);
	load(store, { __name__: 'b_total', env: '1' }, M, [0, 30, 60]);

	it('drops the name at the end, so label_replace can still read or keep it', () => {
		const at = T0 + 2 * M;
		expect(vector(evaluateInstant(store, 'rate(a_total[2m])', at))).toEqual({ '{env=1}': 1 });
		expect(
			vector(
				evaluateInstant(store, 'label_replace(rate({env="1"}[2m]), "src", "$1", "__name__", "(.+)")', at)
			)
		).toEqual({
			'{env=1,src=a_total}': 1,
			'{env=1,src=b_total}': 0.5
		});
		expect(
			vector(
				evaluateInstant(
					store,
					'label_replace(rate({env="1"}[2m]), "__name__", "rate_$1", "__name__", "(.+)")',
					at
				)
			)
		).toEqual({ 'rate_a_total{env=1}': 1, 'rate_b_total{env=1}': 0.5 });
	});

	it('reports series that end up with the same labels', () => {
		const e = errorOf(() => evaluateInstant(store, 'rate({env="1"}[2m])', T0 + 2 * M));
		expect(e.message).toBe('vector cannot contain metrics with the same labelset');
	});
});

describe('offset, @ and subqueries', () => {
	const store = new SeriesStore();
	load(
		store,
		{ __name__: 'g' },
		M,
		Array.from({ length: 61 }, (_, i) => i)
	);

	it('shifts selectors with offset (also negative) and pins them with @', () => {
		expect(vector(evaluateInstant(store, 'g offset 10m', T0 + 30 * M))).toEqual({ 'g{}': 20 });
		expect(vector(evaluateInstant(store, 'g offset -10m', T0 + 30 * M))).toEqual({ 'g{}': 40 });
		expect(vector(evaluateInstant(store, `g @ ${(T0 + 5 * M) / 1000}`, T0 + 30 * M))).toEqual({ 'g{}': 5 });
		const res = evaluateRange(store, 'g @ end()', T0, T0 + 10 * M, M);
		expect(res.resultType === 'matrix' && res.result[0].vs).toEqual(Array(11).fill(10));
	});

	it('evaluates subqueries on a grid aligned to the subquery step', () => {
		// Inner steps are multiples of 1m since the epoch; T0 is 20 s past a minute, so in (T0+5m, T0+10m] they fall
		// at T0+5m40s … T0+9m40s, where g was 5 … 9.
		expect(T0 % M).toBe(20 * S);
		expect(vector(evaluateInstant(store, 'sum_over_time(g[5m:1m])', T0 + 10 * M))).toEqual({ '{}': 35 });
		expect(
			vector(evaluateInstant(store, 'max_over_time(deriv(g[2m])[10m:])', T0 + 20 * M))['{}']
		).toBeCloseTo(1 / 60, 12);
	});
});

describe('results and errors', () => {
	const store = new SeriesStore();
	load(store, { __name__: 'm', i: '1' }, M, [1, 2, 3]);
	load(store, { __name__: 'm', i: '2' }, M, [null, 5, 6]);

	it('returns range results sorted by labels, with only the steps that have values', () => {
		const res = evaluateRange(store, 'm * 2', T0, T0 + 2 * M, M);
		expect(res).toEqual({
			resultType: 'matrix',
			result: [
				{ labels: { i: '1' }, ts: [T0, T0 + M, T0 + 2 * M], vs: [2, 4, 6] },
				{ labels: { i: '2' }, ts: [T0 + M, T0 + 2 * M], vs: [10, 12] }
			]
		});
		const sc = evaluateRange(store, 'time()', T0, T0 + M, M);
		expect(sc).toEqual({
			resultType: 'matrix',
			result: [{ labels: {}, ts: [T0, T0 + M], vs: [T0 / 1000, T0 / 1000 + 60] }]
		});
	});

	it('returns scalars and strings for instant queries', () => {
		expect(evaluateInstant(store, '1 + 2 * 3 ^ 2', T0)).toEqual({ resultType: 'scalar', t: T0, value: 19 });
		expect(evaluateInstant(store, '"hello"', T0)).toEqual({ resultType: 'string', t: T0, value: 'hello' });
	});

	it('rejects range vectors in range queries and too many steps', () => {
		expect(errorOf(() => evaluateRange(store, 'm[5m]', T0, T0 + M, M)).message).toMatch(
			/range vector.*for range query/
		);
		expect(errorOf(() => evaluateRange(store, 'm', T0, T0 + 20_000 * M, M)).message).toMatch(
			/maximum resolution/
		);
	});

	it('reports native-histogram functions as unsupported', () => {
		const e = errorOf(() => evaluateInstant(store, 'histogram_count(rate(m[5m]))', T0));
		expect(e.kind).toBe('unsupported');
		expect(e.message).toMatch(/^histogram_count\(\) is not supported/);
		expect([e.from, e.to]).toEqual([0, 28]);
	});

	it('sorts instant results with sort_desc and topk', () => {
		const res = evaluateInstant(store, 'sort_desc(m)', T0 + 2 * M);
		expect(res.resultType === 'vector' && res.result.map((s) => s.value)).toEqual([6, 3]);
		const top = evaluateInstant(store, 'topk(1, m)', T0 + 2 * M);
		expect(top.resultType === 'vector' && top.result.map((s) => s.labels)).toEqual([
			{ __name__: 'm', i: '2' }
		]);
	});
});

describe('limitk and limit_ratio', () => {
	const store = new SeriesStore();
	for (let i = 0; i < 40; i++) load(store, { __name__: 'up', instance: `host-${i}` }, M, [1, 1, 1, 1]);
	const names = (res: QueryResult): string[] => {
		if (res.resultType !== 'vector') throw new Error(`expected a vector, got ${res.resultType}`);
		return res.result.map((s) => s.labels.instance).sort();
	};

	it('samples the same series at every step, and complementary ratios split the input', () => {
		const low = names(evaluateInstant(store, 'limit_ratio(0.25, up)', T0 + 3 * M));
		const high = names(evaluateInstant(store, 'limit_ratio(-0.75, up)', T0 + 3 * M));
		expect(low.length).toBeGreaterThan(0);
		expect(low.length).toBeLessThan(40);
		expect([...low, ...high].sort()).toEqual(names(evaluateInstant(store, 'up', T0 + 3 * M)));
		const range = evaluateRange(store, 'limit_ratio(0.25, up)', T0, T0 + 3 * M, M);
		if (range.resultType !== 'matrix') throw new Error('expected a matrix');
		expect(range.result.map((s) => s.labels.instance).sort()).toEqual(low);
		for (const s of range.result) expect(s.ts).toHaveLength(4);
		// A larger ratio keeps a superset, whatever other series exist.
		const half = names(evaluateInstant(store, 'limit_ratio(0.5, up)', T0));
		expect(half).toEqual(expect.arrayContaining(low));
	});

	it('keeps everything at ±1 (ratios beyond are clamped) and nothing at 0', () => {
		expect(names(evaluateInstant(store, 'limit_ratio(1, up)', T0))).toHaveLength(40);
		expect(names(evaluateInstant(store, 'limit_ratio(-3, up)', T0))).toHaveLength(40);
		expect(names(evaluateInstant(store, 'limit_ratio(0, up)', T0))).toEqual([]);
		expect(errorOf(() => evaluateInstant(store, 'limit_ratio(NaN, up)', T0)).message).toBe(
			'Ratio value is NaN'
		);
	});

	it('checks k of topk/bottomk/limitk as Prometheus does', () => {
		expect(names(evaluateInstant(store, 'limitk(3, up)', T0))).toHaveLength(3);
		expect(names(evaluateInstant(store, 'topk(-1e19, up)', T0))).toEqual([]);
		expect(errorOf(() => evaluateInstant(store, 'topk(NaN, up)', T0)).message).toBe('Parameter value is NaN');
		expect(errorOf(() => evaluateInstant(store, 'bottomk(1e19, up)', T0)).message).toBe(
			'Scalar value 1e+19 overflows int64'
		);
	});
});
