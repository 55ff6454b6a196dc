import { describe, expect, it } from 'vitest';
import { bucketFraction, bucketQuantile, type Bucket } from './histogram';

const b = (pairs: [number, number][]): Bucket[] =>
	pairs.map(([upperBound, count]) => ({ upperBound, count }));

describe('bucketQuantile', () => {
	const h = b([
		[0.1, 10],
		[0.5, 30],
		[1, 40],
		[Infinity, 40]
	]);

	it('interpolates within the bucket that holds the rank, whatever the input order', () => {
		expect(bucketQuantile(0.5, h).value).toBeCloseTo(0.3, 12);
		expect(bucketQuantile(0.5, [...h].reverse()).value).toBeCloseTo(0.3, 12);
		// The lowest bucket starts at 0 when its bound is positive.
		expect(bucketQuantile(0.1, h).value).toBeCloseTo(0.04, 12);
	});

	it('returns the highest finite bound for ranks in the +Inf bucket, and ±Inf/NaN for bad q', () => {
		const tail = b([
			[1, 1],
			[2, 2],
			[Infinity, 10]
		]);
		expect(bucketQuantile(0.99, tail).value).toBe(2);
		expect(bucketQuantile(-0.1, tail).value).toBe(-Infinity);
		expect(bucketQuantile(1.1, tail).value).toBe(Infinity);
		expect(bucketQuantile(Number.NaN, tail).value).toBeNaN();
	});

	it('needs a +Inf bucket, at least two buckets and some observations', () => {
		expect(bucketQuantile(0.5, b([[1, 5]])).value).toBeNaN();
		expect(bucketQuantile(0.5, b([[Infinity, 5]])).value).toBeNaN();
		expect(
			bucketQuantile(
				0.5,
				b([
					[1, 0],
					[Infinity, 0]
				])
			).value
		).toBeNaN();
	});

	it('merges equal bounds and repairs non-monotonic counts, reporting the repair', () => {
		const nonMonotonic = b([
			[0.1, 20],
			[1, 10],
			[10, 50],
			[100, 40],
			[1000, 90],
			[Infinity, 80]
		]);
		expect(bucketQuantile(0.5, nonMonotonic)).toEqual({ value: 8.5, forcedMonotonicity: true });
		const duplicated = b([
			[0.2, 1],
			[0.2, 1],
			[Infinity, 4]
		]);
		expect(bucketQuantile(0.25, duplicated)).toEqual({ value: 0.1, forcedMonotonicity: false });
	});
});

describe('bucketFraction', () => {
	const h = b([
		[1, 1],
		[2, 3],
		[3, 6],
		[Infinity, 100]
	]);

	it('interpolates inside finite buckets', () => {
		expect(bucketFraction(0, 1.5, h)).toBeCloseTo(0.02, 12);
		expect(bucketFraction(1, 3, h)).toBeCloseTo(0.05, 12);
		expect(bucketFraction(-Infinity, Infinity, h)).toBe(1);
	});

	it('never splits a bucket of infinite width', () => {
		expect(bucketFraction(4, 5, h)).toBe(0);
		expect(bucketFraction(2, 5, h)).toBeCloseTo(0.03, 12);
		expect(bucketFraction(400, Infinity, h)).toBeCloseTo(0.94, 12);
		const negative = b([
			[-3, 10],
			[-2, 12],
			[-1, 15],
			[Infinity, 100]
		]);
		expect(bucketFraction(-4, -2, negative)).toBeCloseTo(0.02, 12);
		expect(bucketFraction(-Infinity, -1.5, negative)).toBeCloseTo(0.135, 12);
	});

	it('does not repair non-monotonic buckets, but never counts more than the +Inf bucket holds', () => {
		const dip = b([
			[1, 10],
			[2, 5],
			[Infinity, 20]
		]);
		// Rank at 1.5 interpolates from 10 towards 5 inside (1, 2]: 7.5 of 20 observations.
		expect(bucketFraction(-Infinity, 1.5, dip)).toBeCloseTo(0.375, 12);
		const overfull = b([
			[1, 30],
			[Infinity, 20]
		]);
		expect(bucketFraction(-Infinity, 1, overfull)).toBe(1);
		expect(bucketFraction(1, Infinity, overfull)).toBe(0);
	});

	it('returns 0 for an empty interval and NaN without observations or for NaN bounds', () => {
		expect(bucketFraction(3, 2, h)).toBe(0);
		expect(bucketFraction(Number.NaN, 1, h)).toBeNaN();
		expect(
			bucketFraction(
				0,
				5,
				b([
					[1, 0],
					[Infinity, 0]
				])
			)
		).toBeNaN();
	});
});
