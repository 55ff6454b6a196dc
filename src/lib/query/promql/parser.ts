/**
 * PromQL parser: `@prometheus-io/lezer-promql` (Prometheus's own grammar for its web UI) produces the concrete
 * tree; this module converts it into the typed AST of `./ast` and applies the checks of Prometheus's Go parser
 * (types of operands and arguments, modifiers, selectors), reporting problems as {@link QueryError}s that point
 * into the query text.
 */
import { parser as lezerParser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { QueryError } from '../types';
import type { LabelMatcher, LabelMatcherOp } from '../../sim/tsdb';
import {
	exprType,
	typeName,
	type AggregateOp,
	type AtModifier,
	type BinaryOp,
	type Pos,
	type PromExpr,
	type StringLiteral,
	type ValueType,
	type VectorMatching,
	type VectorSelector
} from './ast';
import { FUNCTIONS } from './functions';
import { parseDurationOrSeconds, parseNumberLiteral, unquoteString } from './literals';
import { compileRe2, Re2SyntaxError } from './re2';
import { METRIC_NAME } from './labels';

const BINARY_OPS: Record<string, BinaryOp> = {
	Pow: '^',
	Mul: '*',
	Div: '/',
	Mod: '%',
	Atan2: 'atan2',
	Add: '+',
	Sub: '-',
	Eql: '==',
	Neq: '!=',
	Gtr: '>',
	Lss: '<',
	Gte: '>=',
	Lte: '<=',
	And: 'and',
	Or: 'or',
	Unless: 'unless'
};
const COMPARISON = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS = new Set<BinaryOp>(['and', 'or', 'unless']);
const AGGREGATE_OPS = new Set<AggregateOp>([
	'sum',
	'avg',
	'min',
	'max',
	'count',
	'group',
	'stddev',
	'stdvar',
	'topk',
	'bottomk',
	'quantile',
	'count_values',
	'limitk',
	'limit_ratio'
]);
const AGGREGATES_WITH_PARAM = new Set<AggregateOp>([
	'topk',
	'bottomk',
	'quantile',
	'count_values',
	'limitk',
	'limit_ratio'
]);
const MATCH_OPS: Record<string, LabelMatcherOp> = {
	EqlSingle: '=',
	Neq: '!=',
	EqlRegex: '=~',
	NeqRegex: '!~'
};

/** Whether a comparison operator (`==`, `<`…), whose plain form filters and whose `bool` form returns 0/1. */
export function isComparisonOp(op: BinaryOp): boolean {
	return COMPARISON.has(op);
}

/** Whether a set operator (`and`, `or`, `unless`). */
export function isSetOp(op: BinaryOp): boolean {
	return SET_OPS.has(op);
}

function lineCol(text: string, offset: number): string {
	const before = text.slice(0, offset).split('\n');
	return `${before.length}:${before[before.length - 1].length + 1}`;
}

const TOKEN_RE =
	/^(?:[A-Za-z_:][\w:]*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`[^`]*`?|==|!=|=~|!~|<=|>=|\S)/;

/**
 * Lezer's number token does not accept a trailing dot (`2.`, `1./6.`), which Go's ParseFloat does. Blank out such
 * dots (keeping every offset unchanged) outside strings and comments.
 */
function patchTrailingDots(text: string): string {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (c === '"' || c === "'" || c === '`') {
			let j = i + 1;
			while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n'))
				j += c !== '`' && text[j] === '\\' ? 2 : 1;
			out += text.slice(i, j + 1);
			i = j + 1;
			continue;
		}
		if (c === '#') {
			const nl = text.indexOf('\n', i);
			const end = nl < 0 ? text.length : nl;
			out += text.slice(i, end);
			i = end;
			continue;
		}
		if (/[0-9]/.test(c) && (i === 0 || !/[\w:.]/.test(text[i - 1]))) {
			const m = /^\d[\d_]*(?![\w.])|^\d[\d_]*\.(?![\w])/.exec(text.slice(i));
			if (m && m[0].endsWith('.')) {
				out += `${m[0].slice(0, -1)} `;
				i += m[0].length;
				continue;
			}
		}
		out += c;
		i++;
	}
	return out;
}

