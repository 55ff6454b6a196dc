import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expandValues, parseSeriesLine, runPromqltest } from './promqltest';

const CORPUS = fileURLToPath(new URL('../../../../tests/corpus/promql-tests/', import.meta.url));

/**
 * What the engine achieves per corpus file (floors): sections passed outright, sections with every runnable eval
 * passing (passed + partial) and evals passed. Evals that are not run need native histograms: they select a
 * series that had native-histogram samples (`{{…}}`, or the NHCB series `load_with_nhcb` builds) or expect
 * native-histogram values.
 */
const FLOORS: Record<string, { passed: number; partial: number; evals: number }> = {
	'aggregators.test': { passed: 8, partial: 2, evals: 91 },
	'at_modifier.test': { passed: 3, partial: 0, evals: 67 },
	'collision.test': { passed: 1, partial: 0, evals: 1 },
	'functions.test': { passed: 21, partial: 13, evals: 203 },
	'histograms.test': { passed: 0, partial: 19, evals: 79 },
	'limit.test': { passed: 0, partial: 1, evals: 1 },
	'literals.test': { passed: 1, partial: 0, evals: 25 },
	'name_label_dropping.test': { passed: 2, partial: 0, evals: 29 },
	'operators.test': { passed: 6, partial: 2, evals: 77 },
	'range_queries.test': { passed: 6, partial: 1, evals: 13 },
	'selectors.test': { passed: 3, partial: 0, evals: 30 },
	'staleness.test': { passed: 1, partial: 0, evals: 4 },
	'subquery.test': { passed: 4, partial: 0, evals: 30 },
	'trig_functions.test': { passed: 1, partial: 0, evals: 18 }
};

describe('Prometheus promqltest corpus', () => {
	const files = readdirSync(CORPUS).filter((f) => f.endsWith('.test'));

	it('covers every file of the corpus', () => {
		expect(files.sort()).toEqual(Object.keys(FLOORS).sort());
	});

	for (const [file, floor] of Object.entries(FLOORS)) {
		it(`${file}: no failing eval, at least ${floor.evals} evals and ${floor.passed} sections passing`, () => {
			const report = runPromqltest(readFileSync(CORPUS + file, 'utf8'), file);
			const failures = report.sections.flatMap((s) => s.failures ?? []);
			expect(failures).toEqual([]);
			expect(report.failed).toBe(0);
			expect(report.passed).toBeGreaterThanOrEqual(floor.passed);
			expect(report.passed + report.partial).toBeGreaterThanOrEqual(floor.passed + floor.partial);
			expect(report.evalsPassed).toBeGreaterThanOrEqual(floor.evals);
			expect(report.evalsPassed + report.evalsUnsupported).toBe(report.evalsTotal);
			const features = report.sections.flatMap((s) => (s.unsupportedEvals ?? []).map((u) => u.feature));
			for (const f of features) expect(f).toMatch(/^native histogram/);
			expect(report.passed + report.partial + report.failed + report.unsupported).toBe(
				report.sections.length
			);
		});
	}
});

