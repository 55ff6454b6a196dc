import { describe, expect, it } from 'vitest';
import { formatGoFloat, formatGoG } from './literals';

describe('Go float formatting', () => {
	it("formats like %v (strconv 'g', shortest): exponent form below 1e-4 and from 1e6", () => {
		expect(formatGoG(123456)).toBe('123456');
		expect(formatGoG(1e6)).toBe('1e+06');
		expect(formatGoG(1234567)).toBe('1.234567e+06');
		expect(formatGoG(2 ** 63)).toBe('9.223372036854776e+18');
		expect(formatGoG(0.0001)).toBe('0.0001');
		expect(formatGoG(0.00001)).toBe('1e-05');
		expect(formatGoG(-2.5e-300)).toBe('-2.5e-300');
		expect(formatGoG(0)).toBe('0');
		expect([formatGoG(NaN), formatGoG(Infinity), formatGoG(-Infinity)]).toEqual(['NaN', '+Inf', '-Inf']);
	});

	it("formats like strconv 'f' (shortest), never in exponent form", () => {
		expect(formatGoFloat(1e21)).toBe('1000000000000000000000');
		expect(formatGoFloat(1e-7)).toBe('0.0000001');
	});
});
