/**
 * The log volume histogram's data: lines per step by level, stacked (most severe level at the bottom of each
 * bar). Pure.
 */
import type uPlot from 'uplot';
import type { QueryResult } from '../../query/types';
import type { ChartTheme } from '../dashboard/chart-options';
import { stackColumns, toChartData, type QueryWindow } from '../dashboard/panel-data';
import { LOG_LEVELS, normaliseLevel, type LogLevel } from './log-rows';

export interface VolumeChart {
	/** Columns for uPlot, drawn as bars: series `k` is the stack top of `levels[k]` (drawn top-down). */
	data: uPlot.AlignedData;
	/** The level of each drawn series, in draw order (least severe, i.e. tallest stack, first). */
	levels: LogLevel[];
	/** Lines in the window per level, most severe first; levels with no lines are left out. */
	totals: { level: LogLevel; count: number }[];
}

/** The colour of a level in charts (matches the list's level colours). */
export function levelColor(level: LogLevel, theme: ChartTheme): string {
	switch (level) {
		case 'fatal':
			return theme.accent;
		case 'error':
			return theme.critical;
		case 'warn':
			return theme.warning;
		case 'info':
			return theme.ok;
		case 'debug':
			return theme.info;
		default:
			return theme.fgMuted;
	}
}

/**
 * Builds the stacked histogram from a volume result (a matrix with a `level` or `detected_level` label per
 * series; series of the same normalised level are summed).
 */
export function volumeChart(result: QueryResult, window: QueryWindow): VolumeChart {
	const chart = toChartData([{ result, expr: '' }], window, Infinity);
	const [xs, ...ys] = chart.data;
	const byLevel = new Map<LogLevel, number[]>();
	chart.series.forEach((s, i) => {
		const level = normaliseLevel(s.labels.level ?? s.labels.detected_level);
		const col = byLevel.get(level) ?? new Array<number>(xs.length).fill(0);
		const src = ys[i];
		for (let j = 0; j < col.length; j++) col[j] += src[j] ?? 0;
		byLevel.set(level, col);
	});
	const levels = LOG_LEVELS.filter((l) => byLevel.has(l));
	const columns = levels.map((l) => byLevel.get(l)!);
	const stacked = stackColumns(columns);
	const totals = levels.map((level, k) => ({ level, count: columns[k].reduce((a, b) => a + b, 0) }));
	return {
		data: [xs, ...stacked.reverse()],
		levels: [...levels].reverse(),
		totals
	};
}
