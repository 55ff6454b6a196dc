/**
 * The evaluator's internal value model. Every expression is evaluated over a grid of steps at once (an instant
 * query is a grid of one step), so an instant vector is a list of series with one value slot per step, and a
 * range vector is a list of sample columns with one window per step.
 */
import type { Labels } from '../../sim/types';
import { QueryError } from '../types';
import type { Pos, StringLiteral } from './ast';
import { labelsKey, METRIC_NAME } from './labels';

/** Evaluation times: `start + i * step` for `i < n` (Unix ms). */
export interface Grid {
	start: number;
	step: number;
	n: number;
}

/** One series of an instant vector over the grid: value slot `i` is valid when `ok[i]` is 1. */
export interface VSeries {
	labels: Labels;
	/** Set by name-dropping operations; `__name__` is removed at the end of the query. */
	dropName: boolean;
	v: Float64Array;
	ok: Uint8Array;
	/** Cached {@link labelsKey} of `labels`. */
	key?: string;
}

/** Samples of one series for range functions: staleness markers removed, `ts` ascending (Unix ms). */
export interface RSeries {
	labels: Labels;
	dropName: boolean;
	ts: Float64Array;
	vs: Float64Array;
}

/** A range vector as seen by functions: at step `i` the window is `(ends[i] - rangeMs, ends[i]]` (Unix ms). */
export interface RangeSource {
	series: RSeries[];
	rangeMs: number;
	ends: Float64Array;
}

/** Result of evaluating a node. A `matrix` only appears for a range vector evaluated at one step. */
export type Value =
	| { kind: 'scalar'; v: Float64Array }
	| { kind: 'string'; v: string }
	| { kind: 'vector'; series: VSeries[] }
	| { kind: 'matrix'; series: { labels: Labels; dropName: boolean; ts: number[]; vs: number[] }[] };

export const DUPLICATE_LABELSET = 'vector cannot contain metrics with the same labelset';

/** A runtime error pointing at the node being evaluated. */
export function evalError(message: string, pos: Pos): QueryError {
	return new QueryError(message, pos.from, pos.to, 'evaluation');
}

/** The series' label key, computed once. */
export function keyOf(s: VSeries): string {
	return (s.key ??= labelsKey(s.labels));
}

/** An empty series over `n` steps. */
export function newSeries(labels: Labels, dropName: boolean, n: number): VSeries {
	return { labels, dropName, v: new Float64Array(n), ok: new Uint8Array(n) };
}

/** Whether any step has a value. */
export function hasAny(ok: Uint8Array): boolean {
	for (let i = 0; i < ok.length; i++) if (ok[i]) return true;
	return false;
}

/**
 * Assembles per-step output samples into series keyed by their full label set (as Prometheus's rangeEval does);
 * two samples with the same labels at the same step are an error.
 */
export class Collector {
	private readonly byKey = new Map<string, { s: VSeries; last: number }>();
	readonly list: VSeries[] = [];

	constructor(
		private readonly n: number,
		private readonly pos: Pos
	) {}

	/** Adds the value of the series `labels` (whose key is `key`) at step `i`. */
	add(labels: Labels, key: string, dropName: boolean, i: number, value: number): void {
		let e = this.byKey.get(key);
		if (!e) {
			e = { s: newSeries(labels, dropName, this.n), last: -1 };
			e.s.key = key;
			this.byKey.set(key, e);
			this.list.push(e.s);
		} else if (e.last === i) {
			throw evalError(DUPLICATE_LABELSET, this.pos);
		}
		e.s.v[i] = value;
		e.s.ok[i] = 1;
		e.last = i;
	}
}

/**
 * Merges series that have the same label set if they never have a value at the same step (as Prometheus does
 * after removing metric names); otherwise throws "vector cannot contain metrics with the same labelset".
 * Keeps the order of first appearance.
 */
export function mergeSameLabels(series: VSeries[], pos: Pos): VSeries[] {
	const byKey = new Map<string, VSeries>();
	const merged = new Set<VSeries>();
	const out: VSeries[] = [];
	for (const s of series) {
		s.key = undefined;
		const key = keyOf(s);
		let prev = byKey.get(key);
		if (!prev) {
			byKey.set(key, s);
			out.push(s);
			continue;
		}
		if (!merged.has(prev)) {
			// Copy before writing: value/mask arrays may be shared with the series this one was derived from.
			const copy: VSeries = { ...prev, v: prev.v.slice(), ok: prev.ok.slice() };
			out[out.indexOf(prev)] = copy;
			byKey.set(key, copy);
			merged.add(copy);
			prev = copy;
		}
		for (let i = 0; i < s.ok.length; i++) {
			if (!s.ok[i]) continue;
			if (prev.ok[i]) throw evalError(DUPLICATE_LABELSET, pos);
			prev.ok[i] = 1;
			prev.v[i] = s.v[i];
		}
	}
	return out;
}

/** The label set without `__name__` (the same object when it has none). */
export function withoutName(labels: Labels): Labels {
	if (!(METRIC_NAME in labels)) return labels;
	const out = { ...labels };
	delete out[METRIC_NAME];
	return out;
}

/** Orders values ascending (or descending), NaN always last. */
export function byValueNaNLast(x: number, y: number, desc: boolean): number {
	const xn = Number.isNaN(x);
	const yn = Number.isNaN(y);
	if (xn || yn) return xn === yn ? 0 : xn ? 1 : -1;
	const c = x < y ? -1 : x > y ? 1 : 0;
	return desc ? -c : c;
}

/** Prometheus 3 (UTF-8 names): any non-empty, valid UTF-8 string is a valid label name. */
export function isValidLabelName(name: string, lit?: StringLiteral): boolean {
	return name !== '' && (lit?.validUtf8 ?? true);
}
