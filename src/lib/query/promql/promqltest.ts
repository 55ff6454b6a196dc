/**
 * Runner for Prometheus's promqltest script format (the `promql/promqltest/testdata/*.test` files): `load`
 * blocks with expanding notation, `clear`, `eval instant|range` with `expect` lines and expected results.
 *
 * A file is cut into sections as upstream does: a section starts at the first command, after `clear`, or at a
 * `load` that follows an `eval`. The store holds floats only, so native histograms are handled per eval: `load`
 * stores every float sample and skips `{{…}}` samples (keeping their positions), and `load_with_nhcb` stores the
 * classic `x_bucket` / `x_sum` / `x_count` series but not the custom-bucket histogram `x` built from them. An eval
 * is unsupported (not run, its feature named) when one of its selectors matches a series that had native-histogram
 * samples, when its expected result holds `{{…}}`, or when the engine reports an unsupported function; every
 * other eval runs. A section is passed (every eval passed), partial (every eval that ran passed, some could not
 * run), failed (an eval failed or the script is invalid) or unsupported (no eval could run).
 * Annotation expectations (`expect warn|info|no_warn|no_info`, `eval_warn`, `eval_info`) are not checked: the
 * evaluator does not produce annotations. They are counted in `annotationsNotChecked`.
 *
 * Like Prometheus's own harness, every successful instant eval is also checked in two more ways: run as a
 * three-step range query around its time (the middle step must match), and, unless it uses a time-dependent
 * function, with `@ <t>` pinned on every selector and subquery and evaluated at other times (same result).
 */
import type { Labels } from '../../sim/types';
import { SeriesStore } from '../../sim/tsdb';
import { QueryError, type QueryResult } from '../types';
import type { PromExpr, VectorSelector } from './ast';
import { evaluateInstant, evaluateRange } from './engine';
import { parsePromQL } from './parser';
import { BUCKET_LABEL, compareLabels, formatLabels, labelsKey, METRIC_NAME } from './labels';
import { parseDurationOrSeconds, parseGoFloat, unquoteString } from './literals';
import { almostEqual } from './math';
import { compileRe2 } from './re2';

/**
 * One position of a series description: a float, `'stale'` (a staleness marker), `'histogram'` (a native
 * histogram sample, which the store does not hold) or `null` (no sample).
 */
type SampleValue = number | 'stale' | 'histogram' | null;

interface SeriesDesc {
	labels: Labels;
	values: SampleValue[];
}

const EPSILON = 1e-6;

/** Why an eval cannot run: the engine and store hold floats only. */
const NATIVE_SERIES = 'native histogram series';
const NATIVE_EXPECTED = 'native histograms in expected results';

class ScriptError extends Error {}

