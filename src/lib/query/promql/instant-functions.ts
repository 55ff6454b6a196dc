/**
 * PromQL functions over instant vectors (their arguments already evaluated): element-wise math and date
 * functions, `label_replace` / `label_join`, the sorting functions, `absent()` labels, and the classic-histogram
 * functions `histogram_quantile`, `histogram_quantiles` and `histogram_fraction`.
 */
import type { Labels } from '../../sim/types';
import type { Call, PromExpr, StringLiteral } from './ast';
import { sortedBucketFraction, sortedBucketQuantile } from './histogram';
import { BUCKET_LABEL, compareLabels, labelsKey, METRIC_NAME, setLabel } from './labels';
import { formatGoG, parseGoFloat } from './literals';
import { natLess } from './math';
import { compileRe2, expandRe2Template, Re2SyntaxError } from './re2';
import {
	byValueNaNLast,
	Collector,
	evalError,
	hasAny,
	isValidLabelName,
	mergeSameLabels,
	newSeries,
	withoutName,
	type Grid,
	type VSeries
} from './series';

/** Element-wise functions (all drop the metric name). Trigonometric functions take and return radians. */
export const SIMPLE_FUNCTIONS: Readonly<Record<string, (v: number) => number>> = {
	abs: Math.abs,
	ceil: Math.ceil,
	floor: Math.floor,
	exp: Math.exp,
	sqrt: Math.sqrt,
	ln: Math.log,
	log2: Math.log2,
	log10: Math.log10,
	sgn: (v) => (v < 0 ? -1 : v > 0 ? 1 : v),
	sin: Math.sin,
	cos: Math.cos,
	tan: Math.tan,
	asin: Math.asin,
	acos: Math.acos,
	atan: Math.atan,
	sinh: Math.sinh,
	cosh: Math.cosh,
	tanh: Math.tanh,
	asinh: Math.asinh,
	acosh: Math.acosh,
	atanh: Math.atanh,
	deg: (v) => (v * 180) / Math.PI,
	rad: (v) => (v * Math.PI) / 180
};

const DATE_PARTS: Readonly<Record<string, (d: Date) => number>> = {
	day_of_month: (d) => d.getUTCDate(),
	day_of_week: (d) => d.getUTCDay(),
	day_of_year: (d) =>
		(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) /
			86_400_000 +
		1,
	days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
	hour: (d) => d.getUTCHours(),
	minute: (d) => d.getUTCMinutes(),
	month: (d) => d.getUTCMonth() + 1,
	year: (d) => d.getUTCFullYear()
};

/**
 * The UTC calendar function `name` (minute, hour, day_of_week, …) applied to Unix seconds (truncated to whole
 * seconds, as Go's `time.Unix(int64(v), 0)`); NaN for non-finite input. Undefined for other names.
 */
export function dateFunction(name: string): ((seconds: number) => number) | undefined {
	const part = DATE_PARTS[name];
	if (!part) return undefined;
	return (seconds) => (Number.isFinite(seconds) ? part(new Date(Math.trunc(seconds) * 1000)) : NaN);
}

/** Label set for absent() / absent_over_time(): equality matchers, except labels matched more than once. */
export function absentLabels(arg: PromExpr): Labels {
	const sel = arg.type === 'VectorSelector' ? arg : arg.type === 'MatrixSelector' ? arg.selector : null;
	if (!sel) return {};
	const out: Labels = {};
	const seen = new Set<string>();
	for (const m of sel.matchers) {
		if (m.name === METRIC_NAME) continue;
		if (m.op === '=' && !seen.has(m.name)) {
			if (m.value !== '') out[m.name] = m.value;
			seen.add(m.name);
		} else {
			delete out[m.name];
		}
	}
	return out;
}

/** Sets `dst` on every series; writing `__name__` keeps the name, otherwise the series' drop mark stays. */
function relabel(vec: VSeries[], dst: string, value: (s: VSeries) => string | null, e: Call): VSeries[] {
	const out = vec.map((s) => {
		const v = value(s);
		if (v === null) return s;
		return {
			...s,
			key: undefined,
			labels: setLabel(s.labels, dst, v),
			dropName: dst === METRIC_NAME ? false : s.dropName
		};
	});
	return mergeSameLabels(out, e.pos);
}