describe('promqltest runner', () => {
	it('expands the series value notation', () => {
		expect(expandValues('1+2x3 _ 5 -1-1x2 stale _x2 7x1')).toEqual([
			1,
			3,
			5,
			7,
			null,
			5,
			-1,
			-2,
			-3,
			'stale',
			null,
			null,
			7,
			7
		]);
		expect(expandValues('Inf -Inf NaN 1e3')).toEqual([Infinity, -Infinity, NaN, 1000]);
		// Native histograms keep their positions, so the float samples around them land at the right times.
		expect(
			expandValues('1 {{schema:1 sum:2 buckets:[1 2]}}x2 {{count:1}}+{{count:2}}x1 _ {{sum:1}} 3')
		).toEqual([1, 'histogram', 'histogram', 'histogram', 'histogram', 'histogram', null, 'histogram', 3]);
		expect(() => expandValues('{{count:1}}+{{count:2}}')).toThrow(/invalid native histogram/);
		expect(parseSeriesLine('http_requests{job="api", instance="0"} 1 2')).toEqual({
			labels: { __name__: 'http_requests', job: 'api', instance: '0' },
			values: [1, 2]
		});
		expect(parseSeriesLine('{"my.metric", le="+Inf"} 3').labels).toEqual({
			__name__: 'my.metric',
			le: '+Inf'
		});
	});

	it('passes matching expectations and reports each failing one with its line', () => {
		const script = `
load 1m
	m{a="x"} 0+1x10
	m{a="y"} 0+2x10

eval instant at 5m m
	m{a="x"} 5
	m{a="y"} 10

eval instant at 5m sum(m)
	{} 16

eval range from 0 to 2m step 1m m{a="x"} * 2
	{a="x"} 0 2 4

clear

load 1m
	n 1

eval instant at 1m n
	n 1

eval instant at 1m n + 1
	expect fail
`;
		const report = runPromqltest(script, 'inline.test');
		expect(report.sections.map((s) => s.status)).toEqual(['failed', 'failed']);
		expect(report.sections[0].failures).toEqual(['line 10: sum(m): expected 16 for {}, got 15']);
		expect(report.sections[1].failures).toEqual(['line 24: n + 1: expected an error, got a vector result']);
		expect(report.evalsPassed).toBe(3);
		expect(report.evalsTotal).toBe(5);
	});

	it('checks error messages, ordering, strings and range vectors', () => {
		const script = `
load 10s
	v{i="1"} 3 4 5
	v{i="2"} 1
	dup{a="1", b="x"} 1
	dup{a="2", b="x"} 1

eval instant at 0 sort(v)
	expect ordered
	v{i="2"} 1
	v{i="1"} 3

eval instant at 0 label_replace(dup, "a", "", "", "")
	expect fail msg: vector cannot contain metrics with the same labelset

eval instant at 0 "text"
	expect string "text"

eval instant at 20s v{i="1"}[20s]
	expect range vector from 0 to 20s step 10s
	v{i="1"} _ 4 5

eval instant at 0 1 + 1
	2
`;
		const report = runPromqltest(script, 'inline.test');
		expect(report.sections[0].failures ?? []).toEqual([]);
		expect(report.evalsPassed).toBe(5);
	});

	it('loads the floats of native-histogram sections and runs every eval that needs no histogram', () => {
		const script = `
load 1m
	m{a="x"} 1+1x4
	h {{schema:0 sum:1 count:1}}x4
	mixed 1 {{count:2}} 3

eval instant at 2m m
	m{a="x"} 3

eval instant at 2m count(h)
	{} 1

eval instant at 2m sum({__name__=~"m|mixed"})
	{} 6

eval instant at 2m m * 2
	{a="x"} 6

eval instant at 2m vector(1)
	{} {{count:1}}
`;
		const report = runPromqltest(script, 'inline.test');
		expect(report).toMatchObject({ passed: 0, partial: 1, failed: 0, unsupported: 0 });
		expect(report.sections[0]).toMatchObject({
			status: 'partial',
			evalsPassed: 2,
			evalsUnsupported: 3,
			evalsTotal: 5,
			feature: 'native histogram series; native histograms in expected results',
			unsupportedEvals: [
				{ line: 10, expr: 'count(h)', feature: 'native histogram series (h)' },
				{ line: 13, expr: 'sum({__name__=~"m|mixed"})', feature: 'native histogram series (mixed)' },
				{ line: 19, expr: 'vector(1)', feature: 'native histograms in expected results' }
			]
		});
		expect(report).toMatchObject({ evalsPassed: 2, evalsUnsupported: 3, evalsTotal: 5 });
	});

	it('keeps the classic series of load_with_nhcb and treats the NHCB series as native', () => {
		const script = `
load_with_nhcb 1m
	req_bucket{le="1", job="a"} 0+2x4
	req_bucket{le="2", job="a"} 0+3x4
	req_bucket{le="+Inf", job="a"} 0+4x4
	req_count{job="a"} 0+4x4
	req_sum{job="a"} 0+5x4

eval instant at 4m histogram_quantile(0.625, req_bucket)
	{job="a"} 1.5

eval instant at 4m histogram_fraction(0, 1, req_bucket)
	{job="a"} 0.5

eval instant at 4m req_sum / req_count
	{job="a"} 1.25

eval instant at 4m histogram_quantile(0.5, req)
	{job="a"} 1.5

eval instant at 4m histogram_count(req_count)
`;
		const report = runPromqltest(script, 'inline.test');
		expect(report.sections[0].failures).toBeUndefined();
		expect(report.sections[0].status).toBe('partial');
		expect(report.sections[0].unsupportedEvals?.map((u) => u.feature)).toEqual([
			'native histogram series (req{job="a"})',
			'histogram_count() on native histograms'
		]);
		expect(report.evalsPassed).toBe(3);
	});

	it('reports a section as unsupported only when none of its evals can run, and as failed when one fails', () => {
		const script = `
load 1m
	h {{count:1}}
	m 1

eval instant at 0 h
	h {{count:1}}

clear

load 1m
	h {{count:1}}
	m 1

eval instant at 0 h
	h {{count:1}}

eval instant at 0 m
	m 2
`;
		const report = runPromqltest(script, 'inline.test');
		expect(report.sections.map((s) => s.status)).toEqual(['unsupported', 'failed']);
		expect(report).toMatchObject({ passed: 0, partial: 0, failed: 1, unsupported: 1 });
		expect(report.sections[1].failures).toEqual(['line 18: m: expected 2 for m, got 1']);
		expect(report.sections[1].feature).toBe('native histograms in expected results');
	});

	it('does not check annotation expectations and says how many it skipped', () => {
		const report = runPromqltest(
			'eval instant at 0 vector(1)\n\texpect no_warn\n\texpect info\n\t{} 1\n',
			'inline.test'
		);
		expect(report.passed).toBe(1);
		expect(report.annotationsNotChecked).toBe(2);
	});
});