/** Reads one number at the start of `s`; returns it and the rest. */
function readNumber(s: string): [number, string] | null {
	const m = /^[+-]?(?:inf|nan)(?![a-z])|^[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/i.exec(s);
	if (!m) return null;
	const v = parseGoFloat(m[0]);
	if (v === null) return null;
	return [v, s.slice(m[0].length)];
}

/** Splits a value list at whitespace, keeping `{{…}}` histogram literals (which contain spaces) whole. */
function valueTokens(text: string): string[] {
	const out: string[] = [];
	let i = 0;
	while (i < text.length) {
		if (/\s/.test(text[i])) {
			i++;
			continue;
		}
		let j = i;
		while (j < text.length && !/\s/.test(text[j])) {
			if (text.startsWith('{{', j)) {
				const close = text.indexOf('}}', j + 2);
				if (close < 0) throw new ScriptError(`unterminated native histogram in ${JSON.stringify(text)}`);
				j = close + 2;
			} else j++;
		}
		out.push(text.slice(i, j));
		i = j;
	}
	return out;
}

/**
 * Number of positions of a native-histogram item (`{{h}}`, `{{h}}xN`, `{{a}}+{{b}}xN`, `{{a}}-{{b}}xN`), or null
 * when the token is not one. The histograms themselves are not parsed: the store holds floats only.
 */
function histogramPositions(tok: string): number | null {
	if (!tok.startsWith('{{')) return null;
	const m = /^H(?:([+-])H)?(?:x(\d+))?$/.exec(tok.replace(/\{\{.*?\}\}/g, 'H'));
	if (!m || (m[1] && m[2] === undefined)) throw new ScriptError(`invalid native histogram value ${tok}`);
	return m[2] === undefined ? 1 : Number(m[2]) + 1;
}

/**
 * Expands the value part of a series line: numbers, `_`, `stale`, `a+bxN`, `a-bxN`, `axN`, `_xN`, and native
 * histogram items (`{{…}}`, `{{…}}xN`, `{{a}}+{{b}}xN`), which become `'histogram'` positions.
 */
export function expandValues(text: string): SampleValue[] {
	const out: SampleValue[] = [];
	for (const tok of valueTokens(text)) {
		const hist = histogramPositions(tok);
		if (hist !== null) {
			for (let i = 0; i < hist; i++) out.push('histogram');
			continue;
		}
		if (tok === '_') {
			out.push(null);
			continue;
		}
		if (tok === 'stale') {
			out.push('stale');
			continue;
		}
		const blank = /^_x(\d+)$/.exec(tok);
		if (blank) {
			for (let i = 0; i < Number(blank[1]); i++) out.push(null);
			continue;
		}
		const first = readNumber(tok);
		if (!first) throw new ScriptError(`invalid value ${JSON.stringify(tok)}`);
		let [a, rest] = first;
		if (rest === '') {
			out.push(a);
			continue;
		}
		let inc = 0;
		if (rest[0] === '+' || rest[0] === '-') {
			const sign = rest[0] === '-' ? -1 : 1;
			const b = readNumber(rest.slice(1));
			if (!b) throw new ScriptError(`invalid value ${JSON.stringify(tok)}`);
			inc = sign * b[0];
			rest = b[1];
		}
		const times = /^x(\d+)$/.exec(rest);
		if (!times) throw new ScriptError(`invalid value ${JSON.stringify(tok)}`);
		// As in Prometheus's series-description parser, the increment accumulates (a, a+b, (a+b)+b, …).
		for (let i = 0; i <= Number(times[1]); i++) {
			out.push(a);
			a += inc;
		}
	}
	return out;
}

/** Parses `name{label="value", …} values…`, `{…} values…` or `name values…`. */
export function parseSeriesLine(line: string): SeriesDesc {
	let i = 0;
	const labels: Labels = {};
	const name = /^[A-Za-z_:][\w:]*/.exec(line);
	if (name) {
		labels.__name__ = name[0];
		i = name[0].length;
	}
	if (line[i] === '{') {
		i++;
		const skipWs = () => {
			while (/\s/.test(line[i] ?? '')) i++;
		};
		const readString = (): string => {
			const q = line[i];
			let j = i + 1;
			while (j < line.length && line[j] !== q) j += line[j] === '\\' ? 2 : 1;
			const lit = line.slice(i, j + 1);
			i = j + 1;
			return unquoteString(lit).value;
		};
		skipWs();
		while (line[i] !== '}') {
			if (i >= line.length) throw new ScriptError(`unterminated label set in ${JSON.stringify(line)}`);
			let label: string;
			if (line[i] === '"' || line[i] === "'") label = readString();
			else {
				const m = /^[A-Za-z_][\w]*/.exec(line.slice(i));
				if (!m) throw new ScriptError(`bad label name in ${JSON.stringify(line)}`);
				label = m[0];
				i += m[0].length;
			}
			skipWs();
			if (line[i] === '=') {
				i++;
				skipWs();
				const value = readString();
				if (value !== '') labels[label] = value;
			} else {
				labels.__name__ = label;
			}
			skipWs();
			if (line[i] === ',') {
				i++;
				skipWs();
			}
		}
		i++;
	} else if (!name) {
		throw new ScriptError(`bad series description ${JSON.stringify(line)}`);
	}
	return { labels, values: expandValues(line.slice(i)) };
}

function parseTime(text: string): number {
	const ms = parseDurationOrSeconds(text.trim());
	if (ms === null) throw new ScriptError(`invalid time ${JSON.stringify(text)}`);
	return ms;
}

interface LoadCommand {
	kind: 'load';
	line: number;
	stepMs: number;
	series: SeriesDesc[];
	/** `load_with_nhcb`: classic histogram series are also stored as native histograms with custom buckets. */
	nhcb: boolean;
}

interface EvalCommand {
	kind: 'eval';
	line: number;
	expr: string;
	instant: boolean;
	at: number;
	start: number;
	end: number;
	step: number;
	fail?: { message?: string; regex?: string };
	ordered: boolean;
	expectString?: string;
	rangeVector?: { from: number; to: number; step: number };
	series: SeriesDesc[];
	scalar?: number;
	annotations: number;
	unsupported?: string;
}

type Command =
	| LoadCommand
	| EvalCommand
	| { kind: 'clear'; line: number }
	| { kind: 'error'; line: number; message: string };

const EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

function parseScript(source: string): Command[] {
	const lines = source.split(/\r?\n/).map((l) => l.trim());
	const cmds: Command[] = [];
	let i = 0;
	const blockEnd = (l: string | undefined) => l === undefined || l === '' || l.startsWith('#');
	while (i < lines.length) {
		const line = lines[i];
		const lineNo = i + 1;
		i++;
		if (blockEnd(line)) continue;
		try {
			if (line === 'clear') {
				cmds.push({ kind: 'clear', line: lineNo });
			} else if (/^load(_with_nhcb)?\s/.test(line)) {
				const nhcb = line.startsWith('load_with_nhcb');
				const stepMs = parseTime(line.replace(/^load(_with_nhcb)?\s+/, ''));
				const cmd: LoadCommand = { kind: 'load', line: lineNo, stepMs, series: [], nhcb };
				while (!blockEnd(lines[i])) {
					cmd.series.push(parseSeriesLine(lines[i]));
					i++;
				}
				cmds.push(cmd);
			} else if (line.startsWith('eval')) {
				i = parseEval(lines, i, line, lineNo, cmds);
			} else {
				cmds.push({ kind: 'error', line: lineNo, message: `unknown command ${JSON.stringify(line)}` });
				while (!blockEnd(lines[i])) i++;
			}
		} catch (e) {
			if (!(e instanceof ScriptError)) throw e;
			cmds.push({ kind: 'error', line: lineNo, message: e.message });
			while (!blockEnd(lines[i])) i++;
		}
	}
	return cmds;
}

function parseEval(lines: string[], i: number, line: string, lineNo: number, cmds: Command[]): number {
	const cmd: EvalCommand = {
		kind: 'eval',
		line: lineNo,
		expr: '',
		instant: true,
		at: 0,
		start: 0,
		end: 0,
		step: 0,
		ordered: false,
		series: [],
		annotations: 0
	};
	let mod: string | undefined;
	const inst = EVAL_INSTANT.exec(line);
	if (inst) {
		mod = inst[1];
		cmd.at = parseTime(inst[2] ?? '0');
		cmd.expr = inst[3];
	} else {
		const range = EVAL_RANGE.exec(line);
		if (!range) throw new ScriptError(`invalid eval command ${JSON.stringify(line)}`);
		mod = range[1];
		cmd.instant = false;
		cmd.start = parseTime(range[2]);
		cmd.end = parseTime(range[3]);
		cmd.step = parseTime(range[4]);
		cmd.expr = range[5];
	}
	if (mod === 'fail') cmd.fail = {};
	if (mod === 'ordered') cmd.ordered = true;
	if (mod === 'warn' || mod === 'info') cmd.annotations++;
	while (i < lines.length && lines[i] !== '' && !lines[i].startsWith('#')) {
		const l = lines[i];
		i++;
		if (l.startsWith('expected_fail_message ') || l.startsWith('expected_fail_regexp ')) {
			cmd.fail ??= {};
			if (l.startsWith('expected_fail_message'))
				cmd.fail.message = l.slice('expected_fail_message '.length).trim();
			else cmd.fail.regex = l.slice('expected_fail_regexp '.length).trim();
			break;
		}
		const exp = /^expect\s+(fail|warn|info|no_warn|no_info|ordered|string|range vector)\b\s*(.*)$/.exec(l);
		if (exp) {
			const [, kind, rest] = exp;
			if (kind === 'fail') {
				cmd.fail = {};
				const m = /^(msg|regex):\s?(.*)$/.exec(rest);
				if (m) cmd.fail[m[1] === 'msg' ? 'message' : 'regex'] = m[2].trim();
			} else if (kind === 'ordered') cmd.ordered = true;
			else if (kind === 'string') cmd.expectString = unquoteString(rest.trim()).value;
			else if (kind === 'range vector') {
				const m = /^from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+)$/.exec(rest);
				if (!m) throw new ScriptError(`invalid ${JSON.stringify(l)}`);
				cmd.rangeVector = { from: parseTime(m[1]), to: parseTime(m[2]), step: parseTime(m[3]) };
			} else cmd.annotations++;
			continue;
		}
		const num = readNumber(l);
		if (num && num[1].trim() === '') {
			cmd.scalar = num[0];
			break;
		}
		const desc = parseSeriesLine(l);
		if (desc.values.includes('histogram')) cmd.unsupported ??= NATIVE_EXPECTED;
		cmd.series.push(desc);
	}
	cmds.push(cmd);
	return i;
}