/**
 * label_replace(v, dst, replacement, src, regex): where the fully anchored RE2 `regex` matches the value of `src`
 * (missing = ""), sets `dst` to the expanded replacement (`$1`, `${name}`); an empty result removes `dst`.
 */
export function labelReplace(
	e: Call,
	vec: VSeries[],
	dst: StringLiteral,
	replacement: string,
	src: string,
	regex: string
): VSeries[] {
	let re: RegExp;
	try {
		re = compileRe2(regex).regex;
	} catch (err) {
		if (err instanceof Re2SyntaxError)
			throw evalError(`invalid regular expression in label_replace(): ${regex}`, e.pos);
		throw err;
	}
	if (!isValidLabelName(dst.value, dst))
		throw evalError(`invalid destination label name in label_replace(): ${dst.value}`, e.pos);
	return relabel(
		vec,
		dst.value,
		(s) => {
			const m = re.exec(s.labels[src] ?? '');
			return m ? expandRe2Template(replacement, m) : null;
		},
		e
	);
}

/** label_join(v, dst, separator, src…): sets `dst` to the values of the `src` labels joined by `separator`. */
export function labelJoin(
	e: Call,
	vec: VSeries[],
	dst: StringLiteral,
	separator: string,
	srcs: StringLiteral[]
): VSeries[] {
	for (const lit of srcs)
		if (!isValidLabelName(lit.value, lit))
			throw evalError(`invalid source label name in label_join(): ${lit.value}`, e.pos);
	if (!isValidLabelName(dst.value, dst))
		throw evalError(`invalid destination label name in label_join(): ${dst.value}`, e.pos);
	const names = srcs.map((l) => l.value);
	return relabel(vec, dst.value, (s) => names.map((l) => s.labels[l] ?? '').join(separator), e);
}

/**
 * sort / sort_desc (by value, NaN last) and sort_by_label(_desc) (natural order of the given labels, then the
 * whole label set). Only instant queries (one step) are reordered: range results are always ordered by labels.
 */
export function sortVector(func: string, vec: VSeries[], labels: string[], g: Grid): VSeries[] {
	if (g.n !== 1) return vec;
	const present = vec.filter((s) => s.ok[0]);
	if (func === 'sort' || func === 'sort_desc') {
		const desc = func === 'sort_desc';
		return present.sort((a, b) => byValueNaNLast(a.v[0], b.v[0], desc));
	}
	const desc = func === 'sort_by_label_desc';
	return present.sort((a, b) => {
		const [x, y] = desc ? [b, a] : [a, b];
		for (const l of labels) {
			const lx = x.labels[l] ?? '';
			const ly = y.labels[l] ?? '';
			if (lx === ly) continue;
			return natLess(lx, ly) ? -1 : 1;
		}
		return compareLabels(x.labels, y.labels);
	});
}

/**
 * Label value for a quantile in histogram_quantiles(), as Prometheus's `FormatOpenMetricsFloat`: Go's shortest
 * `%g` text with `.0` appended when it has neither a point nor an exponent (`0.0`, `1.0`, `0.25`, `1e-05`).
 */
function quantileLabel(q: number): string {
	if (q === 0) return '0.0';
	const s = formatGoG(q);
	return Number.isFinite(q) && !/[.e]/.test(s) ? `${s}.0` : s;
}

/** What to compute per histogram: quantiles (optionally one output series per φ, labelled) or a fraction. */
export type HistogramSpec =
	| { kind: 'quantile'; qs: Float64Array[]; label?: StringLiteral }
	| { kind: 'fraction'; lower: Float64Array; upper: Float64Array };

/**
 * histogram_quantile(s) / histogram_fraction over classic bucket series: series sharing all labels but `le` (the
 * metric name included) form one histogram; results drop `le` and the metric name. Series whose `le` does not
 * parse as a float are ignored.
 */
