import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expandValues, parseSeriesLine, runPromqltest } from './promqltest';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/promql-tests/', import.meta.url));

/**
 * Sections that pass per corpus file (the floor is what the engine achieves). Sections not passing are
 * unsupported: they load native histograms (`{{…}}`, `load_with_nhcb`), which the store does not model.
 */
const PASSED_FLOOR: Record<string, number> = {
	'aggregators.test': 8,
	'at_modifier.test': 3,
	'collision.test': 1,
	'functions.test': 21,
	'histograms.test': 0,
	'limit.test': 0,
	'literals.test': 1,
	'name_label_dropping.test': 2,
	'operators.test': 6,
	'range_queries.test': 6,
	'selectors.test': 3,
	'staleness.test': 1,
	'subquery.test': 4,
	'trig_functions.test': 1
};

describe('Prometheus promqltest corpus', () => {
	const files = readdirSync(CORPUS).filter((f) => f.endsWith('.test'));

	it('covers every file of the corpus', () => {
		expect(files.sort()).toEqual(Object.keys(PASSED_FLOOR).sort());
	});

	for (const file of Object.keys(PASSED_FLOOR)) {
		it(`${file}: no failing section, at least ${PASSED_FLOOR[file]} passing`, () => {
			const report = runPromqltest(readFileSync(CORPUS + file, 'utf8'), file);
			const failures = report.sections.filter((s) => s.status === 'failed').flatMap((s) => s.failures ?? []);
			expect(failures).toEqual([]);
			expect(report.passed).toBeGreaterThanOrEqual(PASSED_FLOOR[file]);
			for (const s of report.sections)
				if (s.status === 'unsupported') expect(s.feature).toMatch(/native histogram/);
			expect(report.passed + report.failed + report.unsupported).toBe(report.sections.length);
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
		expect(() => expandValues('{{schema:1 sum:2}}')).toThrow(/native histograms/);
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

	it('counts sections with native histograms as unsupported, naming the feature, and skips their evals', () => {
		const report = runPromqltest(
			'load 1m\n\th {{schema:0 sum:1 count:1}}\n\neval instant at 0 h\n',
			'inline.test'
		);
		expect(report.sections).toEqual([
			{ index: 1, line: 1, status: 'unsupported', feature: 'native histogram samples ({{…}})' }
		]);
		expect(report.evalsPassed).toBe(0);
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
