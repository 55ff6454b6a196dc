import { describe, expect, it } from 'vitest';
import { formatTicks, formatValue, PANEL_UNITS } from './units';

describe('formatValue', () => {
	it('formats ratios and percentages as percent', () => {
		expect(formatValue(0.0523, 'percentunit')).toBe('5.23%');
		expect(formatValue(0.0012, 'percentunit')).toBe('0.12%');
		expect(formatValue(1, 'percentunit')).toBe('100%');
		expect(formatValue(99.5, 'percent')).toBe('99.5%');
	});

	it('walks the time ladder for ms and s', () => {
		expect(formatValue(0.25, 'ms')).toBe('250 µs');
		expect(formatValue(250, 'ms')).toBe('250 ms');
		expect(formatValue(1234, 'ms')).toBe('1.23 s');
		expect(formatValue(90_000, 'ms')).toBe('1.5 min');
		expect(formatValue(0.35, 's')).toBe('350 ms');
		expect(formatValue(7200, 's')).toBe('2 h');
		expect(formatValue(2 * 86400, 's')).toBe('2 d');
	});

	it('uses binary prefixes for bytes and SI suffixes for counts and rates', () => {
		expect(formatValue(512, 'bytes')).toBe('512 B');
		expect(formatValue(1536, 'bytes')).toBe('1.5 KiB');
		expect(formatValue(3 * 1024 ** 3, 'bytes')).toBe('3 GiB');
		expect(formatValue(950, 'short')).toBe('950');
		expect(formatValue(1500, 'short')).toBe('1.5K');
		expect(formatValue(2_300_000, 'short')).toBe('2.3M');
		expect(formatValue(1234, 'reqps')).toBe('1.23K req/s');
		expect(formatValue(12.5, 'reqps')).toBe('12.5 req/s');
	});

	it('shows cores and days (hours below a day)', () => {
		expect(formatValue(0.25, 'cores')).toBe('0.25 cores');
		expect(formatValue(12.5, 'days')).toBe('12.5 days');
		expect(formatValue(0.75, 'days')).toBe('18 h');
		expect(formatValue(-2, 'days')).toBe('-2 days');
	});

	it('spells missing and special values', () => {
		expect(formatValue(null, 'ms')).toBe('–');
		expect(formatValue(Number.NaN, 'short')).toBe('NaN');
		expect(formatValue(Infinity, 'short')).toBe('+Inf');
		expect(formatValue(-Infinity, 'bytes')).toBe('-Inf');
		expect(formatValue(0, 'ms')).toBe('0 ms');
		expect(formatValue(0, 's')).toBe('0 s');
	});

	it('formats every declared unit', () => {
		for (const unit of PANEL_UNITS) expect(formatValue(42, unit)).toMatch(/42/);
	});
});

describe('formatTicks', () => {
	it('uses one unit step and the decimals the increment needs', () => {
		expect(formatTicks([0, 250, 500, 750], 'ms')).toEqual(['0 ms', '250 ms', '500 ms', '750 ms']);
		expect(formatTicks([0, 500, 1000, 1500], 'ms')).toEqual(['0.0 s', '0.5 s', '1.0 s', '1.5 s']);
		expect(formatTicks([0, 0.025, 0.05], 'percentunit')).toEqual(['0.0%', '2.5%', '5.0%']);
		expect(formatTicks([0, 0.25, 0.5], 's')).toEqual(['0 ms', '250 ms', '500 ms']);
	});

	it('does not print noise for binary units', () => {
		expect(formatTicks([0, 2e8, 4e8], 'bytes')).toEqual(['0 MiB', '191 MiB', '381 MiB']);
	});

	it('never prints negative zero', () => {
		expect(formatTicks([-0.00001, 0.5, 1], 'short')).toEqual(['0.0', '0.5', '1.0']);
	});
});