function children(node: SyntaxNode): SyntaxNode[] {
	const out: SyntaxNode[] = [];
	for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
	return out;
}

/** Operator and modifiers of a binary expression as written, kept to re-check it after postfix rotation. */
interface RawBinary {
	op: BinaryOp;
	returnBool: boolean;
	matching?: VectorMatching;
	opPos: Pos;
}

class Converter {
	private readonly rawBinary = new WeakMap<PromExpr, RawBinary>();

	constructor(private readonly text: string) {}

	private src(n: { from: number; to: number }): string {
		return this.text.slice(n.from, n.to);
	}

	private pos(n: { from: number; to: number }): Pos {
		return { from: n.from, to: n.to };
	}

	private err(
		message: string,
		at: { from: number; to: number },
		kind: 'syntax' | 'unsupported' = 'syntax'
	): QueryError {
		return new QueryError(message, at.from, at.to, kind);
	}

	expr(n: SyntaxNode): PromExpr {
		switch (n.name) {
			case 'ParenExpr': {
				const [inner] = children(n);
				return { type: 'ParenExpr', expr: this.expr(inner), pos: this.pos(n) };
			}
			case 'NumberDurationLiteral':
				return { type: 'NumberLiteral', value: this.number(n), pos: this.pos(n) };
			case 'StringLiteral':
				return this.string(n);
			case 'VectorSelector':
				return this.vectorSelector(n);
			case 'MatrixSelector':
				return this.matrixSelector(n);
			case 'SubqueryExpr':
				return this.subquery(n);
			case 'OffsetExpr':
				return this.offset(n);
			case 'StepInvariantExpr':
				return this.at(n);
			case 'FunctionCall':
				return this.call(n);
			case 'AggregateExpr':
				return this.aggregate(n);
			case 'BinaryExpr':
				return this.binary(n);
			case 'UnaryExpr':
				return this.unary(n);
			case 'AnchoredExpr':
			case 'SmoothedExpr':
				throw this.err(
					`the experimental "${n.name === 'AnchoredExpr' ? 'anchored' : 'smoothed'}" range modifier is not supported`,
					n,
					'unsupported'
				);
			default:
				throw this.err(`unexpected ${JSON.stringify(this.src(n))}`, n);
		}
	}

	private number(n: SyntaxNode): number {
		const v = parseNumberLiteral(this.src(n));
		if (v === null) throw this.err(`bad number or duration syntax: "${this.src(n).trim()}"`, n);
		return v;
	}

	private string(n: SyntaxNode): StringLiteral {
		try {
			const u = unquoteString(this.src(n));
			return {
				type: 'StringLiteral',
				value: u.value,
				validUtf8: u.validUtf8,
				quoted: u.quoted,
				pos: this.pos(n)
			};
		} catch (e) {
			throw this.err((e as Error).message, n);
		}
	}

	private stringValue(n: SyntaxNode): string {
		const s = this.string(n);
		if (!s.validUtf8) throw this.err(`invalid UTF-8 in string ${s.quoted}`, n);
		return s.value;
	}

	private labelName(n: SyntaxNode): string {
		if (n.name === 'LabelName') return this.src(n);
		// QuotedLabelName > StringLiteral
		const [lit] = children(n);
		const name = this.stringValue(lit ?? n);
		if (name === '') throw this.err('label name must not be empty', n);
		return name;
	}

