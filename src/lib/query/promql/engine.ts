/**
 * PromQL evaluator with Prometheus 3 semantics over a {@link SeriesStore}.
 *
 * Like Prometheus's engine, every expression is evaluated over a whole grid of steps at once (an instant query is
 * a grid of one step): vectors are lists of series holding one value slot per step. This keeps selectors to one
 * index lookup per query and lets label matching be computed once per series instead of once per step.
 *
 * Semantics reproduced from Prometheus 3: left-open windows `(t - range, t]` for range selectors and lookback,
 * staleness markers, `offset` and `@` (incl. `start()`/`end()`), subqueries aligned to absolute multiples of their
 * step, extrapolated `rate`/`increase`/`delta`, vector matching with its many-to-one errors, and delayed
 * `__name__` removal (functions mark the name for removal; it is removed at the end of the query, so
 * `label_replace` can still read or keep it and `sum by (__name__)` sees it).
 *
 * This module evaluates selectors, range vectors, subqueries and dispatches calls; operators, aggregations and
 * instant-vector functions live in `binary.ts`, `aggregate.ts` and `instant-functions.ts`.
 */
import type { SeriesStore } from '../../sim/tsdb';
import { isStaleAt } from '../../sim/tsdb';
import { QueryError, type MatrixSeries, type QueryResult, type VectorSample } from '../types';
import { aggregate } from './aggregate';
import {
	exprType,
	typeName,
	unwrapParens,
	type AtModifier,
	type Call,
	type Pos,
	type PromExpr,
	type StringLiteral,
	type SubqueryExpr,
	type VectorSelector
} from './ast';
import { binaryOp } from './binary';
import { FUNCTIONS } from './functions';
import {
	absentLabels,
	clampVector,
	classicHistogram,
	dateFunction,
	labelJoin,
	labelReplace,
	roundVector,
	SIMPLE_FUNCTIONS,
	sortVector
} from './instant-functions';
import { labelsKey, normalizeLabels } from './labels';
import { findUnsupported, parsePromQL } from './parser';
import { RANGE_FUNCTIONS, type Window } from './range-functions';
import {
	DUPLICATE_LABELSET,
	evalError,
	hasAny,
	mergeSameLabels,
	newSeries,
	withoutName,
	type Grid,
	type RangeSource,
	type RSeries,
	type Value,
	type VSeries
} from './series';

/** Evaluation settings. */
export interface EvalOptions {
	/** How far back an instant selector looks for the latest sample, in ms. Default 5 minutes. */
	lookbackDeltaMs?: number;
	/** Step of subqueries written without one (`x[1h:]`), in ms. Default 1 minute (Prometheus's default). */
	subqueryStepMs?: number;
	/** Maximum number of steps of a range query. Default 11,000 (as Prometheus). */
	maxSteps?: number;
}

const DEFAULT_LOOKBACK_MS = 5 * 60_000;
const DEFAULT_SUBQUERY_STEP_MS = 60_000;
const DEFAULT_MAX_STEPS = 11_000;
/** Upper bound on the number of inner steps of one subquery evaluation, to keep memory bounded. */
const MAX_SUBQUERY_STEPS = 2_000_000;

/** Query-level times (Unix ms) that `@ start()`, `@ end()`, `start()`, `end()`, `range()`, `step()` refer to. */
interface QueryParams {
	start: number;
	end: number;
	step: number;
}

class Engine {
	private readonly lookback: number;
	private readonly subqueryStep: number;

	constructor(
		private readonly store: SeriesStore,
		private readonly query: QueryParams,
		opts: EvalOptions
	) {
		this.lookback = opts.lookbackDeltaMs ?? DEFAULT_LOOKBACK_MS;
		this.subqueryStep = opts.subqueryStepMs ?? DEFAULT_SUBQUERY_STEP_MS;
		if (!(this.lookback > 0)) throw new RangeError('lookbackDeltaMs must be positive');
		if (!(this.subqueryStep > 0)) throw new RangeError('subqueryStepMs must be positive');
	}

