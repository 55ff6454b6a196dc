import { describe, expect, it } from 'vitest';
import { kpiSeries } from '../../progress/trends';
import { drill } from '../../progress/test-support';
import { formatDayTicks, kpiChartData, runningMedian } from './kpi-chart';

describe('runningMedian', () => {
	it('is the median of the last `window` values seen, skipping gaps', () => {
		expect(runningMedian([null, 4, 8, null, 2, 10], 3)).toEqual([null, 4, 4, 4, 4, 8]);
	});
});

describe('kpiChartData', () => {
	const attempts = [
		drill({ id: 'a', day: '2026-01-10', ack: 6 }),
		drill({ id: 'b', day: '2026-01-10', ack: null }),
		drill({ id: 'c', day: '2026-01-12', ack: 2, communication: 90 })
	];

	it('charts minutes in milliseconds against the target, one point per drill in time order', () => {
		const ack = kpiSeries(attempts).find((s) => s.id === 'ack')!;
		const chart = kpiChartData(ack);
		const [xs, values, medians] = chart.data;
		expect(chart.unit).toBe('ms');
		expect(values).toEqual([360_000, null, 120_000]);
		expect(medians).toEqual([360_000, 360_000, 120_000]);
		expect(chart.thresholds).toEqual([{ value: 300_000, label: 'target ≤ 5 min' }]);
		expect(chart.measured).toBe(2);
		// Two drills ended at the same moment: uPlot still gets strictly increasing x values (Unix seconds).
		expect(xs[0]).toBe(Date.parse('2026-01-10T10:00:00Z') / 1000);
		expect(xs[1]).toBeGreaterThan(xs[0]);
		expect(xs[2]).toBe(Date.parse('2026-01-12T10:00:00Z') / 1000);
	});

	it('charts scores as they are', () => {
		const comm = kpiSeries(attempts).find((s) => s.id === 'communication')!;
		const chart = kpiChartData(comm);
		expect(chart.unit).toBe('short');
		expect(chart.data[1]).toEqual([75, 75, 90]);
		expect(chart.thresholds[0]).toEqual({ value: 70, label: 'target ≥ 70' });
	});
});

describe('formatDayTicks', () => {
	it('labels days when drills are days apart, else times of day', () => {
		const day = (iso: string) => Date.parse(iso) / 1000;
		expect(formatDayTicks([day('2026-03-01T00:00:00Z'), day('2026-03-15T00:00:00Z')])).toEqual([
			'Mar 1',
			'Mar 15'
		]);
		expect(formatDayTicks([day('2026-03-01T09:00:00Z'), day('2026-03-01T14:30:00Z')])).toEqual([
			'09:00',
			'14:30'
		]);
	});
});
