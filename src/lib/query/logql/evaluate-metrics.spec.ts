import { describe, expect, it } from 'vitest';
import { LogStore } from '../../sim/log-store';
import type { Labels, LogRecord } from '../../sim/types';
import { QueryError, type MatrixSeries, type QueryResult } from '../types';
import { evaluateLogMetricInstant, evaluateLogMetricRange, MAX_STEPS } from './evaluate-metrics';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const S = 1000;

interface Req {
	sec: number;
	pod: string;
	status: number;
	latency: number;
}

/** checkout-api-0 serves 6 requests (2 fail with 502), checkout-api-1 serves 3 (1 fails with 503). */
const REQUESTS: Req[] = [
	{ sec: 10, pod: 'checkout-api-0', status: 200, latency: 100 },
	{ sec: 15, pod: 'checkout-api-1', status: 200, latency: 50 },
	{ sec: 20, pod: 'checkout-api-0', status: 502, latency: 300 },
	{ sec: 30, pod: 'checkout-api-0', status: 200, latency: 200 },
	{ sec: 35, pod: 'checkout-api-1', status: 200, latency: 150 },
	{ sec: 40, pod: 'checkout-api-0', status: 200, latency: 400 },
	{ sec: 50, pod: 'checkout-api-0', status: 502, latency: 500 },
	{ sec: 55, pod: 'checkout-api-1', status: 503, latency: 250 },
	{ sec: 60, pod: 'checkout-api-0', status: 200, latency: 600 }
];

function record(r: Req): LogRecord {
	const level = r.status >= 500 ? 'error' : 'info';
	const line = `level=${level} msg="${r.status >= 500 ? 'request failed' : 'request completed'}" status=${r.status} latency_ms=${r.latency} took=${r.latency}ms`;
	return { t: T0 + r.sec * S, service: 'checkout-api', pod: r.pod, level, line, fields: {} };
}

function store(): LogStore {
	const s = new LogStore();
	for (const r of REQUESTS) s.append(record(r));
	s.append({
		t: T0 + 61 * S,
		service: 'payments',
		pod: 'payments-0',
		level: 'error',
		line: 'not json at all',
		fields: {}
	});
	return s;
}

function matrix(res: QueryResult): MatrixSeries[] {
	if (res.resultType !== 'matrix') throw new Error(`expected a matrix, got ${res.resultType}`);
	return res.result;
}

/** Value of the series with labels ⊇ `match` at step time `t` (undefined when absent). */
function at(series: MatrixSeries[], match: Labels, t: number): number | undefined {
	const s = series.find((x) => Object.entries(match).every(([k, v]) => x.labels[k] === v));
	if (!s) return undefined;
	const i = s.ts.indexOf(t);
	return i === -1 ? undefined : s.vs[i];
}

/** Evaluates at the single step T0 + sec. */
function instantRange(q: string, sec: number): MatrixSeries[] {
	return matrix(evaluateLogMetricRange(store(), q, T0 + sec * S, T0 + sec * S, 1000));
}

function evalError(f: () => unknown): QueryError {
	try {
		f();
	} catch (e) {
		if (e instanceof QueryError) return e;
		throw e;
	}
	throw new Error('expected a QueryError');
}

