/**
 * Chart data for a KPI trend: one point per finished drill (x = when it ended, Unix seconds, as uPlot wants),
 * the KPI value, and the running median of the last `window` values — the line a manager reads the trend from.
 * Minute KPIs are charted in milliseconds so the axis can use the dashboard's `ms` unit ladder (`5 min`, `1 h`);
 * scores are plain numbers 0–100. The target is a threshold line. Pure.
 */
import type uPlot from 'uplot';
import type { KpiSeries } from '../../progress/trends';
import { median } from '../../progress/stats';
import type { Threshold } from '../dashboard/chart-options';
import type { PanelUnit } from '../dashboard/units';

const MS_PER_MIN = 60_000;

export interface KpiChartData {
	/** Columns `[x, values, runningMedian]`. */
	data: uPlot.AlignedData;
	unit: PanelUnit;
	thresholds: Threshold[];
	/** Drills with a value (points drawn). */
	measured: number;
}

/** The running median of the last `window` non-null values up to each index (null until the first value). */
export function runningMedian(values: readonly (number | null)[], window: number): (number | null)[] {
	if (!(Number.isInteger(window) && window >= 1)) throw new RangeError('window must be a positive integer');
	const seen: number[] = [];
	return values.map((v) => {
		if (v !== null) seen.push(v);
		return median(seen.slice(-window));
	});
}

/**
 * uPlot columns, unit and target line of a KPI series. x values strictly increase (two drills that ended in the
 * same second are drawn a millisecond apart), as uPlot requires.
 */
export function kpiChartData(series: KpiSeries, window = 5): KpiChartData {
	const scale = series.unit === 'min' ? MS_PER_MIN : 1;
	const xs: number[] = [];
	let last = -Infinity;
	for (const p of series.points) {
		const t = Math.max(Date.parse(p.at) / 1000, last + 0.001);
		xs.push(t);
		last = t;
	}
	const values = series.points.map((p) => (p.value === null ? null : p.value * scale));
	const medians = runningMedian(values, window);
	return {
		data: [xs, values, medians],
		unit: series.unit === 'min' ? 'ms' : 'short',
		thresholds: [
			{
				value: series.target * scale,
				label: `target ${series.better === 'lower' ? '≤' : '≥'} ${series.target}${series.unit === 'min' ? ' min' : ''}`
			}
		],
		measured: values.filter((v) => v !== null).length
	};
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Labels of the time axis of a KPI chart (splits in Unix seconds, UTC): days (`Mar 1`) when the ticks span two days
 * or more — drills are days apart — otherwise times of day (`14:30`).
 */
export function formatDayTicks(splits: readonly number[]): string[] {
	const finite = splits.filter((s) => Number.isFinite(s));
	const span = finite.length ? Math.max(...finite) - Math.min(...finite) : 0;
	return splits.map((s) => {
		if (!Number.isFinite(s)) return '';
		const d = new Date(s * 1000);
		if (span >= 2 * 86_400) return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
		return d.toISOString().slice(11, 16);
	});
}
