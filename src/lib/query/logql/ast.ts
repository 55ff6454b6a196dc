/**
 * Typed LogQL syntax tree, built from the @grafana/lezer-logql parse tree by `parseLogQL`. Every node carries
 * `from`/`to`: 0-based character offsets into the query text, so evaluation errors can point at their cause.
 * Durations are milliseconds; comparison values of duration filters are seconds and of byte filters bytes.
 */

export interface Span {
	from: number;
	to: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** `name op "value"`: a stream selector matcher, a string label filter, or a `drop`/`keep` condition. */
export interface LabelMatcher extends Span {
	name: string;
	op: MatchOp;
	value: string;
}

export interface StreamSelector extends Span {
	matchers: LabelMatcher[];
}

/** `|=` contains, `!=` not contains, `|~` regex, `!~` not regex, `|>` pattern match, `!>` pattern no-match. */
export type LineFilterOp = '|=' | '!=' | '|~' | '!~' | '|>' | '!>';

export interface LineFilterStage extends Span {
	kind: 'lineFilter';
	op: LineFilterOp;
	/** One or more alternatives (`|= "a" or "b"`). A negative operator means none of them may match. */
	values: string[];
	/** Span of each alternative's string literal. */
	valueSpans: Span[];
}

/** `label="path"` inside `| json …` (path like `a.b[0]`) or `| logfmt …` (path = the logfmt key). */
export interface LabelExtraction extends Span {
	label: string;
	path: string;
}

export interface JsonStage extends Span {
	kind: 'json';
	/** Empty: extract every field (nested keys joined with `_`). */
	extractions: LabelExtraction[];
}

export interface LogfmtStage extends Span {
	kind: 'logfmt';
	strict: boolean;
	keepEmpty: boolean;
	/** Empty: extract every key. */
	extractions: LabelExtraction[];
}

export interface RegexpStage extends Span {
	kind: 'regexp';
	pattern: string;
	patternSpan: Span;
}

export interface PatternStage extends Span {
	kind: 'pattern';
	pattern: string;
	patternSpan: Span;
}

export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

export type LabelFilterExpr =
	| (LabelMatcher & { type: 'string' })
	| (Span & {
			type: 'number' | 'duration' | 'bytes';
			name: string;
			op: CompareOp;
			/** Number; seconds for `duration`; bytes for `bytes`. */
			value: number;
	  })
	| (Span & { type: 'and' | 'or'; left: LabelFilterExpr; right: LabelFilterExpr });

export interface LabelFilterStage extends Span {
	kind: 'labelFilter';
	filter: LabelFilterExpr;
}

export interface LineFormatStage extends Span {
	kind: 'lineFormat';
	template: string;
	templateSpan: Span;
}

export interface LabelFormatOp extends Span {
	dst: string;
	/** `dst=src`: rename `src` to `dst`. */
	rename?: string;
	/** `dst="{{.x}}"`: set `dst` from a template. */
	template?: string;
}

export interface LabelFormatStage extends Span {
	kind: 'labelFormat';
	ops: LabelFormatOp[];
}

/** `drop a, b="x"` / `keep a, b="x"`: a bare name, or a matcher that must hold for the label to be dropped/kept. */
export interface LabelSelectStage extends Span {
	kind: 'drop' | 'keep';
	items: { name: string; matcher: LabelMatcher | null }[];
}

export interface DecolorizeStage extends Span {
	kind: 'decolorize';
}

export type PipelineStage =
	| LineFilterStage
	| JsonStage
	| LogfmtStage
	| RegexpStage
	| PatternStage
	| LabelFilterStage
	| LineFormatStage
	| LabelFormatStage
	| LabelSelectStage
	| DecolorizeStage;

/** A log query: a stream selector and its pipeline. */
export interface LogQueryExpr extends Span {
	type: 'log';
	selector: StreamSelector;
	pipeline: PipelineStage[];
}

export type UnwrapConversion = 'none' | 'bytes' | 'duration' | 'duration_seconds';

export interface UnwrapExpr extends Span {
	label: string;
	conversion: UnwrapConversion;
	/** Label filters written after `| unwrap x` (e.g. `| __error__=""`). */
	postFilters: LabelFilterExpr[];
}

/** The log side of a range aggregation: `{…} | pipeline | unwrap x [5m] offset 1m`. */
export interface LogRangeExpr extends Span {
	selector: StreamSelector;
	pipeline: PipelineStage[];
	unwrap: UnwrapExpr | null;
	rangeMs: number;
	offsetMs: number;
}

export type RangeOp =
	| 'count_over_time'
	| 'rate'
	| 'bytes_over_time'
	| 'bytes_rate'
	| 'sum_over_time'
	| 'avg_over_time'
	| 'min_over_time'
	| 'max_over_time'
	| 'stddev_over_time'
	| 'stdvar_over_time'
	| 'quantile_over_time'
	| 'first_over_time'
	| 'last_over_time'
	| 'absent_over_time';

export interface Grouping extends Span {
	without: boolean;
	labels: string[];
}

export interface RangeAggregationExpr extends Span {
	type: 'rangeAggregation';
	op: RangeOp;
	/** The φ of `quantile_over_time(φ, …)`. */
	param: number | null;
	range: LogRangeExpr;
	grouping: Grouping | null;
}

export type VectorOp =
	'sum' | 'avg' | 'min' | 'max' | 'count' | 'stddev' | 'stdvar' | 'topk' | 'bottomk' | 'sort' | 'sort_desc';

export interface VectorAggregationExpr extends Span {
	type: 'vectorAggregation';
	op: VectorOp;
	/** The k of `topk`/`bottomk`. */
	param: number | null;
	expr: MetricExpr;
	grouping: Grouping | null;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | CompareOp | SetOp;

export interface VectorMatching {
	/** true: `on (labels)`; false: `ignoring (labels)`. */
	on: boolean;
	labels: string[];
	/** `group_left` / `group_right`, or null for one-to-one matching. */
	card: 'left' | 'right' | null;
	/** Labels listed after `group_left`/`group_right`, copied from the "one" side. */
	include: string[];
}

export interface BinaryExpr extends Span {
	type: 'binary';
	op: BinaryOp;
	/** The `bool` modifier of a comparison. */
	bool: boolean;
	matching: VectorMatching | null;
	lhs: MetricExpr;
	rhs: MetricExpr;
	/** Span of the operator token. */
	opSpan: Span;
}

export interface LiteralExpr extends Span {
	type: 'literal';
	value: number;
}

/** `vector(1)`: one label-less series with a constant value. */
export interface VectorLiteralExpr extends Span {
	type: 'vector';
	value: number;
}

export interface LabelReplaceExpr extends Span {
	type: 'labelReplace';
	expr: MetricExpr;
	dst: string;
	replacement: string;
	src: string;
	regex: string;
	regexSpan: Span;
}

export type MetricExpr =
	| RangeAggregationExpr
	| VectorAggregationExpr
	| BinaryExpr
	| LiteralExpr
	| VectorLiteralExpr
	| LabelReplaceExpr;

export type LogQLExpr = LogQueryExpr | MetricExpr;