export function classicHistogram(e: Call, vec: VSeries[], spec: HistogramSpec, g: Grid): VSeries[] {
	const n = g.n;
	const label = spec.kind === 'quantile' ? spec.label : undefined;
	if (label && !isValidLabelName(label.value, label))
		throw evalError(`invalid label name ${label.quoted}`, e.pos);
	const groups = new Map<string, { labels: Labels; key: string; members: { s: VSeries; le: number }[] }>();
	for (const s of vec) {
		const le = parseGoFloat(s.labels[BUCKET_LABEL] ?? '');
		if (le === null) continue;
		const ident: Labels = { ...s.labels };
		delete ident[BUCKET_LABEL];
		const key = labelsKey(ident);
		let grp = groups.get(key);
		if (!grp) {
			const labels = withoutName(ident);
			groups.set(key, (grp = { labels, key: labelsKey(labels), members: [] }));
		}
		grp.members.push({ s, le });
	}
	let size = 0;
	for (const grp of groups.values()) {
		grp.members.sort((a, b) => a.le - b.le);
		size = Math.max(size, grp.members.length);
	}
	const upper = new Float64Array(size);
	const counts = new Float64Array(size);
	const out = new Collector(n, e.pos);
	const variants = spec.kind === 'fraction' ? [null] : spec.qs;
	// Quantile-major, as Prometheus lists histogram_quantiles() results: every histogram for φ0, then for φ1, ….
	for (let i = 0; i < n; i++) {
		for (const q of variants) {
			for (const grp of groups.values()) {
				// Buckets present at this step, already sorted by bound (the histogram functions modify them).
				let k = 0;
				for (const m of grp.members) {
					if (!m.s.ok[i]) continue;
					upper[k] = m.le;
					counts[k] = m.s.v[i];
					k++;
				}
				if (k === 0) continue;
				const value =
					spec.kind === 'fraction'
						? sortedBucketFraction(spec.lower[i], spec.upper[i], upper, counts, k)
						: sortedBucketQuantile(q![i], upper, counts, k).value;
				const labels = label && q ? setLabel(grp.labels, label.value, quantileLabel(q[i])) : grp.labels;
				out.add(labels, labels === grp.labels ? grp.key : labelsKey(labels), true, i, value);
			}
		}
	}
	return out.list;
}

/** round(v, to_nearest): rounds to the nearest multiple of `toNearest` (per step), ties upwards. */
export function roundVector(vec: VSeries[], toNearest: Float64Array, g: Grid): VSeries[] {
	return vec.map((s) => {
		const v = new Float64Array(g.n);
		for (let i = 0; i < g.n; i++) {
			if (!s.ok[i]) continue;
			// Multiplying by the inverse, as Prometheus does, is less prone to float error than dividing.
			const inv = 1 / toNearest[i];
			v[i] = Math.floor(s.v[i] * inv + 0.5) / inv;
		}
		return { labels: s.labels, dropName: true, v, ok: s.ok };
	});
}

/**
 * clamp(v, min, max) / clamp_min(v, min) / clamp_max(v, max), bounds per step. clamp() returns nothing at steps
 * where max < min; a NaN bound gives NaN.
 */
export function clampVector(
	func: string,
	vec: VSeries[],
	a: Float64Array,
	b: Float64Array | null,
	g: Grid
): VSeries[] {
	const series: VSeries[] = [];
	for (const s of vec) {
		const out = newSeries(s.labels, true, g.n);
		for (let i = 0; i < g.n; i++) {
			if (!s.ok[i]) continue;
			const x = s.v[i];
			if (func === 'clamp') {
				if (b![i] < a[i]) continue;
				out.v[i] = Math.max(a[i], Math.min(b![i], x));
			} else if (func === 'clamp_min') out.v[i] = Math.max(a[i], x);
			else out.v[i] = Math.min(a[i], x);
			out.ok[i] = 1;
		}
		if (hasAny(out.ok)) series.push(out);
	}
	return series;
}