	private vectorSelector(n: SyntaxNode): VectorSelector {
		let name: string | undefined;
		const matchers: LabelMatcher[] = [];
		for (const c of children(n)) {
			if (c.name === 'Identifier') {
				name = this.src(c);
			} else if (c.name === 'LabelMatchers') {
				for (const m of children(c)) {
					if (m.name === 'QuotedLabelName') {
						const metric = this.labelName(m);
						if (name !== undefined)
							throw this.err(
								`metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(metric)}`,
								m
							);
						name = metric;
						continue;
					}
					const [ln, op, val] = children(m);
					const label = this.labelName(ln);
					const opName = children(op)[0]?.name ?? '';
					const matchOp = MATCH_OPS[opName];
					if (!matchOp || !val)
						throw this.err(`unexpected ${JSON.stringify(this.src(m))} in label matching`, m);
					const value = this.stringValue(val);
					if (matchOp === '=~' || matchOp === '!~') {
						try {
							compileRe2(value);
						} catch (e) {
							if (e instanceof Re2SyntaxError)
								throw this.err(
									`error parsing regexp: ${e.message.replace(/^error parsing regexp: /, '')}`,
									val
								);
							throw e;
						}
					}
					matchers.push({ name: label, op: matchOp, value });
				}
			}
		}
		if (name !== undefined) {
			const dup = matchers.find((m) => m.name === METRIC_NAME);
			if (dup)
				throw this.err(
					`metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(dup.value)}`,
					n
				);
			matchers.unshift({ name: METRIC_NAME, op: '=', value: name });
		}
		const nonEmpty = matchers.some((m) => {
			switch (m.op) {
				case '=':
					return m.value !== '';
				case '!=':
					return m.value === '';
				case '=~':
					return !compileRe2(m.value).regex.test('');
				case '!~':
					return compileRe2(m.value).regex.test('');
			}
		});
		if (!nonEmpty) throw this.err('vector selector must contain at least one non-empty matcher', n);
		return { type: 'VectorSelector', name, matchers, offsetMs: 0, pos: this.pos(n) };
	}

	private duration(n: SyntaxNode): number {
		const kids = children(n);
		if (n.name === 'DurationStep' || n.name === 'DurationRange')
			throw this.err(`duration expressions using ${this.src(n)}() are not supported`, n, 'unsupported');
		if (n.name === 'NumberDurationLiteralInDurationContext') {
			const v = parseDurationOrSeconds(this.src(n));
			if (v === null) throw this.err(`bad duration syntax: "${this.src(n)}"`, n);
			return v;
		}
		if (n.name === 'DurationExpr' || n.name === 'OffsetDurationExpr') {
			if (kids.length === 1) return this.duration(kids[0]);
			if (kids.length === 2 && kids[0].name === 'UnaryOp') {
				const v = this.duration(kids[1]);
				return this.src(kids[0]) === '-' ? -v : v;
			}
			if (kids.length === 3 && BINARY_OPS[kids[1].name]) {
				const a = this.duration(kids[0]);
				const b = this.duration(kids[2]);
				switch (kids[1].name) {
					case 'Add':
						return a + b;
					case 'Sub':
						return a - b;
					case 'Mul':
						return (a * b) / 1000;
					case 'Div':
						if (b === 0) throw this.err('division by zero in duration expression', n);
						return Math.round((a / b) * 1000);
					case 'Mod':
						if (b === 0) throw this.err('modulo by zero in duration expression', n);
						return a % b;
					case 'Pow':
						return Math.round(Math.pow(a / 1000, b / 1000) * 1000);
				}
			}
			const head = kids[0];
			if (head && (head.name === 'DurationMinOf' || head.name === 'DurationMaxOf') && kids.length === 3) {
				const a = this.duration(kids[1]);
				const b = this.duration(kids[2]);
				return head.name === 'DurationMinOf' ? Math.min(a, b) : Math.max(a, b);
			}
		}
		throw this.err(`bad duration syntax: "${this.src(n)}"`, n);
	}

	private matrixSelector(n: SyntaxNode): PromExpr {
		const [inner, dur] = children(n);
		const rangeMs = this.duration(dur);
		if (rangeMs <= 0) throw this.err(`range must be greater than zero, got ${this.src(dur)}`, dur);
		return this.postfix(this.expr(inner), n.to, (sel, pos) => {
			if (sel.type !== 'VectorSelector') throw this.err('ranges only allowed for vector selectors', sel.pos);
			if (sel.offsetMs !== 0) throw this.err('no offset modifiers allowed before range', pos);
			if (sel.at) throw this.err('no @ modifiers allowed before range', pos);
			return { type: 'MatrixSelector', selector: sel, rangeMs, pos };
		});
	}

