/**
 * PromQL binary operators with Prometheus semantics: arithmetic and comparisons between scalars and vectors,
 * vector matching (`on`/`ignoring`, `group_left`/`group_right`, with Prometheus's many-to-one and many-to-many
 * errors) and the set operators `and`, `or`, `unless`. Matching is computed per step, as in Prometheus.
 */
import type { Labels } from '../../sim/types';
import type { BinaryExpr, BinaryOp } from './ast';
import { formatLabels, labelsKey, METRIC_NAME } from './labels';
import { goMod, goPow } from './math';
import { isComparisonOp, isSetOp } from './parser';
import {
	Collector,
	evalError,
	hasAny,
	keyOf,
	newSeries,
	type Grid,
	type Value,
	type VSeries
} from './series';

const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/', '%', '^', 'atan2']);

/** Result value and whether the sample is kept (comparisons filter). */
function elemBinop(op: BinaryOp, l: number, r: number): [number, boolean] {
	switch (op) {
		case '+':
			return [l + r, true];
		case '-':
			return [l - r, true];
		case '*':
			return [l * r, true];
		case '/':
			return [l / r, true];
		case '%':
			return [goMod(l, r), true];
		case '^':
			return [goPow(l, r), true];
		case 'atan2':
			return [Math.atan2(l, r), true];
		case '==':
			return [l, l === r];
		case '!=':
			return [l, l !== r];
		case '>':
			return [l, l > r];
		case '<':
			return [l, l < r];
		case '>=':
			return [l, l >= r];
		case '<=':
			return [l, l <= r];
		default:
			throw new Error(`operator ${op} is not a value operator`);
	}
}

/**
 * Applies a binary operator to evaluated operands (scalars or instant vectors, as the parser guarantees).
 * Arithmetic and `bool` comparisons mark the metric name for removal; plain comparisons filter and keep it.
 */
export function binaryOp(e: BinaryExpr, l: Value, r: Value, g: Grid): Value {
	const n = g.n;
	if (l.kind === 'scalar' && r.kind === 'scalar') {
		const v = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			const [value, keep] = elemBinop(e.op, l.v[i], r.v[i]);
			v[i] = isComparisonOp(e.op) ? (keep ? 1 : 0) : value;
		}
		return { kind: 'scalar', v };
	}
	if (l.kind === 'vector' && r.kind === 'scalar')
		return { kind: 'vector', series: vectorScalar(e, l.series, r.v, false, g) };
	if (l.kind === 'scalar' && r.kind === 'vector')
		return { kind: 'vector', series: vectorScalar(e, r.series, l.v, true, g) };
	if (l.kind !== 'vector' || r.kind !== 'vector')
		throw evalError('binary expression must contain only scalar and instant vector types', e.pos);
	if (isSetOp(e.op)) return { kind: 'vector', series: setOp(e, l.series, r.series, g) };
	return { kind: 'vector', series: vectorBinop(e, l.series, r.series, g) };
}

/** Vector–scalar operation (`swap`: the scalar is on the left). */
function vectorScalar(e: BinaryExpr, vec: VSeries[], sc: Float64Array, swap: boolean, g: Grid): VSeries[] {
	const comparison = isComparisonOp(e.op);
	const drop = ARITHMETIC.has(e.op) || e.returnBool;
	const out: VSeries[] = [];
	for (const s of vec) {
		const res = newSeries(s.labels, s.dropName || drop, g.n);
		for (let i = 0; i < g.n; i++) {
			if (!s.ok[i]) continue;
			const [value, keep] = swap ? elemBinop(e.op, sc[i], s.v[i]) : elemBinop(e.op, s.v[i], sc[i]);
			if (e.returnBool) {
				res.v[i] = keep ? 1 : 0;
			} else {
				if (!keep) continue;
				res.v[i] = comparison ? s.v[i] : value;
			}
			res.ok[i] = 1;
		}
		if (hasAny(res.ok)) out.push(res);
	}
	return out;
}

/** Matching key of a series: its `on(...)` labels, or all labels but the `ignoring(...)` ones and the name. */
function signatureFn(e: BinaryExpr): (labels: Labels) => string {
	const m = e.matching!;
	if (m.on) {
		const names = [...m.labels].sort();
		return (labels) => {
			let key = '';
			for (const n of names) {
				const v = labels[n];
				if (v !== undefined && v !== '') key += `${n}\u0000${v}\u0001`;
			}
			return key;
		};
	}
	const skip = new Set([...m.labels, METRIC_NAME]);
	return (labels) => {
		let key = '';
		for (const n of Object.keys(labels).sort()) {
			if (skip.has(n)) continue;
			key += `${n}\u0000${labels[n]}\u0001`;
		}
		return key;
	};
}

