import { describe, expect, it } from 'vitest';
import { QueryError } from '../../query/types';
import { SeriesStore } from '../../sim/tsdb';
import type { Labels } from '../../sim/types';
import { promqlEngine } from './promql-engine';

const T0 = Date.UTC(2026, 2, 14, 2, 0, 0);

/** Two services' request counters, scraped every 15 s for 10 minutes (checkout: 10 req/s, payments: 2 req/s). */
function store(): SeriesStore {
	const s = new SeriesStore();
	const series: { labels: Labels; rate: number }[] = [
		{ labels: { __name__: 'http_requests_total', service: 'checkout-api', code: '200' }, rate: 10 },
		{ labels: { __name__: 'http_requests_total', service: 'payments-api', code: '500' }, rate: 2 },
		{ labels: { __name__: 'up', service: 'checkout-api' }, rate: 0 }
	];
	for (const { labels, rate } of series) {
		const ref = s.ref(labels);
		for (let k = 0; k <= 40; k++)
			s.append(ref, T0 + k * 15_000, labels.__name__ === 'up' ? 1 : rate * k * 15);
	}
	return s;
}

describe('promqlEngine', () => {
	it('lists metric names and, per metric, its labels and values', () => {
		const e = promqlEngine(store());
		expect(e.metricNames()).toEqual(['http_requests_total', 'up']);
		expect(e.labelsOf('http_requests_total')).toEqual([
			{ name: 'code', values: ['200', '500'] },
			{ name: 'service', values: ['checkout-api', 'payments-api'] }
		]);
		expect(e.labelsOf('nope')).toEqual([]);
	});

	it('runs range and instant queries over the store', () => {
		const e = promqlEngine(store());
		const w = { start: T0 + 300_000, end: T0 + 600_000, stepMs: 60_000 };
		const range = e.range('sum by (service) (rate(http_requests_total[2m]))', w);
		expect(range.resultType).toBe('matrix');
		if (range.resultType !== 'matrix') return;
		expect(range.result.map((s) => s.labels.service)).toEqual(['checkout-api', 'payments-api']);
		expect(range.result[0].ts).toEqual([0, 1, 2, 3, 4, 5].map((k) => w.start + k * 60_000));
		expect(range.result[0].vs[0]).toBeCloseTo(10);
		const instant = e.instant('up', w.end);
		expect(instant.resultType === 'vector' && instant.result.map((s) => s.value)).toEqual([1]);
	});

	it('rejects bad and unsupported queries with positions', () => {
		const e = promqlEngine(store());
		expect(() => e.check('sum(rate(http_requests_total[5m])')).toThrow(QueryError);
		const thrown = (() => {
			try {
				e.check('up +');
			} catch (err) {
				return err;
			}
			return null;
		})();
		expect(thrown).toBeInstanceOf(QueryError);
		expect((thrown as QueryError).from).toBeGreaterThanOrEqual(3);
		expect(() => e.check('info(up)')).toThrow(/not supported/);
		expect(() => e.check('rate(http_requests_total[5m])')).not.toThrow();
	});
});