describe('evaluateLogMetricRange: range aggregations over log lines', () => {
	it('counts lines per stream in the window (t - 1m, t] at every step', () => {
		const res = matrix(
			evaluateLogMetricRange(
				store(),
				'count_over_time({service="checkout-api"}[1m])',
				T0,
				T0 + 60 * S,
				30 * S
			)
		);
		const pod0info = { pod: 'checkout-api-0', level: 'info' };
		expect(at(res, pod0info, T0)).toBeUndefined();
		expect(at(res, pod0info, T0 + 30 * S)).toBe(2);
		expect(at(res, pod0info, T0 + 60 * S)).toBe(4);
		expect(at(res, { pod: 'checkout-api-0', level: 'error' }, T0 + 60 * S)).toBe(2);
		expect(at(res, { pod: 'checkout-api-1', level: 'error' }, T0 + 30 * S)).toBeUndefined();
		expect(res).toHaveLength(4);
		expect(res[0].labels).toMatchObject({ namespace: 'prod', service: 'checkout-api', app: 'checkout-api' });
	});

	it('excludes a line exactly at the window start and includes one exactly at its end', () => {
		const q = 'sum(count_over_time({service="checkout-api"}[10s]))';
		// (T0+10s, T0+20s] holds 15 and 20 but not 10.
		expect(at(instantRange(q, 20), {}, T0 + 20 * S)).toBe(2);
		expect(at(instantRange(q, 19), {}, T0 + 19 * S)).toBe(2);
		expect(at(instantRange(q, 10), {}, T0 + 10 * S)).toBe(1);
	});

	it('emits no point for empty windows instead of zero', () => {
		const res = matrix(
			evaluateLogMetricRange(
				store(),
				'sum(count_over_time({service="checkout-api"}[5s]))',
				T0,
				T0 + 30 * S,
				5 * S
			)
		);
		expect(res[0].ts).toEqual([10, 15, 20, 30].map((s) => T0 + s * S));
	});

	it('computes rate as lines per second of the range', () => {
		expect(
			at(
				instantRange('sum by (pod) (rate({service="checkout-api"}[1m]))', 60),
				{ pod: 'checkout-api-0' },
				T0 + 60 * S
			)
		).toBeCloseTo(6 / 60);
	});

	it('computes an error ratio as a binary operation between two aggregations', () => {
		const q =
			'sum(rate({service="checkout-api"} |= "status=50" [1m])) / sum(rate({service="checkout-api"}[1m])) * 100';
		expect(at(instantRange(q, 60), {}, T0 + 60 * S)).toBeCloseTo((3 / 9) * 100);
	});

	it('counts bytes of the lines after the pipeline', () => {
		const s = store();
		const expected = s
			.range(T0 + S, T0 + 60 * S, (l) => l.service === 'checkout-api')
			.reduce((a, r) => a + r.line.length, 0);
		const res = matrix(
			evaluateLogMetricRange(
				s,
				'sum(bytes_over_time({service="checkout-api"}[1m]))',
				T0 + 60 * S,
				T0 + 60 * S,
				S
			)
		);
		expect(res[0].vs).toEqual([expected]);
		const rate = matrix(
			evaluateLogMetricRange(s, 'sum(bytes_rate({service="checkout-api"}[1m]))', T0 + 60 * S, T0 + 60 * S, S)
		);
		expect(rate[0].vs[0]).toBeCloseTo(expected / 60);
		const formatted = matrix(
			evaluateLogMetricRange(
				s,
				'sum(bytes_over_time({service="checkout-api"} | line_format "x" [1m]))',
				T0 + 60 * S,
				T0 + 60 * S,
				S
			)
		);
		expect(formatted[0].vs).toEqual([9]);
	});

	it('counts UTF-8 bytes, not UTF-16 code units', () => {
		const s = new LogStore();
		s.append({ t: T0, service: 'a', pod: 'a-0', level: 'info', line: 'é👋', fields: {} });
		expect(
			matrix(evaluateLogMetricRange(s, 'sum(bytes_over_time({service="a"}[1m]))', T0, T0, S))[0].vs
		).toEqual([6]);
	});

	it('groups by labels extracted by a parser', () => {
		const res = instantRange('sum by (status) (count_over_time({service="checkout-api"} | logfmt [1m]))', 60);
		expect(res.map((s) => [s.labels, s.vs[0]])).toEqual([
			[{ status: '200' }, 6],
			[{ status: '502' }, 2],
			[{ status: '503' }, 1]
		]);
	});

	it('shifts the window back with offset', () => {
		const now = instantRange('sum(count_over_time({service="checkout-api"}[30s]))', 30);
		const shifted = instantRange('sum(count_over_time({service="checkout-api"}[30s] offset 30s))', 60);
		expect(shifted[0].vs).toEqual(now[0].vs);
	});

	it('reports absence with absent_over_time, labelled from the selector', () => {
		const res = matrix(
			evaluateLogMetricRange(
				store(),
				'absent_over_time({service="nope", level=~"e.*"}[1m])',
				T0,
				T0 + 60 * S,
				30 * S
			)
		);
		expect(res).toEqual([{ labels: { service: 'nope' }, ts: [T0, T0 + 30 * S, T0 + 60 * S], vs: [1, 1, 1] }]);
		const present = matrix(
			evaluateLogMetricRange(
				store(),
				'absent_over_time({service="checkout-api"}[10s])',
				T0,
				T0 + 30 * S,
				10 * S
			)
		);
		expect(present[0].ts).toEqual([T0]);
	});
});

