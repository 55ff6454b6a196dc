import { describe, expect, it } from 'vitest';
import type { DrillEvent, DrillEventBody } from '../sim/types';
import { measureKpis, scoreDrill } from './drill';
import { eventLog, expertLog, fixtureScenario, naiveLog, START_EPOCH_MS } from './fixtures/drill-scenario';
import type { DrillScorecard } from './types';

const MIN = 60_000;
const scenario = fixtureScenario();
const score = (events: DrillEvent[], s = scenario, artifacts?: { runbook?: string; postmortem?: string }) =>
	scoreDrill({ scenario: s, events, startEpochMs: START_EPOCH_MS, artifacts });
const check = (card: DrillScorecard, id: string) => {
	const c = card.checks.find((x) => x.id === id);
	if (!c) throw new Error(`no check ${id}`);
	return c;
};
const dimension = (card: DrillScorecard, id: string) => card.dimensions.find((d) => d.id === id);

/** The expert log with some events replaced or added. */
function variant(edit: (entries: [number, DrillEventBody][]) => [number, DrillEventBody][]): DrillEvent[] {
	const entries = expertLog().map((e): [number, DrillEventBody] => {
		const { seq: _seq, at, actor: _actor, ...body } = e;
		return [at / MIN, body as DrillEventBody];
	});
	return eventLog(edit(entries));
}

describe('measureKpis', () => {
	it('measures response times from the first page', () => {
		const shifted = expertLog().map((e) => ({ ...e, at: e.at + 3 * MIN }));
		expect(measureKpis(shifted, scenario.answerKey)).toEqual({
			ackMs: 2 * MIN,
			engageOwnerMs: 6 * MIN,
			mitigateMs: 8 * MIN,
			resolveMs: 35 * MIN,
			firstUpdateMs: 4 * MIN,
			statusUpdates: 3,
			actions: 1,
			queries: 2
		});
	});

	it('reports null for what never happened', () => {
		const k = measureKpis(naiveLog(), scenario.answerKey);
		expect(k.ackMs).toBe(12 * MIN);
		expect(k.engageOwnerMs).toBeNull();
		expect(k.mitigateMs).toBeNull();
		expect(k.resolveMs).toBeNull();
		expect(k.actions).toBe(4);
		expect(k.queries).toBe(0);
	});
});

describe('scoreDrill: an expert and a naive run of the same incident', () => {
	const expert = score(expertLog());
	const naive = score(naiveLog());

	it('scores the expert at least 85 and the naive trainee at most 50', () => {
		expect(expert.score).toBeGreaterThanOrEqual(85);
		expect(naive.score).toBeLessThanOrEqual(50);
	});

	it('credits the expert for fast acknowledgement, evidence first, verification and regular updates', () => {
		for (const id of [
			'response.ack-time',
			'response.engage-owner',
			'triage.evidence-first',
			'triage.correct-mitigation',
			'triage.verification',
			'triage.escalation',
			'communication.cadence',
			'communication.resolution-update'
		])
			expect(check(expert, id).result, id).toBe('met');
		expect(check(expert, 'response.ack-time').reason).toContain('2m');
	});

	it('shows the naive trainee what went wrong', () => {
		expect(check(naive, 'response.ack-time').result).toBe('not-met');
		expect(check(naive, 'response.ack-time').reason).toContain('12m');
		expect(check(naive, 'triage.restart-loop').result).toBe('not-met');
		expect(check(naive, 'triage.restart-loop').reason).toMatch(/checkout-api 4 times/);
		expect(check(naive, 'triage.evidence-first').result).toBe('not-met');
		expect(check(naive, 'triage.escalation').result).toBe('not-met');
		expect(check(naive, 'triage.escalation').reason).toContain('Payments on-call');
		expect(check(naive, 'triage.action-reasons').result).toBe('not-met');
		expect(check(naive, 'triage.verification').result).toBe('not-met');
		expect(check(naive, 'communication.update-quality').result).toBe('not-met');
		expect(check(naive, 'communication.first-update').reason).toContain('Investigating.');
		expect(check(naive, 'communication.tone').reason).toContain('probably');
	});

	it('does not ask for a resolution update when the system never recovered', () => {
		expect(check(naive, 'communication.resolution-update').result).toBe('not-assessed');
	});

	it('fills every category that was measured and leaves documentation open without artifacts', () => {
		expect(expert.categories.documentation).toBeNull();
		expect(expert.categories.response).toBe(100);
		expect(naive.categories.response).toBe(0);
		expect(naive.kpis.ackMs).toBe(12 * MIN);
	});

	it('derives the six interview dimensions, leaving unmeasured ones null', () => {
		expect(expert.dimensions.map((d) => d.id)).toEqual([
			'troubleshooting',
			'linux-networking',
			'observability',
			'scripting-automation',
			'communication',
			'collaboration'
		]);
		expect(expert.dimensions.reduce((s, d) => s + d.weight, 0)).toBeCloseTo(1, 10);
		expect(dimension(expert, 'scripting-automation')).toMatchObject({ score: null, rating: null });
		expect(dimension(expert, 'linux-networking')?.score).toBeNull();
		expect(dimension(expert, 'troubleshooting')?.rating).toBe(4);
		expect(dimension(naive, 'troubleshooting')?.rating).toBe(1);
		expect(
			dimension(naive, 'troubleshooting')?.evidence.some((e) => e.includes('Restarted checkout-api'))
		).toBe(true);
	});
});

