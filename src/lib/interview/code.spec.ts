import { describe, expect, it } from 'vitest';
import { CODE_DIGITS, CODE_LETTERS, generateCode, isCode, normaliseCode } from './code';

/** A deterministic [0, 1) sequence. */
function sequence(values: number[]): () => number {
	let i = 0;
	return () => values[i++ % values.length];
}

describe('session codes', () => {
	it('are three letters, a dash and three digits, drawn from the injected source', () => {
		expect(generateCode(sequence([0, 0.5, 0.999, 0, 0.5, 0.999]))).toBe(
			`${CODE_LETTERS[0]}${CODE_LETTERS[11]}${CODE_LETTERS[22]}-${CODE_DIGITS[0]}${CODE_DIGITS[4]}${CODE_DIGITS[7]}`
		);
		expect(generateCode(sequence([0.1, 0.2, 0.3]))).toMatch(/^[A-Z]{3}-\d{3}$/);
	});

	it('never use characters that are easy to confuse', () => {
		let seed = 7;
		const lcg = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		for (let i = 0; i < 500; i++) {
			const code = generateCode(lcg);
			expect(isCode(code)).toBe(true);
			expect(code).not.toMatch(/[IOL01]/);
		}
	});

	it('read back from what people type', () => {
		expect(normaliseCode(' kwt482 ')).toBe('KWT-482');
		expect(normaliseCode('kwt-482')).toBe('KWT-482');
		expect(normaliseCode('KWT 482')).toBe('KWT-482');
		expect(normaliseCode('KWT-481')).toBeNull();
		expect(normaliseCode('KW-4823')).toBeNull();
		expect(normaliseCode('')).toBeNull();
	});

	it('refuse a broken random source', () => {
		expect(() => generateCode(() => 1)).toThrow(/\[0, 1\)/);
	});
});
