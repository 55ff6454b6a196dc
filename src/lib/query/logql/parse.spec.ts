import { describe, expect, it } from 'vitest';
import { QueryError } from '../types';
import type {
	BinaryExpr,
	LogQueryExpr,
	MetricExpr,
	RangeAggregationExpr,
	VectorAggregationExpr
} from './ast';
import { isMetricQuery, parseLogQL } from './parse';

function log(q: string): LogQueryExpr {
	const e = parseLogQL(q);
	if (e.type !== 'log') throw new Error(`expected a log query, got ${e.type}`);
	return e;
}

function metric(q: string): MetricExpr {
	const e = parseLogQL(q);
	if (e.type === 'log') throw new Error('expected a metric query');
	return e;
}

/** The error a query raises: its kind, the text it points at and its message. */
function errorOf(q: string): { kind: string; at: string; from: number; message: string } {
	try {
		parseLogQL(q);
	} catch (e) {
		if (e instanceof QueryError)
			return { kind: e.kind, at: q.slice(e.from, e.to), from: e.from, message: e.message };
		throw e;
	}
	throw new Error(`expected ${q} to fail`);
}

/** Renders a metric AST with explicit parentheses, to check precedence. */
function shape(e: MetricExpr): string {
	switch (e.type) {
		case 'literal':
			return String(e.value);
		case 'binary':
			return `(${shape(e.lhs)} ${e.op}${e.bool ? ' bool' : ''} ${shape(e.rhs)})`;
		case 'rangeAggregation':
			return `${e.op}(…)`;
		case 'vectorAggregation':
			return `${e.op}(${shape(e.expr)})`;
		case 'vector':
			return `vector(${e.value})`;
		case 'labelReplace':
			return `label_replace(${shape(e.expr)})`;
	}
}

describe('parseLogQL: stream selectors', () => {
	it('reads every matcher operator and the offsets of each matcher', () => {
		const q = '{service="checkout-api", level=~"error|warn", pod!="x", app!~"a.*"}';
		const e = log(q);
		expect(e.selector.matchers.map((m) => [m.name, m.op, m.value])).toEqual([
			['service', '=', 'checkout-api'],
			['level', '=~', 'error|warn'],
			['pod', '!=', 'x'],
			['app', '!~', 'a.*']
		]);
		expect(q.slice(e.selector.matchers[1].from, e.selector.matchers[1].to)).toBe('level=~"error|warn"');
		expect(e.pipeline).toEqual([]);
		expect(isMetricQuery(e)).toBe(false);
	});

	it('accepts a trailing comma, comments, parentheses and backtick strings', () => {
		expect(log('{service="a", level="error"} # only errors').selector.matchers).toHaveLength(2);
		expect(log('({service="a"})').selector.matchers[0].value).toBe('a');
		expect(log('{service=~`checkout-.+`}').selector.matchers[0].value).toBe('checkout-.+');
	});

	it('decodes Go escapes in double-quoted strings', () => {
		expect(log('{a="x\\"y\\\\z\\n\\u00e9"}').selector.matchers[0].value).toBe('x"y\\z\né');
	});

	it('rejects a selector with no matcher, pointing at the closing brace', () => {
		const err = errorOf('{}');
		expect(err).toMatchObject({ kind: 'syntax', at: '}' });
		expect(err.message).toMatch(/label matcher/);
	});

	it('rejects selectors whose matchers all match the empty string (Loki rule)', () => {
		for (const q of ['{a=~".*"}', '{a=""}', '{a!="x"}', '{a=~".*", b!~"y"}']) {
			const err = errorOf(q);
			expect(err.kind).toBe('syntax');
			expect(err.at).toBe(q);
			expect(err.message).toMatch(/does not match the empty string/);
		}
		expect(log('{a=~".+"}').selector.matchers).toHaveLength(1);
		expect(log('{a=~".*", b="x"}').selector.matchers).toHaveLength(2);
	});

	it('points at an unquoted or single-quoted value', () => {
		expect(errorOf('{a=b}')).toMatchObject({ at: 'b', message: expect.stringMatching(/quoted string/) });
		expect(errorOf("{a='b'}")).toMatchObject({ at: "'", message: expect.stringMatching(/single quotes/) });
	});

	it('reports a missing closing brace at the end of the query', () => {
		const err = errorOf('{service="a"');
		expect(err.from).toBe(12);
		expect(err.message).toMatch(/end of query.*"}"/);
	});

	it('reports invalid regexes at their string literal', () => {
		const err = errorOf('{a=~"(unclosed"}');
		expect(err).toMatchObject({ kind: 'syntax', at: '"(unclosed"' });
		expect(err.message).toMatch(/invalid regular expression/);
	});
});

