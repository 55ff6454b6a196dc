/**
 * LogQL metric query evaluation over a range of steps, with Loki semantics:
 * - a range aggregation `[r]` evaluated at step t covers log lines with time in `(t - offset - r, t - offset]`;
 * - a series has no point at a step where its window is empty (no zero-filling, like Loki);
 * - `rate` = lines per second (or, with unwrap, sum of values per second) over the range;
 * - aggregations, binary operators, vector matching (`on`/`ignoring`/`group_left`/`group_right`) and set
 *   operators follow Prometheus rules; a sample still carrying `__error__` fails the query, as in Loki.
 * Internally values are evaluated step-major per series: `v[k]`/`p[k]` hold the value/presence at step k.
 */
import type { LogStore } from '../../sim/log-store';
import type { Labels } from '../../sim/types';
import { QueryError, type MatrixSeries, type QueryResult, type VectorSample } from '../types';
import type {
	BinaryExpr,
	CompareOp,
	Grouping,
	LabelReplaceExpr,
	LogQLExpr,
	MetricExpr,
	RangeAggregationExpr,
	VectorAggregationExpr,
	VectorMatching
} from './ast';
import { selectorMask, toAst } from './evaluate-logs';
import { compileRegex } from './go-syntax';
import { labelsKey } from './labels-builder';
import { compilePipeline, compileUnwrap, pipelineErrorFor } from './pipeline';

/** Most steps a range query may have (as Prometheus/Loki: 11,000 points per series). */
export const MAX_STEPS = 11_000;

interface Series {
	labels: Labels;
	/** Value per step. */
	v: Float64Array;
	/** Presence per step (1 = has a point). */
	p: Uint8Array;
}

type Value = { kind: 'scalar'; v: Float64Array } | { kind: 'vector'; series: Series[] };

/**
 * Evaluates a LogQL metric query at every step `t = start + k·stepMs` (k = 0… while `t <= end`; Unix ms) and
 * returns a matrix (series sorted by labels; points only where the series has a value). A pure-number expression
 * yields one label-less series. Throws QueryError: syntax errors, log queries (which return lines, not numbers),
 * more than {@link MAX_STEPS} steps, and pipeline errors left in the data (`__error__`).
 */
export function evaluateLogMetricRange(
	store: LogStore,
	expr: string | LogQLExpr,
	start: number,
	end: number,
	stepMs: number
): QueryResult {
	const ast = requireMetric(toAst(expr));
	const ts = steps(ast, start, end, stepMs);
	const value = new Evaluator(store, ts).eval(ast);
	const series =
		value.kind === 'scalar'
			? [{ labels: {}, v: value.v, p: new Uint8Array(ts.length).fill(1) }]
			: value.series;
	const result: MatrixSeries[] = [];
	for (const s of series) {
		const out: MatrixSeries = { labels: { ...s.labels }, ts: [], vs: [] };
		for (let k = 0; k < ts.length; k++) {
			if (s.p[k] === 1) {
				out.ts.push(ts[k]);
				out.vs.push(s.v[k]);
			}
		}
		if (out.ts.length > 0) result.push(out);
	}
	sortByLabels(result);
	return { resultType: 'matrix', result };
}

/**
 * Evaluates a LogQL metric query at one instant `t` (Unix ms): a vector (sorted by labels, or by value for
 * `sort`/`sort_desc`), or a scalar for a pure-number expression. Same errors as {@link evaluateLogMetricRange}.
 */
export function evaluateLogMetricInstant(store: LogStore, expr: string | LogQLExpr, t: number): QueryResult {
	const ast = requireMetric(toAst(expr));
	const value = new Evaluator(store, [t]).eval(ast);
	if (value.kind === 'scalar') return { resultType: 'scalar', t, value: value.v[0] };
	const result: VectorSample[] = value.series
		.filter((s) => s.p[0] === 1)
		.map((s) => ({ labels: { ...s.labels }, t, value: s.v[0] }));
	const sort = outerSort(ast);
	if (sort) result.sort((a, b) => (sort === 'sort' ? a.value - b.value : b.value - a.value));
	else sortByLabels(result);
	return { resultType: 'vector', result };
}

