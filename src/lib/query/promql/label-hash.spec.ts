import { describe, expect, it } from 'vitest';
import { encodeLabels, keepsRatioSample, labelsHash, ratioOffset, xxhash64 } from './label-hash';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('xxhash64', () => {
	it('matches the reference XXH64 (seed 0) for short, medium and long inputs', () => {
		expect(xxhash64(utf8('')).toString(16)).toBe('ef46db3751d8e999');
		expect(xxhash64(utf8('a')).toString(16)).toBe('d24ec4f1a98c6e5b');
		expect(xxhash64(utf8('abc')).toString(16)).toBe('44bc2cf5ad770999');
		expect(xxhash64(utf8('message digest')).toString(16).padStart(16, '0')).toBe('066ed728fceeb3be');
		expect(xxhash64(utf8('abcdefghijklmnopqrstuvwxyz')).toString(16)).toBe('cfe1f278fa89835c');
		expect(xxhash64(utf8('1234567890'.repeat(8))).toString(16)).toBe('e04a477f19ee145d');
	});
});

describe('label-set hash', () => {
	it('encodes labels sorted by name, each string prefixed by its byte length, skipping empty values', () => {
		expect([...encodeLabels({ job: 'api', __name__: 'up', empty: '' })]).toEqual([
			8,
			...utf8('__name__'),
			2,
			...utf8('up'),
			3,
			...utf8('job'),
			3,
			...utf8('api')
		]);
		const long = 'x'.repeat(300);
		expect([...encodeLabels({ a: long }).slice(0, 6)]).toEqual([1, 97, 255, 44, 1, 0]);
	});

	it('does not depend on the order labels were written in', () => {
		expect(labelsHash({ a: '1', b: '2' })).toBe(labelsHash({ b: '2', a: '1' }));
		expect(labelsHash({ a: '1', b: '2' })).not.toBe(labelsHash({ a: '2', b: '1' }));
	});

	it('maps every label set to [0, 1] and splits sets into complementary limit_ratio samples', () => {
		let kept = 0;
		for (let i = 0; i < 1000; i++) {
			const offset = ratioOffset({ __name__: 'req', instance: String(i) });
			expect(offset).toBeGreaterThanOrEqual(0);
			expect(offset).toBeLessThanOrEqual(1);
			const low = keepsRatioSample(0.3, offset);
			expect(keepsRatioSample(-0.7, offset)).toBe(!low);
			if (low) kept++;
		}
		// A hash spreads series evenly: about 30% of them fall below 0.3.
		expect(kept).toBeGreaterThan(250);
		expect(kept).toBeLessThan(350);
	});
});