function fmtValue(v: SampleValue): string {
	return v === null ? '_' : v === 'histogram' ? '{{…}}' : String(v);
}

function sameValue(expected: SampleValue, actual: number): boolean {
	if (typeof expected !== 'number') return false;
	return almostEqual(expected, actual, EPSILON);
}

/** Compares a result with the expectation; returns a failure message or null. */
function check(cmd: EvalCommand, res: QueryResult): string | null {
	if (cmd.expectString !== undefined) {
		if (res.resultType !== 'string')
			return `expected string ${JSON.stringify(cmd.expectString)}, got ${res.resultType}`;
		return res.value === cmd.expectString
			? null
			: `expected string ${JSON.stringify(cmd.expectString)}, got ${JSON.stringify(res.value)}`;
	}
	if (cmd.scalar !== undefined) {
		if (res.resultType !== 'scalar') return `expected scalar ${cmd.scalar}, got ${res.resultType}`;
		return almostEqual(cmd.scalar, res.value, EPSILON)
			? null
			: `expected scalar ${cmd.scalar}, got ${res.value}`;
	}
	const expected = new Map<string, { desc: SeriesDesc; index: number }>();
	cmd.series.forEach((desc, index) => expected.set(labelsKey(desc.labels), { desc, index }));
	if (res.resultType === 'scalar' || res.resultType === 'string')
		return `expected ${cmd.series.length} series, got ${res.resultType} ${res.value}`;
	if (cmd.instant && !cmd.rangeVector) {
		if (res.resultType !== 'vector') return `expected an instant vector, got ${res.resultType}`;
		const seen = new Set<string>();
		for (let k = 0; k < res.result.length; k++) {
			const s = res.result[k];
			const key = labelsKey(s.labels);
			const exp = expected.get(key);
			if (!exp) return `unexpected metric ${formatLabels(s.labels)} in result, has value ${s.value}`;
			if (exp.desc.values.length !== 1)
				return `expected ${exp.desc.values.length} values for ${formatLabels(s.labels)} in an instant eval`;
			if (!sameValue(exp.desc.values[0], s.value))
				return `expected ${fmtValue(exp.desc.values[0])} for ${formatLabels(s.labels)}, got ${s.value}`;
			if (cmd.ordered && exp.index !== k)
				return `expected ${formatLabels(s.labels)} at position ${exp.index}, got ${k}`;
			seen.add(key);
		}
		for (const [key, exp] of expected)
			if (!seen.has(key))
				return `expected metric ${formatLabels(exp.desc.labels)} with ${fmtValue(exp.desc.values[0])} not found`;
		return null;
	}
	if (res.resultType !== 'matrix') return `expected a range vector, got ${res.resultType}`;
	const start = cmd.rangeVector ? cmd.rangeVector.from : cmd.start;
	const step = cmd.rangeVector ? cmd.rangeVector.step : cmd.step;
	if (!cmd.instant) {
		for (let k = 1; k < res.result.length; k++)
			if (compareLabels(res.result[k - 1].labels, res.result[k].labels) > 0)
				return 'range query result is not sorted by labels';
	}
	const seen = new Set<string>();
	for (const s of res.result) {
		const key = labelsKey(s.labels);
		const exp = expected.get(key);
		if (!exp) return `unexpected metric ${formatLabels(s.labels)} in result, has ${s.vs.length} points`;
		seen.add(key);
		const points: [number, number][] = [];
		exp.desc.values.forEach((v, k) => {
			if (typeof v === 'number') points.push([start + k * step, v]);
		});
		if (points.length !== s.ts.length)
			return `expected ${points.length} points for ${formatLabels(s.labels)}, got ${s.ts.length}: [${s.ts
				.map((t, k) => `${s.vs[k]}@${t / 1000}`)
				.join(' ')}]`;
		for (let k = 0; k < points.length; k++) {
			if (points[k][0] !== s.ts[k] || !sameValue(points[k][1], s.vs[k]))
				return `expected ${points[k][1]}@${points[k][0] / 1000} for ${formatLabels(s.labels)}, got ${s.vs[k]}@${s.ts[k] / 1000}`;
		}
	}
	for (const [key, exp] of expected)
		if (!seen.has(key)) return `expected metric ${formatLabels(exp.desc.labels)} not found`;
	return null;
}