function outerSort(e: MetricExpr): 'sort' | 'sort_desc' | null {
	return e.type === 'vectorAggregation' && (e.op === 'sort' || e.op === 'sort_desc') ? e.op : null;
}

function sortByLabels<T extends { labels: Labels }>(items: T[]): void {
	const keys = new Map(items.map((i) => [i, labelsKey(i.labels)]));
	items.sort((a, b) => ((keys.get(a) as string) < (keys.get(b) as string) ? -1 : 1));
}

function requireMetric(ast: LogQLExpr): MetricExpr {
	if (ast.type === 'log') {
		throw new QueryError(
			'this is a log query: it returns lines, not numbers. For a graph, count them, e.g. sum(count_over_time({…}[1m]))',
			ast.from,
			ast.to,
			'evaluation'
		);
	}
	return ast;
}

function steps(ast: MetricExpr, start: number, end: number, stepMs: number): number[] {
	if (!(stepMs > 0)) throw new RangeError(`stepMs must be positive, got ${stepMs}`);
	if (!(start <= end)) throw new RangeError(`start (${start}) must not be after end (${end})`);
	const n = Math.floor((end - start) / stepMs) + 1;
	if (n > MAX_STEPS) {
		throw new QueryError(
			`exceeded maximum resolution of ${MAX_STEPS} points per series (${n} steps); use a larger step`,
			ast.from,
			ast.to,
			'evaluation'
		);
	}
	const ts: number[] = [];
	for (let k = 0; k < n; k++) ts.push(start + k * stepMs);
	return ts;
}

/** UTF-8 byte length of a string (what Loki counts for bytes_over_time). */
function utf8Length(s: string): number {
	let n = s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) continue;
		if (c < 0x800) n += 1;
		else if (c >= 0xd800 && c <= 0xdbff) {
			n += 2;
			i++;
		} else n += 2;
	}
	return n;
}

/** Labels of a series after `by (…)` / `without (…)`. */
function groupLabels(labels: Labels, g: Grouping | null): Labels {
	const out: Labels = {};
	if (!g) return out;
	if (g.without) {
		for (const [k, v] of Object.entries(labels)) if (!g.labels.includes(k)) out[k] = v;
	} else {
		for (const k of g.labels) if (Object.hasOwn(labels, k)) out[k] = labels[k];
	}
	return out;
}

function quantile(q: number, values: number[]): number {
	if (values.length === 0) return NaN;
	if (q < 0) return -Infinity;
	if (q > 1) return Infinity;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = q * (sorted.length - 1);
	const lower = Math.max(0, Math.floor(rank));
	const upper = Math.min(sorted.length - 1, lower + 1);
	const w = rank - Math.floor(rank);
	return sorted[lower] * (1 - w) + sorted[upper] * w;
}

function arith(op: string, a: number, b: number): number {
	switch (op) {
		case '+':
			return a + b;
		case '-':
			return a - b;
		case '*':
			return a * b;
		case '/':
			return a / b;
		case '%':
			return a % b;
		case '^':
			return Math.pow(a, b);
	}
	return NaN;
}

function cmp(op: CompareOp, a: number, b: number): boolean {
	switch (op) {
		case '==':
			return a === b;
		case '!=':
			return a !== b;
		case '>':
			return a > b;
		case '>=':
			return a >= b;
		case '<':
			return a < b;
		case '<=':
			return a <= b;
	}
}

const COMPARE_OPS = new Set(['==', '!=', '>', '>=', '<', '<=']);

/** Collects series by label set, failing when two samples with the same labels land on the same step. */
class SeriesCollector {
	private readonly byKey = new Map<string, Series>();
	constructor(
		private readonly n: number,
		private readonly at: { from: number; to: number }
	) {}

