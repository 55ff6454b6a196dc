/**
 * Turns PromQL results into what a chart draws: uPlot's columnar `[xs, ...ys]` with Unix seconds on x, one column
 * per series, `null` where a series has no sample (uPlot draws a gap). Also the time window of a panel, legend
 * names and the last value of a series. Pure; no DOM, no engine import (the evaluator is passed in).
 */
import type { AlignedData } from 'uplot';
import type { MatrixSeries, QueryResult } from '../../query/types';
import type { Labels } from '../../sim/types';

/** The time window of a range query, in Unix ms. Invariant: `start ≤ end`, `stepMs > 0`. */
export interface QueryWindow {
	start: number;
	end: number;
	stepMs: number;
}

/** The range picker's choices (`ms` is the width of the window ending at now). */
export const RANGE_OPTIONS = [
	{ id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
	{ id: '30m', label: 'Last 30 minutes', ms: 30 * 60_000 },
	{ id: '1h', label: 'Last 1 hour', ms: 3600_000 },
	{ id: '3h', label: 'Last 3 hours', ms: 3 * 3600_000 },
	{ id: '6h', label: 'Last 6 hours', ms: 6 * 3600_000 }
] as const;

export type RangeId = (typeof RANGE_OPTIONS)[number]['id'];

/** Milliseconds of a range id (unknown ids mean the default, 1 hour). */
export function rangeMs(id: RangeId): number {
	return (RANGE_OPTIONS.find((r) => r.id === id) ?? RANGE_OPTIONS[2]).ms;
}

/** Range-query steps the panels snap to, in ms (Grafana-like "nice" intervals). */
const NICE_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);

/**
 * The step of a range query over `rangeMs`: the smallest nice interval that keeps the query at or under
 * `maxPoints` points, and never finer than `minStepMs` (the scrape interval: finer steps only repeat samples).
 */
export function chooseStep(rangeMs: number, minStepMs: number, maxPoints = 250): number {
	const wanted = Math.max(minStepMs, rangeMs / maxPoints);
	return NICE_STEPS_MS.find((s) => s >= wanted) ?? Math.ceil(wanted / 3600_000) * 3600_000;
}

/**
 * The window of a panel showing the last `rangeMs` before `nowEpochMs`. `end` is rounded down to a multiple of the
 * step, so the window only moves when sim time has advanced by a whole step and points keep their timestamps
 * between updates (no jitter). `start = end - rangeMs`.
 */
export function queryWindow(
	nowEpochMs: number,
	rangeMs: number,
	minStepMs: number,
	maxPoints = 250
): QueryWindow {
	const stepMs = chooseStep(rangeMs, minStepMs, maxPoints);
	const end = alignEnd(nowEpochMs, stepMs);
	return { start: end - rangeMs, end, stepMs };
}

/** `nowEpochMs` rounded down to a multiple of `stepMs` (the end of a window that moves a whole step at a time). */
export function alignEnd(nowEpochMs: number, stepMs: number): number {
	return Math.floor(nowEpochMs / stepMs) * stepMs;
}

function quote(value: string): string {
	return JSON.stringify(value);
}

/** Prometheus' display form of a label set: `http_requests_total{code="500", service="api"}`. */
export function formatLabels(labels: Labels): string {
	const name = labels.__name__ ?? '';
	const rest = Object.keys(labels)
		.filter((k) => k !== '__name__')
		.sort()
		.map((k) => `${k}=${quote(labels[k])}`);
	return rest.length === 0 ? name || '{}' : `${name}{${rest.join(', ')}}`;
}

/**
 * The legend name of a series. A Grafana legend template replaces `{{label}}` (spaces allowed inside the braces)
 * with the label's value, or nothing when the series lacks it. Without a template, or when it renders empty,
 * the name is the Prometheus form of the labels; a series with no labels at all (e.g. `sum(rate(x[5m]))`) is named
 * by its query expression.
 */
export function seriesName(labels: Labels, legend?: string, expr?: string): string {
	if (legend) {
		const rendered = legend
			.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (_, name: string) => labels[name] ?? '')
			.trim();
		if (rendered) return rendered;
	}
	if (Object.keys(labels).length === 0 && expr) return expr;
	return formatLabels(labels);
}

/** One drawn series: its legend name, its labels and which panel query (0-based) produced it. */
export interface ChartSeries {
	name: string;
	labels: Labels;
	query: number;
}

/** Columns for uPlot plus what each column is. `data[i + 1]` belongs to `series[i]`. */
export interface ChartData {
	/** `[xs (Unix s, ascending), ...ys]`. ys hold `null` where the series has no sample. */
	data: AlignedData;
	series: ChartSeries[];
	/** Series left out because the result had more than the chart's limit. */
	omitted: number;
}

/** One query's contribution to a chart. */
export interface QueryOutput {
	result: QueryResult;
	expr: string;
	legend?: string;
}

