import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../query/types';
import { detailHeight, formatLogTime, levelOf, LOG_GEOMETRY, LogRows, normaliseLevel } from './log-rows';
import { indexAt, rowTop, totalHeight, visibleRange, type VirtualLayout } from './virtual-window';
import { volumeChart } from './volume';

const T0 = Date.UTC(2026, 2, 14, 2, 10, 5, 42);

function line(
	t: number,
	level: LogLine['record']['level'],
	text: string,
	extra: Record<string, string> = {}
): LogLine {
	return {
		record: { t, service: 'api', pod: 'api-1', level, line: text, fields: { route: '/pay', ...extra } },
		labels: { service: 'api', pod: 'api-1', level, ...extra }
	};
}

describe('levels and times', () => {
	it('normalises level spellings', () => {
		expect(['WARNING', 'err', 'panic', 'trace', 'info', 'nope', undefined].map(normaliseLevel)).toEqual([
			'warn',
			'error',
			'fatal',
			'debug',
			'info',
			'unknown',
			'unknown'
		]);
	});

	it('takes the level label (which parsers may set) over the record level', () => {
		const l = line(T0, 'info', 'x');
		expect(levelOf(l)).toBe('info');
		expect(levelOf({ ...l, labels: { ...l.labels, level: 'ERROR' } })).toBe('error');
	});

	it('formats times in UTC with milliseconds', () => {
		expect(formatLogTime(T0)).toBe('2026-03-14 02:10:05.042');
	});
});

describe('LogRows', () => {
	it('formats rows lazily, only when asked for', () => {
		const lines = Array.from({ length: 100_000 }, (_, i) => line(T0 - i, 'info', `line ${i}`));
		const rows = new LogRows(lines);
		expect(rows.length).toBe(100_000);
		expect(rows.formattedCount).toBe(0);
		const r = rows.row(99_999);
		expect(r.line).toBe('line 99999');
		expect(rows.row(99_999)).toBe(r);
		expect(rows.formattedCount).toBe(1);
	});

	it('shows newest first even when the input is not ordered, keeping ties stable', () => {
		const rows = new LogRows([line(T0, 'info', 'a'), line(T0 + 5, 'warn', 'b'), line(T0, 'error', 'c')]);
		expect([0, 1, 2].map((i) => rows.row(i).line)).toEqual(['b', 'a', 'c']);
	});

	it('lists labels and the fields that are not already labels, sorted', () => {
		const r = new LogRows([line(T0, 'error', 'boom', { trace_id: 'abc' })]).row(0);
		expect(r.labels.map(([k]) => k)).toEqual(['level', 'pod', 'service', 'trace_id']);
		expect(r.fields).toEqual([['route', '/pay']]);
		expect(r.level).toBe('error');
		expect(detailHeight(r)).toBe(
			LOG_GEOMETRY.detailPadding +
				LOG_GEOMETRY.detailLine +
				2 * LOG_GEOMETRY.detailHeading +
				5 * LOG_GEOMETRY.detailEntry
		);
	});
});

describe('virtual window', () => {
	const layout = (count: number, extra: [number, number][] = []): VirtualLayout => ({
		count,
		rowHeight: 20,
		extra: new Map(extra)
	});

	it('renders only the rows in view plus the overscan, wherever the list is scrolled', () => {
		expect(visibleRange(layout(100_000), 0, 200, 5)).toEqual({ start: 0, end: 15 });
		expect(visibleRange(layout(100_000), 1_000_000, 200, 5)).toEqual({ start: 49_995, end: 50_015 });
		expect(visibleRange(layout(100_000), 1_999_900, 200, 5)).toEqual({ start: 99_990, end: 100_000 });
		expect(visibleRange(layout(0), 0, 200)).toEqual({ start: 0, end: 0 });
	});

	it('pushes rows below an expanded row down by its extra height', () => {
		const l = layout(1000, [[10, 100]]);
		expect(totalHeight(l)).toBe(20_100);
		expect(rowTop(l, 10)).toBe(200);
		expect(rowTop(l, 11)).toBe(320);
		expect(indexAt(l, 219)).toBe(10);
		expect(indexAt(l, 300)).toBe(10);
		expect(indexAt(l, 320)).toBe(11);
		expect(indexAt(l, 199)).toBe(9);
		expect(indexAt(l, 1e9)).toBe(999);
	});
});

describe('volumeChart', () => {
	it('stacks levels with the most severe at the bottom and totals each level', () => {
		const w = { start: 0, end: 20_000, stepMs: 10_000 };
		const v = volumeChart(
			{
				resultType: 'matrix',
				result: [
					{ labels: { level: 'info' }, ts: [0, 10_000, 20_000], vs: [5, 5, 5] },
					{ labels: { level: 'error' }, ts: [0, 10_000, 20_000], vs: [0, 2, 4] },
					{ labels: { level: 'ERROR' }, ts: [20_000], vs: [1] }
				]
			},
			w
		);
		expect(v.totals).toEqual([
			{ level: 'error', count: 7 },
			{ level: 'info', count: 15 }
		]);
		// Drawn tallest first: info's stack top (error + info), then error on top of it.
		expect(v.levels).toEqual(['info', 'error']);
		expect(v.data.slice(1).map((c) => Array.from(c))).toEqual([
			[5, 7, 10],
			[0, 2, 5]
		]);
	});
});