describe('evaluateLogMetricRange: unwrapped range aggregations', () => {
	const byPod = (op: string, extra = '') =>
		instantRange(`${op}(${extra}{service="checkout-api"} | logfmt | unwrap latency_ms [1m]) by (pod)`, 60);

	it('averages, takes min, max, first and last per group', () => {
		expect(at(byPod('avg_over_time'), { pod: 'checkout-api-0' }, T0 + 60 * S)).toBe(350);
		expect(at(byPod('avg_over_time'), { pod: 'checkout-api-1' }, T0 + 60 * S)).toBe(150);
		expect(at(byPod('max_over_time'), { pod: 'checkout-api-0' }, T0 + 60 * S)).toBe(600);
		expect(at(byPod('min_over_time'), { pod: 'checkout-api-1' }, T0 + 60 * S)).toBe(50);
		expect(at(byPod('first_over_time'), { pod: 'checkout-api-0' }, T0 + 60 * S)).toBe(100);
		expect(at(byPod('last_over_time'), { pod: 'checkout-api-0' }, T0 + 60 * S)).toBe(600);
		expect(byPod('avg_over_time').map((s) => s.labels)).toEqual([
			{ pod: 'checkout-api-0' },
			{ pod: 'checkout-api-1' }
		]);
	});

	it('computes quantiles with linear interpolation and population stddev/stdvar', () => {
		expect(at(byPod('quantile_over_time', '0.5, '), { pod: 'checkout-api-0' }, T0 + 60 * S)).toBe(350);
		expect(at(byPod('quantile_over_time', '0.99, '), { pod: 'checkout-api-1' }, T0 + 60 * S)).toBeCloseTo(
			248
		);
		expect(at(byPod('stddev_over_time'), { pod: 'checkout-api-1' }, T0 + 60 * S)).toBeCloseTo(
			Math.sqrt(20000 / 3)
		);
		expect(at(byPod('stdvar_over_time'), { pod: 'checkout-api-1' }, T0 + 60 * S)).toBeCloseTo(20000 / 3);
	});

	it('sums values and removes the unwrapped label from the series', () => {
		const res = instantRange(
			'sum_over_time({service="checkout-api"} |= "status=502" | logfmt | drop took | unwrap latency_ms [1m])',
			60
		);
		expect(res).toHaveLength(1);
		expect(res[0].labels).not.toHaveProperty('latency_ms');
		expect(res[0].labels).toMatchObject({ status: '502', pod: 'checkout-api-0' });
		expect(res[0].vs).toEqual([800]);
		const total = instantRange(
			'sum(sum_over_time({service="checkout-api"} | logfmt | unwrap latency_ms [1m]))',
			60
		);
		expect(total[0].vs).toEqual([2550]);
		const rate = instantRange('sum(rate({service="checkout-api"} | logfmt | unwrap latency_ms [1m]))', 60);
		expect(rate[0].vs[0]).toBeCloseTo(2550 / 60);
	});

	it('converts durations and bytes with duration() and bytes()', () => {
		const d = instantRange(
			'max_over_time({service="checkout-api"} | logfmt | unwrap duration(took) [1m]) by (service)',
			60
		);
		expect(d[0].vs[0]).toBeCloseTo(0.6);
		const s = new LogStore();
		s.append({ t: T0, service: 'cdn', pod: 'cdn-0', level: 'info', line: 'size=1.5KiB', fields: {} });
		s.append({ t: T0 + 1, service: 'cdn', pod: 'cdn-0', level: 'info', line: 'size=2MB', fields: {} });
		const b = matrix(
			evaluateLogMetricRange(
				s,
				'sum(sum_over_time({service="cdn"} | logfmt | unwrap bytes(size) [1m]))',
				T0 + 1,
				T0 + 1,
				1
			)
		);
		expect(b[0].vs).toEqual([1536 + 2_000_000]);
	});

	it('skips lines without the unwrapped label', () => {
		const res = instantRange(
			'sum(count_over_time({service="checkout-api"}[1m])) - sum(sum_over_time({service="checkout-api"} | logfmt | unwrap nope [1m]))',
			60
		);
		expect(res).toEqual([]);
	});

	it('fails the query on values that do not convert, unless filtered with __error__', () => {
		const err = evalError(() =>
			instantRange('sum(sum_over_time({service="checkout-api"} | logfmt | unwrap msg [1m]))', 60)
		);
		expect(err.kind).toBe('evaluation');
		expect(err.message).toMatch(/SampleExtractionErr.*__error__/);
		expect(
			instantRange(
				'sum(sum_over_time({service="checkout-api"} | logfmt | unwrap msg | __error__="" [1m]))',
				60
			)
		).toEqual([]);
	});

	it('fails metric queries over lines a parser could not read, unless filtered', () => {
		const q = 'sum(count_over_time({service="payments"} | json [1m]))';
		expect(evalError(() => instantRange(q, 61)).message).toMatch(/JSONParserErr/);
		expect(instantRange('sum(count_over_time({service="payments"} | json | __error__="" [1m]))', 61)).toEqual(
			[]
		);
		expect(
			instantRange('sum(count_over_time({service="payments"} | json | __error__!="JSONParserErr" [1m]))', 61)
		).toEqual([]);
	});
});