	get(labels: Labels, key = labelsKey(labels)): Series {
		let s = this.byKey.get(key);
		if (!s) this.byKey.set(key, (s = { labels, v: new Float64Array(this.n), p: new Uint8Array(this.n) }));
		return s;
	}

	put(s: Series, k: number, value: number): void {
		if (s.p[k] === 1) {
			throw new QueryError(
				`the result would contain two samples with the same labels ${labelsKey(s.labels)}; make them distinct (e.g. aggregate with sum by (…))`,
				this.at.from,
				this.at.to,
				'evaluation'
			);
		}
		s.p[k] = 1;
		s.v[k] = value;
	}

	series(): Series[] {
		return [...this.byKey.values()];
	}
}

class Evaluator {
	private readonly n: number;
	constructor(
		private readonly store: LogStore,
		private readonly ts: number[]
	) {
		this.n = ts.length;
	}

	eval(e: MetricExpr): Value {
		switch (e.type) {
			case 'literal':
				return { kind: 'scalar', v: new Float64Array(this.n).fill(e.value) };
			case 'vector':
				return {
					kind: 'vector',
					series: [
						{ labels: {}, v: new Float64Array(this.n).fill(e.value), p: new Uint8Array(this.n).fill(1) }
					]
				};
			case 'rangeAggregation':
				return { kind: 'vector', series: this.rangeAggregation(e) };
			case 'vectorAggregation':
				return { kind: 'vector', series: this.vectorAggregation(e) };
			case 'binary':
				return this.binary(e);
			case 'labelReplace':
				return { kind: 'vector', series: this.labelReplace(e) };
		}
	}

	private vector(e: MetricExpr): Series[] {
		const v = this.eval(e);
		if (v.kind !== 'vector')
			throw new QueryError('expected a vector, got a number', e.from, e.to, 'evaluation');
		return v.series;
	}

