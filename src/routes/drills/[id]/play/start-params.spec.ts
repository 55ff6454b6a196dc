import { describe, expect, it } from 'vitest';
import { MAX_SEED, newSeed, parseStartParams } from './start-params';

const parse = (q: string) => parseStartParams(new URLSearchParams(q));

describe('parseStartParams', () => {
	it('reads seed, mode and attempt', () => {
		expect(parse('seed=42&mode=interview&attempt=abc')).toEqual({
			seed: 42,
			mode: 'interview',
			attempt: 'abc'
		});
		expect(parse('')).toEqual({ seed: null, mode: 'practice', attempt: null });
	});

	it('rejects seeds that are not unsigned 32-bit integers', () => {
		expect(parse('seed=').seed).toBeNull();
		expect(parse('seed=-1').seed).toBeNull();
		expect(parse('seed=1.5').seed).toBeNull();
		expect(parse('seed=abc').seed).toBeNull();
		expect(parse(`seed=${MAX_SEED + 1}`).seed).toBeNull();
		expect(parse(`seed=${MAX_SEED}`).seed).toBe(MAX_SEED);
		expect(parse('seed=0').seed).toBe(0);
	});

	it('treats unknown modes as practice', () => {
		expect(parse('mode=cheat').mode).toBe('practice');
	});
});

describe('newSeed', () => {
	it('spans the seed range', () => {
		expect(newSeed(() => 0)).toBe(0);
		expect(newSeed(() => 0.9999999999)).toBeLessThanOrEqual(MAX_SEED);
		expect(newSeed(() => 0.5)).toBe(2 ** 31);
	});
});
