import { describe, expect, it } from 'vitest';
import { percentile, summariseKpis } from './aggregate';
import type { DrillKpis } from './types';

const MIN = 60_000;

describe('percentile', () => {
	it('returns the median, the extremes and interpolated ranks', () => {
		expect(percentile([3, 1, 2], 50)).toBe(2);
		expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
		expect(percentile([5, 1, 9], 0)).toBe(1);
		expect(percentile([5, 1, 9], 100)).toBe(9);
		expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 10);
	});

	it('returns null without values and ignores non-finite ones', () => {
		expect(percentile([], 50)).toBeNull();
		expect(percentile([Number.NaN], 50)).toBeNull();
		expect(percentile([4, Number.POSITIVE_INFINITY, 2], 50)).toBe(3);
	});

	it('does not reorder the caller’s array and rejects p outside 0–100', () => {
		const values = [3, 1, 2];
		percentile(values, 90);
		expect(values).toEqual([3, 1, 2]);
		expect(() => percentile(values, 101)).toThrow(RangeError);
		expect(() => percentile(values, -1)).toThrow(RangeError);
	});
});

describe('summariseKpis', () => {
	const kpis = (ackMin: number | null, engageMin: number | null): DrillKpis => ({
		ackMs: ackMin === null ? null : ackMin * MIN,
		engageOwnerMs: engageMin === null ? null : engageMin * MIN,
		mitigateMs: null,
		resolveMs: null,
		firstUpdateMs: null,
		statusUpdates: 0,
		actions: 0,
		queries: 0
	});

	it('meets the acknowledge target when P50 ≤ 5 min and P90 ≤ 10 min', () => {
		const s = summariseKpis([kpis(2, 6), kpis(3, 8), kpis(4, 12), kpis(9, null)]);
		expect(s.ack.count).toBe(4);
		expect(s.ack.p50).toBe(3.5 * MIN);
		expect(s.ack.meetsTarget).toBe(true);
		expect(s.engageOwner.count).toBe(3);
		expect(s.engageOwner.meetsTarget).toBe(true);
	});

	it('misses the target when the slow tail is above 10 minutes, and says nothing without data', () => {
		const s = summariseKpis([kpis(2, null), kpis(3, null), kpis(14, null)]);
		expect(s.ack.meetsTarget).toBe(false);
		expect(s.engageOwner).toEqual({ count: 0, p50: null, p90: null, meetsTarget: null });
		expect(s.mitigate.meetsTarget).toBeNull();
	});
});