	private rangeAggregation(e: RangeAggregationExpr): Series[] {
		const { store, ts, n } = this;
		const r = e.range;
		const mask = selectorMask(store, r.selector);
		const pipeline = compilePipeline(r.pipeline);
		const unwrap = r.unwrap ? compileUnwrap(r.unwrap) : null;
		const off = r.offsetMs;
		const range = r.rangeMs;
		const perStream = !pipeline.modifiesLabels && !unwrap && !e.grouping;
		const byLabels = e.grouping && !e.grouping.without ? e.grouping.labels : null;
		const byStream: ({ labels: Labels; t: number[]; v: number[] } | undefined)[] = [];
		const byKey = new Map<string, { labels: Labels; t: number[]; v: number[] }>();
		const bytes = e.op === 'bytes_over_time' || e.op === 'bytes_rate';
		const streams = store.streams();
		const lo = store.upperBound(ts[0] - off - range);
		const hi = store.upperBound(ts[n - 1] - off);
		for (let i = lo; i < hi; i++) {
			const sid = store.streamIdAt(i);
			if (mask[sid] !== 1) continue;
			const rec = store.at(i);
			const line = pipeline.process(rec.line, rec.t, streams[sid].labels);
			if (line === null) continue;
			let value = 1;
			if (unwrap) {
				const u = unwrap.extract(pipeline.labels);
				if (u === null) continue;
				value = u;
			} else if (bytes) value = utf8Length(line);
			let buf: { labels: Labels; t: number[]; v: number[] } | undefined;
			if (perStream) {
				buf = byStream[sid];
				if (!buf) byStream[sid] = buf = { labels: streams[sid].labels as Labels, t: [], v: [] };
			} else {
				const lb = pipeline.labels;
				if (lb.hasError()) throw pipelineErrorFor(lb.labels(), e);
				if (byLabels) {
					// by (…): key straight from the few grouping labels, without materialising the label set.
					let key = '';
					for (const name of byLabels) key += (lb.get(name) ?? '') + '\u0000';
					buf = byKey.get(key);
					if (!buf) {
						const labels: Labels = {};
						for (const name of byLabels) {
							const v = lb.get(name);
							if (v) labels[name] = v;
						}
						byKey.set(key, (buf = { labels, t: [], v: [] }));
					}
				} else {
					let labels = lb.labels() as Labels;
					if (e.grouping) labels = groupLabels(labels, e.grouping);
					const key = labelsKey(labels);
					buf = byKey.get(key);
					if (!buf) byKey.set(key, (buf = { labels: { ...labels }, t: [], v: [] }));
				}
			}
			buf.t.push(rec.t);
			buf.v.push(value);
		}
		const bufs = perStream ? byStream.filter((b) => b !== undefined) : [...byKey.values()];
		const rangeSec = range / 1000;

		if (e.op === 'absent_over_time') {
			const total = new Int32Array(n);
			for (const b of bufs) this.windows(b.t, off, range, (k, lo2, hi2) => (total[k] += hi2 - lo2));
			const labels: Labels = {};
			const seen = new Set<string>();
			for (const m of r.selector.matchers) {
				if (m.op !== '=') continue;
				if (seen.has(m.name)) delete labels[m.name];
				else labels[m.name] = m.value;
				seen.add(m.name);
			}
			const out: Series = { labels, v: new Float64Array(n), p: new Uint8Array(n) };
			for (let k = 0; k < n; k++) {
				if (total[k] === 0) {
					out.p[k] = 1;
					out.v[k] = 1;
				}
			}
			return [out];
		}

		const result: Series[] = [];
		for (const b of bufs) {
			const out: Series = { labels: b.labels, v: new Float64Array(n), p: new Uint8Array(n) };
			const vals = b.v;
			const prefix = new Float64Array(vals.length + 1);
			for (let i = 0; i < vals.length; i++) prefix[i + 1] = prefix[i] + vals[i];
			this.windows(b.t, off, range, (k, a, z) => {
				const cnt = z - a;
				if (cnt === 0) return;
				const sum = prefix[z] - prefix[a];
				let v = NaN;
				switch (e.op) {
					case 'count_over_time':
						v = cnt;
						break;
					case 'rate':
						v = (unwrap ? sum : cnt) / rangeSec;
						break;
					case 'bytes_over_time':
					case 'sum_over_time':
						v = sum;
						break;
					case 'bytes_rate':
						v = sum / rangeSec;
						break;
					case 'avg_over_time':
						v = sum / cnt;
						break;
					case 'min_over_time':
					case 'max_over_time': {
						const isMax = e.op === 'max_over_time';
						v = vals[a];
						for (let i = a + 1; i < z; i++) {
							const x = vals[i];
							if (Number.isNaN(v) || (isMax ? x > v : x < v)) v = x;
						}
						break;
					}
					case 'first_over_time':
						v = vals[a];
						break;
					case 'last_over_time':
						v = vals[z - 1];
						break;
					case 'stddev_over_time':
					case 'stdvar_over_time': {
						const mean = sum / cnt;
						let sq = 0;
						for (let i = a; i < z; i++) sq += (vals[i] - mean) ** 2;
						v = e.op === 'stdvar_over_time' ? sq / cnt : Math.sqrt(sq / cnt);
						break;
					}
					case 'quantile_over_time':
						v = quantile(e.param as number, vals.slice(a, z));
						break;
				}
				out.p[k] = 1;
				out.v[k] = v;
			});
			result.push(out);
		}
		return result;
	}

	/** Calls `fn(k, lo, hi)` with the sample index range [lo, hi) of the window `(t_k - off - range, t_k - off]`. */
	private windows(
		t: number[],
		off: number,
		range: number,
		fn: (k: number, lo: number, hi: number) => void
	): void {
		let lo = 0;
		let hi = 0;
		for (let k = 0; k < this.n; k++) {
			const end = this.ts[k] - off;
			const start = end - range;
			while (hi < t.length && t[hi] <= end) hi++;
			while (lo < t.length && t[lo] <= start) lo++;
			fn(k, lo, hi);
		}
	}