	eval(e: PromExpr, g: Grid): Value {
		switch (e.type) {
			case 'NumberLiteral':
				return { kind: 'scalar', v: new Float64Array(g.n).fill(e.value) };
			case 'StringLiteral':
				return { kind: 'string', v: e.value };
			case 'ParenExpr':
				return this.eval(e.expr, g);
			case 'UnaryExpr': {
				const inner = this.eval(e.expr, g);
				if (e.op === '+') return inner;
				if (inner.kind === 'scalar') return { kind: 'scalar', v: inner.v.map((x) => -x) };
				if (inner.kind !== 'vector')
					throw evalError('unary minus needs a scalar or an instant vector', e.pos);
				return {
					kind: 'vector',
					series: inner.series.map((s) => ({
						labels: s.labels,
						dropName: true,
						v: s.v.map((x) => -x),
						ok: s.ok
					}))
				};
			}
			case 'VectorSelector':
				return { kind: 'vector', series: this.vectorSelector(e, g).series };
			case 'MatrixSelector':
			case 'SubqueryExpr': {
				if (g.n !== 1)
					throw evalError(`a ${typeName('matrix')} cannot be evaluated at more than one step`, e.pos);
				const src = this.rangeSource(e, g);
				const end = src.ends[0];
				const start = end - src.rangeMs;
				const series = src.series
					.map((s) => {
						const ts: number[] = [];
						const vs: number[] = [];
						for (let i = 0; i < s.ts.length; i++) {
							if (s.ts[i] > start && s.ts[i] <= end) {
								ts.push(s.ts[i]);
								vs.push(s.vs[i]);
							}
						}
						return { labels: s.labels, dropName: s.dropName, ts, vs };
					})
					.filter((s) => s.ts.length > 0);
				return { kind: 'matrix', series };
			}
			case 'Call':
				return this.call(e, g);
			case 'AggregateExpr': {
				const input = this.vector(e.expr, g);
				const param = !e.param
					? undefined
					: e.op === 'count_values'
						? this.stringArg(e.param)
						: this.scalar(e.param, g);
				return { kind: 'vector', series: aggregate(e, input, param, g) };
			}
			case 'BinaryExpr':
				return binaryOp(e, this.eval(e.lhs, g), this.eval(e.rhs, g), g);
		}
	}

	private vector(e: PromExpr, g: Grid): VSeries[] {
		const v = this.eval(e, g);
		if (v.kind !== 'vector') throw evalError(`expected an instant vector, got ${v.kind}`, e.pos);
		return v.series;
	}

	private scalar(e: PromExpr, g: Grid): Float64Array {
		const v = this.eval(e, g);
		if (v.kind !== 'scalar') throw evalError(`expected a scalar, got ${v.kind}`, e.pos);
		return v.v;
	}

	private stringArg(e: PromExpr): StringLiteral {
		const s = unwrapParens(e);
		if (s.type !== 'StringLiteral') throw evalError('expected a string literal', e.pos);
		return s;
	}

	private atTime(at: AtModifier | undefined): number | undefined {
		if (!at) return undefined;
		return at.kind === 'start' ? this.query.start : at.kind === 'end' ? this.query.end : at.ms;
	}

	/** Reference time (Unix ms) of each step for a selector or subquery with this offset and @ modifier. */
	private refTimes(g: Grid, offsetMs: number, at: AtModifier | undefined): Float64Array {
		const fixed = this.atTime(at);
		const out = new Float64Array(g.n);
		for (let i = 0; i < g.n; i++) out[i] = (fixed ?? g.start + i * g.step) - offsetMs;
		return out;
	}

	/** Instant vector selector: the latest sample in `(t - lookback, t]`, unless it is a staleness marker. */
	private vectorSelector(e: VectorSelector, g: Grid): { series: VSeries[]; sampleTimes: Float64Array[] } {
		const refs = this.refTimes(g, e.offsetMs, e.at);
		const series: VSeries[] = [];
		const sampleTimes: Float64Array[] = [];
		if (g.n === 0) return { series, sampleTimes };
		const views = this.store.select(e.matchers, refs[0] - this.lookback, refs[g.n - 1]);
		for (const view of views) {
			const { ts, vs } = view;
			const out = newSeries(view.labels, false, g.n);
			const times = new Float64Array(g.n);
			let j = -1;
			let any = false;
			for (let i = 0; i < g.n; i++) {
				const ref = refs[i];
				while (j + 1 < ts.length && ts[j + 1] <= ref) j++;
				if (j < 0 || ts[j] <= ref - this.lookback || isStaleAt(vs, j)) continue;
				out.v[i] = vs[j];
				out.ok[i] = 1;
				times[i] = ts[j];
				any = true;
			}
			if (any) {
				series.push(out);
				sampleTimes.push(times);
			}
		}
		return { series, sampleTimes };
	}

