/**
 * The one place uPlot options are built, for dashboard panels, Explore graphs and the log volume histogram.
 * Pure: nothing here touches the DOM until uPlot calls the returned hooks with a chart. Colours that depend on the
 * theme are read through `theme()` at draw time, so a theme switch needs only a redraw, not a new chart.
 *
 * Units: x values are Unix seconds; y values are in the panel's unit (see `units.ts`).
 */
import uPlot from 'uplot';
import type { AnnotationKind, ChartAnnotation } from './annotations';
import { formatTicks, type PanelUnit } from './units';

/** Colours and fonts a chart draws with (resolved CSS custom properties of the app theme). */
export interface ChartTheme {
	fg: string;
	fgMuted: string;
	/** Grid lines and tick marks. */
	grid: string;
	critical: string;
	warning: string;
	ok: string;
	info: string;
	accent: string;
	/** Canvas font for axis labels, e.g. `11px system-ui, sans-serif`. */
	font: string;
}

/** Fallback theme (the dark theme's values) for when CSS custom properties cannot be read. */
export const FALLBACK_THEME: ChartTheme = {
	fg: '#d8dee9',
	fgMuted: '#9aa4b2',
	grid: 'rgba(154, 164, 178, 0.18)',
	critical: '#f2495c',
	warning: '#ff9830',
	ok: '#73bf69',
	info: '#5794f2',
	accent: '#b877d9',
	font: '11px system-ui, sans-serif'
};

/**
 * Series colours (Grafana's classic palette, mid-tone so lines read on dark and light backgrounds). Series `i`
 * gets colour `i mod 10`.
 */
export const SERIES_COLORS = [
	'#7eb26d',
	'#eab839',
	'#6ed0e0',
	'#ef843c',
	'#e24d42',
	'#1f78c1',
	'#ba43a9',
	'#705da0',
	'#508642',
	'#cca300'
] as const;

