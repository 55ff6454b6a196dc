/**
 * Compiles a LogQL pipeline (line filters, parsers, label filters, formatters) into a chain of closures that
 * process one log line at a time against a reusable {@link LabelsBuilder}. Loki semantics:
 * - parsed fields whose name is already a stream label get the suffix `_extracted`;
 * - parser failures set `__error__` (`JSONParserErr`, `LogfmtParserErr`) and keep the line;
 * - numeric/duration/bytes label filters drop lines without the label, keep lines whose value does not parse
 *   (marking them `__error__="LabelFilterErr"`), and let lines that already carry an error through.
 */
import type { Labels } from '../../sim/types';
import { QueryError } from '../types';
import type { CompareOp, LabelFilterExpr, PipelineStage, UnwrapExpr } from './ast';
import { parseBytes, parseGoDurationSeconds, sanitizeLabelKey, compileRegex } from './go-syntax';
import { ERROR_LABEL, LabelsBuilder } from './labels-builder';
import {
	compilePattern,
	compileRegexpParser,
	jsonPathValue,
	matchPattern,
	parseJsonFields,
	parseJsonPath,
	parseLogfmtFields,
	patternFilterRegex,
	validateJsonObject
} from './line-parsers';
import { compileMatcher } from './matchers';
import { compileTemplate, renderTemplate, type TemplateScope } from './template';

/** Mutable state of the line being processed. */
interface LineContext {
	line: string;
	t: number;
	readonly lb: LabelsBuilder;
}

type Stage = (ctx: LineContext) => boolean;

/** ANSI CSI escape sequences (colours etc.), removed by `| decolorize`. */
const ANSI_ESCAPES = new RegExp(String.raw`\u001b\[[0-9;?]*[ -/]*[@-~]`, 'g');

/** A compiled pipeline. Not re-entrant: one line at a time. */
export class Pipeline {
	/** Labels of the line last processed (valid until the next call). */
	readonly labels = new LabelsBuilder();
	private readonly ctx: LineContext = { line: '', t: 0, lb: this.labels };

	constructor(
		private readonly stages: Stage[],
		/** True when some stage may add, change or remove labels. */
		readonly modifiesLabels: boolean,
		/** True when some stage may rewrite the line (line_format, decolorize). */
		readonly modifiesLine: boolean
	) {}

	/**
	 * Runs the pipeline on one line with `stream` as its starting labels and `t` its Unix ms time.
	 * Returns the (possibly rewritten) line, or null when a filter dropped it.
	 */
	process(line: string, t: number, stream: Readonly<Labels>): string | null {
		const ctx = this.ctx;
		ctx.line = line;
		ctx.t = t;
		this.labels.reset(stream);
		const stages = this.stages;
		for (let i = 0; i < stages.length; i++) if (!stages[i](ctx)) return null;
		return ctx.line;
	}
}

/** Compiles pipeline stages (AST from `parseLogQL`). Throws QueryError for invalid regexes/templates/paths. */
export function compilePipeline(stages: readonly PipelineStage[]): Pipeline {
	const fns: Stage[] = [];
	let modifiesLabels = false;
	let modifiesLine = false;
	for (const s of stages) {
		if (s.kind !== 'lineFilter' && s.kind !== 'lineFormat' && s.kind !== 'decolorize') {
			if (s.kind !== 'labelFilter' || filterMaySetError(s.filter)) modifiesLabels = true;
		}
		if (s.kind === 'lineFormat' || s.kind === 'decolorize') modifiesLine = true;
		fns.push(compileStage(s));
	}
	return new Pipeline(fns, modifiesLabels, modifiesLine);
}

function filterMaySetError(f: LabelFilterExpr): boolean {
	if (f.type === 'and' || f.type === 'or') return filterMaySetError(f.left) || filterMaySetError(f.right);
	return f.type !== 'string';
}

