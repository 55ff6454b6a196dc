import { describe, expect, it } from 'vitest';
import { fill, isoTime, toLogfmt } from './logs-generator';

describe('log line rendering', () => {
	it('formats times exactly like Date#toISOString', () => {
		for (const t of [
			0, 1_773_757_200_000, 1_773_757_259_999, 1_773_800_000_123, 1_773_843_599_001, 951_782_400_000
		]) {
			expect(isoTime(t)).toBe(new Date(t).toISOString());
		}
	});

	it('quotes logfmt values that contain spaces, quotes or equals signs', () => {
		expect(toLogfmt({ msg: 'request failed', status: '502', empty: '', q: 'a"b', eq: 'k=v' })).toBe(
			'msg="request failed" status=502 empty="" q="a\\"b" eq="k=v"'
		);
	});

	it('fills placeholders from values and leaves unknown ones', () => {
		expect(fill('pool {{ size }} on {{pod}} {{nope}}', { size: '4', pod: 'p-1' })).toBe(
			'pool 4 on p-1 {{nope}}'
		);
	});
});