	/** Range selector or subquery as per-step windows. */
	private rangeSource(arg: PromExpr, g: Grid): RangeSource {
		const e = unwrapParens(arg);
		if (e.type === 'MatrixSelector') {
			const sel = e.selector;
			const ends = this.refTimes(g, sel.offsetMs, sel.at);
			const views = g.n === 0 ? [] : this.store.select(sel.matchers, ends[0] - e.rangeMs, ends[g.n - 1]);
			const series: RSeries[] = [];
			for (const view of views) {
				let stale = 0;
				for (let i = 0; i < view.vs.length; i++) if (isStaleAt(view.vs, i)) stale++;
				if (view.ts.length - stale === 0) continue;
				if (stale === 0) {
					series.push({ labels: view.labels, dropName: false, ts: view.ts, vs: view.vs });
					continue;
				}
				const ts = new Float64Array(view.ts.length - stale);
				const vs = new Float64Array(view.ts.length - stale);
				let k = 0;
				for (let i = 0; i < view.vs.length; i++) {
					if (isStaleAt(view.vs, i)) continue;
					ts[k] = view.ts[i];
					vs[k] = view.vs[i];
					k++;
				}
				series.push({ labels: view.labels, dropName: false, ts, vs });
			}
			return { series, rangeMs: e.rangeMs, ends };
		}
		if (e.type === 'SubqueryExpr') return this.subquery(e, g);
		throw evalError(`expected a range vector, got ${typeName(exprType(e))}`, e.pos);
	}

	/**
	 * Subquery: the inner expression is evaluated on its own grid, aligned to absolute multiples of the subquery
	 * step, covering every window `(end - range, end]` of the outer steps.
	 */
	private subquery(e: SubqueryExpr, g: Grid): RangeSource {
		const ends = this.refTimes(g, e.offsetMs, e.at);
		const step = e.stepMs ?? this.subqueryStep;
		if (g.n === 0) return { series: [], rangeMs: e.rangeMs, ends };
		const from = ends[0] - e.rangeMs;
		let start = Math.floor(from / step) * step;
		if (start <= from) start += step;
		const last = ends[g.n - 1];
		const n = last >= start ? Math.floor((last - start) / step) + 1 : 0;
		if (n > MAX_SUBQUERY_STEPS)
			throw evalError(`subquery would evaluate ${n} steps; use a larger subquery step`, e.pos);
		const inner = n === 0 ? [] : this.vector(e.expr, { start, step, n });
		const series: RSeries[] = [];
		for (const s of inner) {
			let count = 0;
			for (let i = 0; i < n; i++) if (s.ok[i]) count++;
			if (count === 0) continue;
			const ts = new Float64Array(count);
			const vs = new Float64Array(count);
			let k = 0;
			for (let i = 0; i < n; i++) {
				if (!s.ok[i]) continue;
				ts[k] = start + i * step;
				vs[k] = s.v[i];
				k++;
			}
			series.push({ labels: s.labels, dropName: s.dropName, ts, vs });
		}
		return { series, rangeMs: e.rangeMs, ends };
	}