	private vectorAggregation(e: VectorAggregationExpr): Series[] {
		const input = this.vector(e.expr);
		const n = this.n;
		if (e.op === 'sort' || e.op === 'sort_desc') return input;
		const groups = new Map<string, { labels: Labels; members: Series[] }>();
		for (const s of input) {
			const labels = groupLabels(s.labels, e.grouping);
			const key = labelsKey(labels);
			let g = groups.get(key);
			if (!g) groups.set(key, (g = { labels, members: [] }));
			g.members.push(s);
		}
		if (e.op === 'topk' || e.op === 'bottomk') {
			const k = e.param as number;
			const out = new Map<Series, Series>();
			for (const g of groups.values()) {
				for (const m of g.members) out.set(m, { labels: m.labels, v: m.v, p: new Uint8Array(n) });
				for (let step = 0; step < n; step++) {
					const present = g.members.filter((m) => m.p[step] === 1);
					present.sort((a, b) => {
						const x = a.v[step];
						const y = b.v[step];
						if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
						if (Number.isNaN(y)) return -1;
						return e.op === 'topk' ? y - x : x - y;
					});
					for (const m of present.slice(0, k)) (out.get(m) as Series).p[step] = 1;
				}
			}
			return [...out.values()];
		}
		const result: Series[] = [];
		for (const g of groups.values()) {
			const out: Series = { labels: g.labels, v: new Float64Array(n), p: new Uint8Array(n) };
			for (let k = 0; k < n; k++) {
				let cnt = 0;
				let sum = 0;
				let min = NaN;
				let max = NaN;
				for (const m of g.members) {
					if (m.p[k] !== 1) continue;
					const x = m.v[k];
					cnt++;
					sum += x;
					if (Number.isNaN(min) || x < min) min = x;
					if (Number.isNaN(max) || x > max) max = x;
				}
				if (cnt === 0) continue;
				let v: number;
				switch (e.op) {
					case 'sum':
						v = sum;
						break;
					case 'avg':
						v = sum / cnt;
						break;
					case 'count':
						v = cnt;
						break;
					case 'min':
						v = min;
						break;
					case 'max':
						v = max;
						break;
					default: {
						const mean = sum / cnt;
						let sq = 0;
						for (const m of g.members) if (m.p[k] === 1) sq += (m.v[k] - mean) ** 2;
						v = e.op === 'stdvar' ? sq / cnt : Math.sqrt(sq / cnt);
					}
				}
				out.p[k] = 1;
				out.v[k] = v;
			}
			result.push(out);
		}
		return result;
	}

	private binary(e: BinaryExpr): Value {
		const l = this.eval(e.lhs);
		const r = this.eval(e.rhs);
		const n = this.n;
		const isCmp = COMPARE_OPS.has(e.op);
		if (l.kind === 'scalar' && r.kind === 'scalar') {
			const v = new Float64Array(n);
			for (let k = 0; k < n; k++) {
				v[k] = isCmp ? (cmp(e.op as CompareOp, l.v[k], r.v[k]) ? 1 : 0) : arith(e.op, l.v[k], r.v[k]);
			}
			return { kind: 'scalar', v };
		}
		if (l.kind === 'scalar' || r.kind === 'scalar') {
			const vec = (l.kind === 'vector' ? l : r) as { kind: 'vector'; series: Series[] };
			const sc = (l.kind === 'scalar' ? l : r) as { kind: 'scalar'; v: Float64Array };
			const scalarLeft = l.kind === 'scalar';
			const series = vec.series.map((s) => {
				const out: Series = { labels: s.labels, v: new Float64Array(n), p: new Uint8Array(n) };
				for (let k = 0; k < n; k++) {
					if (s.p[k] !== 1) continue;
					const a = scalarLeft ? sc.v[k] : s.v[k];
					const b = scalarLeft ? s.v[k] : sc.v[k];
					if (isCmp) {
						const hit = cmp(e.op as CompareOp, a, b);
						if (e.bool) {
							out.p[k] = 1;
							out.v[k] = hit ? 1 : 0;
						} else if (hit) {
							out.p[k] = 1;
							out.v[k] = s.v[k];
						}
					} else {
						out.p[k] = 1;
						out.v[k] = arith(e.op, a, b);
					}
				}
				return out;
			});
			return { kind: 'vector', series };
		}
		if (e.op === 'and' || e.op === 'or' || e.op === 'unless')
			return { kind: 'vector', series: this.setOp(e, l.series, r.series) };
		return { kind: 'vector', series: this.vectorBinary(e, l.series, r.series) };
	}