	/**
	 * Applies a postfix construct (`[range]`, `[range:step]`, `offset`, `@`). In PromQL these bind tighter than
	 * any operator, but lezer attaches them to the whole preceding expression (`a + b offset 1m` reads as
	 * `(a + b) offset 1m`), so they are moved onto the rightmost operand and the operators are re-checked.
	 */
	private postfix(target: PromExpr, to: number, apply: (leaf: PromExpr, pos: Pos) => PromExpr): PromExpr {
		if (target.type === 'BinaryExpr') {
			const raw = this.rawBinary.get(target);
			if (!raw) throw this.err('internal error: unknown binary expression', target.pos);
			const rhs = this.postfix(target.rhs, to, apply);
			return this.makeBinary(raw, target.lhs, rhs, { from: target.pos.from, to });
		}
		if (target.type === 'UnaryExpr') {
			return this.makeUnary(target.op, this.postfix(target.expr, to, apply), { from: target.pos.from, to });
		}
		return apply(target, { from: target.pos.from, to });
	}

	private subquery(n: SyntaxNode): PromExpr {
		const [inner, range, step] = children(n);
		const rangeMs = this.duration(range);
		if (rangeMs <= 0)
			throw this.err(`subquery range must be greater than zero, got ${this.src(range)}`, range);
		let stepMs: number | undefined;
		if (step) {
			stepMs = this.duration(step);
			if (stepMs < 0) throw this.err(`subquery step must not be negative, got ${this.src(step)}`, step);
			if (stepMs === 0) stepMs = undefined;
		}
		return this.postfix(this.expr(inner), n.to, (expr, pos) => {
			const t = exprType(expr);
			if (t !== 'vector')
				throw this.err(`subquery is only allowed on instant vector, got ${typeName(t)} instead`, pos);
			return { type: 'SubqueryExpr', expr, rangeMs, stepMs, offsetMs: 0, pos };
		});
	}

	private offset(n: SyntaxNode): PromExpr {
		const kids = children(n);
		const offsetMs = this.duration(kids[kids.length - 1]);
		return this.postfix(this.expr(kids[0]), n.to, (target, pos) => {
			const set = (current: number): void => {
				if (current !== 0) throw this.err('offset may not be set multiple times', pos);
			};
			switch (target.type) {
				case 'VectorSelector':
					set(target.offsetMs);
					return { ...target, offsetMs, pos };
				case 'MatrixSelector':
					set(target.selector.offsetMs);
					return { ...target, selector: { ...target.selector, offsetMs }, pos };
				case 'SubqueryExpr':
					set(target.offsetMs);
					return { ...target, offsetMs, pos };
				default:
					throw this.err(
						'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
						target.pos
					);
			}
		});
	}

	private at(n: SyntaxNode): PromExpr {
		const kids = children(n);
		const target = this.expr(kids[0]);
		const spec = kids[kids.length - 1];
		let at: AtModifier;
		if (spec.name === 'AtModifierPreprocessors') {
			at = { kind: children(spec)[0]?.name === 'AtEnd' ? 'end' : 'start' };
		} else {
			const seconds = this.number(spec);
			if (!Number.isFinite(seconds) || Math.abs(seconds) >= 9.2e15)
				throw this.err(`timestamp out of bounds for @ modifier: ${seconds}`, spec);
			const ms = seconds * 1000;
			at = { kind: 'time', ms: Math.sign(ms) * Math.round(Math.abs(ms)) };
		}
		return this.postfix(target, n.to, (leaf, pos) => {
			const check = (current: AtModifier | undefined): void => {
				if (current) throw this.err('@ <timestamp> may not be set multiple times', pos);
			};
			switch (leaf.type) {
				case 'VectorSelector':
					check(leaf.at);
					return { ...leaf, at, pos };
				case 'MatrixSelector':
					check(leaf.selector.at);
					return { ...leaf, selector: { ...leaf.selector, at }, pos };
				case 'SubqueryExpr':
					check(leaf.at);
					return { ...leaf, at, pos };
				default:
					throw this.err(
						'@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
						leaf.pos
					);
			}
		});
	}