	/** Applies a window function to every series and step of a range source. */
	private overWindows(
		src: RangeSource,
		g: Grid,
		keepName: boolean,
		fn: (w: Window, i: number) => number | null
	): VSeries[] {
		const out: VSeries[] = [];
		// One mutable window object for all calls: functions read it and never keep it.
		const w: Window = {
			ts: new Float64Array(0),
			vs: new Float64Array(0),
			lo: 0,
			hi: 0,
			start: 0,
			end: 0,
			rangeMs: src.rangeMs,
			evalTime: 0
		};
		for (const s of src.series) {
			const res = newSeries(s.labels, keepName ? s.dropName : true, g.n);
			const { ts } = s;
			w.ts = ts;
			w.vs = s.vs;
			let lo = 0;
			let hi = 0;
			let any = false;
			for (let i = 0; i < g.n; i++) {
				const end = src.ends[i];
				const start = end - src.rangeMs;
				while (hi < ts.length && ts[hi] <= end) hi++;
				while (lo < ts.length && ts[lo] <= start) lo++;
				if (hi <= lo) continue;
				w.lo = lo;
				w.hi = hi;
				w.start = start;
				w.end = end;
				w.evalTime = g.start + i * g.step;
				const value = fn(w, i);
				if (value === null) continue;
				res.v[i] = value;
				res.ok[i] = 1;
				any = true;
			}
			if (any) out.push(res);
		}
		return out;
	}

	private time(g: Grid, i: number): number {
		return g.start + i * g.step;
	}

	private call(e: Call, g: Grid): Value {
		const sig = FUNCTIONS.get(e.func);
		if (!sig) throw evalError(`unknown function ${e.func}`, e.pos);
		if (sig.unsupported)
			throw new QueryError(
				`${e.func}() is not supported: ${sig.unsupported}`,
				e.pos.from,
				e.pos.to,
				'unsupported'
			);
		const n = g.n;
		const vector = (series: VSeries[]): Value => ({ kind: 'vector', series });
		const scalarOf = (f: (i: number) => number): Value => {
			const v = new Float64Array(n);
			for (let i = 0; i < n; i++) v[i] = f(i);
			return { kind: 'scalar', v };
		};
		const args = e.args;
		switch (e.func) {
			case 'time':
				return scalarOf((i) => this.time(g, i) / 1000);
			case 'pi':
				return scalarOf(() => Math.PI);
			case 'start':
				return scalarOf(() => this.query.start / 1000);
			case 'end':
				return scalarOf(() => this.query.end / 1000);
			case 'range':
				return scalarOf(() => (this.query.end - this.query.start) / 1000);
			case 'step':
				return scalarOf(() => this.query.step / 1000);
			case 'vector':
				return vector([
					{ labels: {}, dropName: false, v: this.scalar(args[0], g), ok: new Uint8Array(n).fill(1) }
				]);
			case 'scalar': {
				const vec = this.vector(args[0], g);
				return scalarOf((i) => {
					let found = NaN;
					let count = 0;
					for (const s of vec) {
						if (!s.ok[i]) continue;
						count++;
						found = s.v[i];
					}
					return count === 1 ? found : NaN;
				});
			}
			case 'absent': {
				const vec = this.vector(args[0], g);
				return vector(this.absentSeries(args[0], g, (i) => vec.some((s) => s.ok[i])));
			}
			case 'absent_over_time': {
				const present = new Uint8Array(n);
				this.overWindows(this.rangeSource(args[0], g), g, false, (_w, i) => {
					present[i] = 1;
					return null;
				});
				return vector(this.absentSeries(unwrapParens(args[0]), g, (i) => present[i] === 1));
			}
			case 'timestamp':
				return vector(this.timestamp(args[0], g));
			case 'label_replace': {
				const [dst, repl, src, re] = args.slice(1).map((a) => this.stringArg(a));
				return vector(labelReplace(e, this.vector(args[0], g), dst, repl.value, src.value, re.value));
			}
			case 'label_join': {
				const [dst, sep, ...srcs] = args.slice(1).map((a) => this.stringArg(a));
				return vector(labelJoin(e, this.vector(args[0], g), dst, sep.value, srcs));
			}
			case 'sort':
			case 'sort_desc':
			case 'sort_by_label':
			case 'sort_by_label_desc': {
				const labels = args.slice(1).map((a) => this.stringArg(a).value);
				return vector(sortVector(e.func, this.vector(args[0], g), labels, g));
			}
			case 'histogram_quantile':
				return vector(
					classicHistogram(e, this.vector(args[1], g), { kind: 'quantile', qs: [this.scalar(args[0], g)] }, g)
				);
			case 'histogram_quantiles': {
				const qs = args.slice(2).map((a) => this.scalar(a, g));
				const spec = { kind: 'quantile' as const, qs, label: this.stringArg(args[1]) };
				return vector(classicHistogram(e, this.vector(args[0], g), spec, g));
			}
			case 'histogram_fraction': {
				const spec = {
					kind: 'fraction' as const,
					lower: this.scalar(args[0], g),
					upper: this.scalar(args[1], g)
				};
				return vector(classicHistogram(e, this.vector(args[2], g), spec, g));
			}
			case 'round': {
				const to = args[1] ? this.scalar(args[1], g) : new Float64Array(n).fill(1);
				return vector(roundVector(this.vector(args[0], g), to, g));
			}
			case 'clamp':
			case 'clamp_min':
			case 'clamp_max': {
				const vec = this.vector(args[0], g);
				const a = this.scalar(args[1], g);
				const b = e.func === 'clamp' ? this.scalar(args[2], g) : null;
				return vector(clampVector(e.func, vec, a, b, g));
			}
		}
		const simple = SIMPLE_FUNCTIONS[e.func];
		if (simple) {
			return vector(
				this.vector(args[0], g).map((s) => ({
					labels: s.labels,
					dropName: true,
					v: s.v.map(simple),
					ok: s.ok
				}))
			);
		}
		const date = dateFunction(e.func);
		if (date) {
			if (args.length === 0) {
				// Without an argument, the function applies to the evaluation time.
				const v = new Float64Array(n);
				for (let i = 0; i < n; i++) v[i] = date(this.time(g, i) / 1000);
				return vector([{ labels: {}, dropName: false, v, ok: new Uint8Array(n).fill(1) }]);
			}
			return vector(
				this.vector(args[0], g).map((s) => ({ labels: s.labels, dropName: true, v: s.v.map(date), ok: s.ok }))
			);
		}
		const spec = RANGE_FUNCTIONS.get(e.func);
		if (spec) {
			const params = args.filter((_, i) => i !== spec.matrixArg).map((a) => this.scalar(a, g));
			const src = this.rangeSource(args[spec.matrixArg], g);
			const p: number[] = new Array(params.length);
			try {
				return vector(
					this.overWindows(src, g, spec.keepName ?? false, (w, i) => {
						for (let k = 0; k < params.length; k++) p[k] = params[k][i];
						return spec.fn(w, p);
					})
				);
			} catch (err) {
				if (err instanceof RangeError) throw evalError(err.message, e.pos);
				throw err;
			}
		}
		throw new QueryError(`function ${e.func}() is not implemented`, e.pos.from, e.pos.to, 'unsupported');
	}

