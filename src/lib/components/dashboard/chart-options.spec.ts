import type uPlot from 'uplot';
import { describe, expect, it, vi } from 'vitest';
import type { ChartAnnotation } from './annotations';
import {
	annotationColor,
	buildChartOptions,
	drawAnnotations,
	drawThresholds,
	FALLBACK_THEME,
	formatTimeTicks,
	SERIES_COLORS,
	seriesColor,
	thresholdColor,
	yRange,
	type ChartInput
} from './chart-options';

const theme = { ...FALLBACK_THEME, critical: 'red', warning: 'orange', info: 'blue', accent: 'purple' };
const base: ChartInput = { kind: 'line', unit: 'percentunit', height: 200, theme: () => theme };

/** A canvas context that records what was drawn. */
function recorder() {
	const calls: { op: string; args: unknown[]; stroke: unknown; fill: unknown; dash: number[] }[] = [];
	let dash: number[] = [];
	const ctx = {
		strokeStyle: '' as unknown,
		fillStyle: '' as unknown,
		lineWidth: 1,
		font: '',
		textAlign: '',
		textBaseline: '',
		save: vi.fn(),
		restore: vi.fn(),
		beginPath: vi.fn(),
		closePath: vi.fn(),
		setLineDash: (d: number[]) => (dash = d),
		moveTo: (...args: number[]) =>
			calls.push({ op: 'moveTo', args, stroke: ctx.strokeStyle, fill: ctx.fillStyle, dash }),
		lineTo: (...args: number[]) =>
			calls.push({ op: 'lineTo', args, stroke: ctx.strokeStyle, fill: ctx.fillStyle, dash }),
		stroke: () => calls.push({ op: 'stroke', args: [], stroke: ctx.strokeStyle, fill: ctx.fillStyle, dash }),
		fill: () => calls.push({ op: 'fill', args: [], stroke: ctx.strokeStyle, fill: ctx.fillStyle, dash }),
		fillText: (...args: unknown[]) =>
			calls.push({ op: 'fillText', args, stroke: ctx.strokeStyle, fill: ctx.fillStyle, dash })
	};
	return { ctx, calls };
}

/** A chart whose plot area is x 0..100 s → 10..210 px and y 0..1 → 105..5 px. */
function fakeChart() {
	const { ctx, calls } = recorder();
	const u = {
		ctx,
		bbox: { left: 10, top: 5, width: 200, height: 100 },
		valToPos: (v: number, scale: string) => (scale === 'x' ? 10 + v * 2 : 105 - v * 100)
	} as unknown as uPlot;
	return { u, calls };
}

describe('buildChartOptions', () => {
	it('builds a UTC time x axis and a y axis labelled in the panel unit', () => {
		const { options } = buildChartOptions(base, 2);
		expect(options.scales?.x?.time).toBe(true);
		const y = options.axes![1];
		const values = y.values as (u: uPlot, splits: number[]) => string[];
		expect(values({} as uPlot, [0, 0.05, 0.1])).toEqual(['0%', '5%', '10%']);
		const at = options.tzDate!(Date.UTC(2026, 2, 14, 2, 10) / 1000);
		expect([at.getHours(), at.getMinutes()]).toEqual([2, 10]);
		expect((y.size as (u: uPlot, v: string[]) => number)({} as uPlot, ['100.00%'])).toBeGreaterThanOrEqual(
			40
		);
	});

	it('reads axis and grid colours from the theme at draw time', () => {
		let current = theme;
		const { options } = buildChartOptions({ ...base, theme: () => current }, 0);
		const stroke = options.axes![0].stroke as (u: uPlot, i: number) => string;
		const grid = options.axes![0].grid!.stroke as (u: uPlot, i: number) => string;
		expect(stroke({} as uPlot, 0)).toBe(theme.fgMuted);
		current = { ...theme, fgMuted: '#123456', grid: '#abcdef' };
		expect(stroke({} as uPlot, 0)).toBe('#123456');
		expect(grid({} as uPlot, 0)).toBe('#abcdef');
	});

	it('gives each series its palette colour, lines without points, and bars for histograms', () => {
		const { options, makeSeries } = buildChartOptions(base, 3);
		expect(options.series).toHaveLength(4);
		const colour = (s: uPlot.Series) => (s.stroke as (u: uPlot, i: number) => string)({} as uPlot, 0);
		expect(options.series.slice(1).map(colour)).toEqual(SERIES_COLORS.slice(0, 3));
		expect(colour(makeSeries(12))).toBe(seriesColor(12));
		expect(seriesColor(12)).toBe(SERIES_COLORS[2]);
		expect(makeSeries(0).points?.show).toBe(false);
		expect(makeSeries(0).spanGaps).toBe(false);

		const bars = buildChartOptions({ ...base, kind: 'bars', color: () => 'teal' }, 1);
		const s = bars.makeSeries(0);
		expect(typeof s.paths).toBe('function');
		expect((s.fill as (u: uPlot, i: number) => string)({} as uPlot, 1)).toBe('teal');
	});

	it('syncs the crosshair by key, turns off drag-zoom and the built-in legend, and reports the cursor', () => {
		const onCursor = vi.fn();
		const { options } = buildChartOptions({ ...base, syncKey: 'dash-1', onCursor }, 1);
		expect(options.cursor?.sync?.key).toBe('dash-1');
		expect(options.cursor?.drag).toMatchObject({ x: false, y: false });
		expect(options.legend?.show).toBe(false);
		options.hooks!.setCursor![0]!({ cursor: { idx: 4 } } as unknown as uPlot);
		options.hooks!.setCursor![0]!({ cursor: { idx: null } } as unknown as uPlot);
		expect(onCursor.mock.calls).toEqual([[4], [null]]);
		expect(buildChartOptions(base, 1).options.cursor?.sync).toBeUndefined();
	});

	it('scales y to include thresholds and draws them and the change markers in its draw hook', () => {
		const annotations: ChartAnnotation[] = [{ t: 50, kind: 'deploy', title: 'deploy', detail: '' }];
		const { options } = buildChartOptions(
			{ ...base, thresholds: [{ value: 0.5, label: 'SLO' }], annotations: () => annotations },
			1
		);
		const range = options.scales!.y!.range as (
			u: uPlot,
			min: number,
			max: number,
			key: string
		) => [number, number];
		expect(range({} as uPlot, 0.01, 0.02, 'y')[1]).toBeGreaterThan(0.5);
		const { u, calls } = fakeChart();
		for (const hook of options.hooks!.draw!) hook!(u);
		expect(calls.filter((c) => c.op === 'stroke').map((c) => c.stroke)).toEqual(['red', 'blue']);
		expect(calls.find((c) => c.op === 'fillText')?.args[0]).toBe('SLO');
	});
});