describe('evaluateLogMetricRange: aggregations and operators', () => {
	const counts = 'count_over_time({service="checkout-api"}[1m])';

	it('aggregates with by and without', () => {
		const by = instantRange(`sum by (pod) (${counts})`, 60);
		expect(by.map((s) => [s.labels, s.vs[0]])).toEqual([
			[{ pod: 'checkout-api-0' }, 6],
			[{ pod: 'checkout-api-1' }, 3]
		]);
		const without = instantRange(`sum without (pod, level) (${counts})`, 60);
		expect(without.map((s) => [s.labels, s.vs[0]])).toEqual([
			[{ namespace: 'prod', service: 'checkout-api', app: 'checkout-api' }, 9]
		]);
	});

	it('computes avg, min, max, count, stddev and stdvar across series', () => {
		const v = (op: string) => instantRange(`${op}(${counts})`, 60)[0].vs[0];
		// per-stream counts at T0+60s: 4, 2, 2, 1
		expect(v('sum')).toBe(9);
		expect(v('avg')).toBe(2.25);
		expect(v('min')).toBe(1);
		expect(v('max')).toBe(4);
		expect(v('count')).toBe(4);
		expect(v('stdvar')).toBeCloseTo(((4 - 2.25) ** 2 + 2 * (2 - 2.25) ** 2 + (1 - 2.25) ** 2) / 4);
		expect(v('stddev')).toBeCloseTo(Math.sqrt(((4 - 2.25) ** 2 + 2 * (2 - 2.25) ** 2 + (1 - 2.25) ** 2) / 4));
	});

	it('picks topk and bottomk per step, keeping full labels', () => {
		const top = instantRange(`topk(1, ${counts})`, 60);
		expect(top.map((s) => [s.labels.pod, s.labels.level, s.vs[0]])).toEqual([['checkout-api-0', 'info', 4]]);
		const bottom = instantRange(`bottomk(1, sum by (pod) (${counts}))`, 60);
		expect(bottom.map((s) => s.labels)).toEqual([{ pod: 'checkout-api-1' }]);
		const perLevel = instantRange(`topk by (level) (1, ${counts})`, 60);
		expect(perLevel.map((s) => `${s.labels.level}:${s.labels.pod}`).sort()).toEqual([
			'error:checkout-api-0',
			'info:checkout-api-0'
		]);
	});

	it('tracks topk membership over time in a range query', () => {
		// With [4s] windows every 5s, pod 0 has lines at the multiples of 10s and pod 1 at 15s, 35s and 55s.
		const q = 'topk(1, sum by (pod) (count_over_time({service="checkout-api"}[4s])))';
		const res = matrix(evaluateLogMetricRange(store(), q, T0 + 10 * S, T0 + 60 * S, 5 * S));
		expect(res.map((s) => [s.labels.pod, s.ts.map((t) => (t - T0) / S)])).toEqual([
			['checkout-api-0', [10, 20, 30, 40, 50, 60]],
			['checkout-api-1', [15, 35, 55]]
		]);
	});

	it('filters with comparisons and returns 0/1 with bool', () => {
		expect(instantRange(`sum by (pod) (${counts}) > 4`, 60).map((s) => [s.labels.pod, s.vs[0]])).toEqual([
			['checkout-api-0', 6]
		]);
		expect(instantRange(`sum by (pod) (${counts}) > bool 4`, 60).map((s) => s.vs[0])).toEqual([1, 0]);
		expect(instantRange(`4 < sum by (pod) (${counts})`, 60).map((s) => s.vs[0])).toEqual([6]);
		expect(instantRange('1 + 2 * 3 > bool 6', 60)).toEqual([{ labels: {}, ts: [T0 + 60 * S], vs: [1] }]);
	});

	it('evaluates pure-number expressions as one label-less series with Loki precedence', () => {
		expect(instantRange('1 + 2 * 3', 60)[0].vs).toEqual([7]);
		expect(instantRange('2 ^ 3 ^ 2', 60)[0].vs).toEqual([512]);
		expect(instantRange('(1 + 2) * 3 % 5', 60)[0].vs).toEqual([4]);
	});

	it('matches vectors one-to-one on identical labels, or with on/ignoring', () => {
		const ratio = instantRange(
			`sum by (pod) (count_over_time({service="checkout-api", level="error"}[1m])) / sum by (pod) (${counts})`,
			60
		);
		expect(ratio.map((s) => [s.labels.pod, s.vs[0]])).toEqual([
			['checkout-api-0', 2 / 6],
			['checkout-api-1', 1 / 3]
		]);
		const ignoring = instantRange(
			`sum by (pod, level) (count_over_time({service="checkout-api", level="error"}[1m])) / ignoring (level) sum by (pod) (${counts})`,
			60
		);
		expect(ignoring.map((s) => s.labels)).toEqual([{ pod: 'checkout-api-0' }, { pod: 'checkout-api-1' }]);
	});

	it('supports many-to-one matching with group_left, copying included labels', () => {
		const q = `sum by (pod, level) (${counts}) / on (pod) group_left sum by (pod) (${counts})`;
		const res = instantRange(q, 60);
		expect(at(res, { pod: 'checkout-api-0', level: 'error' }, T0 + 60 * S)).toBeCloseTo(2 / 6);
		expect(at(res, { pod: 'checkout-api-1', level: 'info' }, T0 + 60 * S)).toBeCloseTo(2 / 3);
		const withTeam = instantRange(
			`sum by (pod) (${counts}) * on (pod) group_left (team) label_replace(sum by (pod) (${counts}), "team", "payments-squad", "pod", ".*-0")`,
			60
		);
		expect(withTeam.map((s) => s.labels)).toEqual([
			{ pod: 'checkout-api-0', team: 'payments-squad' },
			{ pod: 'checkout-api-1' }
		]);
	});

	it('refuses ambiguous matches with an error at the operator', () => {
		const err = evalError(() =>
			instantRange(`sum by (pod) (${counts}) / ignoring (level) sum by (pod, level) (${counts})`, 60)
		);
		expect(err.kind).toBe('evaluation');
		expect(err.message).toMatch(/duplicate series/);
		const q = `sum by (pod, level) (${counts}) / on (pod) sum by (pod) (${counts})`;
		const err2 = evalError(() => instantRange(q, 60));
		expect(err2.message).toMatch(/group_left/);
		expect(q.slice(err2.from, err2.to)).toBe('/');
	});

	it('implements and, or, unless', () => {
		const errors = `sum by (pod) (count_over_time({service="checkout-api", level="error"}[30s]))`;
		const all = `sum by (pod) (count_over_time({service="checkout-api"}[30s]))`;
		// In (T0+30s, T0+60s]: pod0 has errors (50), pod1 has errors (55).
		// In (T0, T0+30s]: pod0 has an error (20), pod1 has none.
		expect(instantRange(`${all} and ${errors}`, 30).map((s) => s.labels.pod)).toEqual(['checkout-api-0']);
		expect(instantRange(`${all} unless ${errors}`, 30).map((s) => s.labels.pod)).toEqual(['checkout-api-1']);
		expect(instantRange(`sum(count_over_time({service="nope"}[1m])) or vector(0)`, 30)).toEqual([
			{ labels: {}, ts: [T0 + 30 * S], vs: [0] }
		]);
		expect(instantRange(`${errors} or ${all}`, 30).map((s) => [s.labels.pod, s.vs[0]])).toEqual([
			['checkout-api-0', 1],
			['checkout-api-1', 1]
		]);
	});

	it('rewrites labels with label_replace', () => {
		const res = instantRange(
			`label_replace(sum by (pod) (${counts}), "replica", "$1", "pod", "checkout-api-(\\\\d+)")`,
			60
		);
		expect(res.map((s) => s.labels)).toEqual([
			{ pod: 'checkout-api-0', replica: '0' },
			{ pod: 'checkout-api-1', replica: '1' }
		]);
	});

	it('keeps vector(…) constant at every step', () => {
		const res = matrix(evaluateLogMetricRange(store(), 'vector(2) * 3', T0, T0 + 20 * S, 10 * S));
		expect(res).toEqual([{ labels: {}, ts: [T0, T0 + 10 * S, T0 + 20 * S], vs: [6, 6, 6] }]);
	});
});