	private call(n: SyntaxNode): PromExpr {
		const [ident, body] = children(n);
		const name = this.src(ident);
		const sig = FUNCTIONS.get(name);
		if (!sig) throw this.err(`unknown function with name ${JSON.stringify(name)}`, ident);
		const args = body ? children(body).map((a) => this.expr(a)) : [];
		const pos = this.pos(n);
		const nargs = sig.argTypes.length;
		if (sig.variadic === 0) {
			if (args.length !== nargs)
				throw this.err(
					`expected ${nargs} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
					pos
				);
		} else {
			const min = nargs - 1;
			if (args.length < min)
				throw this.err(
					`expected at least ${min} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
					pos
				);
			if (sig.variadic > 0 && args.length > min + sig.variadic)
				throw this.err(
					`expected at most ${min + sig.variadic} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
					pos
				);
		}
		args.forEach((a, i) => {
			const want = sig.argTypes[Math.min(i, nargs - 1)];
			this.expectType(a, want, `call to function ${JSON.stringify(name)}`);
		});
		return { type: 'Call', func: name, args, pos };
	}

	private expectType(e: PromExpr, want: ValueType, context: string): void {
		const got = exprType(e);
		if (got !== want)
			throw this.err(`expected type ${typeName(want)} in ${context}, got ${typeName(got)}`, e.pos);
	}

	private groupingLabels(n: SyntaxNode): string[] {
		return children(n).map((c) => this.labelName(c));
	}

	private aggregate(n: SyntaxNode): PromExpr {
		let op: AggregateOp | undefined;
		let grouping: string[] = [];
		let without = false;
		let args: PromExpr[] = [];
		for (const c of children(n)) {
			if (c.name === 'AggregateOp') {
				const name = this.src(c).toLowerCase() as AggregateOp;
				if (!AGGREGATE_OPS.has(name)) throw this.err(`unknown aggregation ${JSON.stringify(this.src(c))}`, c);
				op = name;
			} else if (c.name === 'AggregateModifier') {
				const [kw, labels] = children(c);
				without = kw.name === 'Without';
				grouping = labels ? this.groupingLabels(labels) : [];
			} else if (c.name === 'FunctionCallBody') {
				args = children(c).map((a) => this.expr(a));
			}
		}
		if (!op) throw this.err('missing aggregation operator', n);
		const pos = this.pos(n);
		const desired = AGGREGATES_WITH_PARAM.has(op) ? 2 : 1;
		if (args.length !== desired)
			throw this.err(
				`wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`,
				pos
			);
		const expr = args[desired - 1];
		const param = desired === 2 ? args[0] : undefined;
		this.expectType(expr, 'vector', 'aggregation expression');
		if (param) this.expectType(param, op === 'count_values' ? 'string' : 'scalar', 'aggregation parameter');
		return { type: 'AggregateExpr', op, param, expr, grouping, without, pos };
	}

	private binary(n: SyntaxNode): PromExpr {
		const kids = children(n);
		const lhsNode = kids[0];
		const rhsNode = kids[kids.length - 1];
		const opNode = kids[1];
		if (opNode.name === 'TrimUpper' || opNode.name === 'TrimLower')
			throw this.err(
				`the experimental "${this.src(opNode)}" operator is not supported`,
				opNode,
				'unsupported'
			);
		const op = BINARY_OPS[opNode.name];
		if (!op) throw this.err(`unexpected ${JSON.stringify(this.src(opNode))}`, opNode);

		// Lezer reads `-2 ^ 2` as (-2)^2; in PromQL unary minus binds looser than ^ (it is -(2^2)).
		if (op === '^' && lhsNode.name === 'NumberDurationLiteral' && /^\s*[-+]/.test(this.src(lhsNode))) {
			const text = this.src(lhsNode).trim();
			const sign = text[0] as '-' | '+';
			const litFrom = lhsNode.from + this.src(lhsNode).indexOf(text) + 1;
			const abs: PromExpr = {
				type: 'NumberLiteral',
				value: Math.abs(this.number(lhsNode)),
				pos: { from: litFrom, to: lhsNode.to }
			};
			const inner = this.finishBinary(n, op, abs, rhsNode, kids, { from: litFrom, to: n.to });
			return this.makeUnary(sign, inner, this.pos(n));
		}
		return this.finishBinary(n, op, this.expr(lhsNode), rhsNode, kids);
	}

	private finishBinary(
		n: SyntaxNode,
		op: BinaryOp,
		lhs: PromExpr,
		rhsNode: SyntaxNode,
		kids: SyntaxNode[],
		pos: Pos = this.pos(n)
	): PromExpr {
		const rhs = this.expr(rhsNode);
		const raw: RawBinary = { op, returnBool: false, opPos: this.pos(kids[1]) };
		for (const c of kids.slice(2, -1)) {
			if (c.name === 'BoolModifier') raw.returnBool = true;
			else if (c.name === 'FillModifier')
				throw this.err(
					'the experimental fill() binary operator modifiers are not supported',
					c,
					'unsupported'
				);
			else if (c.name === 'MatchingModifierClause') {
				const parts = children(c);
				const on = parts[0].name === 'On';
				const labels = parts[1] ? this.groupingLabels(parts[1]) : [];
				let card: VectorMatching['card'] = 'one-to-one';
				let include: string[] = [];
				const g = parts[2];
				if (g) {
					card = g.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
					include = parts[3] ? this.groupingLabels(parts[3]) : [];
				}
				raw.matching = { card, on, labels, include };
			}
		}
		return this.makeBinary(raw, lhs, rhs, pos);
	}

	/** Builds and type-checks a binary expression (the checks of Prometheus's parser). */
	private makeBinary(raw: RawBinary, lhs: PromExpr, rhs: PromExpr, pos: Pos): PromExpr {
		const { op, returnBool, opPos } = raw;
		let matching = raw.matching;
		const lt = exprType(lhs);
		const rt = exprType(rhs);
		if (returnBool && !COMPARISON.has(op))
			throw this.err('bool modifier can only be used on comparison operators', opPos);
		if (COMPARISON.has(op) && !returnBool && lt === 'scalar' && rt === 'scalar')
			throw this.err('comparisons between scalars must use BOOL modifier', opPos);
		if (matching?.on) {
			for (const l of matching.labels)
				if (matching.include.includes(l))
					throw this.err(`label ${JSON.stringify(l)} must not occur in ON and GROUP clause at once`, opPos);
		}
		if (lt !== 'scalar' && lt !== 'vector')
			throw this.err('binary expression must contain only scalar and instant vector types', lhs.pos);
		if (rt !== 'scalar' && rt !== 'vector')
			throw this.err('binary expression must contain only scalar and instant vector types', rhs.pos);
		if ((lt === 'scalar' || rt === 'scalar') && SET_OPS.has(op))
			throw this.err(`set operator ${JSON.stringify(op)} not allowed in binary scalar expression`, pos);
		if (lt !== 'vector' || rt !== 'vector') {
			if (matching && matching.labels.length > 0)
				throw this.err('vector matching only allowed between instant vectors', pos);
			matching = undefined;
		} else {
			matching ??= { card: 'one-to-one', on: false, labels: [], include: [] };
			if (SET_OPS.has(op)) {
				if (matching.card !== 'one-to-one')
					throw this.err(`no grouping allowed for ${JSON.stringify(op)} operation`, pos);
				matching = { ...matching, card: 'many-to-many' };
			}
		}
		const node: PromExpr = { type: 'BinaryExpr', op, lhs, rhs, returnBool, matching, pos, opPos };
		this.rawBinary.set(node, raw);
		return node;
	}

	private unary(n: SyntaxNode): PromExpr {
		const [opNode, inner] = children(n);
		return this.makeUnary(this.src(opNode) === '-' ? '-' : '+', this.expr(inner), this.pos(n));
	}

	private makeUnary(op: '-' | '+', expr: PromExpr, pos: Pos): PromExpr {
		const t = exprType(expr);
		if (t !== 'scalar' && t !== 'vector')
			throw this.err(
				`unary expression only allowed on expressions of type scalar or instant vector, got "${typeName(t)}"`,
				pos
			);
		if (expr.type === 'NumberLiteral')
			return { type: 'NumberLiteral', value: op === '-' ? -expr.value : expr.value, pos };
		return { type: 'UnaryExpr', op, expr, pos };
	}
}

/** Builds a QueryError for the first syntax error lezer recovered from. */
function syntaxError(root: SyntaxNode, text: string): QueryError | null {
	let first: { from: number; to: number } | null = null;
	let unterminated: { from: number; to: number } | null = null;
	const cursor = root.cursor();
	do {
		if (cursor.type.isError) {
			if (!first || cursor.from < first.from) first = { from: cursor.from, to: cursor.to };
		} else if (cursor.name === 'StringLiteral' && !unterminated) {
			const s = text.slice(cursor.from, cursor.to);
			if (s.length < 2 || s[s.length - 1] !== s[0]) unterminated = { from: cursor.from, to: cursor.to };
		}
	} while (cursor.next());
	if (unterminated && (!first || unterminated.from <= first.from))
		return new QueryError(
			`unterminated quoted string at ${lineCol(text, unterminated.from)}`,
			unterminated.from,
			unterminated.to
		);
	if (!first) return null;

	// An identifier directly followed by "(" that lezer did not read as a function: an unknown function.
	const ident = /([A-Za-z_:][\w:]*)\s*$/.exec(text.slice(0, first.from));
	const next = text.slice(first.from).trimStart();
	if (ident && (next.startsWith('(') || text.slice(first.from, first.to).trimStart().startsWith('('))) {
		const name = ident[1];
		const from = first.from - ident[0].length;
		if (
			!FUNCTIONS.has(name) &&
			!AGGREGATE_OPS.has(name as AggregateOp) &&
			!/^(by|without|on|ignoring|group_left|group_right|bool|offset)$/i.test(name)
		)
			return new QueryError(`unknown function with name ${JSON.stringify(name)}`, from, from + name.length);
	}

	let at = first.from;
	while (at < text.length && /\s/.test(text[at])) at++;
	if (at >= text.length)
		return new QueryError(
			`unexpected end of input at ${lineCol(text, text.length)}`,
			text.length,
			text.length
		);
	const tok = TOKEN_RE.exec(text.slice(at))?.[0] ?? text[at];
	const shown = tok.length > 30 ? `${tok.slice(0, 30)}…` : tok;
	return new QueryError(`unexpected '${shown}' at ${lineCol(text, at)}`, at, at + tok.length);
}

/**
 * Parses a PromQL expression into a typed AST. Throws {@link QueryError} (kind `syntax`) with the character range
 * of the problem for syntax and type errors, and kind `unsupported` for experimental syntax Pagerdrill does not
 * evaluate (anchored/smoothed ranges, fill() modifiers, `</` `>/` operators, step()/range() in durations).
 * Functions that parse but are not evaluated (native-histogram functions, `info`) are reported by
 * {@link findUnsupported} and at evaluation time.
 */
export function parsePromQL(text: string): PromExpr {
	if (text.trim() === '') throw new QueryError('empty query', 0, text.length);
	const patched = patchTrailingDots(text);
	const tree = lezerParser.parse(patched);
	const error = syntaxError(tree.topNode, text);
	if (error) throw error;
	const top = children(tree.topNode)[0];
	if (!top) throw new QueryError('empty query', 0, text.length);
	return new Converter(text).expr(top);
}

/** The first construct in `expr` that parses but that the evaluator does not support, as a QueryError; else null. */
export function findUnsupported(expr: PromExpr): QueryError | null {
	switch (expr.type) {
		case 'Call': {
			const sig = FUNCTIONS.get(expr.func);
			if (sig?.unsupported)
				return new QueryError(
					`${expr.func}() is not supported: ${sig.unsupported}`,
					expr.pos.from,
					expr.pos.to,
					'unsupported'
				);
			for (const a of expr.args) {
				const e = findUnsupported(a);
				if (e) return e;
			}
			return null;
		}
		case 'AggregateExpr':
			return (expr.param && findUnsupported(expr.param)) || findUnsupported(expr.expr);
		case 'BinaryExpr':
			return findUnsupported(expr.lhs) || findUnsupported(expr.rhs);
		case 'UnaryExpr':
		case 'ParenExpr':
		case 'SubqueryExpr':
			return findUnsupported(expr.expr);
		default:
			return null;
	}
}
