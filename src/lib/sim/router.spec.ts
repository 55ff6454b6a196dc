import { describe, expect, it } from 'vitest';
import { AlertRouter, silenceMatches } from './router';
import type { AlertInstance } from './types';

function alert(
	name: string,
	severity: string,
	state: AlertInstance['state'],
	extra: Record<string, string> = {}
): AlertInstance {
	const labels = { alertname: name, severity, service: 'checkout-api', ...extra };
	return {
		id: `${name}${JSON.stringify(extra)}`,
		alertname: name,
		group: 'g',
		state,
		labels,
		annotations: { summary: `${name} summary`, runbook_url: 'runbooks/x' },
		activeSince: 0,
		firingSince: 0,
		resolvedAt: null,
		value: 1
	};
}

const config = { pageSeverities: ['critical'], groupBy: ['alertname', 'service'], groupWaitMs: 30_000 };

describe('AlertRouter', () => {
	it('pages a critical alert after group_wait, once, and resolves the page when the alert resolves', () => {
		const r = new AlertRouter(config);
		const firing = [alert('HighErrors', 'critical', 'firing')];
		expect(r.route(firing, 0)).toEqual([]);
		const sent = r.route(firing, 30_000);
		expect(sent).toHaveLength(1);
		expect(sent[0].kind).toBe('page.sent');
		expect(sent[0].page).toMatchObject({
			id: 'P001',
			title: 'HighErrors',
			severity: 'critical',
			summary: 'HighErrors summary',
			runbookUrl: 'runbooks/x'
		});
		expect(r.route(firing, 45_000)).toEqual([]);
		const resolved = r.route([alert('HighErrors', 'critical', 'resolved')], 60_000);
		expect(resolved.map((c) => c.kind)).toEqual(['page.resolved']);
		expect(r.pages()[0].resolvedAt).toBe(60_000);
	});

	it('does not page warnings, and groups alerts of one group into one page', () => {
		const r = new AlertRouter({ ...config, groupWaitMs: 0 });
		const changes = r.route(
			[
				alert('Warn', 'warning', 'firing'),
				alert('HighErrors', 'critical', 'firing', { route: '/a' }),
				alert('HighErrors', 'critical', 'firing', { route: '/b' })
			],
			0
		);
		expect(changes).toHaveLength(1);
		expect(changes[0].page.alertIds).toHaveLength(2);
	});

	it('honours silences and pages again when a flapping alert fires after resolving', () => {
		const r = new AlertRouter({ ...config, groupWaitMs: 0 });
		r.addSilence({
			id: 'S1',
			matchers: [{ name: 'alertname', value: 'High.*', isRegex: true }],
			startsAt: 0,
			endsAt: 60_000,
			reason: 'known',
			createdBy: 'trainee'
		});
		expect(r.route([alert('HighErrors', 'critical', 'firing')], 10_000)).toEqual([]);
		expect(r.route([alert('HighErrors', 'critical', 'firing')], 60_000)).toHaveLength(1);
		r.route([alert('HighErrors', 'critical', 'resolved')], 70_000);
		const again = r.route([alert('HighErrors', 'critical', 'firing')], 80_000);
		expect(again[0].page.id).toBe('P002');
	});

	it('acknowledges a page once', () => {
		const r = new AlertRouter({ ...config, groupWaitMs: 0 });
		r.route([alert('HighErrors', 'critical', 'firing')], 0);
		expect(r.ack('P001', 5000)).toBe(true);
		expect(r.ack('P001', 6000)).toBe(false);
		expect(r.ack('P404', 6000)).toBe(false);
		expect(r.pages()[0].ackedAt).toBe(5000);
	});

	it('anchors regex silence matchers', () => {
		expect(
			silenceMatches(
				{ matchers: [{ name: 'service', value: 'checkout', isRegex: true }] },
				{ service: 'checkout-api' }
			)
		).toBe(false);
		expect(
			silenceMatches(
				{ matchers: [{ name: 'service', value: 'checkout.*', isRegex: true }] },
				{ service: 'checkout-api' }
			)
		).toBe(true);
	});
});