	/** The `absent()` result: value 1 with labels from the selector's equality matchers where nothing is present. */
	private absentSeries(arg: PromExpr, g: Grid, present: (i: number) => boolean): VSeries[] {
		const out = newSeries(absentLabels(arg), false, g.n);
		for (let i = 0; i < g.n; i++) {
			if (present(i)) continue;
			out.v[i] = 1;
			out.ok[i] = 1;
		}
		return hasAny(out.ok) ? [out] : [];
	}

	/** timestamp(): the sample time for plain selectors, otherwise the evaluation time; in seconds. */
	private timestamp(arg: PromExpr, g: Grid): VSeries[] {
		const inner = unwrapParens(arg);
		if (inner.type === 'VectorSelector') {
			const { series, sampleTimes } = this.vectorSelector(inner, g);
			return series.map((s, k) => ({
				labels: s.labels,
				dropName: true,
				v: sampleTimes[k].map((t) => t / 1000),
				ok: s.ok
			}));
		}
		return this.vector(arg, g).map((s) => {
			const v = new Float64Array(g.n);
			for (let i = 0; i < g.n; i++) v[i] = this.time(g, i) / 1000;
			return { labels: s.labels, dropName: true, v, ok: s.ok };
		});
	}
}

function finalizeVector(series: VSeries[], pos: Pos): VSeries[] {
	const named = series.map((s) => (s.dropName ? { ...s, labels: withoutName(s.labels), key: undefined } : s));
	return mergeSameLabels(named, pos);
}

function resolve(expr: string | PromExpr): { ast: PromExpr; pos: Pos } {
	const ast = typeof expr === 'string' ? parsePromQL(expr) : expr;
	const unsupported = findUnsupported(ast);
	if (unsupported) throw unsupported;
	return { ast, pos: ast.pos };
}

