/**
 * An in-memory, columnar Prometheus-style time-series database.
 *
 * Layout: each series owns two growable columns, `Float64Array` timestamps (Unix ms, strictly increasing) and
 * `Float64Array` values, whose capacity doubles when full, so appends are amortised O(1) and reads hand out
 * zero-copy `subarray` views. A label index (postings: label name → value → ascending series ids, the metric
 * name being the `__name__` label) answers selections without scanning every series.
 *
 * Staleness markers: Prometheus marks the end of a series with a special NaN whose bit pattern is
 * `0x7ff0000000000002` (any other NaN is an ordinary sample value). The store writes that exact bit pattern into
 * the value column through a `Uint32Array` view of the same buffer, so it survives regardless of how the engine
 * treats NaN payloads in numbers, and typed-array copies (`set`, `subarray`) preserve it byte for byte. Use
 * {@link isStaleAt} to test a stored value exactly; {@link isStaleMarker} tests a number read from a column (it
 * relies on the engine keeping NaN payloads on reads, which V8 and SpiderMonkey do).
 */
import type { Labels } from './types';
import { compileRe2 } from '../query/promql/re2';

/** Matcher operators: equality, inequality, RE2 regex match and non-match. */
export type LabelMatcherOp = '=' | '!=' | '=~' | '!~';

/** One label matcher of a selector. Regex values use RE2 syntax and are fully anchored, as in Prometheus. */
export interface LabelMatcher {
	name: string;
	op: LabelMatcherOp;
	value: string;
}

/** Samples of one series within a time window: parallel views into the store's columns, `ts` ascending (Unix ms). */
export interface SeriesView {
	id: number;
	labels: Labels;
	ts: Float64Array;
	vs: Float64Array;
}

const STALE_HI = 0x7ff00000;
const STALE_LO = 0x00000002;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;
const scratch = new DataView(new ArrayBuffer(8));

/** The staleness-marker NaN (`0x7ff0000000000002`) as a number. */
export const STALE_NAN: number = (() => {
	scratch.setUint32(0, STALE_HI);
	scratch.setUint32(4, STALE_LO);
	return scratch.getFloat64(0);
})();

/** True when `v` carries the staleness-marker bit pattern (an ordinary NaN is not a marker). */
export function isStaleMarker(v: number): boolean {
	if (v === v) return false;
	scratch.setFloat64(0, v);
	return scratch.getUint32(0) === STALE_HI && scratch.getUint32(4) === STALE_LO;
}

/** Exact test of element `i` of a value column (or a view of one) for the staleness-marker bit pattern. */
export function isStaleAt(vs: Float64Array, i: number): boolean {
	const v = vs[i];
	if (v === v) return false;
	const words = new Uint32Array(vs.buffer, vs.byteOffset + i * 8, 2);
	return words[HI] === STALE_HI && words[LO] === STALE_LO;
}

interface SeriesData {
	readonly labels: Labels;
	/** Canonical key; ordering keys orders label sets as Prometheus's labels.Compare does. */
	readonly key: string;
	ts: Float64Array;
	vs: Float64Array;
	n: number;
	/** Time of the last sample, -Infinity when empty. */
	last: number;
}

const INITIAL_CAPACITY = 32;

function canonical(labels: Labels): { labels: Labels; key: string } {
	const out: Labels = {};
	let key = '';
	for (const n of Object.keys(labels).sort()) {
		const v = labels[n];
		if (v === '' || v === undefined) continue;
		out[n] = v;
		key += `${n}\u0000${v}\u0001`;
	}
	return { labels: Object.freeze(out), key };
}

