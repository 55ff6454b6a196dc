import { describe, expect, it } from 'vitest';
import { activeSilence, silenceMatches, validateSilence, visibleLabels } from './silence';
import type { Silence } from '../../sim/types';

const labels = { alertname: 'DiskFull', service: 'postgres', instance: 'db-1', __name__: 'ALERTS' };

describe('silenceMatches', () => {
	it('matches exact and anchored regex matchers', () => {
		expect(silenceMatches({ matchers: [{ name: 'alertname', value: 'DiskFull' }] }, labels)).toBe(true);
		expect(silenceMatches({ matchers: [{ name: 'instance', value: 'db-.*', isRegex: true }] }, labels)).toBe(
			true
		);
		expect(silenceMatches({ matchers: [{ name: 'instance', value: 'db', isRegex: true }] }, labels)).toBe(
			false
		);
		expect(
			silenceMatches(
				{
					matchers: [
						{ name: 'alertname', value: 'DiskFull' },
						{ name: 'service', value: 'checkout' }
					]
				},
				labels
			)
		).toBe(false);
		expect(silenceMatches({ matchers: [{ name: 'team', value: '' }] }, labels)).toBe(true);
	});
});

describe('activeSilence', () => {
	const s: Silence = {
		id: 's1',
		matchers: [{ name: 'alertname', value: 'DiskFull' }],
		startsAt: 1000,
		endsAt: 5000,
		reason: 'known',
		createdBy: 'trainee'
	};
	it('applies only between start and end', () => {
		expect(activeSilence(labels, [s], 999)).toBeUndefined();
		expect(activeSilence(labels, [s], 1000)).toBe(s);
		expect(activeSilence(labels, [s], 5000)).toBeUndefined();
	});
});

describe('validateSilence', () => {
	it('requires labels, a duration and a real reason', () => {
		expect(validateSilence({ labels: [], durationMs: 0, reason: '  ' })).toEqual({
			labels: expect.any(String),
			durationMs: expect.any(String),
			reason: 'Say why you are silencing this alert.'
		});
		expect(validateSilence({ labels: ['alertname'], durationMs: 60_000, reason: 'noise' }).reason).toMatch(
			/at least 10/
		);
		expect(
			validateSilence({ labels: ['alertname'], durationMs: 60_000, reason: 'Known flapping, INC-123' })
		).toEqual({});
	});
});

describe('visibleLabels', () => {
	it('puts alertname first and hides internal labels', () => {
		expect(visibleLabels(labels).map(([k]) => k)).toEqual(['alertname', 'instance', 'service']);
	});
});
