/**
 * LogQL parser: runs the @grafana/lezer-logql grammar, turns its first error node into a QueryError that says
 * what was expected there, and converts the concrete tree into the typed AST of `./ast`. Semantic rules Loki
 * enforces at parse time (selector needs a non-empty matcher, unwrap/grouping rules of range aggregations, scalar
 * comparisons need `bool`, …) are checked here too, so every error points into the query text.
 */
import { parser } from '@grafana/lezer-logql';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parseDuration } from '../../sim/duration';
import { QueryError } from '../types';
import type {
	ArithmeticOp,
	BinaryExpr,
	BinaryOp,
	CompareOp,
	Grouping,
	LabelExtraction,
	LabelFilterExpr,
	LabelFormatOp,
	LabelMatcher,
	LineFilterOp,
	LogQLExpr,
	LogQueryExpr,
	LogRangeExpr,
	MatchOp,
	MetricExpr,
	PipelineStage,
	RangeAggregationExpr,
	RangeOp,
	Span,
	StreamSelector,
	UnwrapConversion,
	UnwrapExpr,
	VectorMatching,
	VectorOp
} from './ast';
import { compileRegex, parseBytes, unquoteString } from './go-syntax';
import { compilePattern, compileRegexpParser, parseJsonPath } from './line-parsers';
import { compileMatcher } from './matchers';
import { compileTemplate } from './template';

/**
 * Parses a LogQL query (log query or metric query) into a typed AST.
 * Throws a {@link QueryError} with 0-based `from`/`to` offsets: kind `syntax` for malformed text and for
 * queries Loki rejects, kind `unsupported` for valid LogQL this engine does not evaluate (e.g. `ip()`, `unpack`).
 */
export function parseLogQL(text: string): LogQLExpr {
	if (text.trim() === '') {
		throw new QueryError(
			'empty query: start with a stream selector such as {service="checkout-api"}',
			0,
			text.length
		);
	}
	const tree = parser.parse(text);
	reportFirstError(tree, text);
	const top = childOf(tree.topNode, 'Expr');
	if (!top) throw new QueryError('could not parse the query', 0, text.length);
	return new Builder(text).expr(top);
}

/** True when the expression is a metric query (returns numbers), false for a log query (returns lines). */
export function isMetricQuery(expr: LogQLExpr): boolean {
	return expr.type !== 'log';
}

// ---------------------------------------------------------------------------------------------------------------
// Tree helpers

function children(node: SyntaxNode): SyntaxNode[] {
	const out: SyntaxNode[] = [];
	for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
	return out;
}

function childOf(node: SyntaxNode, name: string): SyntaxNode | null {
	for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === name) return c;
	return null;
}

/** Flattens a left-recursive list node (`Matchers { Matcher | Matchers "," Matcher }`) into its items. */
function flatten(node: SyntaxNode, listName: string, itemName: string): SyntaxNode[] {
	const out: SyntaxNode[] = [];
	const walk = (n: SyntaxNode) => {
		for (const c of children(n)) {
			if (c.name === listName) walk(c);
			else if (c.name === itemName) out.push(c);
		}
	};
	walk(node);
	return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Syntax errors

const RANGE_OP_NAMES = new Set([
	'count_over_time',
	'rate',
	'rate_counter',
	'bytes_over_time',
	'bytes_rate',
	'avg_over_time',
	'sum_over_time',
	'min_over_time',
	'max_over_time',
	'stddev_over_time',
	'stdvar_over_time',
	'quantile_over_time',
	'first_over_time',
	'last_over_time',
	'absent_over_time'
]);

const PIPE_STAGE_HINT =
	'a parser (json, logfmt, regexp, pattern), a label filter (e.g. status >= 500), line_format, label_format, drop or keep';

function describe(text: string, from: number, to: number): string {
	if (from >= text.length) return 'end of query';
	const slice = text.slice(from, Math.max(to, from + 1)).split('\n')[0];
	const shown = slice.length > 24 ? slice.slice(0, 24) + '…' : slice;
	return `"${shown}"`;
}

function reportFirstError(tree: Tree, text: string): void {
	let err: SyntaxNode | null = null;
	tree.iterate({
		enter(ref) {
			if (err) return false;
			if (ref.type.isError) {
				err = ref.node;
				return false;
			}
			return undefined;
		}
	});
	if (!err) return;
	const node: SyntaxNode = err;
	// Point at the offending token: for an empty error node, the next non-blank character (or the end).
	let from = node.from;
	let to = node.to;
	if (to === from) {
		while (from < text.length && /\s/.test(text[from])) from++;
		to = Math.min(text.length, from + tokenLength(text, from));
	}
	if (node.parent?.name === 'Range') {
		const close = text.indexOf(']', from);
		if (close !== -1) to = close;
	}
	const glued = node.prevSibling?.name === 'LabelFilter' && from > 0 && !/\s/.test(text[from - 1]);
	if (glued) {
		const start = text.lastIndexOf(' ', from) + 1;
		const word = text.slice(start, to);
		throw new QueryError(
			`syntax error at "${word}": expected a number, a duration (250ms) or a byte size (10KB)`,
			start,
			to
		);
	}
	if (text.slice(Math.max(0, from - 2), from) === '--') {
		throw new QueryError(
			`unknown flag "--${text.slice(from, to)}": logfmt takes --strict and --keep-empty`,
			from - 2,
			to
		);
	}
	if (/^offset\b/.test(text.slice(from)) && node.parent?.name === 'RangeAggregationExpr') {
		throw new QueryError(
			'offset after a pipeline with unwrap is not supported by this parser; write it right after the range: {…}[5m] offset 1h | logfmt | unwrap x',
			from,
			to,
			'unsupported'
		);
	}
	const found = describe(text, from, to);
	const message = expectation(node, text, from);
	throw new QueryError(`syntax error at ${found}: ${message}`, from, Math.max(to, from));
}

function tokenLength(text: string, from: number): number {
	const m = /^(?:[A-Za-z_:][A-Za-z0-9_:]*|[0-9]+[A-Za-z]*|"(?:[^"\\\n]|\\.)*"?|\S)/.exec(text.slice(from));
	return m ? m[0].length : 0;
}

