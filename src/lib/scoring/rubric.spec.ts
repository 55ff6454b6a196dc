import { describe, expect, it } from 'vitest';
import { makeCheck, makeReport, weightedScore } from './report';
import {
	BANDS,
	bandFor,
	DIMENSIONS,
	DRILL_CHECKS,
	POSTMORTEM_CHECKS,
	RUNBOOK_CHECKS,
	STATUS_CHECKS,
	UPPER_BAND_MIN,
	type CheckDef
} from './rubric';

const ALL: CheckDef[] = [STATUS_CHECKS, RUNBOOK_CHECKS, POSTMORTEM_CHECKS, DRILL_CHECKS].flatMap((g) =>
	Object.values(g)
);

describe('rubric', () => {
	it('gives every check a unique id, a positive weight, a label and an example of good', () => {
		expect(new Set(ALL.map((c) => c.id)).size).toBe(ALL.length);
		for (const c of ALL) {
			expect(c.weight, c.id).toBeGreaterThan(0);
			expect(c.label.length, c.id).toBeGreaterThan(3);
			expect(c.good.length, c.id).toBeGreaterThan(10);
		}
	});

	it('maps scores to contiguous bands and 1–4 ratings', () => {
		expect(bandFor(100).rating).toBe(4);
		expect(bandFor(UPPER_BAND_MIN).rating).toBe(3);
		expect(bandFor(UPPER_BAND_MIN - 1).rating).toBe(2);
		expect(bandFor(0).rating).toBe(1);
		expect(BANDS.map((b) => b.rating)).toEqual([4, 3, 2, 1]);
		expect(BANDS.at(-1)?.min).toBe(0);
	});

	it('weights the six interview dimensions as the role profile does', () => {
		expect(DIMENSIONS.map((d) => [d.id, d.weight])).toEqual([
			['troubleshooting', 0.25],
			['linux-networking', 0.15],
			['observability', 0.15],
			['scripting-automation', 0.15],
			['communication', 0.15],
			['collaboration', 0.15]
		]);
		const drillIds = new Set<string>(Object.values(DRILL_CHECKS).map((c) => c.id));
		for (const d of DIMENSIONS)
			for (const id of d.checks) expect(drillIds.has(id), `${d.id} → ${id}`).toBe(true);
	});
});

describe('weighted scores', () => {
	const def = (weight: number): CheckDef => ({
		id: `x.${weight}`,
		label: 'Example',
		category: 'x',
		weight,
		good: 'an example of good'
	});

	it('counts met fully, partly half and leaves not-assessed checks out', () => {
		const checks = [
			makeCheck(def(3), 'met', ''),
			makeCheck(def(2), 'partly', ''),
			makeCheck(def(5), 'not-met', ''),
			makeCheck(def(90), 'not-assessed', '')
		];
		expect(weightedScore(checks)).toBe(40);
		expect(makeReport(checks).score).toBe(40);
		expect(makeReport(checks, 30).score).toBe(30);
	});

	it('returns null (score 0) when nothing was assessed', () => {
		const checks = [makeCheck(def(1), 'not-assessed', '')];
		expect(weightedScore(checks)).toBeNull();
		expect(makeReport(checks).score).toBe(0);
	});
});