function runEval(
	store: SeriesStore,
	cmd: EvalCommand
): { ok: true } | { ok: false; message: string } | { unsupported: string } {
	let res: QueryResult;
	try {
		res = cmd.instant
			? evaluateInstant(store, cmd.expr, cmd.at)
			: evaluateRange(store, cmd.expr, cmd.start, cmd.end, cmd.step);
	} catch (e) {
		if (!(e instanceof QueryError)) throw e;
		if (e.kind === 'unsupported') return { unsupported: unsupportedFeature(e.message) };
		if (!cmd.fail) return { ok: false, message: `unexpected error: ${e.message}` };
		if (cmd.fail.message !== undefined && e.message !== cmd.fail.message)
			return {
				ok: false,
				message: `expected error ${JSON.stringify(cmd.fail.message)}, got ${JSON.stringify(e.message)}`
			};
		if (cmd.fail.regex !== undefined && !compileRe2(`.*(?:${cmd.fail.regex}).*`).regex.test(e.message))
			return {
				ok: false,
				message: `expected error matching /${cmd.fail.regex}/, got ${JSON.stringify(e.message)}`
			};
		return { ok: true };
	}
	if (cmd.fail) return { ok: false, message: `expected an error, got a ${res.resultType} result` };
	const problem = check(cmd, res) ?? rangeModeCheck(store, cmd, res) ?? atModeCheck(store, cmd);
	return problem === null ? { ok: true } : { ok: false, message: problem };
}

