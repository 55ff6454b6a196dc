/**
 * The PromQL engine as the panels use it: a small interface over the evaluator bound to the drill's series store,
 * so panel state can be tested with fakes. Parsed queries are cached by text.
 */
import { evaluateInstant, evaluateRange, findUnsupported, parsePromQL } from '../../query/promql';
import type { QueryResult } from '../../query/types';
import type { SeriesStore } from '../../sim/tsdb';
import type { QueryWindow } from '../dashboard/panel-data';
import { memo } from './parse-cache';

/** A label of a metric and the values its series have. */
export interface LabelValues {
	name: string;
	values: string[];
}

export interface PromqlEngine {
	/**
	 * Parses `expr`; throws `QueryError` (with offsets into `expr`) when it is not valid PromQL or uses a feature the
	 * evaluator does not support.
	 */
	check(expr: string): void;
	/** Instant query at Unix ms `t`. */
	instant(expr: string, t: number): QueryResult;
	/** Range query over `window` (Unix ms). */
	range(expr: string, window: QueryWindow): QueryResult;
	/** Every metric name in the store, sorted. */
	metricNames(): string[];
	/** The labels (except `__name__`) of `metric`'s series and their values, both sorted. */
	labelsOf(metric: string): LabelValues[];
}

/** The PromQL engine over a drill's series store. */
export function promqlEngine(store: SeriesStore): PromqlEngine {
	const parse = memo(64, parsePromQL);
	return {
		check: (expr) => {
			const unsupported = findUnsupported(parse(expr));
			if (unsupported) throw unsupported;
		},
		instant: (expr, t) => evaluateInstant(store, parse(expr), t),
		range: (expr, w) => evaluateRange(store, parse(expr), w.start, w.end, w.stepMs),
		metricNames: () => store.metricNames(),
		labelsOf: (metric) => {
			const values = new Map<string, Set<string>>();
			for (const series of store.select(
				[{ name: '__name__', op: '=', value: metric }],
				-Infinity,
				Infinity
			)) {
				for (const [name, value] of Object.entries(series.labels)) {
					if (name === '__name__') continue;
					let set = values.get(name);
					if (!set) values.set(name, (set = new Set()));
					set.add(value);
				}
			}
			return [...values.keys()].sort().map((name) => ({ name, values: [...values.get(name)!].sort() }));
		}
	};
}