/** Sets a parsed label, suffixing `_extracted` when it collides with a stream label (Loki). */
function setParsed(lb: LabelsBuilder, key: string, value: string): void {
	lb.set(lb.baseHas(key) ? key + '_extracted' : key, value);
}

function compileStage(s: PipelineStage): Stage {
	switch (s.kind) {
		case 'lineFilter':
			return compileLineFilter(s.op, s.values, s.valueSpans);
		case 'json': {
			if (s.extractions.length === 0) {
				const keys: string[] = [];
				const values: string[] = [];
				const sink = (k: string, v: string) => {
					keys.push(k);
					values.push(v);
				};
				return (ctx) => {
					keys.length = 0;
					values.length = 0;
					const err = parseJsonFields(ctx.line, sink);
					if (err !== null) {
						ctx.lb.setError('JSONParserErr', err);
						return true;
					}
					for (let i = 0; i < keys.length; i++) setParsed(ctx.lb, keys[i], values[i]);
					return true;
				};
			}
			const paths = s.extractions.map((e) => ({ label: e.label, steps: parseJsonPath(e.path, e) }));
			return (ctx) => {
				const invalid = validateJsonObject(ctx.line);
				if (invalid !== null) {
					ctx.lb.setError('JSONParserErr', invalid);
					return true;
				}
				for (const p of paths) {
					const v = jsonPathValue(ctx.line, p.steps);
					if (v === undefined) {
						ctx.lb.setError('JSONParserErr', 'the line is not valid JSON');
						return true;
					}
					if (v !== null) setParsed(ctx.lb, p.label, v);
				}
				return true;
			};
		}
		case 'logfmt': {
			const { strict, keepEmpty } = s;
			const wanted = s.extractions.length > 0 ? new Map(s.extractions.map((e) => [e.path, e.label])) : null;
			let lb: LabelsBuilder | null = null;
			const sink = (key: string, value: string, hasValue: boolean) => {
				if (!hasValue && !keepEmpty) return;
				if (wanted) {
					const label = wanted.get(key);
					if (label !== undefined) setParsed(lb as LabelsBuilder, label, value);
					return;
				}
				const k = sanitizeLabelKey(key, true);
				if (k !== '') setParsed(lb as LabelsBuilder, k, value);
			};
			return (ctx) => {
				lb = ctx.lb;
				const err = parseLogfmtFields(ctx.line, sink, strict);
				if (err !== null) ctx.lb.setError('LogfmtParserErr', err);
				return true;
			};
		}
		case 'regexp': {
			const { re, names } = compileRegexpParser(s.pattern, s.patternSpan);
			return (ctx) => {
				const m = re.exec(ctx.line);
				if (m?.groups) for (const n of names) setParsed(ctx.lb, n, m.groups[n] ?? '');
				return true;
			};
		}
		case 'pattern': {
			const p = compilePattern(s.pattern, s.patternSpan, true);
			let lb: LabelsBuilder | null = null;
			const sink = (k: string, v: string) => setParsed(lb as LabelsBuilder, k, v);
			return (ctx) => {
				lb = ctx.lb;
				matchPattern(p, ctx.line, sink);
				return true;
			};
		}
		case 'labelFilter': {
			const f = compileLabelFilter(s.filter);
			return (ctx) => f(ctx.lb);
		}
		case 'lineFormat': {
			const tpl = compileTemplate(s.template, s.templateSpan, false);
			const scope = scopeFor();
			return (ctx) => {
				scope.bind(ctx);
				ctx.line = renderTemplate(tpl, scope);
				return true;
			};
		}
		case 'labelFormat': {
			const ops = s.ops.map((o) => ({
				dst: o.dst,
				rename: o.rename,
				tpl: o.template !== undefined ? compileTemplate(o.template, o, false) : null
			}));
			const scope = scopeFor();
			const computed: string[] = [];
			return (ctx) => {
				scope.bind(ctx);
				for (let i = 0; i < ops.length; i++) {
					const o = ops[i];
					computed[i] = o.tpl ? renderTemplate(o.tpl, scope) : (ctx.lb.get(o.rename as string) ?? '');
				}
				for (let i = 0; i < ops.length; i++) {
					const o = ops[i];
					if (o.rename !== undefined && o.rename !== o.dst) ctx.lb.delete(o.rename);
					ctx.lb.set(o.dst, computed[i]);
				}
				return true;
			};
		}
		case 'drop': {
			const items = s.items.map((i) => ({
				name: i.name,
				match: i.matcher ? compileMatcher(i.matcher) : null
			}));
			return (ctx) => {
				for (const it of items) {
					const v = ctx.lb.get(it.name);
					if (v === undefined) continue;
					if (!it.match || it.match(v)) ctx.lb.delete(it.name);
				}
				return true;
			};
		}
		case 'keep': {
			const byName = new Map<string, ((v: string) => boolean)[]>();
			for (const i of s.items) {
				const list = byName.get(i.name) ?? [];
				list.push(i.matcher ? compileMatcher(i.matcher) : () => true);
				byName.set(i.name, list);
			}
			return (ctx) => {
				for (const name of ctx.lb.names()) {
					const conds = byName.get(name);
					const v = ctx.lb.get(name) ?? '';
					if (!conds || !conds.some((c) => c(v))) ctx.lb.delete(name);
				}
				return true;
			};
		}
		case 'decolorize':
			return (ctx) => {
				if (ctx.line.includes('\x1b')) ctx.line = ctx.line.replace(ANSI_ESCAPES, '');
				return true;
			};
	}
}