/** Re-runs an instant eval as a range query over t-1m..t+1m and checks the middle step. */
function rangeModeCheck(store: SeriesStore, cmd: EvalCommand, res: QueryResult): string | null {
	if (!cmd.instant || cmd.ordered || (res.resultType !== 'vector' && res.resultType !== 'scalar'))
		return null;
	if (dependsOnQueryRange(parsePromQL(cmd.expr))) return null;
	const rr = evaluateRange(store, cmd.expr, cmd.at - 60_000, cmd.at + 60_000, 60_000);
	if (rr.resultType !== 'matrix') return `range mode: expected a matrix, got ${rr.resultType}`;
	const result = rr.result.flatMap((s) => {
		const k = s.ts.indexOf(cmd.at);
		return k < 0 ? [] : [{ labels: s.labels, t: cmd.at, value: s.vs[k] }];
	});
	const mid: QueryResult =
		res.resultType === 'scalar'
			? { resultType: 'scalar', t: cmd.at, value: result[0]?.value ?? NaN }
			: { resultType: 'vector', result };
	const problem = check(cmd, mid);
	return problem === null ? null : `range mode: ${problem}`;
}

const TIME_DEPENDENT = new Set([
	'days_in_month',
	'day_of_month',
	'day_of_week',
	'day_of_year',
	'hour',
	'minute',
	'month',
	'year',
	'predict_linear',
	'time',
	'timestamp',
	'start',
	'end',
	'range',
	'step'
]);

