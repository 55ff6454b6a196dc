import { describe, expect, it } from 'vitest';
import type { DrillEvent, DrillEventBody } from '../sim/types';
import { matchableText, matchesEvent } from './match';

const ev = (body: DrillEventBody, at = 0): DrillEvent =>
	({ ...body, seq: 0, at, actor: 'trainee' }) as DrillEvent;

describe('matchesEvent', () => {
	it('tests the pattern case-insensitively against a query expression', () => {
		const e = ev({ type: 'query.logql', expr: '{service="checkout-api"} |= "Pool Exhausted"' });
		expect(matchesEvent({ type: 'query.logql', pattern: 'pool exhausted' }, e)).toBe(true);
		expect(matchesEvent({ type: 'query.logql', pattern: '^\\{service="checkout' }, e)).toBe(true);
		expect(matchesEvent({ type: 'query.promql', pattern: 'pool' }, e)).toBe(false);
	});

	it('requires view and target to be equal for views, and matches the pattern on "view target"', () => {
		const e = ev({ type: 'view.open', view: 'dashboard', target: 'error-rate' });
		expect(matchesEvent({ type: 'view.open', view: 'dashboard', target: 'error-rate' }, e)).toBe(true);
		expect(matchesEvent({ type: 'view.open', view: 'logs' }, e)).toBe(false);
		expect(matchesEvent({ type: 'view.open', target: 'latency' }, e)).toBe(false);
		expect(matchesEvent({ type: 'view.open', pattern: 'dashboard error' }, e)).toBe(true);
	});

	it('compares action ids and params exactly (params as strings), and tests reasons', () => {
		const e = ev({
			type: 'action.run',
			action: 'scale',
			params: { service: 'checkout-api', replicas: 12 },
			reason: 'More pods for the Black Friday peak'
		});
		expect(matchesEvent({ type: 'action.run', action: 'scale', params: { replicas: '12' } }, e)).toBe(true);
		expect(matchesEvent({ type: 'action.run', action: 'scale', params: { replicas: 8 } }, e)).toBe(false);
		expect(matchesEvent({ type: 'action.run', action: 'rollback' }, e)).toBe(false);
		expect(matchesEvent({ type: 'action.run', params: { flag: 'x' } }, e)).toBe(false);
		expect(matchesEvent({ type: 'action.run', pattern: 'black friday' }, e)).toBe(true);
		expect(matchesEvent({ type: 'action.run', pattern: 'service=checkout-api' }, e)).toBe(true);
	});

	it('matches escalations by target and message', () => {
		const e = ev({
			type: 'escalation.page',
			target: 'payments-oncall',
			message: 'Payment 502s since the release'
		});
		expect(matchesEvent({ type: 'escalation.page', target: 'payments-oncall' }, e)).toBe(true);
		expect(matchesEvent({ type: 'escalation.page', target: 'storefront-oncall' }, e)).toBe(false);
		expect(matchesEvent({ type: 'escalation.page', pattern: '502' }, e)).toBe(true);
	});

	it('matches status updates and notes by their text', () => {
		const post = ev({
			type: 'status.post',
			status: 'identified',
			components: ['Checkout'],
			text: 'Rolling back the release'
		});
		const note = ev({ type: 'note.add', text: 'pool exhausted in logs' });
		expect(matchesEvent({ type: 'status.post', pattern: 'rolling back' }, post)).toBe(true);
		expect(matchesEvent({ type: 'note.add', pattern: 'pool' }, note)).toBe(true);
		expect(matchesEvent({ type: 'note.add', pattern: 'database' }, note)).toBe(false);
	});

	it('treats an invalid regular expression as a plain substring', () => {
		const e = ev({ type: 'query.promql', expr: 'rate(http_requests_total[5m' });
		expect(matchesEvent({ type: 'query.promql', pattern: 'total[5m' }, e)).toBe(true);
		expect(matchesEvent({ type: 'query.promql', pattern: '[6m' }, e)).toBe(false);
	});

	it('never matches system events', () => {
		const e = { type: 'incident.mitigated', seq: 0, at: 0, actor: 'system' } as DrillEvent;
		expect(matchableText(e)).toBeNull();
		expect(matchesEvent({ type: 'note.add', pattern: '.*' }, e)).toBe(false);
	});
});
