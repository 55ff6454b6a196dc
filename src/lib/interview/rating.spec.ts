import { describe, expect, it } from 'vitest';
import { DIMENSION_IDS, INTERVIEW_DIMENSIONS, type DimensionId, type Rating } from './dimensions';
import { formatTotal, ratingProblem, ratingStatus, reasonRequired, weightedTotal } from './rating';

const AT = '2026-03-17T15:00:00.000Z';

/** Rows for the six dimensions with the given ratings (missing ones unrated). */
function rows(ratings: Partial<Record<DimensionId, Rating>>) {
	return INTERVIEW_DIMENSIONS.map((d) => ({
		id: d.id,
		weightPct: d.weightPct,
		rating: ratings[d.id] ?? null
	}));
}

describe('the scorecard dimensions', () => {
	it("are the role profile's six, weighted 25/15/15/15/15/15, with an anchor for every rating", () => {
		expect(INTERVIEW_DIMENSIONS.map((d) => [d.id, d.weightPct])).toEqual([
			['troubleshooting', 25],
			['linux-networking', 15],
			['observability', 15],
			['scripting-automation', 15],
			['communication', 15],
			['collaboration', 15]
		]);
		for (const d of INTERVIEW_DIMENSIONS) {
			expect(d.meetsBar.length).toBeGreaterThan(40);
			expect(new Set(Object.values(d.anchors)).size).toBe(4);
		}
	});
});

describe('weightedTotal', () => {
	it('is the plain rating when every dimension gets the same rating', () => {
		const all3 = Object.fromEntries(DIMENSION_IDS.map((id) => [id, 3])) as Record<DimensionId, Rating>;
		expect(weightedTotal(rows(all3))).toMatchObject({
			total: 3,
			complete: true,
			rated: 6,
			ratedWeightPct: 100
		});
	});

	it('weights troubleshooting at 25% and the others at 15%', () => {
		const r = weightedTotal(
			rows({
				troubleshooting: 4,
				'linux-networking': 3,
				observability: 3,
				'scripting-automation': 2,
				communication: 3,
				collaboration: 3
			})
		);
		// (25×4 + 15×3 + 15×3 + 15×2 + 15×3 + 15×3) / 100 = 3.10
		expect(r.total).toBe(3.1);
		expect(formatTotal(r.total)).toBe('3.10');
		expect(r.belowBar).toEqual(['scripting-automation']);
	});

	it('rounds to two decimals', () => {
		// (25×2 + 15×2 + 15×3 + 15×4 + 15×4 + 15×4) / 100 = 3.05
		expect(
			weightedTotal(
				rows({
					troubleshooting: 2,
					'linux-networking': 2,
					observability: 3,
					'scripting-automation': 4,
					communication: 4,
					collaboration: 4
				})
			).total
		).toBe(3.05);
		// Only troubleshooting (25) and observability (15): (25×3 + 15×4) / 40 = 3.375 → 3.38
		expect(weightedTotal(rows({ troubleshooting: 3, observability: 4 })).total).toBe(3.38);
	});

	it('is over the rated dimensions only, and says it is incomplete', () => {
		const r = weightedTotal(rows({ troubleshooting: 2, communication: 4 }));
		// (25×2 + 15×4) / 40 = 2.75
		expect(r).toMatchObject({ total: 2.75, complete: false, rated: 2, ratedWeightPct: 40 });
		expect(r.belowBar).toEqual(['troubleshooting']);
	});

	it('has no total before anything is rated', () => {
		const r = weightedTotal(rows({}));
		expect(r.total).toBeNull();
		expect(formatTotal(r.total)).toBe('—');
	});
});

describe('overrides need a reason', () => {
	it('accepting the suggestion needs no reason', () => {
		expect(reasonRequired(3, 3)).toBe(false);
		expect(ratingStatus({ rating: 3, reason: '', at: AT }, 3)).toBe('rated');
	});

	it('differing from the suggestion needs a reason of a few words', () => {
		expect(reasonRequired(3, 2)).toBe(true);
		expect(ratingStatus({ rating: 2, reason: 'weak', at: AT }, 3)).toBe('needs-reason');
		expect(ratingProblem({ rating: 2, reason: 'weak', at: AT }, 3)).toMatch(/suggestion was 3/);
		expect(ratingStatus({ rating: 2, reason: 'Guessed the cause, never verified', at: AT }, 3)).toBe('rated');
	});

	it('rating a dimension nothing measured needs a reason too', () => {
		expect(ratingStatus({ rating: 3, reason: '', at: AT }, null)).toBe('needs-reason');
		expect(ratingProblem({ rating: 3, reason: '', at: AT }, null)).toMatch(/Nothing was measured/);
		expect(ratingStatus({ rating: 3, reason: 'Wrote a clean log parser live', at: AT }, null)).toBe('rated');
	});

	it('an unrated dimension is unrated', () => {
		expect(ratingStatus(undefined, 3)).toBe('unrated');
		expect(ratingProblem(undefined, 3)).toBeNull();
	});
});
