/**
 * PromQL functions over range vectors, computed on one window of one series with Prometheus 3 semantics:
 * windows are left-open `(start, end]`, staleness markers are already removed, and times are Unix ms.
 * Each function returns the result value, or `null` when Prometheus returns no sample for the window.
 */
import { KahanSum, quantile } from './math';

/** One series' samples `ts[lo..hi)` inside the window `(start, end]`, evaluated at `evalTime` (all Unix ms). */
export interface Window {
	ts: Float64Array;
	vs: Float64Array;
	lo: number;
	hi: number;
	start: number;
	end: number;
	rangeMs: number;
	evalTime: number;
}

export type RangeFunction = (w: Window, params: readonly number[]) => number | null;

/** rate / increase / delta: difference over the window extrapolated towards its edges (Prometheus 3 rules). */
function extrapolatedRate(w: Window, isCounter: boolean, isRate: boolean): number | null {
	const { ts, vs, lo, hi } = w;
	const count = hi - lo;
	if (count < 2) return null;
	const first = vs[lo];
	let result = vs[hi - 1] - first;
	if (isCounter) {
		let last = 0;
		for (let i = lo; i < hi; i++) {
			if (vs[i] < last) result += last;
			last = vs[i];
		}
	}
	const firstT = ts[lo];
	const lastT = ts[hi - 1];
	let durationToStart = (firstT - w.start) / 1000;
	let durationToEnd = (w.end - lastT) / 1000;
	const sampledInterval = (lastT - firstT) / 1000;
	const averageBetween = sampledInterval / (count - 1);
	// Extrapolate to an edge only if a sample is missing there by at most ~1.1 average intervals; otherwise assume
	// the series starts/ends inside the window and extrapolate by half an interval.
	const threshold = averageBetween * 1.1;
	if (durationToStart >= threshold) durationToStart = averageBetween / 2;
	if (isCounter && result > 0 && first >= 0) {
		// A counter cannot go below zero: do not extrapolate further back than the zero point.
		const durationToZero = sampledInterval * (first / result);
		if (durationToZero < durationToStart) durationToStart = durationToZero;
	}
	if (durationToEnd >= threshold) durationToEnd = averageBetween / 2;
	let factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
	if (isRate) factor /= w.rangeMs / 1000;
	return result * factor;
}

/** irate / idelta: from the last two samples of the window. */
function instantValue(w: Window, isRate: boolean): number | null {
	const { ts, vs, hi } = w;
	if (hi - w.lo < 2) return null;
	const last = vs[hi - 1];
	const prev = vs[hi - 2];
	const value = isRate && last < prev ? last : last - prev;
	const interval = ts[hi - 1] - ts[hi - 2];
	if (interval === 0) return null;
	return isRate ? value / (interval / 1000) : value;
}

/** Least-squares fit over the window, x in seconds relative to `interceptTime` (Kahan-compensated sums). */
const sX = new KahanSum();
const sY = new KahanSum();
const sXY = new KahanSum();
const sX2 = new KahanSum();

function linearRegression(w: Window, interceptTime: number): { slope: number; intercept: number } {
	const { ts, vs, lo, hi } = w;
	sX.reset();
	sY.reset();
	sXY.reset();
	sX2.reset();
	const initY = vs[lo];
	let constY = true;
	for (let i = lo; i < hi; i++) {
		const y = vs[i];
		if (constY && i > lo && y !== initY) constY = false;
		const x = (ts[i] - interceptTime) / 1000;
		sX.add(x);
		sY.add(y);
		sXY.add(x * y);
		sX2.add(x * x);
	}
	if (constY) {
		if (initY === Infinity || initY === -Infinity) return { slope: NaN, intercept: NaN };
		return { slope: 0, intercept: initY };
	}
	const n = hi - lo;
	const sumX = sX.sum + sX.c;
	const sumY = sY.sum + sY.c;
	const sumXY = sXY.sum + sXY.c;
	const sumX2 = sX2.sum + sX2.c;
	const covXY = sumXY - (sumX * sumY) / n;
	const varX = sumX2 - (sumX * sumX) / n;
	const slope = covXY / varX;
	return { slope, intercept: sumY / n - (slope * sumX) / n };
}

const acc = new KahanSum();
const acc2 = new KahanSum();

function sumOverTime(w: Window): number {
	acc.reset();
	for (let i = w.lo; i < w.hi; i++) acc.add(w.vs[i]);
	return acc.value();
}

/** Mean with Kahan summation, switching to an incremental mean if the running sum would overflow. */
function avgOverTime(w: Window): number {
	const { vs, lo, hi } = w;
	acc.reset(vs[lo]);
	let count = 1;
	let incremental = false;
	for (let i = lo + 1; i < hi; i++) {
		const f = vs[i];
		count = i - lo + 1;
		if (!incremental) {
			const { sum, c } = acc;
			acc.add(f);
			if (acc.sum !== Infinity && acc.sum !== -Infinity) continue;
			// The sum would overflow: continue with an incremental mean (acc then holds mean and compensation).
			incremental = true;
			acc.reset(sum / (count - 1), c / (count - 1));
		}
		const q = (count - 1) / count;
		acc.reset(q * acc.sum, q * acc.c);
		acc.add(f / count);
	}
	if (incremental) return acc.sum + acc.c;
	return acc.sum / count + acc.c / count;
}

function varianceOverTime(w: Window): number {
	let count = 0;
	acc.reset();
	acc2.reset();
	for (let i = w.lo; i < w.hi; i++) {
		const f = w.vs[i];
		count++;
		const delta = f - (acc.sum + acc.c);
		acc.add(delta / count);
		acc2.add(delta * (f - (acc.sum + acc.c)));
	}
	return (acc2.sum + acc2.c) / count;
}