/** `and` / `or` / `unless`, step by step; samples keep their labels and values. */
function setOp(e: BinaryExpr, lhs: VSeries[], rhs: VSeries[], g: Grid): VSeries[] {
	const sig = signatureFn(e);
	const lSig = lhs.map((s) => sig(s.labels));
	const rSig = rhs.map((s) => sig(s.labels));
	const out = new Collector(g.n, e.pos);
	const sigs = new Set<string>();
	for (let i = 0; i < g.n; i++) {
		sigs.clear();
		if (e.op === 'or') {
			for (let k = 0; k < lhs.length; k++) {
				const s = lhs[k];
				if (!s.ok[i]) continue;
				sigs.add(lSig[k]);
				out.add(s.labels, keyOf(s), s.dropName, i, s.v[i]);
			}
			for (let k = 0; k < rhs.length; k++) {
				const s = rhs[k];
				if (s.ok[i] && !sigs.has(rSig[k])) out.add(s.labels, keyOf(s), s.dropName, i, s.v[i]);
			}
			continue;
		}
		for (let k = 0; k < rhs.length; k++) if (rhs[k].ok[i]) sigs.add(rSig[k]);
		const wantMatch = e.op === 'and';
		for (let k = 0; k < lhs.length; k++) {
			const s = lhs[k];
			if (s.ok[i] && sigs.has(lSig[k]) === wantMatch) out.add(s.labels, keyOf(s), s.dropName, i, s.v[i]);
		}
	}
	return out.list;
}

/** Arithmetic or comparison between two vectors with one-to-one, many-to-one or one-to-many matching. */
function vectorBinop(e: BinaryExpr, lhsIn: VSeries[], rhsIn: VSeries[], g: Grid): VSeries[] {
	const m = e.matching!;
	const swapped = m.card === 'one-to-many';
	// After the swap, `L` is the "many" side (or either side for one-to-one) and `R` the "one" side.
	const L = swapped ? rhsIn : lhsIn;
	const R = swapped ? lhsIn : rhsIn;
	const sig = signatureFn(e);
	const lSig = L.map((s) => sig(s.labels));
	const rSig = R.map((s) => sig(s.labels));
	const out = new Collector(g.n, e.pos);
	const resultCache = new Map<number, { labels: Labels; key: string }>();
	const arithmetic = ARITHMETIC.has(e.op);
	const rightAt = new Map<string, number>();
	const matchedOne = new Set<string>();
	const matchedMany = new Map<string, Set<string>>();
	for (let i = 0; i < g.n; i++) {
		rightAt.clear();
		for (let k = 0; k < R.length; k++) {
			if (!R[k].ok[i]) continue;
			const prev = rightAt.get(rSig[k]);
			if (prev !== undefined) {
				const side = swapped ? 'left' : 'right';
				const group = formatLabels(m.on ? pick(R[k].labels, m.labels) : R[k].labels);
				throw evalError(
					`found duplicate series for the match group ${group} on the ${side} hand-side of the operation: ` +
						`[${formatLabels(R[k].labels)}, ${formatLabels(R[prev].labels)}];` +
						'many-to-many matching not allowed: matching labels must be unique on one side',
					e.pos
				);
			}
			rightAt.set(rSig[k], k);
		}
		if (rightAt.size === 0) continue;
		matchedOne.clear();
		matchedMany.clear();
		for (let k = 0; k < L.length; k++) {
			const ls = L[k];
			if (!ls.ok[i]) continue;
			const s = lSig[k];
			const rk = rightAt.get(s);
			if (rk === undefined) continue;
			const rs = R[rk];
			const [lv, rv] = swapped ? [rs.v[i], ls.v[i]] : [ls.v[i], rs.v[i]];
			let [value, keep] = elemBinop(e.op, lv, rv);
			if (e.returnBool) {
				value = keep ? 1 : 0;
				keep = true;
			}
			if (m.card === 'one-to-one') {
				if (matchedOne.has(s))
					throw evalError(
						'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
						e.pos
					);
				matchedOne.add(s);
			}
			if (!keep) continue;
			const cacheKey = k * R.length + rk;
			let result = resultCache.get(cacheKey);
			if (!result) {
				const labels = resultLabels(ls.labels, rs.labels, e);
				result = { labels, key: labelsKey(labels) };
				resultCache.set(cacheKey, result);
			}
			if (m.card !== 'one-to-one') {
				let inserted = matchedMany.get(s);
				if (!inserted) matchedMany.set(s, (inserted = new Set()));
				else if (inserted.has(result.key))
					throw evalError('multiple matches for labels: grouping labels must ensure unique matches', e.pos);
				inserted.add(result.key);
			}
			out.add(result.labels, result.key, arithmetic || e.returnBool || ls.dropName, i, value);
		}
	}
	return out.list;
}

function pick(labels: Labels, names: readonly string[]): Labels {
	const out: Labels = {};
	for (const n of names) if (labels[n]) out[n] = labels[n];
	return out;
}

/** Labels of a vector-matching result: the "many" side's labels, narrowed for one-to-one, plus group_x labels. */
function resultLabels(many: Labels, one: Labels, e: BinaryExpr): Labels {
	const m = e.matching!;
	let out: Labels;
	if (m.card === 'one-to-one') {
		if (m.on) out = pick(many, m.labels);
		else {
			out = { ...many };
			for (const l of m.labels) delete out[l];
		}
	} else out = { ...many };
	for (const l of m.include) {
		const v = one[l];
		if (v) out[l] = v;
		else delete out[l];
	}
	return out;
}
