import { describe, expect, it } from 'vitest';
import { QueryError } from '../types';
import type { PromExpr } from './ast';
import { findUnsupported, parsePromQL } from './parser';

function errorOf(text: string): QueryError {
	try {
		parsePromQL(text);
	} catch (e) {
		if (e instanceof QueryError) return e;
		throw e;
	}
	throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

/** Compact rendering of the AST, to check structure and precedence. */
function show(e: PromExpr): string {
	switch (e.type) {
		case 'NumberLiteral':
			return String(e.value);
		case 'StringLiteral':
			return JSON.stringify(e.value);
		case 'VectorSelector': {
			const ms = e.matchers.filter((m) => m.name !== '__name__' || e.name === undefined);
			let s = `${e.name ?? ''}{${ms.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(',')}}`;
			if (e.offsetMs) s += ` offset ${e.offsetMs}ms`;
			if (e.at) s += ` @ ${e.at.kind === 'time' ? `${e.at.ms}ms` : `${e.at.kind}()`}`;
			return s;
		}
		case 'MatrixSelector':
			return `${show({ ...e.selector, offsetMs: 0, at: undefined })}[${e.rangeMs}ms]${e.selector.offsetMs ? ` offset ${e.selector.offsetMs}ms` : ''}`;
		case 'SubqueryExpr':
			return `${show(e.expr)}[${e.rangeMs}ms:${e.stepMs ?? ''}]${e.offsetMs ? ` offset ${e.offsetMs}ms` : ''}`;
		case 'Call':
			return `${e.func}(${e.args.map(show).join(', ')})`;
		case 'AggregateExpr':
			return `${e.op}${e.grouping.length || e.without ? ` ${e.without ? 'without' : 'by'}(${e.grouping.join(',')})` : ''}(${e.param ? `${show(e.param)}, ` : ''}${show(e.expr)})`;
		case 'BinaryExpr': {
			const m = e.matching;
			const mod = m && (m.labels.length || m.on) ? ` ${m.on ? 'on' : 'ignoring'}(${m.labels.join(',')})` : '';
			const grp =
				m && m.card === 'many-to-one'
					? ` group_left(${m.include.join(',')})`
					: m?.card === 'one-to-many'
						? ` group_right(${m.include.join(',')})`
						: '';
			return `(${show(e.lhs)} ${e.op}${e.returnBool ? ' bool' : ''}${mod}${grp} ${show(e.rhs)})`;
		}
		case 'UnaryExpr':
			return `${e.op}${show(e.expr)}`;
		case 'ParenExpr':
			return `(${show(e.expr)})`;
	}
}

describe('parsePromQL', () => {
	it('builds selectors with all matcher kinds, quoted names and a metric name matcher', () => {
		expect(show(parsePromQL('http_requests_total{job="api", code=~"5..", path!="/", env!~"dev|test"}'))).toBe(
			'http_requests_total{job="api",code=~"5..",path!="/",env!~"dev|test"}'
		);
		expect(show(parsePromQL('{"my.metric", "a b"="c"}'))).toBe('my.metric{a b="c"}');
		expect(show(parsePromQL('{__name__=~"up|down"}'))).toBe('{__name__=~"up|down"}');
	});

	it('parses durations, offsets (also negative) and @ modifiers to milliseconds', () => {
		expect(show(parsePromQL('rate(x[1h30m] offset -5m)'))).toBe('rate(x{}[5400000ms] offset -300000ms)');
		expect(show(parsePromQL('x @ 1.5'))).toBe('x{} @ 1500ms');
		expect(show(parsePromQL('x @ end() offset 1m'))).toBe('x{} offset 60000ms @ end()');
		expect(show(parsePromQL('max_over_time(x[10m:30s])'))).toBe('max_over_time(x{}[600000ms:30000])');
		expect(show(parsePromQL('avg_over_time(x[5m:])'))).toBe('avg_over_time(x{}[300000ms:])');
		expect(show(parsePromQL('x[30:10]'))).toBe('x{}[30000ms:10000]');
	});

	it('binds offset, @ and ranges tighter than any operator', () => {
		expect(show(parsePromQL('a + b offset 1m'))).toBe('(a{} + b{} offset 60000ms)');
		expect(show(parsePromQL('-x @ 100'))).toBe('-x{} @ 100000ms');
		expect(show(parsePromQL('a or b @ 10 offset 1m'))).toBe('(a{} or b{} offset 60000ms @ 10000ms)');
		expect(errorOf('a or b[5m:1m]').message).toBe(
			'binary expression must contain only scalar and instant vector types'
		);
	});

	it('follows PromQL operator precedence and associativity', () => {
		expect(show(parsePromQL('1 + 2 * 3 ^ 2 ^ 2'))).toBe('(1 + (2 * (3 ^ (2 ^ 2))))');
		expect(show(parsePromQL('-2 ^ 2'))).toBe('-(2 ^ 2)');
		expect(show(parsePromQL('a - b - c'))).toBe('((a{} - b{}) - c{})');
		expect(show(parsePromQL('a > b and c or d unless e'))).toBe(
			'(((a{} > b{}) and c{}) or (d{} unless e{}))'
		);
		expect(show(parsePromQL('- - - 1'))).toBe('-1');
	});

	it('reads number literals as Go does', () => {
		expect(show(parsePromQL('0x1F + 010 + 1e3 + .5 + 2.'))).toBe('((((31 + 8) + 1000) + 0.5) + 2)');
		expect(show(parsePromQL('Inf - -inF + NaN'))).toBe('((Infinity - -Infinity) + NaN)');
		expect(show(parsePromQL('1h + 1./6.'))).toBe('(3600 + (1 / 6))');
	});

	it('parses aggregations, modifiers and vector matching', () => {
		expect(show(parsePromQL('sum by (job) (rate(x[5m]))'))).toBe('sum by(job)(rate(x{}[300000ms]))');
		expect(show(parsePromQL('sum(rate(x[5m])) without (pod)'))).toBe('sum without(pod)(rate(x{}[300000ms]))');
		expect(show(parsePromQL('topk(3, x)'))).toBe('topk(3, x{})');
		expect(show(parsePromQL('count_values("v", x)'))).toBe('count_values("v", x{})');
		expect(show(parsePromQL('a * on(pod) group_left(node) b'))).toBe('(a{} * on(pod) group_left(node) b{})');
		expect(show(parsePromQL('a / ignoring(code) group_right b'))).toBe(
			'(a{} / ignoring(code) group_right() b{})'
		);
		expect(show(parsePromQL('a >= bool 1'))).toBe('(a{} >= bool 1)');
	});

	it('unquotes strings with Go escapes', () => {
		expect(show(parsePromQL('"a\\tb\\u00e9\\x41"'))).toBe(JSON.stringify('a\tbéA'));
		expect(show(parsePromQL("'it\\'s'"))).toBe(JSON.stringify("it's"));
		expect(show(parsePromQL('`raw\\n`'))).toBe(JSON.stringify('raw\\n'));
	});

	it('reports syntax errors with their position', () => {
		const e = errorOf('sum(rate(x[5m])))');
		expect(e.message).toBe("unexpected ')' at 1:17");
		expect([e.from, e.to]).toEqual([16, 17]);
		expect(e.kind).toBe('syntax');
		expect(errorOf('rate(x[5m]').message).toBe('unexpected end of input at 1:11');
		expect(errorOf('x{a="b"').message).toBe('unexpected end of input at 1:8');
		expect(errorOf('"abc').message).toBe('unterminated quoted string at 1:1');
		expect(errorOf('').message).toBe('empty query');
		expect(errorOf('sum by (job) rate(x[5m])').message).toBe("unexpected 'rate' at 1:14");
		expect(errorOf('x{a="\\q"}').message).toBe('unknown escape sequence: \\q');
	});

	it('names unknown functions', () => {
		const e = errorOf('sum(rate_of(x[5m]))');
		expect(e.message).toBe('unknown function with name "rate_of"');
		expect([e.from, e.to]).toEqual([4, 11]);
	});

	it('applies the type checks of the Prometheus parser', () => {
		expect(errorOf('rate(x)').message).toBe(
			'expected type range vector in call to function "rate", got instant vector'
		);
		expect(errorOf('rate(x[5m], 1)').message).toBe('expected 1 argument(s) in call to "rate", got 2');
		expect(errorOf('round()').message).toBe('expected at least 1 argument(s) in call to "round", got 0');
		expect(errorOf('1 > 2').message).toBe('comparisons between scalars must use BOOL modifier');
		expect(errorOf('x + y[5m]').message).toBe(
			'binary expression must contain only scalar and instant vector types'
		);
		expect(errorOf('x and 1').message).toBe('set operator "and" not allowed in binary scalar expression');
		expect(errorOf('x and on(a) group_left y').message).toBe('no grouping allowed for "and" operation');
		expect(errorOf('x + bool y').message).toBe('bool modifier can only be used on comparison operators');
		expect(errorOf('sum(x, y)').message).toBe(
			'wrong number of arguments for aggregate expression provided, expected 1, got 2'
		);
		expect(errorOf('sum(x[5m])').message).toBe(
			'expected type instant vector in aggregation expression, got range vector'
		);
		expect(errorOf('x[5m][1m:]').message).toBe(
			'subquery is only allowed on instant vector, got range vector instead'
		);
		expect(errorOf('(x)[5m]').message).toBe('ranges only allowed for vector selectors');
		expect(errorOf('rate(x[5m]) offset 1m').message).toMatch(/^offset modifier must be preceded by/);
		expect(errorOf('x offset 1m offset 2m').message).toBe('offset may not be set multiple times');
		expect(errorOf('{job=~".*"}').message).toBe(
			'vector selector must contain at least one non-empty matcher'
		);
		expect(errorOf('foo{__name__="bar"}').message).toBe('metric name must not be set twice: "foo" or "bar"');
		expect(errorOf('x{a=~"(b"}').message).toBe('error parsing regexp: missing closing ): `(b`');
		expect(errorOf('-x[5m]').message).toMatch(
			/^unary expression only allowed on expressions of type scalar or instant vector/
		);
	});

	it('reports experimental syntax as unsupported, and functions it will not evaluate', () => {
		expect(errorOf('rate(x[5m] anchored)').kind).toBe('unsupported');
		expect(errorOf('a + on(b) fill(0) c').kind).toBe('unsupported');
		expect(errorOf('x[step()]').kind).toBe('unsupported');
		const unsupported = findUnsupported(parsePromQL('sum(histogram_count(rate(x[5m])))'));
		expect(unsupported?.kind).toBe('unsupported');
		expect([unsupported?.from, unsupported?.to]).toEqual([4, 32]);
		expect(findUnsupported(parsePromQL('limit_ratio(0.5, x)'))).toBeNull();
		expect(
			findUnsupported(parsePromQL('histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))'))
		).toBeNull();
	});
});
