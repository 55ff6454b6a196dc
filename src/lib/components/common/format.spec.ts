import { describe, expect, it } from 'vitest';
import { formatAgo, formatMeasure, formatUtcDateTime, formatUtcShort, formatUtcTime, isoUtc } from './format';

const t = Date.UTC(2026, 2, 14, 2, 7, 5);

describe('UTC formatting', () => {
	it('formats clock times in UTC regardless of the machine zone', () => {
		expect(formatUtcTime(t)).toBe('02:07:05');
		expect(formatUtcShort(t)).toBe('02:07');
		expect(formatUtcDateTime(t)).toBe('2026-03-14 02:07 UTC');
		expect(isoUtc(t)).toBe('2026-03-14T02:07:05.000Z');
	});
});

describe('formatAgo', () => {
	it('reads recent, past and future sim times', () => {
		expect(formatAgo(10_000, 12_000)).toBe('just now');
		expect(formatAgo(0, 270_500)).toBe('4m30s ago');
		expect(formatAgo(0, 3_930_000)).toBe('1h5m ago');
		expect(formatAgo(-720_000, 0)).toBe('12m ago');
		expect(formatAgo(180_000, 0)).toBe('in 3m');
	});
});

describe('formatMeasure', () => {
	it('shows durations to the second and a dash for missing ones', () => {
		expect(formatMeasure(154_400)).toBe('2m34s');
		expect(formatMeasure(0)).toBe('0s');
		expect(formatMeasure(null)).toBe('—');
	});
});