function asMatrix(result: QueryResult): MatrixSeries[] {
	switch (result.resultType) {
		case 'matrix':
			return result.result;
		case 'vector':
			return result.result.map((s) => ({ labels: s.labels, ts: [s.t], vs: [s.value] }));
		case 'scalar':
			return [{ labels: {}, ts: [result.t], vs: [result.value] }];
		case 'string':
			return [];
	}
}

/**
 * Aligns the series of one or more query results on a common time axis. The axis is the window's step grid
 * (so a chart spans its whole window even where there is no data) merged with any off-grid sample times.
 * Series are ordered by legend name within each query, so colours stay put while data updates; at most
 * `maxSeries` series are kept (the rest are counted in `omitted`). Sample values may be NaN/±Inf; uPlot skips them.
 */
export function toChartData(
	outputs: readonly QueryOutput[],
	window: QueryWindow | null,
	maxSeries = 50
): ChartData {
	const times = new Set<number>();
	if (window) {
		for (let t = window.start; t <= window.end; t += window.stepMs) times.add(t);
	}
	const all: { series: ChartSeries; m: MatrixSeries }[] = [];
	outputs.forEach((out, query) => {
		const named = asMatrix(out.result).map((m) => ({
			series: { name: seriesName(m.labels, out.legend, out.expr), labels: m.labels, query },
			m
		}));
		named.sort((a, b) => (a.series.name < b.series.name ? -1 : a.series.name > b.series.name ? 1 : 0));
		all.push(...named);
	});
	const kept = all.slice(0, maxSeries);
	for (const { m } of kept) for (const t of m.ts) times.add(t);

	const sorted = [...times].sort((a, b) => a - b);
	const index = new Map<number, number>();
	sorted.forEach((t, i) => index.set(t, i));
	const xs = new Float64Array(sorted.length);
	sorted.forEach((t, i) => (xs[i] = t / 1000));
	const ys = kept.map(({ m }) => {
		const col: (number | null)[] = new Array(sorted.length).fill(null);
		for (let i = 0; i < m.ts.length; i++) col[index.get(m.ts[i])!] = m.vs[i];
		return col;
	});
	return { data: [xs, ...ys], series: kept.map((k) => k.series), omitted: all.length - kept.length };
}

/** The last non-null, finite-or-not value of a column, or `null` when it has none. */
export function lastValue(column: ArrayLike<number | null | undefined>): number | null {
	for (let i = column.length - 1; i >= 0; i--) {
		const v = column[i];
		if (v !== null && v !== undefined) return v;
	}
	return null;
}

/** The value of a column at index `i`, or its last value when `i` is null (the cursor is not on the chart). */
export function valueAt(column: ArrayLike<number | null | undefined>, i: number | null): number | null {
	if (i === null) return lastValue(column);
	return column[i] ?? null;
}

/**
 * Cumulative columns for a stacked bar chart: result `k` is the sum of inputs `0..k` (nulls count as 0), so the
 * bars drawn from the highest index down show input 0 at the bottom of the stack.
 */
export function stackColumns(columns: readonly ArrayLike<number | null | undefined>[]): number[][] {
	const out: number[][] = [];
	let running: number[] | null = null;
	for (const col of columns) {
		const next = Array.from({ length: col.length }, (_, i) => (running ? running[i] : 0) + (col[i] ?? 0));
		out.push(next);
		running = next;
	}
	return out;
}

/** A function that runs one PromQL range query (throws `QueryError` on bad input). */
export type RangeEvaluator = (expr: string, window: QueryWindow) => QueryResult;

/** What a dashboard panel shows: the chart data and, when a query failed, why. */
export interface PanelData extends ChartData {
	/** Messages of failed queries, e.g. `Query B: unknown function "rat"`. Empty when all queries ran. */
	errors: string[];
}

/** Query letters as Grafana names them (A, B, C, …). */
export function queryLetter(i: number): string {
	return String.fromCharCode(65 + (i % 26));
}

/**
 * Evaluates the queries of a dashboard panel over `window` and aligns their results. A failing query does not
 * hide the others: its error is reported in `errors` and its series are absent.
 */
export function evaluatePanel(
	queries: readonly { expr: string; legend?: string }[],
	window: QueryWindow,
	evaluate: RangeEvaluator,
	maxSeries = 50
): PanelData {
	const outputs: QueryOutput[] = [];
	const errors: string[] = [];
	queries.forEach((q, i) => {
		try {
			outputs.push({ result: evaluate(q.expr, window), expr: q.expr, legend: q.legend });
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			errors.push(queries.length > 1 ? `Query ${queryLetter(i)}: ${message}` : message);
			outputs.push({ result: { resultType: 'matrix', result: [] }, expr: q.expr, legend: q.legend });
		}
	});
	return { ...toChartData(outputs, window, maxSeries), errors };
}
