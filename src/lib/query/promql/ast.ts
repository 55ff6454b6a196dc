/**
 * Typed PromQL syntax tree produced by {@link parsePromQL}. Durations and timestamps are resolved to
 * milliseconds at parse time; `pos` is the `[from, to)` character range of the node in the query text.
 */
import type { LabelMatcher } from '../../sim/tsdb';

export interface Pos {
	from: number;
	to: number;
}

/** Static type of an expression, as in Prometheus's type checker. */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** `@ <time>` or `@ start()` / `@ end()` on a selector or subquery. */
export type AtModifier = { kind: 'time'; ms: number } | { kind: 'start' } | { kind: 'end' };

export interface NumberLiteral {
	type: 'NumberLiteral';
	value: number;
	pos: Pos;
}

export interface StringLiteral {
	type: 'StringLiteral';
	value: string;
	/** False when the literal's escapes produce bytes that are not valid UTF-8 (the value then holds U+FFFD). */
	validUtf8: boolean;
	/** Go `%q`-style rendering of the exact bytes, for error messages. */
	quoted: string;
	pos: Pos;
}

export interface VectorSelector {
	type: 'VectorSelector';
	/** Metric name when given as an identifier or quoted name; also present as a `__name__` matcher. */
	name?: string;
	matchers: LabelMatcher[];
	/** `offset` in ms (positive looks back in time). */
	offsetMs: number;
	at?: AtModifier;
	pos: Pos;
}

export interface MatrixSelector {
	type: 'MatrixSelector';
	/** The selector; its `offsetMs`/`at` apply to the whole range. */
	selector: VectorSelector;
	rangeMs: number;
	pos: Pos;
}

export interface SubqueryExpr {
	type: 'SubqueryExpr';
	expr: PromExpr;
	rangeMs: number;
	/** Resolution; undefined means the default subquery step (see EvalOptions). */
	stepMs?: number;
	offsetMs: number;
	at?: AtModifier;
	pos: Pos;
}

export interface Call {
	type: 'Call';
	func: string;
	args: PromExpr[];
	pos: Pos;
}

export type AggregateOp =
	| 'sum'
	| 'avg'
	| 'min'
	| 'max'
	| 'count'
	| 'group'
	| 'stddev'
	| 'stdvar'
	| 'topk'
	| 'bottomk'
	| 'quantile'
	| 'count_values'
	| 'limitk'
	| 'limit_ratio';

export interface AggregateExpr {
	type: 'AggregateExpr';
	op: AggregateOp;
	/** k, q or the count_values label, for the operators that take one. */
	param?: PromExpr;
	expr: PromExpr;
	grouping: string[];
	without: boolean;
	pos: Pos;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export interface VectorMatching {
	card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
	/** True for `on(...)`, false for `ignoring(...)` (or no clause). */
	on: boolean;
	labels: string[];
	/** Extra labels copied from the "one" side with `group_left(...)` / `group_right(...)`. */
	include: string[];
}

export interface BinaryExpr {
	type: 'BinaryExpr';
	op: BinaryOp;
	lhs: PromExpr;
	rhs: PromExpr;
	returnBool: boolean;
	/** Present when both sides are instant vectors. */
	matching?: VectorMatching;
	pos: Pos;
	/** Position of the operator token. */
	opPos: Pos;
}

export interface UnaryExpr {
	type: 'UnaryExpr';
	op: '-' | '+';
	expr: PromExpr;
	pos: Pos;
}

export interface ParenExpr {
	type: 'ParenExpr';
	expr: PromExpr;
	pos: Pos;
}

export type PromExpr =
	| NumberLiteral
	| StringLiteral
	| VectorSelector
	| MatrixSelector
	| SubqueryExpr
	| Call
	| AggregateExpr
	| BinaryExpr
	| UnaryExpr
	| ParenExpr;

/** The static result type of an expression. */
export function exprType(e: PromExpr): ValueType {
	switch (e.type) {
		case 'NumberLiteral':
			return 'scalar';
		case 'StringLiteral':
			return 'string';
		case 'VectorSelector':
		case 'AggregateExpr':
			return 'vector';
		case 'MatrixSelector':
		case 'SubqueryExpr':
			return 'matrix';
		case 'Call':
			return FUNCTION_RETURN[e.func] ?? 'vector';
		case 'BinaryExpr':
			return exprType(e.lhs) === 'scalar' && exprType(e.rhs) === 'scalar' ? 'scalar' : 'vector';
		case 'UnaryExpr':
		case 'ParenExpr':
			return exprType(e.expr);
	}
}

/** Functions whose result is not an instant vector. */
const FUNCTION_RETURN: Record<string, ValueType> = {
	scalar: 'scalar',
	time: 'scalar',
	pi: 'scalar',
	start: 'scalar',
	end: 'scalar',
	range: 'scalar',
	step: 'scalar'
};

/** Human name of a value type, as Prometheus prints it in errors. */
export function typeName(t: ValueType): string {
	switch (t) {
		case 'scalar':
			return 'scalar';
		case 'string':
			return 'string';
		case 'vector':
			return 'instant vector';
		case 'matrix':
			return 'range vector';
	}
}

/** Removes any number of enclosing parentheses. */
export function unwrapParens(e: PromExpr): PromExpr {
	while (e.type === 'ParenExpr') e = e.expr;
	return e;
}
