/**
 * PromQL aggregation operators with Prometheus semantics, evaluated per step: sum (Kahan-compensated), avg (direct
 * mean, switching to an incremental mean before overflow), min/max (NaN only when all are NaN), count, group,
 * stddev/stdvar, quantile, topk/bottomk/limitk/limit_ratio and count_values, with `by`/`without` grouping. Only a
 * `by (__name__)` grouping keeps the metric name, which is then dropped at the end if any input had it marked.
 */
import type { Labels } from '../../sim/types';
import type { AggregateExpr, StringLiteral } from './ast';
import { labelsKey, METRIC_NAME, setLabel } from './labels';
import { formatGoFloat, formatGoG } from './literals';
import { keepsRatioSample, ratioOffset } from './label-hash';
import { KahanSum, quantile } from './math';
import {
	byValueNaNLast,
	Collector,
	evalError,
	hasAny,
	isValidLabelName,
	newSeries,
	type Grid,
	type VSeries
} from './series';

const acc = new KahanSum();

/**
 * Evaluates an aggregation over its evaluated input vector. `param` is the evaluated parameter: the k of
 * topk/bottomk/limitk, the ratio of limit_ratio or the φ of quantile (per step), or the label literal of count_values.
 */
export function aggregate(
	e: AggregateExpr,
	input: VSeries[],
	param: Float64Array | StringLiteral | undefined,
	g: Grid
): VSeries[] {
	const n = g.n;
	if (e.op === 'count_values') {
		if (!param || param instanceof Float64Array) throw evalError('count_values needs a label name', e.pos);
		return countValues(e, input, param, g);
	}
	const values = param instanceof Float64Array ? param : undefined;
	const groupLabels = (labels: Labels): Labels => {
		if (e.without) {
			const out: Labels = {};
			for (const [k, v] of Object.entries(labels))
				if (k !== METRIC_NAME && !e.grouping.includes(k)) out[k] = v;
			return out;
		}
		const out: Labels = {};
		for (const k of e.grouping) if (labels[k] !== undefined && labels[k] !== '') out[k] = labels[k];
		return out;
	};
	const groups = new Map<string, { labels: Labels; members: VSeries[] }>();
	for (const s of input) {
		const labels = groupLabels(s.labels);
		const key = labelsKey(labels);
		let grp = groups.get(key);
		if (!grp) groups.set(key, (grp = { labels, members: [] }));
		grp.members.push(s);
	}
	if (e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk' || e.op === 'limit_ratio') {
		if (!values) throw evalError(`${e.op} needs a number`, e.pos);
		return selectK(e, groups, values, g);
	}
	const keepsName = !e.without && e.grouping.includes(METRIC_NAME);
	const out: VSeries[] = [];
	for (const grp of groups.values()) {
		const res = newSeries(grp.labels, false, n);
		let dropDecided = !keepsName;
		for (let i = 0; i < n; i++) {
			const value = aggregateStep(e.op, grp.members, i, values?.[i]);
			if (value === null) continue;
			res.v[i] = value;
			res.ok[i] = 1;
			if (!dropDecided) {
				res.dropName = grp.members.some((m) => m.ok[i] && m.dropName);
				dropDecided = true;
			}
		}
		if (hasAny(res.ok)) out.push(res);
	}
	return out;
}

/** One aggregation over the members present at step `i`, or null when none is. */
function aggregateStep(op: AggregateExpr['op'], members: VSeries[], i: number, q?: number): number | null {
	let count = 0;
	switch (op) {
		case 'sum': {
			acc.reset();
			for (const m of members) {
				if (!m.ok[i]) continue;
				count++;
				acc.add(m.v[i]);
			}
			return count === 0 ? null : acc.value();
		}
		case 'avg': {
			// Kahan-compensated direct mean; if the running sum would overflow, continue as an incremental mean.
			let incremental = false;
			for (const m of members) {
				if (!m.ok[i]) continue;
				const f = m.v[i];
				count++;
				if (count === 1) {
					acc.reset(f);
					continue;
				}
				if (!incremental) {
					const { sum, c } = acc;
					acc.add(f);
					if (acc.sum !== Infinity && acc.sum !== -Infinity) continue;
					incremental = true;
					acc.reset(sum / (count - 1), c / (count - 1));
				}
				const k = (count - 1) / count;
				acc.reset(k * acc.sum, k * acc.c);
				acc.add(f / count);
			}
			if (count === 0) return null;
			return incremental ? acc.sum + acc.c : acc.sum / count + acc.c / count;
		}
		case 'min':
		case 'max': {
			let best = NaN;
			for (const m of members) {
				if (!m.ok[i]) continue;
				const f = m.v[i];
				if (count === 0 || Number.isNaN(best) || (op === 'min' ? f < best : f > best)) best = f;
				count++;
			}
			return count === 0 ? null : best;
		}
		case 'count':
		case 'group': {
			for (const m of members) if (m.ok[i]) count++;
			return count === 0 ? null : op === 'count' ? count : 1;
		}
		case 'stddev':
		case 'stdvar': {
			let mean = 0;
			let value = 0;
			for (const m of members) {
				if (!m.ok[i]) continue;
				const f = m.v[i];
				count++;
				if (count === 1) {
					mean = f;
					value = Number.isFinite(f) ? 0 : NaN;
					continue;
				}
				const delta = f - mean;
				mean += delta / count;
				value += delta * (f - mean);
			}
			if (count === 0) return null;
			return op === 'stdvar' ? value / count : Math.sqrt(value / count);
		}
		case 'quantile': {
			const vals: number[] = [];
			for (const m of members) if (m.ok[i]) vals.push(m.v[i]);
			return vals.length === 0 ? null : quantile(q!, vals);
		}
		default:
			throw new Error(`aggregation ${op} is handled elsewhere`);
	}
}