/** Whether the value depends on the query's own start/end/step: start(), end(), range(), step(), @ start()/end(). */
function dependsOnQueryRange(e: PromExpr): boolean {
	switch (e.type) {
		case 'VectorSelector':
			return e.at !== undefined && e.at.kind !== 'time';
		case 'MatrixSelector':
			return dependsOnQueryRange(e.selector);
		case 'SubqueryExpr':
			return (e.at !== undefined && e.at.kind !== 'time') || dependsOnQueryRange(e.expr);
		case 'Call':
			return ['start', 'end', 'range', 'step'].includes(e.func) || e.args.some(dependsOnQueryRange);
		case 'AggregateExpr':
			return (e.param !== undefined && dependsOnQueryRange(e.param)) || dependsOnQueryRange(e.expr);
		case 'BinaryExpr':
			return dependsOnQueryRange(e.lhs) || dependsOnQueryRange(e.rhs);
		case 'UnaryExpr':
		case 'ParenExpr':
			return dependsOnQueryRange(e.expr);
		default:
			return false;
	}
}

/** The expression with `@ ms` on every selector and subquery that has none (not inside a pinned subquery). */
function pinAt(e: PromExpr, ms: number): PromExpr {
	const at = { kind: 'time' as const, ms };
	switch (e.type) {
		case 'VectorSelector':
			return e.at ? e : { ...e, at };
		case 'MatrixSelector':
			return e.selector.at ? e : { ...e, selector: { ...e.selector, at } };
		case 'SubqueryExpr':
			return e.at ? e : { ...e, at };
		case 'Call':
			return { ...e, args: e.args.map((a) => pinAt(a, ms)) };
		case 'AggregateExpr':
			return { ...e, param: e.param && pinAt(e.param, ms), expr: pinAt(e.expr, ms) };
		case 'BinaryExpr':
			return { ...e, lhs: pinAt(e.lhs, ms), rhs: pinAt(e.rhs, ms) };
		case 'UnaryExpr':
		case 'ParenExpr':
			return { ...e, expr: pinAt(e.expr, ms) };
		default:
			return e;
	}
}

function usesTimeDependentFunction(e: PromExpr): boolean {
	switch (e.type) {
		case 'Call':
			return TIME_DEPENDENT.has(e.func) || e.args.some(usesTimeDependentFunction);
		case 'AggregateExpr':
			return (
				(e.param !== undefined && usesTimeDependentFunction(e.param)) || usesTimeDependentFunction(e.expr)
			);
		case 'BinaryExpr':
			return usesTimeDependentFunction(e.lhs) || usesTimeDependentFunction(e.rhs);
		case 'UnaryExpr':
		case 'ParenExpr':
		case 'SubqueryExpr':
			return usesTimeDependentFunction(e.expr);
		default:
			return false;
	}
}

/** Pins every selector to the eval time with `@` and checks the result at other evaluation times. */
function atModeCheck(store: SeriesStore, cmd: EvalCommand): string | null {
	if (!cmd.instant) return null;
	const ast = parsePromQL(cmd.expr);
	if (usesTimeDependentFunction(ast)) return null;
	const pinned = pinAt(ast, cmd.at);
	const ts = cmd.at;
	const times = ts === 0 ? [-1000, 1000] : [-10 * ts, 0, ts / 5, 10 * ts];
	for (const t of times) {
		const problem = check(cmd, evaluateInstant(store, pinned, t));
		if (problem !== null) return `with @ ${ts / 1000} evaluated at ${t / 1000}s: ${problem}`;
	}
	return null;
}

/** Every vector selector in the expression (those of range selectors included). */
function selectors(e: PromExpr): VectorSelector[] {
	switch (e.type) {
		case 'VectorSelector':
			return [e];
		case 'MatrixSelector':
			return [e.selector];
		case 'Call':
			return e.args.flatMap(selectors);
		case 'AggregateExpr':
			return [...(e.param ? selectors(e.param) : []), ...selectors(e.expr)];
		case 'BinaryExpr':
			return [...selectors(e.lhs), ...selectors(e.rhs)];
		case 'UnaryExpr':
		case 'ParenExpr':
		case 'SubqueryExpr':
			return selectors(e.expr);
		default:
			return [];
	}
}