/** Colour of series `i` (0-based, not counting uPlot's x series). */
export function seriesColor(i: number): string {
	return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

/** A horizontal threshold line in the panel's unit. */
export interface Threshold {
	value: number;
	label?: string;
}

/**
 * Colour of a threshold: with thresholds sorted ascending, the highest is critical and lower ones are warnings
 * (one threshold alone is critical).
 */
export function thresholdColor(index: number, count: number, theme: ChartTheme): string {
	return index === count - 1 ? theme.critical : theme.warning;
}

/** Colour of a change marker. */
export function annotationColor(kind: AnnotationKind, theme: ChartTheme): string {
	return kind === 'deploy' ? theme.info : kind === 'rollback' ? theme.warning : theme.accent;
}

/**
 * The y range of a panel: covers the data and every threshold (so a threshold line is always on screen), starts at
 * 0 for non-negative data (rates and ratios read honestly from zero), and adds 5% headroom. `null` bounds mean
 * "no data". Invariant: `min < max`.
 */
export function yRange(
	dataMin: number | null,
	dataMax: number | null,
	thresholds: readonly number[] = []
): [number, number] {
	const values = [dataMin, dataMax, ...thresholds].filter(
		(v): v is number => v !== null && Number.isFinite(v)
	);
	if (values.length === 0) return [0, 1];
	let lo = Math.min(...values);
	let hi = Math.max(...values);
	if (lo >= 0) lo = 0;
	if (hi <= 0 && lo < 0) hi = 0;
	if (hi === lo) return lo === 0 ? [0, 1] : lo > 0 ? [0, lo * 1.05] : [lo * 1.05, 0];
	const pad = (hi - lo) * 0.05;
	return [lo === 0 ? 0 : lo - pad, hi === 0 ? 0 : hi + pad];
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Time-axis tick labels in UTC, 24-hour like incident tooling: `HH:MM` (`HH:MM:SS` when ticks are under a minute
 * apart). A tick where the UTC date changes from the previous one gets the date on a second line (`Mar 15`), so a
 * range across midnight stays readable. `splits` are Unix seconds; `incrementSec` is the tick spacing.
 */
export function formatTimeTicks(splits: readonly number[], incrementSec: number): string[] {
	let previousDay: number | null = null;
	return splits.map((s) => {
		if (!Number.isFinite(s)) return '';
		const d = new Date(s * 1000);
		const time =
			`${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` +
			(incrementSec < 60 ? `:${pad2(d.getUTCSeconds())}` : '');
		const day = Math.floor(s / 86400);
		const label =
			previousDay !== null && day !== previousDay
				? `${time}\n${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`
				: time;
		previousDay = day;
		return label;
	});
}

/** Approximate width in CSS px of the widest tick label (for the y axis gutter). */
export function axisLabelWidth(values: readonly string[] | null | undefined): number {
	const longest = Math.max(0, ...(values ?? []).map((v) => v.length));
	return Math.max(40, Math.ceil(longest * 6.5) + 16);
}

/** What a chart shows, independent of its data. */
export interface ChartInput {
	/** `line` for time series, `bars` for histograms (e.g. log volume). */
	kind: 'line' | 'bars';
	unit: PanelUnit;
	/** Height of the whole chart in CSS px; width is set by the container. */
	height: number;
	theme: () => ChartTheme;
	/** Colour of series `i`; defaults to `seriesColor`. */
	color?: (i: number) => string;
	thresholds?: readonly Threshold[];
	/** Change markers; read at draw time so new deploys appear with the next redraw. */
	annotations?: () => readonly ChartAnnotation[];
	/** Charts with the same key share a crosshair. */
	syncKey?: string;
	/** Called with the data index under the cursor (also for a synced cursor), or null when it leaves. */
	onCursor?: (idx: number | null) => void;
}

/** uPlot options plus a factory for series added later (when a result gains series, the chart is not rebuilt). */
export interface ChartConfig {
	options: uPlot.Options;
	/** Options of data series `i` (0-based; uPlot index `i + 1`). */
	makeSeries: (i: number) => uPlot.Series;
}

function pxRatio(): number {
	return typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
}

/** Draws dashed horizontal threshold lines with their labels (a uPlot `draw` hook). */
export function drawThresholds(u: uPlot, thresholds: readonly Threshold[], theme: ChartTheme): void {
	if (thresholds.length === 0) return;
	const sorted = [...thresholds].sort((a, b) => a.value - b.value);
	const { ctx, bbox } = u;
	const r = pxRatio();
	ctx.save();
	ctx.lineWidth = r;
	ctx.setLineDash([6 * r, 4 * r]);
	ctx.font = theme.font.replace(/(\d+(?:\.\d+)?)px/, (_, n: string) => `${Number(n) * r}px`);
	ctx.textAlign = 'right';
	ctx.textBaseline = 'bottom';
	sorted.forEach((th, i) => {
		const y = Math.round(u.valToPos(th.value, 'y', true));
		if (!Number.isFinite(y) || y < bbox.top || y > bbox.top + bbox.height) return;
		const color = thresholdColor(i, sorted.length, theme);
		ctx.strokeStyle = color;
		ctx.fillStyle = color;
		ctx.beginPath();
		ctx.moveTo(bbox.left, y);
		ctx.lineTo(bbox.left + bbox.width, y);
		ctx.stroke();
		if (th.label) ctx.fillText(th.label, bbox.left + bbox.width - 4 * r, y - 2 * r);
	});
	ctx.restore();
}

/** Draws change markers as dashed vertical lines with a small flag at the top (a uPlot `draw` hook). */
export function drawAnnotations(u: uPlot, annotations: readonly ChartAnnotation[], theme: ChartTheme): void {
	const { ctx, bbox } = u;
	const r = pxRatio();
	ctx.save();
	ctx.lineWidth = r;
	ctx.setLineDash([3 * r, 3 * r]);
	for (const a of annotations) {
		const x = Math.round(u.valToPos(a.t, 'x', true));
		if (!Number.isFinite(x) || x < bbox.left || x > bbox.left + bbox.width) continue;
		const color = annotationColor(a.kind, theme);
		ctx.strokeStyle = color;
		ctx.fillStyle = color;
		ctx.beginPath();
		ctx.moveTo(x, bbox.top);
		ctx.lineTo(x, bbox.top + bbox.height);
		ctx.stroke();
		ctx.beginPath();
		ctx.moveTo(x - 4 * r, bbox.top);
		ctx.lineTo(x + 4 * r, bbox.top);
		ctx.lineTo(x, bbox.top + 6 * r);
		ctx.closePath();
		ctx.fill();
	}
	ctx.restore();
}

/**
 * Builds the options of a time chart. Invariants: x is a time scale in Unix seconds shown in UTC, 24-hour; y tick
 * labels use the panel unit; the legend is off (the components draw their own, accessible one); drag-zoom is off
 * (live updates would reset it every second).
 */
export function buildChartOptions(input: ChartInput, seriesCount: number): ChartConfig {
	const theme = input.theme;
	const color = input.color ?? seriesColor;
	const thresholds = input.thresholds ?? [];
	const thresholdValues = thresholds.map((t) => t.value);
	const bars = input.kind === 'bars' ? uPlot.paths.bars!({ size: [0.8, 48], gap: 1 }) : undefined;

	// Colours are functions so a series keeps the right colour if what it shows changes (e.g. a log level).
	const makeSeries = (i: number): uPlot.Series => {
		const c = () => color(i);
		return bars
			? { stroke: c, fill: c, width: 0, paths: bars, points: { show: false } }
			: { stroke: c, width: 1.5, spanGaps: false, points: { show: false } };
	};

	const axis = (side: 'x' | 'y'): uPlot.Axis => ({
		stroke: () => theme().fgMuted,
		font: theme().font,
		grid: { stroke: () => theme().grid, width: 1 },
		ticks: { stroke: () => theme().grid, width: 1, size: 4 },
		...(side === 'y'
			? {
					values: (_u: uPlot, splits: number[]) => formatTicks(splits, input.unit),
					// Short charts (the log volume) still get a tick above zero.
					space: input.height < 150 ? 16 : 30,
					size: (_u: uPlot, values: string[]) => axisLabelWidth(values)
				}
			: {
					space: 70,
					values: (_u: uPlot, splits: number[], _axis: number, _space: number, incr: number) =>
						formatTimeTicks(splits, incr)
				})
	});

	const draw: ((u: uPlot) => void)[] = [];
	if (thresholds.length > 0) draw.push((u) => drawThresholds(u, thresholds, theme()));
	if (input.annotations) {
		const annotations = input.annotations;
		draw.push((u) => drawAnnotations(u, annotations(), theme()));
	}
	const onCursor = input.onCursor;

	const options: uPlot.Options = {
		width: 600,
		height: input.height,
		tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
		legend: { show: false },
		cursor: {
			drag: { x: false, y: false, setScale: false },
			points: { size: 6 },
			...(input.syncKey ? { sync: { key: input.syncKey, setSeries: false } } : {})
		},
		scales: {
			x: { time: true },
			y: { range: (_u, min, max) => yRange(min, max, thresholdValues) }
		},
		axes: [axis('x'), axis('y')],
		series: [{}, ...Array.from({ length: seriesCount }, (_, i) => makeSeries(i))],
		hooks: {
			draw,
			...(onCursor ? { setCursor: [(u: uPlot) => onCursor(u.cursor.idx ?? null)] } : {})
		}
	};
	return { options, makeSeries };
}