describe('yRange', () => {
	it('starts non-negative data at zero and adds headroom', () => {
		expect(yRange(2, 10)).toEqual([0, 10.5]);
	});
	it('covers thresholds outside the data', () => {
		const [lo, hi] = yRange(0.001, 0.002, [0.05]);
		expect(lo).toBe(0);
		expect(hi).toBeGreaterThan(0.05);
	});
	it('handles negative data, flat data and no data', () => {
		expect(yRange(-4, -2)[1]).toBe(0);
		expect(yRange(-4, -2)[0]).toBeLessThan(-4);
		expect(yRange(3, 3)[0]).toBe(0);
		expect(yRange(3, 3)[1]).toBeCloseTo(3.15);
		expect(yRange(0, 0)).toEqual([0, 1]);
		expect(yRange(null, null)).toEqual([0, 1]);
	});
});

describe('draw hooks', () => {
	it('draws dashed threshold lines across the plot, the highest in the critical colour', () => {
		const { u, calls } = fakeChart();
		drawThresholds(u, [{ value: 0.8 }, { value: 0.2 }, { value: 5 }], theme);
		const moves = calls.filter((c) => c.op === 'moveTo');
		// 5 is above the plot (y < top) and is skipped; 0.2 is drawn first (sorted ascending).
		expect(moves.map((m) => m.args)).toEqual([
			[10, 85],
			[10, 25]
		]);
		expect(moves.every((m) => m.dash.length === 2)).toBe(true);
		expect(calls.filter((c) => c.op === 'lineTo').map((c) => c.args)).toEqual([
			[210, 85],
			[210, 25]
		]);
		expect(calls.filter((c) => c.op === 'stroke').map((c) => c.stroke)).toEqual(['orange', 'orange']);
		expect(thresholdColor(2, 3, theme)).toBe('red');
	});

	it('draws a vertical marker per change inside the plot, coloured by kind', () => {
		const { u, calls } = fakeChart();
		drawAnnotations(
			u,
			[
				{ t: 10, kind: 'deploy', title: '', detail: '' },
				{ t: 60, kind: 'flag', title: '', detail: '' },
				{ t: 500, kind: 'rollback', title: '', detail: '' }
			],
			theme
		);
		const verticals = calls.filter((c) => c.op === 'lineTo' && c.args[1] === 105);
		expect(verticals.map((c) => c.args[0])).toEqual([30, 130]);
		expect(calls.filter((c) => c.op === 'stroke').map((c) => c.stroke)).toEqual(['blue', 'purple']);
		expect(annotationColor('rollback', theme)).toBe('orange');
	});
});

describe('formatTimeTicks', () => {
	const at = (h: number, m: number, s = 0, day = 14) => Date.UTC(2026, 2, day, h, m, s) / 1000;

	it('labels ticks in UTC, 24-hour, with seconds only for sub-minute spacing', () => {
		expect(formatTimeTicks([at(13, 30), at(13, 45), at(14, 0)], 900)).toEqual(['13:30', '13:45', '14:00']);
		expect(formatTimeTicks([at(2, 10, 0), at(2, 10, 30)], 30)).toEqual(['02:10:00', '02:10:30']);
	});

	it('adds the date where a range crosses midnight', () => {
		expect(formatTimeTicks([at(23, 0), at(0, 0, 0, 15), at(1, 0, 0, 15)], 3600)).toEqual([
			'23:00',
			'00:00\nMar 15',
			'01:00'
		]);
	});
});