/**
 * Evaluates a PromQL expression at one instant `t` (Unix ms). Returns a vector, scalar or string result, or a
 * matrix when the expression is a range vector (`x[5m]`, a subquery), whose points keep their sample times.
 * Vector samples carry `t`. Throws {@link QueryError}: kind `syntax` for parse errors, `unsupported` for features
 * Pagerdrill does not evaluate, `evaluation` for runtime errors (e.g. many-to-many matching).
 */
export function evaluateInstant(
	store: SeriesStore,
	expr: string | PromExpr,
	t: number,
	opts: EvalOptions = {}
): QueryResult {
	const { ast, pos } = resolve(expr);
	const engine = new Engine(store, { start: t, end: t, step: 0 }, opts);
	const value = engine.eval(ast, { start: t, step: 0, n: 1 });
	switch (value.kind) {
		case 'scalar':
			return { resultType: 'scalar', t, value: value.v[0] };
		case 'string':
			return { resultType: 'string', t, value: value.v };
		case 'vector': {
			const result: VectorSample[] = finalizeVector(value.series, pos)
				.filter((s) => s.ok[0])
				.map((s) => ({ labels: normalizeLabels(s.labels), t, value: s.v[0] }));
			return { resultType: 'vector', result };
		}
		case 'matrix': {
			const seen = new Set<string>();
			const result: MatrixSeries[] = value.series.map((s) => {
				const labels = normalizeLabels(s.dropName ? withoutName(s.labels) : s.labels);
				const key = labelsKey(labels);
				if (seen.has(key)) throw evalError(DUPLICATE_LABELSET, pos);
				seen.add(key);
				return { labels, ts: s.ts, vs: s.vs };
			});
			return { resultType: 'matrix', result };
		}
	}
}

/**
 * Evaluates a PromQL expression at every step `start, start + stepMs, …, <= end` (Unix ms) and returns a matrix
 * sorted by label set; a scalar expression gives one series with no labels. Throws {@link QueryError} as
 * {@link evaluateInstant} does, and for range-vector or string expressions or more than `maxSteps` steps.
 */
export function evaluateRange(
	store: SeriesStore,
	expr: string | PromExpr,
	start: number,
	end: number,
	stepMs: number,
	opts: EvalOptions = {}
): QueryResult {
	const { ast, pos } = resolve(expr);
	if (!(stepMs > 0)) throw evalError('zero or negative query resolution step widths are not accepted', pos);
	if (end < start) throw evalError('end timestamp must not be before start time', pos);
	const n = Math.floor((end - start) / stepMs) + 1;
	const maxSteps = opts.maxSteps ?? DEFAULT_MAX_STEPS;
	if (n > maxSteps)
		throw evalError(
			`exceeded maximum resolution of ${maxSteps} points per timeseries. Try decreasing the query resolution`,
			pos
		);
	const t = exprType(ast);
	if (t !== 'scalar' && t !== 'vector')
		throw evalError(
			`invalid expression type "${typeName(t)}" for range query, must be Scalar or instant Vector`,
			pos
		);
	const engine = new Engine(store, { start, end, step: stepMs }, opts);
	const value = engine.eval(ast, { start, step: stepMs, n });
	const times = (ok: Uint8Array | null, v: Float64Array): { ts: number[]; vs: number[] } => {
		const ts: number[] = [];
		const vs: number[] = [];
		for (let i = 0; i < n; i++) {
			if (ok && !ok[i]) continue;
			ts.push(start + i * stepMs);
			vs.push(v[i]);
		}
		return { ts, vs };
	};
	if (value.kind === 'scalar')
		return { resultType: 'matrix', result: [{ labels: {}, ...times(null, value.v) }] };
	if (value.kind !== 'vector') throw evalError(`invalid expression type for range query`, pos);
	const result: MatrixSeries[] = finalizeVector(value.series, pos)
		.filter((s) => hasAny(s.ok))
		.map((s) => ({
			key: labelsKey(s.labels),
			series: { labels: normalizeLabels(s.labels), ...times(s.ok, s.v) }
		}))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
		.map((x) => x.series);
	return { resultType: 'matrix', result };
}