function scopeFor(): TemplateScope & { bind(ctx: LineContext): void } {
	let current: LineContext | null = null;
	return {
		bind(ctx) {
			current = ctx;
		},
		label: (name) => (current as LineContext).lb.get(name),
		get line() {
			return (current as LineContext).line;
		},
		get t() {
			return (current as LineContext).t;
		}
	};
}

function compileLineFilter(
	op: '|=' | '!=' | '|~' | '!~' | '|>' | '!>',
	values: string[],
	spans: { from: number; to: number }[]
): Stage {
	if (op === '|=' || op === '!=') {
		const negate = op === '!=';
		if (values.length === 1) {
			const v = values[0];
			return negate ? (ctx) => !ctx.line.includes(v) : (ctx) => ctx.line.includes(v);
		}
		return (ctx) => {
			let hit = false;
			for (const v of values) {
				if (ctx.line.includes(v)) {
					hit = true;
					break;
				}
			}
			return hit !== negate;
		};
	}
	const negate = op === '!~' || op === '!>';
	const res =
		op === '|~' || op === '!~'
			? values.map((v, i) => compileRegex(v, false, spans[i]))
			: values.map((v, i) => patternFilterRegex(compilePattern(v, spans[i], false)));
	if (res.length === 1) {
		const re = res[0];
		return negate ? (ctx) => !re.test(ctx.line) : (ctx) => re.test(ctx.line);
	}
	return (ctx) => res.some((re) => re.test(ctx.line)) !== negate;
}