/**
 * Why an eval needs native histograms, or null: its expected result holds `{{…}}` values, or one of its
 * selectors matches a series that had native-histogram samples in the loaded data (held in `native`, a store of
 * label sets without samples). Expressions that do not parse are left to the evaluator (they may expect a failure).
 */
function nativeHistogramNeed(cmd: EvalCommand, native: SeriesStore): string | null {
	if (cmd.unsupported) return cmd.unsupported;
	if (native.seriesCount === 0) return null;
	let ast: PromExpr;
	try {
		ast = parsePromQL(cmd.expr);
	} catch {
		return null;
	}
	for (const sel of selectors(ast)) {
		const hit = native.select(sel.matchers, -Infinity, Infinity)[0];
		if (hit) return `${NATIVE_SERIES} (${formatLabels(hit.labels)})`;
	}
	return null;
}

/** Short feature name for an engine `unsupported` error, e.g. `histogram_count()` or `limit_ratio()`. */
function unsupportedFeature(message: string): string {
	const fn = /^(\w+\(\)) is not supported/.exec(message);
	if (!fn) return message;
	return /native histogram/.test(message) ? `${fn[1]} on native histograms` : fn[1];
}

/**
 * Label sets of the native-histogram series a `load` block creates: series with `{{…}}` samples and, for
 * `load_with_nhcb`, the custom-bucket histogram `x{…}` built from `x_bucket{le=…}` / `x_sum` / `x_count`.
 */
function nativeSeries(cmd: LoadCommand): Labels[] {
	const out: Labels[] = [];
	for (const s of cmd.series) {
		if (s.values.includes('histogram')) out.push(s.labels);
		if (!cmd.nhcb) continue;
		const name = s.labels[METRIC_NAME] ?? '';
		const m = /^(.*)_(bucket|sum|count)$/.exec(name);
		if (!m) continue;
		if (m[2] === 'bucket') {
			const le = parseGoFloat(s.labels[BUCKET_LABEL] ?? '');
			if (le === null || Number.isNaN(le)) continue;
		}
		const base: Labels = { ...s.labels, [METRIC_NAME]: m[1] };
		delete base[BUCKET_LABEL];
		out.push(base);
	}
	return out;
}

/**
 * Loads the float samples of one `load` block (series defined twice in a block keep the later definition);
 * native-histogram samples are skipped.
 */
function load(store: SeriesStore, lastT: Map<number, number>, cmd: LoadCommand): void {
	const defs = new Map<string, SeriesDesc>();
	for (const s of cmd.series) defs.set(labelsKey(s.labels), s);
	for (const s of defs.values()) {
		if (!s.values.some((v) => typeof v === 'number' || v === 'stale')) continue;
		const ref = store.ref(s.labels);
		s.values.forEach((v, k) => {
			if (v === null || v === 'histogram') return;
			const t = k * cmd.stepMs;
			const last = lastT.get(ref);
			if (last !== undefined && t <= last) return; // out of order for the head block: dropped, as upstream
			if (v === 'stale') store.appendStale(ref, t);
			else store.append(ref, t, v);
			lastT.set(ref, t);
		});
	}
}

/** Outcome of a section: every eval passed, some were unsupported, one failed, or none could run. */
export type PromqltestSectionStatus = 'passed' | 'partial' | 'failed' | 'unsupported';

/** An eval that was not run, and the feature it needs. */
export interface PromqltestUnsupportedEval {
	/** 1-based line of the eval command. */
	line: number;
	expr: string;
	feature: string;
}

/** Results of one section (its `load` blocks and the evals that follow them). */
export interface PromqltestSectionReport {
	index: number;
	/** 1-based line of the section's first command. */
	line: number;
	/**
	 * `passed`: every eval passed; `partial`: every eval that could run passed, some could not; `failed`: an eval
	 * that could run failed (or the script is invalid); `unsupported`: no eval could run.
	 */
	status: PromqltestSectionStatus;
	/** Distinct features of the unsupported evals, joined by `; ` (partial, unsupported and failed sections). */
	feature?: string;
	failures?: string[];
	evalsPassed: number;
	evalsUnsupported: number;
	evalsTotal: number;
	unsupportedEvals?: PromqltestUnsupportedEval[];
}

