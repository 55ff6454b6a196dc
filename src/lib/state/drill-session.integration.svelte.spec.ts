/**
 * The session over the real runner and a built-in scenario: what the console shows when a trainee works the
 * checkout drill (pages, ack, actions, escalation replies, the channel narration and the end measures).
 */
import { describe, expect, it } from 'vitest';
import { channelEntries } from '../components/channel/timeline';
import { measureDrill } from '../components/layout/measures';
import { createDrill } from '../sim/drill';
import { loadScenarioOrThrow } from '../sim/scenario/load';
import checkoutYaml from '../../../scenarios/checkout-deploy-regression.yaml?raw';
import { DrillSession } from './drill-session.svelte';

describe('DrillSession with the real runner', () => {
	it('carries a checkout drill from page to resolution', () => {
		const { scenario, version } = loadScenarioOrThrow(
			checkoutYaml,
			'scenarios/checkout-deploy-regression.yaml'
		);
		const drill = createDrill(scenario, { seed: 42, version });
		let wall = 0;
		let tick: (() => void) | null = null;
		const session = new DrillSession(drill, {
			scheduler: (fn) => ((tick = fn), () => (tick = null)),
			wallClock: () => wall
		});
		const run = (wallMs: number, step = 250) => {
			for (let t = 0; t < wallMs; t += step) {
				wall += step;
				tick?.();
			}
		};
		session.start();
		session.setSpeed(10);
		run(12_000);
		expect(session.openPages.map((p) => p.title)).toEqual(['CheckoutHighErrorRate']);
		const page = session.openPages[0];
		expect(page.runbookUrl).toBe('runbooks/checkout-high-error-rate');

		session.ack(page.id);
		expect(session.openPages).toEqual([]);
		session.recordView('changes');
		session.runAction('rollback', { service: 'checkout-api' }, 'Errors began with v2.41.0');
		session.escalate('payments-oncall', 'Checkout pay route failing since v2.41.0, rolling back');
		session.postStatus(
			'identified',
			['Checkout'],
			'Some card payments fail since 14:15 UTC; fix rolling out.'
		);
		run(24_000);

		const texts = channelEntries(session.events, session.scenario).map((e) => `${e.author}: ${e.text}`);
		expect(
			texts.some((t) =>
				t.startsWith('Pager: Paged: CheckoutHighErrorRate [critical] — checkout-api is failing')
			)
		).toBe(true);
		expect(texts).toContain(
			'You: Ran “Roll back a deployment” (service=checkout-api) — Errors began with v2.41.0'
		);
		expect(texts.some((t) => t.startsWith('Dana Okafor: Dana here, on it.'))).toBe(true);
		expect(texts.some((t) => /phase|mitigated/i.test(t))).toBe(false);
		expect(session.deploys.at(-1)).toMatchObject({ service: 'checkout-api', kind: 'rollback' });

		session.declareResolved('Rolled back checkout-api v2.41.0');
		expect(session.ended?.reason).toBe('declared');
		expect(session.running).toBe(false);
		const m = measureDrill(session.events, session.scenario);
		expect(m.ackMs).toBe(session.events.find((e) => e.type === 'alert.ack')!.at - page.at);
		expect(m).toMatchObject({ actions: 1, statusUpdates: 1 });
		expect(m.engageOwnerMs).not.toBeNull();
		expect(m.mitigateMs).not.toBeNull();
	});
});