/** Index of the first sample that wins `better(candidate, best)` (NaN never wins over a number). */
function extremeIndex(w: Window, better: (cur: number, best: number) => boolean): number {
	let best = w.lo;
	for (let i = w.lo; i < w.hi; i++) if (better(w.vs[i], w.vs[best])) best = i;
	return best;
}

const isMax = (cur: number, best: number): boolean => cur > best || Number.isNaN(best);
const isMin = (cur: number, best: number): boolean => cur < best || Number.isNaN(best);

function values(w: Window): number[] {
	return Array.from(w.vs.subarray(w.lo, w.hi));
}

function madOverTime(w: Window): number {
	const vals = values(w);
	if (vals.some((v) => Number.isNaN(v))) return NaN;
	const median = quantile(0.5, vals);
	return quantile(
		0.5,
		vals.map((v) => Math.abs(v - median))
	);
}

function doubleExponentialSmoothing(w: Window, sf: number, tf: number): number | null {
	if (!(sf > 0 && sf < 1))
		throw new RangeError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
	if (!(tf > 0 && tf < 1))
		throw new RangeError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
	const { vs, lo, hi } = w;
	if (hi - lo < 2) return null;
	let s0 = 0;
	let s1 = vs[lo];
	let b = vs[lo + 1] - vs[lo];
	for (let i = 1; i < hi - lo; i++) {
		const x = sf * vs[lo + i];
		if (i > 1) b = tf * (s1 - s0) + (1 - tf) * b;
		const y = (1 - sf) * (s1 + b);
		s0 = s1;
		s1 = x + y;
	}
	return s1;
}

export interface RangeFunctionSpec {
	fn: RangeFunction;
	/** Index of the range-vector argument; the other arguments are scalar parameters, in order. */
	matrixArg: number;
	/** Keeps the metric name (last_over_time, first_over_time); all others drop it. */
	keepName?: boolean;
}

/** Range-vector functions by name (absent_over_time is handled by the evaluator, it works across series). */
export const RANGE_FUNCTIONS: ReadonlyMap<string, RangeFunctionSpec> = new Map<string, RangeFunctionSpec>([
	['rate', { fn: (w) => extrapolatedRate(w, true, true), matrixArg: 0 }],
	['increase', { fn: (w) => extrapolatedRate(w, true, false), matrixArg: 0 }],
	['delta', { fn: (w) => extrapolatedRate(w, false, false), matrixArg: 0 }],
	['irate', { fn: (w) => instantValue(w, true), matrixArg: 0 }],
	['idelta', { fn: (w) => instantValue(w, false), matrixArg: 0 }],
	['deriv', { fn: (w) => (w.hi - w.lo < 2 ? null : linearRegression(w, w.ts[w.lo]).slope), matrixArg: 0 }],
	[
		'predict_linear',
		{
			fn: (w, [duration]) => {
				if (w.hi - w.lo < 2) return null;
				const { slope, intercept } = linearRegression(w, w.evalTime);
				return slope * duration + intercept;
			},
			matrixArg: 0
		}
	],
	[
		'changes',
		{
			fn: (w) => {
				let changes = 0;
				for (let i = w.lo + 1; i < w.hi; i++) {
					const cur = w.vs[i];
					const prev = w.vs[i - 1];
					if (!(cur === prev || (Number.isNaN(cur) && Number.isNaN(prev)))) changes++;
				}
				return changes;
			},
			matrixArg: 0
		}
	],
	[
		'resets',
		{
			fn: (w) => {
				let resets = 0;
				for (let i = w.lo + 1; i < w.hi; i++) if (w.vs[i] < w.vs[i - 1]) resets++;
				return resets;
			},
			matrixArg: 0
		}
	],
	['avg_over_time', { fn: avgOverTime, matrixArg: 0 }],
	['sum_over_time', { fn: sumOverTime, matrixArg: 0 }],
	['count_over_time', { fn: (w) => w.hi - w.lo, matrixArg: 0 }],
	['min_over_time', { fn: (w) => w.vs[extremeIndex(w, isMin)], matrixArg: 0 }],
	['max_over_time', { fn: (w) => w.vs[extremeIndex(w, isMax)], matrixArg: 0 }],
	['last_over_time', { fn: (w) => w.vs[w.hi - 1], matrixArg: 0, keepName: true }],
	['first_over_time', { fn: (w) => w.vs[w.lo], matrixArg: 0, keepName: true }],
	['present_over_time', { fn: () => 1, matrixArg: 0 }],
	['stdvar_over_time', { fn: varianceOverTime, matrixArg: 0 }],
	['stddev_over_time', { fn: (w) => Math.sqrt(varianceOverTime(w)), matrixArg: 0 }],
	['quantile_over_time', { fn: (w, [q]) => quantile(q, values(w)), matrixArg: 1 }],
	['mad_over_time', { fn: madOverTime, matrixArg: 0 }],
	['ts_of_min_over_time', { fn: (w) => w.ts[extremeIndex(w, isMin)] / 1000, matrixArg: 0 }],
	['ts_of_max_over_time', { fn: (w) => w.ts[extremeIndex(w, isMax)] / 1000, matrixArg: 0 }],
	['ts_of_last_over_time', { fn: (w) => w.ts[w.hi - 1] / 1000, matrixArg: 0 }],
	['ts_of_first_over_time', { fn: (w) => w.ts[w.lo] / 1000, matrixArg: 0 }],
	[
		'double_exponential_smoothing',
		{ fn: (w, [sf, tf]) => doubleExponentialSmoothing(w, sf, tf), matrixArg: 0 }
	]
]);