/** Largest float that converts to an int64 without overflow, and the smallest (as Prometheus's engine). */
const MAX_INT64 = 9223372036854774784;
const MIN_INT64 = -9223372036854775808;

/**
 * Checks the parameter of topk/bottomk/limitk/limit_ratio over all steps as Prometheus does before evaluating;
 * returns false when no step can select anything (every k < 1, or every ratio 0).
 */
function checkSelectionParam(e: AggregateExpr, params: Float64Array): boolean {
	let min = Infinity;
	let max = -Infinity;
	let nan = false;
	for (const p of params) {
		if (Number.isNaN(p)) nan = true;
		else {
			min = Math.min(min, p);
			max = Math.max(max, p);
		}
	}
	if (e.op === 'limit_ratio') {
		if (!nan && max === 0 && min === 0) return false;
		if (nan) throw evalError('Ratio value is NaN', e.pos);
		return params.length > 0;
	}
	if (!nan && max < 1) return false;
	if (nan) throw evalError('Parameter value is NaN', e.pos);
	if (min <= MIN_INT64) throw evalError(`Scalar value ${formatGoG(min)} underflows int64`, e.pos);
	if (max >= MAX_INT64) throw evalError(`Scalar value ${formatGoG(max)} overflows int64`, e.pos);
	return params.length > 0;
}

/**
 * topk / bottomk / limitk keep up to k input samples per group and step (k truncated to an integer; highest
 * values first for topk, lowest for bottomk, input order for limitk). limit_ratio(r) keeps the series whose label
 * hash offset is below r (r > 0) or at least 1 + r (r < 0), r clamped to [-1, 1]: the same series on every step.
 */
function selectK(
	e: AggregateExpr,
	groups: Map<string, { members: VSeries[] }>,
	params: Float64Array,
	g: Grid
): VSeries[] {
	const n = g.n;
	if (!checkSelectionParam(e, params)) return [];
	const selected = new Map<VSeries, VSeries>();
	const order: VSeries[] = [];
	const firstStepOrder: VSeries[] = [];
	const offsets = new Map<VSeries, number>();
	const offsetOf = (m: VSeries): number => {
		let o = offsets.get(m);
		if (o === undefined) offsets.set(m, (o = ratioOffset(m.labels)));
		return o;
	};
	for (let i = 0; i < n; i++) {
		const p = params[i];
		const k = Math.trunc(p);
		if (e.op === 'limit_ratio' ? p === 0 : k < 1) continue;
		const r = Math.max(-1, Math.min(1, p));
		for (const grp of groups.values()) {
			const present = grp.members.filter((m) => m.ok[i]);
			let chosen: VSeries[];
			if (e.op === 'limitk') chosen = present.slice(0, k);
			else if (e.op === 'limit_ratio') chosen = present.filter((m) => keepsRatioSample(r, offsetOf(m)));
			else {
				const desc = e.op === 'topk';
				chosen = present
					.map((m, idx) => ({ m, idx }))
					.sort((a, b) => byValueNaNLast(a.m.v[i], b.m.v[i], desc) || a.idx - b.idx)
					.slice(0, k)
					.map((c) => c.m);
			}
			if (i === 0) firstStepOrder.push(...chosen);
			for (const m of chosen) {
				let res = selected.get(m);
				if (!res) {
					res = newSeries(m.labels, m.dropName, n);
					selected.set(m, res);
					order.push(res);
				}
				res.v[i] = m.v[i];
				res.ok[i] = 1;
			}
		}
	}
	if (n === 1) {
		// Instant queries list each group's selection in order (highest first for topk), group by group.
		return firstStepOrder.map((m) => selected.get(m)!);
	}
	return order;
}

/** count_values: counts samples per distinct value, the value becoming the label `lit`. */
function countValues(e: AggregateExpr, input: VSeries[], lit: StringLiteral, g: Grid): VSeries[] {
	const label = lit.value;
	if (!isValidLabelName(label, lit)) throw evalError(`invalid label name ${lit.quoted}`, e.pos);
	const grouping = e.without ? e.grouping : [...e.grouping, label];
	const out = new Collector(g.n, e.pos);
	for (let i = 0; i < g.n; i++) {
		const counts = new Map<string, { labels: Labels; count: number }>();
		for (const s of input) {
			if (!s.ok[i]) continue;
			const withValue = setLabel(s.labels, label, formatGoFloat(s.v[i]));
			let labels: Labels;
			if (e.without) {
				labels = {};
				for (const [k, v] of Object.entries(withValue))
					if (k !== METRIC_NAME && !grouping.includes(k)) labels[k] = v;
			} else {
				labels = {};
				for (const k of grouping) if (withValue[k]) labels[k] = withValue[k];
			}
			const key = labelsKey(labels);
			const c = counts.get(key);
			if (c) c.count++;
			else counts.set(key, { labels, count: 1 });
		}
		for (const [key, c] of counts) out.add(c.labels, key, false, i, c.count);
	}
	return out.list;
}
