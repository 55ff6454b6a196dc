/**
 * The debrief's SLI chart: the scenario's main SLI panel over the drill, with numbered vertical markers for what the
 * trainee (and the system) did and dashed ones for the scenario's par times. Built on the dashboards' chart options
 * (`buildChartOptions`), adding one draw hook. Pure until uPlot calls the hook.
 *
 * Units: marker and x values are Unix seconds.
 */
import type uPlot from 'uplot';
import {
	buildChartOptions,
	type ChartConfig,
	type ChartTheme,
	type Threshold
} from '../dashboard/chart-options';
import { chooseStep, type QueryWindow } from '../dashboard/panel-data';
import type { PanelUnit } from '../dashboard/units';
import type { DebriefMarker, MarkerTone } from './debrief';

/** One marker as drawn: its time (Unix s), its number in the list under the chart and its tone. */
export interface ChartMarker {
	t: number;
	n: number;
	tone: MarkerTone;
}

/** How far before the first page the chart starts (ms): enough to see the SLI before things went wrong. */
export const LEAD_IN_MS = 15 * 60_000;

/** The colour of a marker tone in a theme. */
export function markerColor(tone: MarkerTone, theme: ChartTheme): string {
	switch (tone) {
		case 'good':
			return theme.ok;
		case 'warn':
			return theme.warning;
		case 'bad':
			return theme.critical;
		case 'system':
			return theme.fg;
		case 'par':
			return theme.fgMuted;
		default:
			return theme.info;
	}
}

/**
 * Label rows for markers at pixel positions `xs` (ascending): each label takes the first row whose previous label
 * ends at least `minGapPx` before it, so close markers stack instead of overlapping. Returns the row of each.
 */
export function labelRows(xs: readonly number[], minGapPx: number): number[] {
	const lastX: number[] = [];
	return xs.map((x) => {
		let row = lastX.findIndex((prev) => x - prev >= minGapPx);
		if (row === -1) row = lastX.length;
		lastX[row] = x;
		return row;
	});
}

/**
 * The chart window of a drill: from {@link LEAD_IN_MS} before the first page (or the drill start) to the end of
 * the drill, on a step grid of at most `maxPoints` points no finer than the scrape interval. Unix ms.
 */
export function debriefWindow(
	startEpochMs: number,
	firstPageAt: number,
	endAt: number,
	scrapeMs: number,
	maxPoints = 300
): QueryWindow {
	const startSim = Math.min(firstPageAt, 0) - LEAD_IN_MS;
	const endSim = Math.max(endAt, startSim + scrapeMs);
	const stepMs = chooseStep(endSim - startSim, scrapeMs, maxPoints);
	const start = Math.floor((startEpochMs + startSim) / stepMs) * stepMs;
	const end = Math.ceil((startEpochMs + endSim) / stepMs) * stepMs;
	return { start, end, stepMs };
}

/** Numbered chart markers (1-based, in list order) for the markers inside the window. */
export function chartMarkers(markers: readonly DebriefMarker[], startEpochMs: number): ChartMarker[] {
	return markers.map((m, i) => ({ t: (startEpochMs + m.at) / 1000, n: i + 1, tone: m.tone }));
}

/**
 * Black or white, whichever reads better on `color` (a `#rgb`/`#rrggbb` colour; other forms get white), by the
 * WCAG relative luminance of the background.
 */
export function textOn(color: string): '#000' | '#fff' {
	const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
	if (!hex) return '#fff';
	const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
	const [r, g, b] = [0, 2, 4].map((i) => {
		const c = parseInt(full.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	// Contrast with black is (l + 0.05) / 0.05, with white 1.05 / (l + 0.05): equal at l ≈ 0.179.
	return l > 0.179 ? '#000' : '#fff';
}

function pxRatio(): number {
	return typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
}

/** Draws the markers as vertical lines (dashed for par times) with their numbers in stacked rows at the top. */
export function drawMarkers(u: uPlot, markers: readonly ChartMarker[], theme: ChartTheme): void {
	const { ctx, bbox } = u;
	const r = pxRatio();
	const visible = markers
		.map((m) => ({ m, x: Math.round(u.valToPos(m.t, 'x', true)) }))
		.filter(({ x }) => Number.isFinite(x) && x >= bbox.left && x <= bbox.left + bbox.width);
	const rows = labelRows(
		visible.map((v) => v.x),
		18 * r
	);
	ctx.save();
	ctx.font = theme.font.replace(/(\d+(?:\.\d+)?)px/, (_, n: string) => `${Number(n) * r}px`);
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	visible.forEach(({ m, x }, i) => {
		const color = markerColor(m.tone, theme);
		ctx.strokeStyle = color;
		ctx.lineWidth = (m.tone === 'par' ? 1 : 1.5) * r;
		ctx.setLineDash(m.tone === 'par' ? [5 * r, 4 * r] : []);
		ctx.beginPath();
		ctx.moveTo(x, bbox.top);
		ctx.lineTo(x, bbox.top + bbox.height);
		ctx.stroke();
		const y = bbox.top + (9 + rows[i] * 16) * r;
		ctx.setLineDash([]);
		ctx.fillStyle = color;
		ctx.beginPath();
		ctx.arc(x, y, 7.5 * r, 0, Math.PI * 2);
		ctx.fill();
		ctx.fillStyle = textOn(color);
		ctx.fillText(String(m.n), x, y + 0.5 * r);
	});
	ctx.restore();
}

export interface DebriefChartInput {
	unit: PanelUnit;
	height: number;
	theme: () => ChartTheme;
	thresholds?: readonly Threshold[];
	/** Read at draw time. */
	markers: () => readonly ChartMarker[];
	/** Called with the data index under the cursor, or null when it leaves. */
	onCursor?: (idx: number | null) => void;
}

/** uPlot options of the debrief chart: the dashboards' line chart plus the marker layer. */
export function buildDebriefChart(input: DebriefChartInput, seriesCount: number): ChartConfig {
	const config = buildChartOptions(
		{
			kind: 'line',
			unit: input.unit,
			height: input.height,
			theme: input.theme,
			thresholds: input.thresholds,
			onCursor: input.onCursor
		},
		seriesCount
	);
	const hooks = config.options.hooks ?? {};
	hooks.draw = [...(hooks.draw ?? []), (u: uPlot) => drawMarkers(u, input.markers(), input.theme())];
	config.options.hooks = hooks;
	// Leave room above the plot for stacked marker numbers.
	config.options.padding = [28, 12, 0, 0];
	return config;
}