/** Lower bound: first index in `ts[0, n)` whose value is >= t. */
function lowerBound(ts: Float64Array, n: number, t: number): number {
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (ts[mid] < t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Upper bound: first index in `ts[0, n)` whose value is > t. */
function upperBound(ts: Float64Array, n: number, t: number): number {
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (ts[mid] <= t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function intersect(a: readonly number[], b: readonly number[]): number[] {
	const out: number[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		if (a[i] === b[j]) {
			out.push(a[i]);
			i++;
			j++;
		} else if (a[i] < b[j]) i++;
		else j++;
	}
	return out;
}

/** Whether a matcher accepts a label value (missing labels have the value ""). */
function matches(m: LabelMatcher, value: string): boolean {
	switch (m.op) {
		case '=':
			return value === m.value;
		case '!=':
			return value !== m.value;
		case '=~':
			return compileRe2(m.value).regex.test(value);
		case '!~':
			return !compileRe2(m.value).regex.test(value);
	}
}

/**
 * The metrics store of a drill. Series are identified by their full label set (including `__name__`); labels with
 * empty values are dropped, as in Prometheus. Not thread-safe; one writer (the simulator) and any number of readers.
 */
export class SeriesStore {
	private readonly series: SeriesData[] = [];
	private readonly byKey = new Map<string, number>();
	/** label name → label value → ascending series ids. */
	private readonly postings = new Map<string, Map<string, number[]>>();
	private samples = 0;

	/** Id of the series with exactly these labels (created if new). Labels include `__name__`. */
	ref(labels: Labels): number {
		const { labels: lbls, key } = canonical(labels);
		const existing = this.byKey.get(key);
		if (existing !== undefined) return existing;
		const id = this.series.length;
		this.series.push({
			labels: lbls,
			key,
			ts: new Float64Array(INITIAL_CAPACITY),
			vs: new Float64Array(INITIAL_CAPACITY),
			n: 0,
			last: -Infinity
		});
		this.byKey.set(key, id);
		for (const [name, value] of Object.entries(lbls)) {
			let values = this.postings.get(name);
			if (!values) this.postings.set(name, (values = new Map()));
			const ids = values.get(value);
			if (ids) ids.push(id);
			else values.set(value, [id]);
		}
		return id;
	}

	/** Appends one sample; `t` (Unix ms) must be greater than the series' last `t`, else it throws. */
	append(ref: number, t: number, v: number): void {
		const s = this.series[ref];
		if (s === undefined || !(t > s.last && t < Infinity)) this.rejectAppend(ref, t);
		const n = s.n;
		if (n === s.ts.length) this.grow(s);
		s.ts[n] = t;
		s.vs[n] = v;
		s.n = n + 1;
		s.last = t;
		this.samples++;
	}

	/** Appends a staleness marker at `t` (Unix ms): for lookback purposes the series ends there. */
	appendStale(ref: number, t: number): void {
		const s = this.series[ref];
		if (s === undefined || !(t > s.last && t < Infinity)) this.rejectAppend(ref, t);
		const n = s.n;
		if (n === s.ts.length) this.grow(s);
		s.ts[n] = t;
		const words = new Uint32Array(s.vs.buffer, n * 8, 2);
		words[HI] = STALE_HI;
		words[LO] = STALE_LO;
		s.n = n + 1;
		s.last = t;
		this.samples++;
	}

	private rejectAppend(ref: number, t: number): never {
		const s = this.series[ref];
		if (!s) throw new RangeError(`unknown series ref ${ref}`);
		if (!Number.isFinite(t)) throw new RangeError(`sample time must be finite, got ${t}`);
		throw new RangeError(`out-of-order sample for series ${ref}: t=${t} is not after ${s.last}`);
	}

	/** Doubles the capacity of a series' columns (copies are byte-exact, staleness markers included). */
	private grow(s: SeriesData): void {
		const cap = s.ts.length * 2;
		const ts = new Float64Array(cap);
		const vs = new Float64Array(cap);
		ts.set(s.ts);
		vs.set(s.vs);
		s.ts = ts;
		s.vs = vs;
	}

	/**
	 * Series matching all matchers (regexes fully anchored, RE2 syntax, as in Prometheus), each with its samples
	 * `minT <= t <= maxT` (Unix ms) as views into the columns. Series with no sample in the window are still
	 * returned (with empty views). Results are ordered by label set. Throws on an invalid regex.
	 */
	select(matchers: LabelMatcher[], minT: number, maxT: number): SeriesView[] {
		const ids = this.candidates(matchers);
		const out: SeriesView[] = [];
		const sorted = [...ids].sort((a, b) => {
			const ka = this.series[a].key;
			const kb = this.series[b].key;
			return ka < kb ? -1 : ka > kb ? 1 : 0;
		});
		for (const id of sorted) {
			const s = this.series[id];
			let ok = true;
			for (const m of matchers) {
				if (!matches(m, s.labels[m.name] ?? '')) {
					ok = false;
					break;
				}
			}
			if (!ok) continue;
			const lo = lowerBound(s.ts, s.n, minT);
			const hi = Math.max(lo, upperBound(s.ts, s.n, maxT));
			out.push({ id, labels: s.labels, ts: s.ts.subarray(lo, hi), vs: s.vs.subarray(lo, hi) });
		}
		return out;
	}

	/** Ids that may match: intersection of the postings of matchers that cannot match an empty value. */
	private candidates(matchers: LabelMatcher[]): readonly number[] {
		const lists: number[][] = [];
		for (const m of matchers) {
			if (m.op === '=' && m.value !== '') {
				lists.push(this.postings.get(m.name)?.get(m.value) ?? []);
			} else if (m.op === '=~' && !compileRe2(m.value).regex.test('')) {
				const values = this.postings.get(m.name);
				const union: number[] = [];
				if (values) for (const [v, ids] of values) if (compileRe2(m.value).regex.test(v)) union.push(...ids);
				union.sort((a, b) => a - b);
				lists.push(union);
			}
		}
		if (lists.length === 0) return this.series.map((_, i) => i);
		lists.sort((a, b) => a.length - b.length);
		let acc = lists[0];
		for (let i = 1; i < lists.length && acc.length > 0; i++) acc = intersect(acc, lists[i]);
		return acc;
	}

	/** Labels of a series id (frozen; names sorted). */
	labelsOf(ref: number): Labels {
		const s = this.series[ref];
		if (!s) throw new RangeError(`unknown series ref ${ref}`);
		return s.labels;
	}

	/** All label names in use, sorted. */
	labelNames(): string[] {
		return [...this.postings.keys()].sort();
	}

	/** All values of a label, sorted. */
	labelValues(name: string): string[] {
		return [...(this.postings.get(name)?.keys() ?? [])].sort();
	}

	/** All metric names (values of `__name__`), sorted. */
	metricNames(): string[] {
		return this.labelValues('__name__');
	}

	/** Number of series. */
	get seriesCount(): number {
		return this.series.length;
	}

	/** Number of samples stored, staleness markers included. */
	get sampleCount(): number {
		return this.samples;
	}
}