	private signature(labels: Labels, m: VectorMatching | null): string {
		if (m?.on) {
			const out: Labels = {};
			for (const k of m.labels) if (Object.hasOwn(labels, k)) out[k] = labels[k];
			return labelsKey(out);
		}
		if (m && m.labels.length > 0) {
			const out: Labels = {};
			for (const [k, v] of Object.entries(labels)) if (!m.labels.includes(k)) out[k] = v;
			return labelsKey(out);
		}
		return labelsKey(labels);
	}

	/** Presence per step of any series per signature. */
	private presenceBySignature(series: Series[], m: VectorMatching | null): Map<string, Uint8Array> {
		const out = new Map<string, Uint8Array>();
		for (const s of series) {
			const sig = this.signature(s.labels, m);
			let p = out.get(sig);
			if (!p) out.set(sig, (p = new Uint8Array(this.n)));
			for (let k = 0; k < this.n; k++) p[k] |= s.p[k];
		}
		return out;
	}

	private setOp(e: BinaryExpr, lhs: Series[], rhs: Series[]): Series[] {
		const n = this.n;
		const m = e.matching;
		const filtered = (s: Series, other: Uint8Array | undefined, keepWhenOther: boolean): Series => {
			const p = new Uint8Array(n);
			for (let k = 0; k < n; k++) p[k] = s.p[k] === 1 && (other?.[k] === 1) === keepWhenOther ? 1 : 0;
			return { labels: s.labels, v: s.v, p };
		};
		if (e.op === 'and') {
			const rp = this.presenceBySignature(rhs, m);
			return lhs.map((s) => filtered(s, rp.get(this.signature(s.labels, m)), true));
		}
		if (e.op === 'unless') {
			const rp = this.presenceBySignature(rhs, m);
			return lhs.map((s) => filtered(s, rp.get(this.signature(s.labels, m)), false));
		}
		const lp = this.presenceBySignature(lhs, m);
		return [...lhs, ...rhs.map((s) => filtered(s, lp.get(this.signature(s.labels, m)), false))];
	}