/** Results of one test file: section counts by status, and eval counts. */
export interface PromqltestFileReport {
	file: string;
	sections: PromqltestSectionReport[];
	passed: number;
	/** Sections whose runnable evals all passed while others needed unsupported features. */
	partial: number;
	failed: number;
	/** Sections none of whose evals could run. */
	unsupported: number;
	evalsPassed: number;
	/** Evals not run because they need an unsupported feature (native histograms). */
	evalsUnsupported: number;
	evalsTotal: number;
	/** `expect warn/info/no_warn/no_info` lines (and `eval_warn`/`eval_info`) that were not checked. */
	annotationsNotChecked: number;
}

/**
 * Runs a promqltest script against a fresh store and reports per-section results. `file` is only used as the
 * report's name. Never throws for problems in the script: they become failures of their section.
 */
export function runPromqltest(source: string, file: string): PromqltestFileReport {
	const report: PromqltestFileReport = {
		file,
		sections: [],
		passed: 0,
		partial: 0,
		failed: 0,
		unsupported: 0,
		evalsPassed: 0,
		evalsUnsupported: 0,
		evalsTotal: 0,
		annotationsNotChecked: 0
	};
	let store = new SeriesStore();
	/** Label sets (no samples) of the series that had native-histogram samples since the last `clear`. */
	let native = new SeriesStore();
	let lastT = new Map<number, number>();
	let section: PromqltestSectionReport | null = null;
	let hadEval = false;
	const open = (line: number): PromqltestSectionReport => {
		const s: PromqltestSectionReport = {
			index: report.sections.length + 1,
			line,
			status: 'passed',
			evalsPassed: 0,
			evalsUnsupported: 0,
			evalsTotal: 0
		};
		report.sections.push(s);
		hadEval = false;
		return s;
	};
	for (const cmd of parseScript(source)) {
		if (cmd.kind === 'clear') {
			store = new SeriesStore();
			native = new SeriesStore();
			lastT = new Map();
			section = null;
			continue;
		}
		if (!section || (cmd.kind === 'load' && hadEval)) section = open(cmd.line);
		if (cmd.kind === 'error') {
			(section.failures ??= []).push(`line ${cmd.line}: ${cmd.message}`);
			continue;
		}
		if (cmd.kind === 'load') {
			for (const labels of nativeSeries(cmd)) native.ref(labels);
			load(store, lastT, cmd);
			continue;
		}
		hadEval = true;
		section.evalsTotal++;
		report.annotationsNotChecked += cmd.annotations;
		const need = nativeHistogramNeed(cmd, native);
		const r = need !== null ? { unsupported: need } : runEval(store, cmd);
		if ('unsupported' in r) {
			section.evalsUnsupported++;
			(section.unsupportedEvals ??= []).push({ line: cmd.line, expr: cmd.expr, feature: r.unsupported });
		} else if (r.ok) section.evalsPassed++;
		else (section.failures ??= []).push(`line ${cmd.line}: ${cmd.expr}: ${r.message}`);
	}
	for (const s of report.sections) {
		if (s.unsupportedEvals)
			s.feature = [...new Set(s.unsupportedEvals.map((u) => featureCategory(u.feature)))].join('; ');
		s.status = s.failures
			? 'failed'
			: s.evalsUnsupported === 0
				? 'passed'
				: s.evalsUnsupported === s.evalsTotal
					? 'unsupported'
					: 'partial';
		report[s.status]++;
		report.evalsPassed += s.evalsPassed;
		report.evalsUnsupported += s.evalsUnsupported;
		report.evalsTotal += s.evalsTotal;
	}
	return report;
}

/** The feature without its detail in parentheses (`native histogram series (x{…})` → `native histogram series`). */
export function featureCategory(feature: string): string {
	return feature.replace(/ \(.*\)$/s, '');
}