describe('scoreDrill: individual judgements', () => {
	it('assesses Linux/networking only for drills tagged with such a skill', () => {
		const dns = fixtureScenario((s) => {
			s.metadata.skills = ['dns', 'observability'];
		});
		const card = score(expertLog(), dns);
		expect(dimension(card, 'linux-networking')?.score).toBe(100);
	});

	it('gives partial credit for an acknowledgement between 5 and 10 minutes', () => {
		const late = variant((es) => es.map(([m, b]) => (b.type === 'alert.ack' ? [7, b] : [m, b])));
		expect(check(score(late), 'response.ack-time').result).toBe('partly');
	});

	it('notices when the owner was not needed', () => {
		const optional = fixtureScenario((s) => {
			s.answerKey.ownerRequired = false;
		});
		const card = score(naiveLog(), optional);
		expect(check(card, 'response.engage-owner').result).toBe('not-assessed');
		expect(check(card, 'triage.escalation')).toMatchObject({
			result: 'met',
			reason: 'Handled without waking anyone'
		});
	});

	it('flags chasing noise: restarting the throttled inventory service and paging its team about it', () => {
		const chased = variant((es) => [
			...es,
			[
				4.2,
				{
					type: 'action.run',
					action: 'restart',
					params: { service: 'inventory-api' },
					reason: 'CPU throttling alert'
				}
			],
			[
				4.4,
				{
					type: 'escalation.page',
					target: 'storefront-oncall',
					message: 'InventoryCPUThrottlingHigh is firing, can you look?'
				}
			]
		]);
		const card = score(chased);
		expect(check(card, 'triage.noise').result).toBe('not-met');
		expect(check(card, 'triage.noise').reason).toContain('inventory-api throttling');
		expect(check(card, 'triage.escalation').result).toBe('partly');
		expect(check(card, 'triage.escalation').reason).toContain('noise alert');
	});

	it('caps the drill below the upper band after a harmful action', () => {
		const harmful = variant((es) => [
			...es,
			[20, { type: 'action.run', action: 'drop-db', params: {}, reason: 'free some space quickly' }]
		]);
		const card = score(harmful);
		expect(check(card, 'triage.harmful-actions').result).toBe('not-met');
		expect(card.score).toBeLessThanOrEqual(40);
	});

	it('flags silencing the paged alert while users are still affected, but not silencing noise', () => {
		const silence = (alertname: string): [number, DrillEventBody] => [
			3,
			{
				type: 'alert.silence',
				matchers: [{ name: 'alertname', value: alertname }],
				durationMs: 3_600_000,
				reason: 'too noisy'
			}
		];
		const muted = check(
			score(variant((es) => [...es, silence('CheckoutHighErrorRate')])),
			'triage.harmful-actions'
		);
		expect(muted.result).toBe('partly');
		expect(muted.reason).toContain('Silenced CheckoutHighErrorRate');
		const noise = check(
			score(variant((es) => [...es, silence('InventoryCPUThrottlingHigh')])),
			'triage.harmful-actions'
		);
		expect(noise.result).toBe('met');
	});

	it('requires the security team for security drills', () => {
		const security = fixtureScenario((s) => {
			s.metadata.skills = ['security', 'escalation'];
		});
		const card = score(expertLog(), security);
		expect(check(card, 'triage.escalation').result).toBe('partly');
		expect(check(card, 'triage.escalation').reason).toContain('Security on-call');
		const told = variant((es) => [
			...es,
			[
				6.2,
				{
					type: 'escalation.page',
					target: 'security-oncall',
					message: 'Unusual admin logins on checkout, please look now'
				}
			]
		]);
		expect(check(score(told, security), 'triage.escalation').result).toBe('met');
	});

	it('catches a change that was never verified', () => {
		const blind = variant((es) => es.filter(([, b]) => b.type !== 'query.promql'));
		expect(check(score(blind), 'triage.verification').result).toBe('not-met');
	});

	it('counts only evidence seen before the first change', () => {
		const hasty = variant((es) => es.map(([m, b]) => (b.type === 'action.run' ? [2.2, b] : [m, b])));
		const card = score(hasty);
		expect(check(card, 'triage.evidence-first').result).toBe('not-met');
		expect(check(card, 'triage.key-evidence').result).toBe('met');
	});

	it('rejects a "resolved" update posted before the system recovered', () => {
		const early = variant((es) => [
			...es,
			[
				5.5,
				{
					type: 'status.post',
					status: 'resolved',
					components: ['Checkout'],
					text: 'Checkout payments are fixed and working normally again since 14:15 UTC.'
				}
			]
		]);
		const card = score(early);
		expect(check(card, 'communication.accuracy').result).toBe('not-met');
		expect(check(card, 'communication.accuracy').reason).toMatch(/not recovered/);
	});

	it('notices updates that mark the wrong component as affected', () => {
		const wrong = variant((es) =>
			es.map(([m, b]) =>
				b.type === 'status.post' && b.status === 'investigating'
					? [m, { ...b, components: ['Search'] }]
					: [m, b]
			)
		);
		const accuracy = check(score(wrong), 'communication.accuracy');
		expect(accuracy.result).toBe('partly');
		expect(accuracy.reason).toContain('marked Search as affected, not Checkout or Payments');
	});

	it('flags long silences between updates', () => {
		const silent = variant((es) =>
			es
				.filter(([, b]) => !(b.type === 'status.post' && b.status !== 'investigating'))
				.map(([m, b]) => (b.type === 'incident.mitigated' ? [50, b] : [m, b]))
		);
		const card = score(silent);
		expect(check(card, 'communication.cadence').result).toBe('not-met');
		expect(check(card, 'communication.cadence').reason).toContain('46m');
	});

	it('scores written artifacts into documentation', () => {
		const postmortem = [
			'# Checkout payments failed after release v2.41.0',
			'## Summary',
			'Release v2.41.0 of checkout-api shrank the payment client pool to 4 connections; about 20% of card payments failed for 8 minutes until the release was rolled back.',
			'## Impact',
			'About 20% of card payments failed for 8 minutes (roughly 160 orders).',
			'## Timeline (UTC)',
			'- 14:10 CheckoutHighErrorRate paged the on-call',
			'- 14:12 On-call acknowledged',
			'- 14:15 Rolled back checkout-api to v2.40.3',
			'- 14:16 Escalated to Payments on-call',
			'- 14:18 Error rate back to normal; mitigated',
			'## Root cause',
			'v2.41.0 switched the payment client to a pooled transport with 4 connections that were exhausted, so payments failed with 502.',
			'## Contributing factors',
			'- The canary only watched the cart route.',
			'## What went well',
			'- The rollback was quick.',
			'## What went poorly',
			'- The pool size came from a library default.',
			'## Action items',
			'- Set the pool size in checkout config — owner: payments team — due 2026-04-01',
			'- Add the pay route to the canary checks — owner: checkout team — due 2026-04-08'
		].join('\n');
		const card = score(expertLog(), scenario, { postmortem });
		expect(check(card, 'documentation.postmortem').result).toBe('met');
		expect(check(card, 'documentation.complete').result).toBe('met');
		expect(check(card, 'documentation.runbook').result).toBe('not-assessed');
		expect(card.categories.documentation).toBe(100);
		const thin = score(expertLog(), scenario, {
			postmortem: 'We rolled back. Fine now.',
			runbook: 'Restart it.'
		});
		expect(check(thin, 'documentation.postmortem').result).toBe('not-met');
		expect(check(thin, 'documentation.complete').reason).toContain('timeline');
		expect(check(thin, 'documentation.runbook').result).toBe('not-met');
	});

	it('is deterministic', () => {
		expect(score(expertLog())).toEqual(score(expertLog()));
	});
});