	private vectorBinary(e: BinaryExpr, lhs: Series[], rhs: Series[]): Series[] {
		const n = this.n;
		const m = e.matching;
		const card = m?.card ?? null;
		const manySide = card === 'right' ? rhs : lhs;
		const oneSide = card === 'right' ? lhs : rhs;
		const oneBySig = new Map<string, Series[]>();
		for (const s of oneSide) {
			const sig = this.signature(s.labels, m);
			const list = oneBySig.get(sig);
			if (list) list.push(s);
			else oneBySig.set(sig, [s]);
		}
		const fail = (msg: string): never => {
			throw new QueryError(msg, e.opSpan.from, e.opSpan.to, 'evaluation');
		};
		// The "one" side may have at most one series per signature at each step.
		for (const [sig, list] of oneBySig) {
			if (list.length < 2) continue;
			for (let k = 0; k < n; k++) {
				let c = 0;
				for (const s of list) c += s.p[k];
				if (c > 1) {
					fail(
						`found duplicate series for the match group ${sig} on the ${card === 'right' ? 'left' : 'right'} hand-side of the operation; use on(…)/ignoring(…) to match on fewer labels, or aggregate first`
					);
				}
			}
		}
		if (card === null) {
			const manyBySig = new Map<string, number>();
			for (const s of manySide) {
				const sig = this.signature(s.labels, m);
				manyBySig.set(sig, (manyBySig.get(sig) ?? 0) + 1);
			}
			for (const [sig, count] of manyBySig) {
				if (count < 2 || !oneBySig.has(sig)) continue;
				const list = manySide.filter((s) => this.signature(s.labels, m) === sig);
				for (let k = 0; k < n; k++) {
					let c = 0;
					for (const s of list) c += s.p[k];
					if (c > 1) {
						fail(
							`multiple series on the left match ${sig} on the right: many-to-one matching must be explicit (group_left/group_right), or aggregate first`
						);
					}
				}
			}
		}
		const isCmp = COMPARE_OPS.has(e.op);
		const collector = new SeriesCollector(n, e);
		for (const ms of manySide) {
			const candidates = oneBySig.get(this.signature(ms.labels, m));
			if (!candidates) continue;
			for (const os of candidates) {
				const labels = this.resultLabels(ms.labels, os.labels, m);
				let out: Series | null = null;
				for (let k = 0; k < n; k++) {
					if (ms.p[k] !== 1 || os.p[k] !== 1) continue;
					const a = card === 'right' ? os.v[k] : ms.v[k];
					const b = card === 'right' ? ms.v[k] : os.v[k];
					let value: number;
					if (isCmp) {
						const hit = cmp(e.op as CompareOp, a, b);
						if (e.bool) value = hit ? 1 : 0;
						else if (hit) value = a;
						else continue;
					} else value = arith(e.op, a, b);
					out ??= collector.get(labels);
					collector.put(out, k, value);
				}
			}
		}
		return collector.series();
	}

	private resultLabels(many: Labels, one: Labels, m: VectorMatching | null): Labels {
		let out: Labels;
		if (!m || m.card === null) {
			if (m?.on) {
				out = {};
				for (const k of m.labels) if (Object.hasOwn(many, k)) out[k] = many[k];
			} else if (m) {
				out = {};
				for (const [k, v] of Object.entries(many)) if (!m.labels.includes(k)) out[k] = v;
			} else out = many;
		} else {
			out = { ...many };
			for (const k of m.include) {
				if (Object.hasOwn(one, k) && one[k] !== '') out[k] = one[k];
				else delete out[k];
			}
		}
		return out;
	}

	private labelReplace(e: LabelReplaceExpr): Series[] {
		const input = this.vector(e.expr);
		const re = compileRegex(e.regex, true, e.regexSpan);
		const collector = new SeriesCollector(this.n, e);
		for (const s of input) {
			const src = Object.hasOwn(s.labels, e.src) ? s.labels[e.src] : '';
			const match = re.exec(src);
			let labels = s.labels;
			if (match) {
				const value = expandReplacement(e.replacement, match);
				labels = { ...s.labels };
				if (value === '') delete labels[e.dst];
				else labels[e.dst] = value;
			}
			const out = collector.get(labels);
			for (let k = 0; k < this.n; k++) if (s.p[k] === 1) collector.put(out, k, s.v[k]);
		}
		return collector.series();
	}
}

/** Go regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`. Unknown groups expand to "". */
function expandReplacement(template: string, m: RegExpExecArray): string {
	return template.replace(
		/\$(\$|\{([a-zA-Z0-9_]+)\}|([a-zA-Z0-9_]+))/g,
		(_all, d: string, braced?: string, bare?: string) => {
			if (d === '$') return '$';
			const name = (braced ?? bare) as string;
			if (/^[0-9]+$/.test(name)) return m[Number(name)] ?? '';
			return m.groups?.[name] ?? '';
		}
	);
}