function expectation(err: SyntaxNode, text: string, at: number): string {
	const parent = err.parent;
	const prev = err.prevSibling;
	const p = parent?.name ?? '';
	const prevName = prev?.name ?? '';
	const next = text.slice(at);
	const inner = err.firstChild?.name ?? '';

	if (next.startsWith("'")) return 'single quotes are not LogQL strings: use "double quotes" or `backticks`';
	if (inner === 'Unwrap' || /^unwrap\b/.test(next)) {
		return 'unwrap is only allowed inside a range aggregation, e.g. sum_over_time({…} | logfmt | unwrap latency_ms [5m])';
	}
	if (next.startsWith('[') && (p === 'LogExpr' || p === 'LogQL' || p === 'Expr')) {
		return 'a range like [5m] is only allowed inside a range aggregation, e.g. count_over_time({…}[5m])';
	}
	const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(next)?.[0];
	if (
		word &&
		/^\s*\(/.test(next.slice(word.length)) &&
		!RANGE_OP_NAMES.has(word) &&
		(p === 'LogQL' || p === 'Expr' || p === 'MetricExpr')
	) {
		return `unknown function "${word}"; LogQL has count_over_time, rate, bytes_over_time, bytes_rate, sum/avg/min/max/first/last/quantile_over_time and the aggregations sum, avg, min, max, count, topk, bottomk`;
	}

	switch (p) {
		case 'Selector':
			if (!prev)
				return 'expected a label matcher such as service="checkout-api" (a stream selector needs at least one)';
			return 'expected a "," followed by another matcher, or "}" to close the stream selector';
		case 'Matchers':
			return 'expected a label matcher such as level="error"';
		case 'Matcher':
			if (prevName === 'Identifier') return 'expected a match operator: =, !=, =~ or !~';
			return 'expected a quoted string value, e.g. "checkout-api"';
		case 'LineFilter':
		case 'OrFilter':
			return 'expected a quoted string after the line filter operator, e.g. |= "timeout"';
		case 'PipelineStage':
			if (prevName === 'Pipe') return `expected ${PIPE_STAGE_HINT}`;
			if (prevName === 'LabelFilter')
				return 'expected and, or or "," to combine label filters, or "|" to start the next stage';
			return `expected a pipeline stage: a line filter (|= != |~ !~) or "|" followed by ${PIPE_STAGE_HINT}`;
		case 'LabelFilter':
			if (prevName === 'And' || prevName === 'Or') return 'expected another label filter, e.g. status >= 500';
			if (['Matcher', 'NumberFilter', 'UnitFilter', 'LabelFilter'].includes(prevName)) {
				return 'expected and, or or "," to combine label filters, or "|" to start the next stage';
			}
			return 'expected a label filter, e.g. status >= 500 or level="error"';
		case 'NumberFilter':
		case 'DurationFilter':
		case 'BytesFilter':
		case 'UnitFilter':
			return 'expected a number, duration (250ms) or byte size (10KB) to compare with';
		case 'LabelParser':
		case 'JsonExpressionParser':
		case 'LabelExtractionExpressionList':
		case 'LabelExtractionExpression':
			return 'expected a quoted string (the regexp, pattern or field path to extract)';
		case 'LineFormatExpr':
			return 'expected a quoted template, e.g. line_format "{{.status}} {{.msg}}"';
		case 'LabelFormatExpr':
		case 'LabelsFormat':
		case 'LabelFormatMatcher':
			return 'expected assignments like label_format dst=src or dst="{{.x}}"';
		case 'DropLabelsExpr':
		case 'DropLabels':
		case 'KeepLabelsExpr':
		case 'KeepLabels':
			return 'expected label names, e.g. drop trace_id, pod';
		case 'Range':
			return 'expected a duration such as 5m (units: ms, s, m, h, d, w, y)';
		case 'LogRangeExpr':
			if (next.startsWith(')') || next === '') return 'expected a range such as [5m] after the log selector';
			return 'expected a range such as [5m], "offset 1m" or "| unwrap label"';
		case 'RangeAggregationExpr':
			if (prevName === 'RangeOp')
				return 'expected a log selector with a range, e.g. rate({service="api"}[5m])';
			return 'expected ")" to close the range aggregation';
		case 'VectorAggregationExpr':
			if (prevName === 'VectorOp' || prevName === 'Grouping')
				return 'expected "(" and a metric expression, e.g. sum(rate({…}[5m]))';
			return 'expected ")" to close the aggregation, or a metric expression';
		case 'Grouping':
			return 'expected label names in parentheses, e.g. by (service)';
		case 'UnwrapExpr':
			return 'expected the label to unwrap, e.g. | unwrap latency_ms or | unwrap duration(latency)';
		case 'OffsetExpr':
			return 'expected a duration such as 5m after offset';
		case 'BinOpExpr':
		case 'BinOpModifier':
			return 'expected a metric expression after the operator';
		case 'LabelReplaceExpr':
			return 'expected label_replace(metric, "dst", "replacement", "src", "regex")';
		case 'VectorExpr':
			return 'expected a number, e.g. vector(0)';
		case 'LogExpr':
			return 'expected a pipeline stage (|= != |~ !~ or "|" …) or the end of the query';
		case 'MetricExpr':
		case 'Expr':
		case 'LogQL':
			if (at >= text.length) return 'expected an expression';
			return 'expected an operator or the end of the query';
		default:
			return 'expected valid LogQL here';
	}
}

// ---------------------------------------------------------------------------------------------------------------
// AST construction

const MATCH_OPS: Record<string, MatchOp> = { Eq: '=', Neq: '!=', Re: '=~', Nre: '!~' };
const COMPARE_OPS: Record<string, CompareOp> = {
	Eq: '==',
	Eql: '==',
	Neq: '!=',
	Gtr: '>',
	Gte: '>=',
	Lss: '<',
	Lte: '<='
};
const LINE_FILTER_OPS: Record<string, LineFilterOp> = {
	PipeExact: '|=',
	Neq: '!=',
	PipeMatch: '|~',
	Nre: '!~',
	PipePattern: '|>',
	Npa: '!>'
};
const BINARY_OPS: Record<string, BinaryOp> = {
	Add: '+',
	Sub: '-',
	Mul: '*',
	Div: '/',
	Mod: '%',
	Pow: '^',
	Eql: '==',
	Neq: '!=',
	Gtr: '>',
	Gte: '>=',
	Lss: '<',
	Lte: '<=',
	And: 'and',
	Or: 'or',
	Unless: 'unless'
};
const RANGE_OPS: Record<string, RangeOp> = {
	CountOverTime: 'count_over_time',
	Rate: 'rate',
	BytesOverTime: 'bytes_over_time',
	BytesRate: 'bytes_rate',
	AvgOverTime: 'avg_over_time',
	SumOverTime: 'sum_over_time',
	MinOverTime: 'min_over_time',
	MaxOverTime: 'max_over_time',
	StddevOverTime: 'stddev_over_time',
	StdvarOverTime: 'stdvar_over_time',
	QuantileOverTime: 'quantile_over_time',
	FirstOverTime: 'first_over_time',
	LastOverTime: 'last_over_time',
	AbsentOverTime: 'absent_over_time'
};
const VECTOR_OPS: Record<string, VectorOp> = {
	Sum: 'sum',
	Avg: 'avg',
	Min: 'min',
	Max: 'max',
	Count: 'count',
	Stddev: 'stddev',
	Stdvar: 'stdvar',
	Topk: 'topk',
	Bottomk: 'bottomk',
	Sort: 'sort',
	Sort_Desc: 'sort_desc'
};
const UNWRAP_OPS = new Set<RangeOp>([
	'sum_over_time',
	'avg_over_time',
	'min_over_time',
	'max_over_time',
	'stddev_over_time',
	'stdvar_over_time',
	'quantile_over_time',
	'first_over_time',
	'last_over_time',
	'rate',
	'absent_over_time'
]);
const LOG_RANGE_OPS = new Set<RangeOp>([
	'count_over_time',
	'rate',
	'bytes_over_time',
	'bytes_rate',
	'absent_over_time'
]);
const GROUPING_RANGE_OPS = new Set<RangeOp>([
	'avg_over_time',
	'min_over_time',
	'max_over_time',
	'stddev_over_time',
	'stdvar_over_time',
	'quantile_over_time',
	'first_over_time',
	'last_over_time'
]);

/** Operator precedence (higher binds tighter), as in Loki/Prometheus. */
const PRECEDENCE: Record<BinaryOp, number> = {
	or: 1,
	and: 2,
	unless: 2,
	'==': 3,
	'!=': 3,
	'>': 3,
	'>=': 3,
	'<': 3,
	'<=': 3,
	'+': 4,
	'-': 4,
	'*': 5,
	'/': 5,
	'%': 5,
	'^': 6
};

const isCompare = (op: BinaryOp): op is CompareOp => PRECEDENCE[op] === 3;
const isSetOp = (op: BinaryOp): boolean => op === 'and' || op === 'or' || op === 'unless';

interface BinOperator {
	op: BinaryOp;
	opNode: SyntaxNode;
	modifier: SyntaxNode | null;
}

class Builder {
	constructor(private readonly text: string) {}

	private src(n: SyntaxNode | Span): string {
		return this.text.slice(n.from, n.to);
	}

	private span(n: SyntaxNode | Span): Span {
		return { from: n.from, to: n.to };
	}

	private error(
		message: string,
		at: SyntaxNode | Span,
		kind: 'syntax' | 'unsupported' = 'syntax'
	): QueryError {
		return new QueryError(message, at.from, at.to, kind);
	}

	private unsupported(what: string, at: SyntaxNode | Span): QueryError {
		return this.error(`${what} is not supported by this LogQL engine`, at, 'unsupported');
	}

	private string(n: SyntaxNode): string {
		return unquoteString(this.src(n), n.from);
	}

	private required(n: SyntaxNode, name: string): SyntaxNode {
		const c = childOf(n, name);
		if (!c) throw this.error(`expected ${name} in ${n.name}`, n);
		return c;
	}

	expr(node: SyntaxNode): LogQLExpr {
		const inner = children(node)[0];
		if (!inner) throw this.error('expected an expression', node);
		if (inner.name === 'LogExpr') return this.logExpr(inner);
		if (inner.name === 'MetricExpr') return this.metricExpr(inner);
		throw this.error('expected a log or metric expression', inner);
	}

	// ----- log queries

	private logExpr(node: SyntaxNode): LogQueryExpr {
		const kids = children(node);
		if (kids.length === 1 && kids[0].name === 'LogExpr') {
			const inner = this.logExpr(kids[0]);
			return { ...inner, from: node.from, to: node.to };
		}
		const selector = this.selector(this.required(node, 'Selector'));
		const pipe = childOf(node, 'PipelineExpr');
		return {
			type: 'log',
			selector,
			pipeline: pipe ? this.pipeline(pipe) : [],
			from: node.from,
			to: node.to
		};
	}

	private selector(node: SyntaxNode): StreamSelector {
		const matchers = flatten(this.required(node, 'Matchers'), 'Matchers', 'Matcher').map((m) =>
			this.matcher(m)
		);
		const nonEmpty = matchers.some((m) => !compileMatcher(m)(''));
		if (!nonEmpty) {
			throw this.error(
				'a stream selector needs at least one matcher that does not match the empty string, e.g. {service="checkout-api"} or {service=~".+"} (not only =~".*", != or ="")',
				node
			);
		}
		return { matchers, from: node.from, to: node.to };
	}

	private matcher(node: SyntaxNode): LabelMatcher {
		const kids = children(node);
		const [name, opNode, value] = kids;
		const op = MATCH_OPS[opNode?.name ?? ''];
		if (!name || !op || !value || value.name !== 'String')
			throw this.error('expected label op "value"', node);
		const m: LabelMatcher = {
			name: this.src(name),
			op,
			value: this.string(value),
			from: node.from,
			to: node.to
		};
		if (op === '=~' || op === '!~') compileRegex(m.value, true, value);
		return m;
	}

	private pipeline(node: SyntaxNode): PipelineStage[] {
		const stages: PipelineStage[] = [];
		for (const stage of flatten(node, 'PipelineExpr', 'PipelineStage')) {
			const kids = children(stage);
			const first = kids[0];
			if (first?.name === 'LineFilters') {
				for (const lf of flatten(first, 'LineFilters', 'LineFilter')) stages.push(this.lineFilter(lf));
				continue;
			}
			const body = kids[1];
			if (!body) throw this.error(`expected ${PIPE_STAGE_HINT}`, stage);
			stages.push(this.stage(body));
		}
		return stages;
	}

	private lineFilter(node: SyntaxNode): PipelineStage {
		const filter = this.required(node, 'Filter');
		const opName = children(filter)[0]?.name ?? '';
		const op = LINE_FILTER_OPS[opName];
		if (!op) throw this.error('unknown line filter operator', filter);
		if (childOf(node, 'FilterOp')) throw this.unsupported('the ip() line filter', node);
		const strings: SyntaxNode[] = [];
		const collect = (n: SyntaxNode) => {
			for (const c of children(n)) {
				if (c.name === 'String') strings.push(c);
				else if (c.name === 'OrFilter') collect(c);
				else if (c.name === 'FilterOp' || c.name === 'Ip') throw this.unsupported('the ip() line filter', c);
			}
		};
		collect(node);
		const values = strings.map((s) => this.string(s));
		const valueSpans = strings.map((s) => this.span(s));
		strings.forEach((s, i) => {
			if (op === '|~' || op === '!~') compileRegex(values[i], false, s);
			if (op === '|>' || op === '!>') compilePattern(values[i], s, false);
		});
		return { kind: 'lineFilter', op, values, valueSpans, from: node.from, to: node.to };
	}

	private stage(node: SyntaxNode): PipelineStage {
		const span = this.span(node);
		switch (node.name) {
			case 'LabelParser': {
				const kind = children(node)[0];
				const arg = childOf(node, 'String');
				switch (kind?.name) {
					case 'Json':
						return { kind: 'json', extractions: [], ...span };
					case 'Logfmt':
						return { kind: 'logfmt', strict: false, keepEmpty: false, extractions: [], ...span };
					case 'Regexp': {
						if (!arg) throw this.error('regexp needs a quoted expression', node);
						const pattern = this.string(arg);
						compileRegexpParser(pattern, arg);
						return { kind: 'regexp', pattern, patternSpan: this.span(arg), ...span };
					}
					case 'Pattern': {
						if (!arg) throw this.error('pattern needs a quoted expression', node);
						const pattern = this.string(arg);
						compilePattern(pattern, arg, true);
						return { kind: 'pattern', pattern, patternSpan: this.span(arg), ...span };
					}
					case 'Unpack':
						throw this.unsupported('the unpack parser', node);
					default:
						throw this.error('unknown parser', node);
				}
			}
			case 'LogfmtParser':
			case 'LogfmtExpressionParser': {
				const flags = childOf(node, 'LogfmtParserFlags');
				const flagNames = flags
					? flatten(flags, 'LogfmtParserFlags', 'ParserFlag').map((f) => this.src(f))
					: [];
				for (const f of flags ? flatten(flags, 'LogfmtParserFlags', 'ParserFlag') : []) {
					const name = this.src(f);
					if (name !== '--strict' && name !== '--keep-empty') {
						throw this.error(`unknown logfmt flag ${name} (use --strict or --keep-empty)`, f);
					}
				}
				const list = childOf(node, 'LabelExtractionExpressionList');
				return {
					kind: 'logfmt',
					strict: flagNames.includes('--strict'),
					keepEmpty: flagNames.includes('--keep-empty'),
					extractions: list ? this.extractions(list, false) : [],
					...span
				};
			}
			case 'JsonExpressionParser': {
				const list = this.required(node, 'LabelExtractionExpressionList');
				return { kind: 'json', extractions: this.extractions(list, true), ...span };
			}
			case 'LabelFilter':
				return { kind: 'labelFilter', filter: this.labelFilter(node), ...span };
			case 'LineFormatExpr': {
				const s = this.required(node, 'String');
				const template = this.string(s);
				compileTemplate(template, s, this.isExactString(s));
				return { kind: 'lineFormat', template, templateSpan: this.span(s), ...span };
			}
			case 'LabelFormatExpr': {
				const ops: LabelFormatOp[] = [];
				const seen = new Set<string>();
				for (const m of flatten(this.required(node, 'LabelsFormat'), 'LabelsFormat', 'LabelFormatMatcher')) {
					const [dst, , value] = children(m);
					const name = this.src(dst);
					if (seen.has(name)) throw this.error(`label_format assigns ${name} twice`, m);
					seen.add(name);
					if (value.name === 'String') {
						const template = this.string(value);
						compileTemplate(template, value, this.isExactString(value));
						ops.push({ dst: name, template, from: m.from, to: m.to });
					} else ops.push({ dst: name, rename: this.src(value), from: m.from, to: m.to });
				}
				return { kind: 'labelFormat', ops, ...span };
			}
			case 'DropLabelsExpr':
			case 'KeepLabelsExpr': {
				const drop = node.name === 'DropLabelsExpr';
				const list = this.required(node, drop ? 'DropLabels' : 'KeepLabels');
				const items = flatten(list, drop ? 'DropLabels' : 'KeepLabels', drop ? 'DropLabel' : 'KeepLabel').map(
					(item) => {
						const m = childOf(item, 'Matcher');
						if (m) {
							const matcher = this.matcher(m);
							return { name: matcher.name, matcher };
						}
						return { name: this.src(this.required(item, 'Identifier')), matcher: null };
					}
				);
				return { kind: drop ? 'drop' : 'keep', items, ...span };
			}
			case 'DecolorizeExpr':
				return { kind: 'decolorize', ...span };
			default:
				throw this.unsupported(`the pipeline stage "${this.src(node)}"`, node);
		}
	}

	private isExactString(n: SyntaxNode): boolean {
		const raw = this.src(n);
		return raw.startsWith('`') || !raw.includes('\\');
	}

	private extractions(list: SyntaxNode, json: boolean): LabelExtraction[] {
		return flatten(list, 'LabelExtractionExpressionList', 'LabelExtractionExpression').map((e) => {
			const id = this.required(e, 'Identifier');
			const s = childOf(e, 'String');
			const label = this.src(id);
			const path = s ? this.string(s) : label;
			if (json) parseJsonPath(path, s ?? id);
			return { label, path, from: e.from, to: e.to };
		});
	}

	private labelFilter(node: SyntaxNode): LabelFilterExpr {
		const kids = children(node);
		if (kids.length === 1) {
			const k = kids[0];
			switch (k.name) {
				case 'LabelFilter':
					return { ...this.labelFilter(k), from: node.from, to: node.to };
				case 'Matcher':
					return { type: 'string', ...this.matcher(k) };
				case 'IpLabelFilter':
					throw this.unsupported('the ip() label filter', k);
				case 'UnitFilter':
					return this.unitFilter(children(k)[0]);
				case 'NumberFilter':
					return this.numberFilter(k);
			}
			throw this.error('expected a label filter', k);
		}
		const left = kids.find((k) => k.name === 'LabelFilter');
		const right = [...kids].reverse().find((k) => k.name === 'LabelFilter');
		if (!left || !right || left === right) throw this.error('expected a label filter', node);
		const type = kids.some((k) => k.name === 'Or') ? 'or' : 'and';
		return {
			type,
			left: this.labelFilter(left),
			right: this.labelFilter(right),
			from: node.from,
			to: node.to
		};
	}

	private numberFilter(node: SyntaxNode): LabelFilterExpr {
		const [id, opNode, lit] = children(node);
		const op = COMPARE_OPS[opNode.name];
		const value = this.literal(lit);
		return { type: 'number', name: this.src(id), op, value, from: node.from, to: node.to };
	}

	private unitFilter(node: SyntaxNode): LabelFilterExpr {
		const [id, opNode, v] = children(node);
		const op = COMPARE_OPS[opNode.name];
		if (node.name === 'DurationFilter') {
			const ms = parseDuration(this.src(v));
			if (ms === null) throw this.error('invalid duration', v);
			return { type: 'duration', name: this.src(id), op, value: ms / 1000, from: node.from, to: node.to };
		}
		const bytes = parseBytes(this.src(v));
		if (bytes === null) throw this.error('invalid byte size', v);
		return { type: 'bytes', name: this.src(id), op, value: bytes, from: node.from, to: node.to };
	}

	private literal(node: SyntaxNode): number {
		if (node.name === 'Number') return this.number(node);
		const kids = children(node);
		const num = kids.find((k) => k.name === 'Number');
		if (!num) throw this.error('expected a number', node);
		const v = this.number(num);
		return kids[0].name === 'Sub' ? -v : v;
	}

	private number(node: SyntaxNode): number {
		const v = Number(this.src(node));
		if (Number.isNaN(v)) throw this.error('invalid number', node);
		return v;
	}

	// ----- metric queries

	private metricExpr(node: SyntaxNode): MetricExpr {
		const kids = children(node);
		const k = kids[0];
		if (!k) throw this.error('expected a metric expression', node);
		switch (k.name) {
			case 'MetricExpr': {
				const inner = this.metricExpr(k);
				return { ...inner, from: node.from, to: node.to };
			}
			case 'RangeAggregationExpr':
				return this.rangeAggregation(k);
			case 'VectorAggregationExpr':
				return this.vectorAggregation(k);
			case 'BinOpExpr':
				return this.binary(k);
			case 'LiteralExpr':
				return { type: 'literal', value: this.literal(k), from: k.from, to: k.to };
			case 'VectorExpr':
				return { type: 'vector', value: this.number(this.required(k, 'Number')), from: k.from, to: k.to };
			case 'LabelReplaceExpr':
				return this.labelReplace(k);
			case 'LabelAggregationExpr':
				throw this.unsupported(`"${this.src(children(k)[0])}"`, k);
			default:
				throw this.unsupported(`"${this.src(k)}"`, k);
		}
	}

	private rangeAggregation(node: SyntaxNode): RangeAggregationExpr {
		const opWrap = this.required(node, 'RangeOp');
		const opNode = children(opWrap)[0];
		const op = RANGE_OPS[opNode.name];
		if (!op) {
			if (opNode.name === 'RateCounter') throw this.unsupported('rate_counter', opNode);
			throw this.unsupported(`the range aggregation ${this.src(opNode)}`, opNode);
		}
		const paramNode = childOf(node, 'Number');
		const param = paramNode ? this.number(paramNode) : null;
		if (op === 'quantile_over_time' && param === null) {
			throw this.error(
				'quantile_over_time needs a quantile first, e.g. quantile_over_time(0.99, {…} | unwrap x [5m])',
				node
			);
		}
		if (op !== 'quantile_over_time' && paramNode)
			throw this.error(`${op} takes no numeric parameter`, paramNode);
		const range = this.logRange(this.required(node, 'LogRangeExpr'));
		const groupingNode = childOf(node, 'Grouping');
		const grouping = groupingNode ? this.grouping(groupingNode) : null;
		if (range.unwrap) {
			if (!UNWRAP_OPS.has(op)) {
				throw this.error(
					`${op} counts log lines and cannot be used with unwrap; use sum_over_time, avg_over_time, …`,
					range.unwrap
				);
			}
		} else if (!LOG_RANGE_OPS.has(op)) {
			throw this.error(
				`${op} needs an unwrapped label, e.g. ${op}({…} | logfmt | unwrap latency_ms [5m])`,
				opNode
			);
		}
		if (grouping && !(range.unwrap && GROUPING_RANGE_OPS.has(op))) {
			throw this.error(
				`grouping is not allowed for ${op}${range.unwrap ? '' : ' over log lines'}; put by/without on an outer aggregation, e.g. sum by (…) (${op}(…))`,
				grouping
			);
		}
		return { type: 'rangeAggregation', op, param, range, grouping, from: node.from, to: node.to };
	}

	private logRange(node: SyntaxNode): LogRangeExpr {
		const kids = children(node);
		if (kids.length === 1 && kids[0].name === 'LogRangeExpr')
			return { ...this.logRange(kids[0]), from: node.from, to: node.to };
		let selector: StreamSelector | null = null;
		const pipeline: PipelineStage[] = [];
		let unwrap: UnwrapExpr | null = null;
		let rangeMs: number | null = null;
		let offsetMs = 0;
		for (const k of kids) {
			switch (k.name) {
				case 'Selector':
					selector = this.selector(k);
					break;
				case 'PipelineExpr':
					pipeline.push(...this.pipeline(k));
					break;
				case 'UnwrapExpr':
					unwrap = this.unwrap(k);
					break;
				case 'Range': {
					const d = this.required(k, 'Duration');
					rangeMs = parseDuration(this.src(d));
					if (rangeMs === null || rangeMs <= 0)
						throw this.error('the range must be a positive duration such as 5m', d);
					break;
				}
				case 'OffsetExpr': {
					const d = this.required(k, 'Duration');
					const ms = parseDuration(this.src(d));
					if (ms === null) throw this.error('invalid offset duration', d);
					offsetMs = ms;
					break;
				}
				default:
					throw this.unsupported(`"${this.src(k)}" here`, k);
			}
		}
		if (!selector) throw this.error('expected a stream selector', node);
		if (rangeMs === null) throw this.error('expected a range such as [5m]', node);
		return { selector, pipeline, unwrap, rangeMs, offsetMs, from: node.from, to: node.to };
	}

	private unwrap(node: SyntaxNode): UnwrapExpr {
		const inner = childOf(node, 'UnwrapExpr');
		if (inner) {
			const base = this.unwrap(inner);
			const lf = this.required(node, 'LabelFilter');
			return { ...base, postFilters: [...base.postFilters, this.labelFilter(lf)], to: node.to };
		}
		const conv = childOf(node, 'ConvOp');
		let conversion: UnwrapConversion = 'none';
		if (conv) {
			const c = children(conv)[0]?.name;
			conversion = c === 'BytesConv' ? 'bytes' : c === 'DurationConv' ? 'duration' : 'duration_seconds';
		}
		const label = this.src(this.required(node, 'Identifier'));
		return { label, conversion, postFilters: [], from: node.from, to: node.to };
	}

	private grouping(node: SyntaxNode): Grouping {
		const without = childOf(node, 'Without') !== null;
		const labelsNode = childOf(node, 'Labels');
		const labels = labelsNode ? flatten(labelsNode, 'Labels', 'Identifier').map((i) => this.src(i)) : [];
		return { without, labels, from: node.from, to: node.to };
	}

	private vectorAggregation(node: SyntaxNode): MetricExpr {
		const opNode = children(this.required(node, 'VectorOp'))[0];
		const op = VECTOR_OPS[opNode.name];
		if (!op) throw this.unsupported(`the aggregation ${this.src(opNode)}`, opNode);
		const paramNode = childOf(node, 'Number');
		const groupingNode = childOf(node, 'Grouping');
		const inner = this.metricExpr(this.required(node, 'MetricExpr'));
		let param: number | null = null;
		if (op === 'topk' || op === 'bottomk') {
			if (!paramNode) throw this.error(`${op} needs a count first, e.g. ${op}(5, …)`, node);
			param = this.number(paramNode);
			if (!Number.isInteger(param) || param <= 0)
				throw this.error(`${op}'s count must be an integer greater than 0`, paramNode);
		} else if (paramNode) throw this.error(`${op} takes no numeric parameter`, paramNode);
		if ((op === 'sort' || op === 'sort_desc') && groupingNode)
			throw this.error(`${op} does not take by/without`, groupingNode);
		if (this.isScalar(inner))
			throw this.error(`${op} needs a vector (a range aggregation), not a scalar`, inner);
		return {
			type: 'vectorAggregation',
			op,
			param,
			expr: inner,
			grouping: groupingNode ? this.grouping(groupingNode) : null,
			from: node.from,
			to: node.to
		};
	}

	private labelReplace(node: SyntaxNode): MetricExpr {
		const inner = this.metricExpr(this.required(node, 'MetricExpr'));
		const strs = children(node).filter((k) => k.name === 'String');
		if (strs.length !== 4)
			throw this.error('label_replace(metric, "dst", "replacement", "src", "regex")', node);
		const [dst, replacement, src, regex] = strs.map((s) => this.string(s));
		compileRegex(regex, true, strs[3]);
		if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(dst))
			throw this.error(`invalid destination label name ${JSON.stringify(dst)}`, strs[0]);
		return {
			type: 'labelReplace',
			expr: inner,
			dst,
			replacement,
			src,
			regex,
			regexSpan: this.span(strs[3]),
			from: node.from,
			to: node.to
		};
	}

	/** Collects the operands and operators of a chain of BinOpExpr nodes (the grammar's precedence is not Loki's). */
	private flattenBinary(node: SyntaxNode, operands: SyntaxNode[], operators: BinOperator[]): void {
		const kids = children(node);
		const exprs = kids.filter((k) => k.name === 'Expr');
		if (exprs.length !== 2) throw this.error('expected an expression on both sides of the operator', node);
		const opNode = kids.find((k) => k.name in BINARY_OPS);
		if (!opNode) throw this.error('expected a binary operator', node);
		const visit = (e: SyntaxNode) => {
			const m = children(e)[0];
			const b = m?.name === 'MetricExpr' ? children(m)[0] : null;
			if (b && b.name === 'BinOpExpr') this.flattenBinary(b, operands, operators);
			else operands.push(e);
		};
		visit(exprs[0]);
		operators.push({ op: BINARY_OPS[opNode.name], opNode, modifier: childOf(node, 'BinOpModifier') });
		visit(exprs[1]);
	}

	private binary(node: SyntaxNode): MetricExpr {
		const operands: SyntaxNode[] = [];
		const operators: BinOperator[] = [];
		this.flattenBinary(node, operands, operators);
		const values = operands.map((o) => this.operand(o));
		let pos = 0;
		const climb = (minPrec: number): MetricExpr => {
			let lhs = values[pos];
			while (pos < operators.length && PRECEDENCE[operators[pos].op] >= minPrec) {
				const o = operators[pos];
				pos++;
				const prec = PRECEDENCE[o.op];
				const rhs = climb(o.op === '^' ? prec : prec + 1);
				lhs = this.makeBinary(o, lhs, rhs);
			}
			return lhs;
		};
		return climb(0);
	}

	private operand(e: SyntaxNode): MetricExpr {
		const inner = children(e)[0];
		if (inner?.name === 'LogExpr') {
			throw this.error(
				'a log query cannot be used in arithmetic; turn it into numbers first, e.g. count_over_time({…}[5m])',
				inner
			);
		}
		if (!inner) throw this.error('expected an expression', e);
		return this.metricExpr(inner);
	}

	private isScalar(e: MetricExpr): boolean {
		if (e.type === 'literal') return true;
		if (e.type === 'binary') return this.isScalar(e.lhs) && this.isScalar(e.rhs);
		return false;
	}

	private makeBinary(o: BinOperator, lhs: MetricExpr, rhs: MetricExpr): BinaryExpr {
		const { op, opNode } = o;
		let bool = false;
		let matching: VectorMatching | null = null;
		if (o.modifier && o.modifier.to > o.modifier.from) {
			const m = o.modifier;
			bool = childOf(m, 'Bool') !== null;
			const onIg = childOf(m, 'OnOrIgnoringModifier');
			if (onIg) {
				const on = childOf(onIg, 'On') !== null;
				const labels = this.groupingLabels(childOf(onIg, 'GroupingLabels'));
				const left = childOf(m, 'GroupLeft');
				const right = childOf(m, 'GroupRight');
				const include = this.groupingLabels(childOf(m, 'GroupingLabels'));
				matching = { on, labels, card: left ? 'left' : right ? 'right' : null, include };
				if (matching.card && isSetOp(op))
					throw this.error(`no group_left/group_right allowed for "${op}"`, m);
				if (matching.card && on && include.some((l) => labels.includes(l))) {
					throw this.error('a label cannot appear both in on(…) and in group_left/group_right(…)', m);
				}
			}
		}
		const span = { from: lhs.from, to: rhs.to };
		if (bool && !isCompare(op))
			throw this.error(
				'bool can only be used with comparison operators (==, !=, >, >=, <, <=)',
				o.modifier ?? opNode
			);
		const ls = this.isScalar(lhs);
		const rs = this.isScalar(rhs);
		if (isSetOp(op) && (ls || rs))
			throw this.error(`set operator "${op}" needs vectors on both sides, not a number`, opNode);
		if (isCompare(op) && ls && rs && !bool) {
			throw this.error('comparisons between numbers must use bool, e.g. 1 > bool 0', opNode);
		}
		if (matching && (ls || rs))
			throw this.error('on/ignoring/group_left only apply between two vectors', o.modifier ?? opNode);
		return {
			type: 'binary',
			op: op as ArithmeticOp | CompareOp,
			bool,
			matching,
			lhs,
			rhs,
			opSpan: this.span(opNode),
			...span
		};
	}

	private groupingLabels(node: SyntaxNode | null): string[] {
		if (!node) return [];
		const list = childOf(node, 'GroupingLabelList');
		if (!list) return [];
		return flatten(list, 'GroupingLabelList', 'GroupingLabel').map((g) => this.src(g));
	}
}