describe('evaluateLogMetricInstant', () => {
	it('returns a vector at one time, or a scalar for numbers', () => {
		const res = evaluateLogMetricInstant(
			store(),
			'sum by (pod) (count_over_time({service="checkout-api"}[1m]))',
			T0 + 60 * S
		);
		expect(res).toEqual({
			resultType: 'vector',
			result: [
				{ labels: { pod: 'checkout-api-0' }, t: T0 + 60 * S, value: 6 },
				{ labels: { pod: 'checkout-api-1' }, t: T0 + 60 * S, value: 3 }
			]
		});
		expect(evaluateLogMetricInstant(store(), '6 / 4', T0)).toEqual({
			resultType: 'scalar',
			t: T0,
			value: 1.5
		});
		const sorted = evaluateLogMetricInstant(
			store(),
			'sort_desc(count_over_time({service="checkout-api"}[1m]))',
			T0 + 60 * S
		);
		if (sorted.resultType !== 'vector') throw new Error('expected a vector');
		expect(sorted.result.map((s) => s.value)).toEqual([4, 2, 2, 1]);
	});
});

describe('evaluateLogMetricRange: errors', () => {
	it('refuses log queries, too many steps and bad ranges', () => {
		expect(
			evalError(() => evaluateLogMetricRange(store(), '{service="a"} |= "x"', T0, T0, S)).message
		).toMatch(/log query/);
		const err = evalError(() => evaluateLogMetricRange(store(), 'vector(1)', T0, T0 + MAX_STEPS * S, S));
		expect(err.message).toMatch(/maximum resolution/);
		expect(() => evaluateLogMetricRange(store(), 'vector(1)', T0, T0 + S, 0)).toThrow(RangeError);
		expect(() => evaluateLogMetricRange(store(), 'vector(1)', T0 + S, T0, S)).toThrow(RangeError);
	});

	it('passes parse errors through with their position', () => {
		const q = 'sum(rate({service="a"}[5m])) by';
		const err = evalError(() => evaluateLogMetricRange(store(), q, T0, T0, S));
		expect(err.kind).toBe('syntax');
		expect(err.from).toBe(q.length);
	});
});
