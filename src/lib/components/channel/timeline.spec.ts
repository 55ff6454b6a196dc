import { describe, expect, it } from 'vitest';
import { fixtureScenario } from '../common/testing/fixture-scenario';
import type { DrillEvent, DrillEventBody } from '../../sim/types';
import { channelEntries } from './timeline';

function log(...bodies: [number, DrillEventBody][]): DrillEvent[] {
	return bodies.map(([at, body], seq) => ({
		...body,
		seq,
		at,
		actor: body.type.startsWith('drill') || body.type.includes('sent') ? 'system' : 'trainee'
	})) as DrillEvent[];
}

describe('channelEntries', () => {
	const scenario = fixtureScenario();

	it('narrates the response in channel language', () => {
		const entries = channelEntries(
			log(
				[0, { type: 'drill.start', scenarioId: 'x', scenarioVersion: 'v', seed: 1 }],
				[
					60_000,
					{
						type: 'page.sent',
						pageId: 'P1',
						alertname: 'CheckoutHighErrorRate',
						severity: 'critical',
						summary: '5xx up'
					}
				],
				[90_000, { type: 'alert.ack', pageId: 'P1' }],
				[
					100_000,
					{ type: 'action.run', action: 'rollback', params: { service: 'checkout-api' }, reason: 'deploy' }
				],
				[
					101_000,
					{ type: 'action.result', action: 'rollback', outcome: 'rejected', detail: 'already running' }
				],
				[110_000, { type: 'escalation.page', target: 'payments-oncall', message: 'help' }],
				[
					120_000,
					{
						type: 'alert.silence',
						matchers: [{ name: 'alertname', value: 'Disk.*', isRegex: true }],
						durationMs: 3_600_000,
						reason: 'noise'
					}
				],
				[130_000, { type: 'chat.message', from: 'Priya Raman', text: 'on it' }],
				[
					140_000,
					{ type: 'status.post', status: 'investigating', components: ['Checkout'], text: 'Payments failing' }
				],
				[150_000, { type: 'page.resolved', pageId: 'P1' }],
				[160_000, { type: 'drill.end', reason: 'timeout' }]
			),
			scenario
		);
		expect(entries.map((e) => [e.author, e.text])).toEqual([
			['Pagerdrill', 'Your shift has started. You are on call.'],
			['Pager', 'Paged: CheckoutHighErrorRate [critical] — 5xx up'],
			['You', 'Acknowledged CheckoutHighErrorRate'],
			['You', 'Ran “Roll back a service” (service=checkout-api) — deploy'],
			['Ops bot', 'Roll back a service: already running'],
			['You', 'Paged Payments on-call (Priya Raman): help'],
			['You', 'Silenced {alertname=~"Disk.*"} for 1h: noise'],
			['Priya Raman', 'on it'],
			['You', 'Payments failing'],
			['Pager', 'Resolved: CheckoutHighErrorRate'],
			['Pagerdrill', 'The drill has ended: the time limit was reached.']
		]);
		expect(entries[4].tone).toBe('warning');
		expect(entries[8]).toMatchObject({ kind: 'status', status: 'investigating', components: ['Checkout'] });
	});

	it('hides simulator internals and the trainee’s own queries', () => {
		const entries = channelEntries(
			log(
				[0, { type: 'phase.enter', phase: 'degraded' }],
				[1, { type: 'incident.mitigated' }],
				[2, { type: 'world.change', description: 'pool leak cleared', kind: 'effect' }],
				[
					3,
					{
						type: 'alert.state',
						alertId: 'a',
						alertname: 'X',
						from: 'pending',
						to: 'firing',
						labels: {},
						value: 1
					}
				],
				[4, { type: 'query.promql', expr: 'up' }],
				[5, { type: 'view.open', view: 'changes' }]
			),
			scenario
		);
		expect(entries).toEqual([]);
	});
});