describe('parseLogQL: pipelines', () => {
	it('reads chained line filters, or-alternatives and pattern filters', () => {
		const e = log(
			'{a="b"} |= "502" != "healthz" |~ "(?i)timeout" !~ "debug|trace" |= "x" or "y" |> "<_> GET <_>" !> "<_>/ping"'
		);
		expect(e.pipeline.map((s) => (s.kind === 'lineFilter' ? [s.op, s.values] : s.kind))).toEqual([
			['|=', ['502']],
			['!=', ['healthz']],
			['|~', ['(?i)timeout']],
			['!~', ['debug|trace']],
			['|=', ['x', 'y']],
			['|>', ['<_> GET <_>']],
			['!>', ['<_>/ping']]
		]);
	});

	it('reads parsers with their options', () => {
		const e = log(
			'{a="b"} | json | json first="servers[0]", ua=`headers["User-Agent"]` | logfmt | logfmt --strict --keep-empty level, m="msg" | regexp "(?P<method>\\\\w+) (?P<path>\\\\S+)" | pattern "<ip> - <_> \\"<method> <path>\\""'
		);
		expect(e.pipeline).toMatchObject([
			{ kind: 'json', extractions: [] },
			{
				kind: 'json',
				extractions: [
					{ label: 'first', path: 'servers[0]' },
					{ label: 'ua', path: 'headers["User-Agent"]' }
				]
			},
			{ kind: 'logfmt', strict: false, keepEmpty: false, extractions: [] },
			{
				kind: 'logfmt',
				strict: true,
				keepEmpty: true,
				extractions: [
					{ label: 'level', path: 'level' },
					{ label: 'm', path: 'msg' }
				]
			},
			{ kind: 'regexp', pattern: '(?P<method>\\w+) (?P<path>\\S+)' },
			{ kind: 'pattern', pattern: '<ip> - <_> "<method> <path>"' }
		]);
	});

	it('reads label filters with and/or/comma precedence, units and parentheses', () => {
		const e = log(
			'{a="b"} | logfmt | status >= 500 and latency > 250ms or level="error", size < 1KB | (x=~"a.*" or y!="b")'
		);
		const lf = e.pipeline[1];
		expect(lf).toMatchObject({
			kind: 'labelFilter',
			filter: {
				type: 'or',
				left: {
					type: 'and',
					left: { type: 'number', name: 'status', op: '>=', value: 500 },
					right: { type: 'duration', name: 'latency', op: '>', value: 0.25 }
				},
				right: {
					type: 'and',
					left: { type: 'string', name: 'level', op: '=', value: 'error' },
					right: { type: 'bytes', name: 'size', op: '<', value: 1000 }
				}
			}
		});
		expect(e.pipeline[2]).toMatchObject({ filter: { type: 'or', left: { op: '=~' }, right: { op: '!=' } } });
	});

	it('reads numeric equality, negative numbers and IEC byte units', () => {
		const e = log('{a="b"} | x == 1.5 | y = -2 | z != 0 | s > 2MiB');
		expect(e.pipeline.map((s) => (s.kind === 'labelFilter' ? s.filter : null))).toMatchObject([
			{ type: 'number', op: '==', value: 1.5 },
			{ type: 'number', op: '==', value: -2 },
			{ type: 'number', op: '!=', value: 0 },
			{ type: 'bytes', op: '>', value: 2 * 1024 * 1024 }
		]);
	});

	it('reads line_format, label_format, drop, keep and decolorize', () => {
		const e = log(
			'{a="b"} | line_format "{{.status}} {{ .msg | upper }}" | label_format svc=service, code="{{.status}}" | drop trace_id, level="debug" | keep service, code | decolorize'
		);
		expect(e.pipeline).toMatchObject([
			{ kind: 'lineFormat', template: '{{.status}} {{ .msg | upper }}' },
			{
				kind: 'labelFormat',
				ops: [
					{ dst: 'svc', rename: 'service' },
					{ dst: 'code', template: '{{.status}}' }
				]
			},
			{
				kind: 'drop',
				items: [
					{ name: 'trace_id', matcher: null },
					{ name: 'level', matcher: { op: '=', value: 'debug' } }
				]
			},
			{ kind: 'keep', items: [{ name: 'service' }, { name: 'code' }] },
			{ kind: 'decolorize' }
		]);
	});

	it('points at the token after a dangling pipe and says what may follow', () => {
		const q = '{a="b"} | json |';
		const err = errorOf(q);
		expect(err.from).toBe(q.length);
		expect(err.message).toMatch(/parser \(json, logfmt/);
	});

	it('points at a missing line-filter string', () => {
		expect(errorOf('{a="b"} |= ')).toMatchObject({
			from: 11,
			message: expect.stringMatching(/quoted string after the line filter/)
		});
	});

	it('explains malformed label-filter values', () => {
		expect(errorOf('{a="b"} | logfmt | status >= 5xx')).toMatchObject({
			at: '5xx',
			message: expect.stringMatching(/number, a duration/)
		});
		expect(errorOf('{a="b"} | logfmt | a="1" b="2"')).toMatchObject({
			at: 'b',
			message: expect.stringMatching(/and, or/)
		});
	});

	it('reports bad escapes, RE2-only constructs and bad templates inside strings', () => {
		expect(errorOf('{a="b"} |~ "\\d+"')).toMatchObject({
			at: '\\d',
			message: expect.stringMatching(/invalid escape \\d/)
		});
		expect(errorOf('{a="b"} |~ "(?<=x)y"')).toMatchObject({
			at: '"(?<=x)y"',
			message: expect.stringMatching(/lookaround/)
		});
		expect(errorOf('{a="b"} |~ `(a)\\1`')).toMatchObject({
			message: expect.stringMatching(/backreferences/)
		});
		expect(errorOf('{a="b"} | line_format "{{ if .x }}y{{ end }}"')).toMatchObject({
			kind: 'unsupported',
			at: 'if'
		});
		expect(errorOf('{a="b"} | line_format "{{ .x | shout }}"')).toMatchObject({
			kind: 'unsupported',
			at: 'shout'
		});
		expect(errorOf('{a="b"} | line_format "{{ .x "')).toMatchObject({
			message: expect.stringMatching(/not closed/)
		});
		expect(errorOf('{a="b"} | regexp "(.*)"')).toMatchObject({
			at: '"(.*)"',
			message: expect.stringMatching(/named capture/)
		});
		expect(errorOf('{a="b"} | pattern "<a><b>"')).toMatchObject({
			message: expect.stringMatching(/consecutive captures/)
		});
		expect(errorOf('{a="b"} | json x="a..b"')).toMatchObject({
			at: '"a..b"',
			message: expect.stringMatching(/json path/)
		});
		expect(errorOf('{a="b"} | logfmt --fast')).toMatchObject({
			at: '--fast',
			message: expect.stringMatching(/--strict/)
		});
	});

	it('rejects unwrap and ranges outside range aggregations', () => {
		expect(errorOf('{a="b"} | unwrap latency')).toMatchObject({
			at: 'unwrap',
			message: expect.stringMatching(/range aggregation/)
		});
		expect(errorOf('{a="b"}[5m]')).toMatchObject({
			at: '[',
			message: expect.stringMatching(/range aggregation/)
		});
	});

	it('reports constructs this engine does not evaluate as unsupported, at their position', () => {
		expect(errorOf('{a="b"} | unpack')).toMatchObject({ kind: 'unsupported', at: 'unpack' });
		expect(errorOf('{a="b"} |= ip("10.0.0.0/8")')).toMatchObject({
			kind: 'unsupported',
			at: '|= ip("10.0.0.0/8")'
		});
		expect(errorOf('{a="b"} | logfmt | addr = ip("10.0.0.1")')).toMatchObject({
			kind: 'unsupported',
			at: 'addr = ip("10.0.0.1")'
		});
		expect(errorOf('rate_counter({a="b"} | unwrap x [1m])')).toMatchObject({
			kind: 'unsupported',
			at: 'rate_counter'
		});
	});

	it('says so when the query is empty', () => {
		expect(errorOf('   ')).toMatchObject({ kind: 'syntax', message: expect.stringMatching(/empty query/) });
	});
});

describe('parseLogQL: metric queries', () => {
	it('reads a range aggregation with its range, offset, pipeline and unwrap', () => {
		const e = metric(
			'avg_over_time({a="b"} | logfmt | unwrap duration(latency) | __error__="" [5m]) by (pod)'
		) as RangeAggregationExpr;
		expect(isMetricQuery(e)).toBe(true);
		expect(e).toMatchObject({
			type: 'rangeAggregation',
			op: 'avg_over_time',
			grouping: { without: false, labels: ['pod'] },
			range: {
				rangeMs: 300_000,
				pipeline: [{ kind: 'logfmt' }],
				unwrap: {
					label: 'latency',
					conversion: 'duration',
					postFilters: [{ type: 'string', name: '__error__' }]
				}
			}
		});
		const o = metric('count_over_time({a="b"} |= "x" [5m] offset 1h)') as RangeAggregationExpr;
		expect(o.range.offsetMs).toBe(3_600_000);
		expect(o.range.pipeline).toHaveLength(1);
		const u = metric('sum_over_time({a="b"}[5m] offset 1m | logfmt | unwrap x)') as RangeAggregationExpr;
		expect(u.range).toMatchObject({ offsetMs: 60_000, unwrap: { label: 'x' } });
		expect(errorOf('sum_over_time({a="b"} | logfmt | unwrap x [5m] offset 1m)')).toMatchObject({
			kind: 'unsupported',
			at: 'offset'
		});
	});

	it('reads every range operation', () => {
		const ops = ['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate', 'absent_over_time'].map(
			(op) => (metric(`${op}({a="b"}[1m])`) as RangeAggregationExpr).op
		);
		expect(ops).toEqual(['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate', 'absent_over_time']);
		const unwrapped = ['sum', 'avg', 'min', 'max', 'stddev', 'stdvar', 'first', 'last'].map(
			(op) => (metric(`${op}_over_time({a="b"} | unwrap x [1m])`) as RangeAggregationExpr).op
		);
		expect(unwrapped).toHaveLength(8);
		expect(metric('quantile_over_time(0.99, {a="b"} | unwrap bytes(size) [1m])')).toMatchObject({
			op: 'quantile_over_time',
			param: 0.99,
			range: { unwrap: { conversion: 'bytes' } }
		});
	});

	it('reads aggregations with prefix or suffix grouping and topk/bottomk parameters', () => {
		expect(metric('sum by (service, pod) (rate({a="b"}[1m]))')).toMatchObject({
			op: 'sum',
			grouping: { without: false, labels: ['service', 'pod'] }
		});
		expect(metric('avg(rate({a="b"}[1m])) without (pod)')).toMatchObject({
			op: 'avg',
			grouping: { without: true, labels: ['pod'] }
		});
		expect(metric('topk(3, sum by (route) (rate({a="b"}[1m])))')).toMatchObject({ op: 'topk', param: 3 });
		expect((metric('bottomk(1, count_over_time({a="b"}[1m]))') as VectorAggregationExpr).param).toBe(1);
		expect(metric('count by () (rate({a="b"}[1m]))')).toMatchObject({
			op: 'count',
			grouping: { labels: [] }
		});
	});

	it('applies Loki operator precedence regardless of the grammar tree', () => {
		expect(shape(metric('1 + 2 * 3'))).toBe('(1 + (2 * 3))');
		expect(shape(metric('2 * 3 + 1'))).toBe('((2 * 3) + 1)');
		expect(shape(metric('2 ^ 3 ^ 2'))).toBe('(2 ^ (3 ^ 2))');
		expect(shape(metric('10 - 4 - 3'))).toBe('((10 - 4) - 3)');
		expect(shape(metric('(1 + 2) * 3'))).toBe('((1 + 2) * 3)');
		expect(shape(metric('-1 + 2 ^ 2'))).toBe('(-1 + (2 ^ 2))');
		expect(shape(metric('sum(rate({a="b"} |= "502" [1m])) / sum(rate({a="b"}[1m])) * 100'))).toBe(
			'((sum(rate(…)) / sum(rate(…))) * 100)'
		);
		expect(shape(metric('rate({a="b"}[1m]) > 1 and rate({a="c"}[1m]) or vector(0)'))).toBe(
			'(((rate(…) > 1) and rate(…)) or vector(0))'
		);
		expect(shape(metric('1 + 1 > bool 1'))).toBe('((1 + 1) > bool 1)');
	});

	it('reads vector matching modifiers', () => {
		const e = metric(
			'sum by (pod, service) (rate({a="b"}[1m])) / on (service) group_left (team) sum by (service, team) (rate({a="c"}[1m]))'
		) as BinaryExpr;
		expect(e.matching).toEqual({ on: true, labels: ['service'], card: 'left', include: ['team'] });
		const i = metric('rate({a="b"}[1m]) - ignoring (level) rate({a="c"}[1m])') as BinaryExpr;
		expect(i.matching).toEqual({ on: false, labels: ['level'], card: null, include: [] });
	});

	it('reads vector(), label_replace and literals', () => {
		expect(metric('vector(0)')).toMatchObject({ type: 'vector', value: 0 });
		expect(metric('label_replace(rate({a="b"}[1m]), "svc", "$1", "service", "(.*)-api")')).toMatchObject({
			type: 'labelReplace',
			dst: 'svc',
			replacement: '$1',
			src: 'service',
			regex: '(.*)-api'
		});
		expect(metric('-2.5')).toMatchObject({ type: 'literal', value: -2.5 });
	});

	it('enforces Loki rules on range aggregations', () => {
		expect(errorOf('sum_over_time({a="b"}[5m])')).toMatchObject({
			at: 'sum_over_time',
			message: expect.stringMatching(/needs an unwrapped label/)
		});
		expect(errorOf('count_over_time({a="b"} | unwrap x [5m])')).toMatchObject({
			at: '| unwrap x',
			message: expect.stringMatching(/cannot be used with unwrap/)
		});
		expect(errorOf('count_over_time({a="b"}[5m]) by (pod)')).toMatchObject({
			at: 'by (pod)',
			message: expect.stringMatching(/grouping is not allowed/)
		});
		expect(errorOf('sum_over_time({a="b"} | unwrap x [5m]) by (pod)')).toMatchObject({ at: 'by (pod)' });
		expect(errorOf('quantile_over_time({a="b"} | unwrap x [5m])').message).toMatch(/needs a quantile/);
		expect(errorOf('rate(2, {a="b"}[5m])')).toMatchObject({
			at: '2',
			message: expect.stringMatching(/no numeric parameter/)
		});
		expect(errorOf('rate({a="b"}[0s])')).toMatchObject({
			at: '0s',
			message: expect.stringMatching(/positive duration/)
		});
	});

	it('enforces aggregation and operator rules', () => {
		expect(errorOf('topk(0, rate({a="b"}[1m]))')).toMatchObject({
			at: '0',
			message: expect.stringMatching(/greater than 0/)
		});
		expect(errorOf('topk(rate({a="b"}[1m]))').message).toMatch(/needs a count/);
		expect(errorOf('sum(2, rate({a="b"}[1m]))')).toMatchObject({ at: '2' });
		expect(errorOf('1 > 2')).toMatchObject({ at: '>', message: expect.stringMatching(/must use bool/) });
		expect(errorOf('rate({a="b"}[1m]) + bool 1')).toMatchObject({
			message: expect.stringMatching(/bool can only be used/)
		});
		expect(errorOf('rate({a="b"}[1m]) and 1')).toMatchObject({
			at: 'and',
			message: expect.stringMatching(/needs vectors/)
		});
		expect(errorOf('rate({a="b"}[1m]) and on (x) group_left rate({a="c"}[1m])').message).toMatch(
			/group_left/
		);
		expect(errorOf('sum(1)').message).toMatch(/needs a vector/);
	});

	it('explains common mistakes in metric queries', () => {
		expect(errorOf('rate({a="b"})')).toMatchObject({
			at: ')',
			message: expect.stringMatching(/range such as \[5m\]/)
		});
		expect(errorOf('rate({a="b"}[1x])')).toMatchObject({
			at: '1x',
			message: expect.stringMatching(/duration such as 5m/)
		});
		expect(errorOf('increase({a="b"}[5m])')).toMatchObject({
			at: 'increase',
			message: expect.stringMatching(/unknown function "increase"/)
		});
		expect(errorOf('sum(rate({a="b"}[1m])')).toMatchObject({
			message: expect.stringMatching(/end of query.*"\)"/)
		});
		expect(errorOf('sum(rate({a="b"}[1m])) by')).toMatchObject({
			message: expect.stringMatching(/by \(service\)/)
		});
		expect(errorOf('{a="b"} / 2')).toMatchObject({
			at: '{a="b"}',
			message: expect.stringMatching(/log query cannot be used in arithmetic/)
		});
	});
});