const SIMPLE_DECIMAL = /^-?[0-9]+(?:\.[0-9]+)?$/;
const GO_FLOAT =
	/^[+-]?(?:(?:[0-9]+(?:_[0-9]+)*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|0[xX][0-9a-fA-F]+|inf|infinity|nan)$/i;

/** Go's strconv.ParseFloat, as Loki uses for numeric label filters and `unwrap`; NaN when it does not parse. */
export function parseGoFloat(s: string): number {
	if (SIMPLE_DECIMAL.test(s)) return Number(s);
	if (!GO_FLOAT.test(s)) return NaN;
	const lower = s.toLowerCase().replace(/^\+/, '');
	if (lower === 'nan') return NaN;
	if (lower === 'inf' || lower === 'infinity') return Infinity;
	if (lower === '-inf' || lower === '-infinity') return -Infinity;
	if (/^-?0x/.test(lower))
		return lower.startsWith('-') ? -parseInt(lower.slice(3), 16) : parseInt(lower.slice(2), 16);
	return Number(lower.replaceAll('_', ''));
}

function compare(op: CompareOp, a: number, b: number): boolean {
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

/** Compiles a label filter into a predicate over the current labels (may set `__error__`, see module doc). */
export function compileLabelFilter(f: LabelFilterExpr): (lb: LabelsBuilder) => boolean {
	switch (f.type) {
		case 'and': {
			const l = compileLabelFilter(f.left);
			const r = compileLabelFilter(f.right);
			return (lb) => {
				const a = l(lb);
				const b = r(lb);
				return a && b;
			};
		}
		case 'or': {
			const l = compileLabelFilter(f.left);
			const r = compileLabelFilter(f.right);
			return (lb) => l(lb) || r(lb);
		}
		case 'string': {
			const m = compileMatcher(f);
			const name = f.name;
			return (lb) => m(lb.get(name) ?? '');
		}
		default: {
			const { name, op, value } = f;
			const convert =
				f.type === 'number' ? parseGoFloat : f.type === 'duration' ? parseGoDurationSeconds : parseBytes;
			const what = f.type === 'number' ? 'a number' : f.type === 'duration' ? 'a duration' : 'a byte size';
			return (lb) => {
				if (lb.hasError()) return true;
				const raw = lb.get(name);
				if (raw === undefined) return false;
				const x = convert(raw);
				if (x === null || (Number.isNaN(x) && f.type === 'number' && !/^[+-]?nan$/i.test(raw))) {
					lb.setError('LabelFilterErr', `${name}=${JSON.stringify(raw)} is not ${what}`);
					return true;
				}
				return compare(op, x, value);
			};
		}
	}
}

/** Extracts the sample value of `| unwrap` from the current labels. */
export interface UnwrapExtractor {
	/**
	 * Returns the sample value, or null when the line has no such label (Loki skips those lines). A value that does
	 * not convert sets `__error__="SampleExtractionErr"` and returns NaN. The unwrapped label is removed, then the
	 * post-filters run; returns null if they drop the line.
	 */
	extract(lb: LabelsBuilder): number | null;
}

/** Compiles `| unwrap [conv(]label[)] | postFilters…`. */
export function compileUnwrap(u: UnwrapExpr): UnwrapExtractor {
	const post = u.postFilters.map(compileLabelFilter);
	const convert: (s: string) => number | null =
		u.conversion === 'none' ? parseGoFloat : u.conversion === 'bytes' ? parseBytes : parseGoDurationSeconds;
	const label = u.label;
	return {
		extract(lb) {
			const raw = lb.get(label);
			if (raw === undefined || raw === '') return null;
			let v = convert(raw);
			if (v === null || (Number.isNaN(v) && !/^[+-]?nan$/i.test(raw))) {
				lb.setError(
					'SampleExtractionErr',
					`cannot convert ${label}=${JSON.stringify(raw)} (${u.conversion})`
				);
				v = NaN;
			}
			lb.delete(label);
			for (const f of post) if (!f(lb)) return null;
			return v;
		}
	};
}

/** Throws the Loki-style evaluation error for a metric sample that still carries `__error__`. */
export function pipelineErrorFor(labels: Readonly<Labels>, at: { from: number; to: number }): QueryError {
	const kind = labels[ERROR_LABEL];
	return new QueryError(
		`pipeline error: "${kind}" for a series of this query (${labels.__error_details__ ?? 'no details'}). ` +
			`Skip such lines on purpose with a label filter, e.g. | __error__!="${kind}", or all errors with | __error__=""`,
		at.from,
		at.to,
		'evaluation'
	);
}
