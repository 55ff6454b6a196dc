import { describe, expect, it } from 'vitest';
import { scoreDrill } from '../../scoring/drill';
import {
	eventLog,
	expertLog,
	fixtureScenario,
	naiveLog,
	START_EPOCH_MS
} from '../../scoring/fixtures/drill-scenario';
import type { DrillEvent } from '../../sim/types';
import {
	debriefMarkers,
	evidenceReview,
	expertPath,
	groupChecks,
	harmfulTaken,
	kpiRows,
	redHerringsTaken
} from './debrief';

const scenario = fixtureScenario();
const card = (events: DrillEvent[], artifacts?: { runbook?: string; postmortem?: string }) =>
	scoreDrill({ scenario, events, startEpochMs: START_EPOCH_MS, artifacts });
const row = (rows: ReturnType<typeof kpiRows>, id: string) => rows.find((r) => r.id === id)!;

/** The naive log plus a red herring (restarting inventory-api) and a harmful action. */
function detourLog(): DrillEvent[] {
	return eventLog([
		[
			0,
			{
				type: 'page.sent',
				pageId: 'P001',
				alertname: 'CheckoutHighErrorRate',
				severity: 'critical',
				summary: 's'
			}
		],
		[3, { type: 'alert.ack', pageId: 'P001' }],
		[
			4,
			{
				type: 'action.run',
				action: 'restart',
				params: { service: 'inventory-api' },
				reason: 'CPU is throttled'
			}
		],
		[6, { type: 'query.logql', expr: '{service="checkout-api"} |= "502"' }],
		[9, { type: 'action.run', action: 'drop-db', params: {} }],
		[40, { type: 'drill.end', reason: 'timeout' }]
	]);
}

describe('kpiRows', () => {
	it('compares the expert’s KPIs with the role profile’s targets', () => {
		const rows = kpiRows(card(expertLog()), scenario);
		expect(rows.map((r) => [r.label, r.value, r.target, r.result])).toEqual([
			['Time to acknowledge', '2m', '< 5m (P50), < 10m (P90)', 'met'],
			['Time to engage Payments on-call', '6m', '< 15m', 'met'],
			['Time to mitigate', '8m', 'par 20m', 'met'],
			['First status update', '4m', '< 10m after acknowledging', 'met'],
			['Communication score', expect.stringMatching(/^\d+\/100 \(strong\)$/), '≥ 50 (meets the bar)', 'met'],
			['Documentation score', 'nothing written yet', '≥ 50 (meets the bar)', 'not-assessed'],
			[
				'Documentation complete',
				'no postmortem yet',
				'timeline, impact, root cause, action items (> 90% of incidents)',
				'not-assessed'
			]
		]);
	});

	it('marks missed targets and says what is missing from the documentation', () => {
		const rows = kpiRows(
			card(naiveLog(), { postmortem: '# Postmortem\n\n## Summary\nCheckout broke for a while.' }),
			scenario
		);
		expect(row(rows, 'ack')).toMatchObject({ value: '12m', result: 'not-met' });
		expect(row(rows, 'engage-owner')).toMatchObject({ value: '—', result: 'not-met' });
		expect(row(rows, 'mitigate')).toMatchObject({ value: '—', result: 'not-met' });
		expect(row(rows, 'documentation-complete').value).toMatch(/^Missing: timeline/);
		expect(row(rows, 'documentation-complete').result).toBe('not-met');
	});

	it('does not ask for the owner when the drill does not need one', () => {
		const solo = fixtureScenario((s) => {
			s.answerKey.ownerRequired = false;
		});
		const rows = kpiRows(
			scoreDrill({ scenario: solo, events: expertLog(), startEpochMs: START_EPOCH_MS }),
			solo
		);
		expect(row(rows, 'engage-owner')).toMatchObject({
			target: 'not required in this drill',
			result: 'not-assessed'
		});
	});
});

describe('groupChecks', () => {
	it('groups the scorecard by category in rubric order, with the category scores', () => {
		const c = card(expertLog());
		const groups = groupChecks(c.checks, c.categories);
		expect(groups.map((g) => g.label)).toEqual([
			'Response',
			'Triage and judgement',
			'Communication',
			'Documentation'
		]);
		expect(groups[0].checks.map((x) => x.id)).toEqual([
			'response.ack-time',
			'response.engage-owner',
			'response.mitigate-time'
		]);
		expect(groups[0].score).toBe(c.categories.response);
		expect(groups.flatMap((g) => g.checks)).toHaveLength(c.checks.length);
	});
});

describe('evidence and detours', () => {
	it('says when each piece of key evidence was first seen, and whether before the first change', () => {
		const review = evidenceReview(expertLog(), scenario.answerKey, scenario);
		expect(review).toEqual([
			expect.objectContaining({
				id: 'errors-by-route',
				seenAfterMs: 150_000,
				via: 'opened dashboard (error-rate)',
				beforeFirstChange: true
			}),
			expect.objectContaining({ id: 'pool-logs', seenAfterMs: 180_000, beforeFirstChange: true }),
			expect.objectContaining({
				id: 'recent-deploy',
				seenAfterMs: 210_000,
				via: 'opened changes',
				beforeFirstChange: true
			})
		]);
		const naive = evidenceReview(detourLog(), scenario.answerKey, scenario);
		expect(naive.map((e) => [e.id, e.seenAfterMs, e.beforeFirstChange])).toEqual([
			['errors-by-route', null, false],
			['pool-logs', 360_000, false],
			['recent-deploy', null, false]
		]);
	});

	it('lists the red herrings chased and the harmful actions taken', () => {
		expect(redHerringsTaken(detourLog(), scenario.answerKey)).toEqual([
			{
				description: 'inventory-api throttling is a known, harmless warning.',
				afterMs: 240_000,
				what: 'ran restart (service=inventory-api)'
			}
		]);
		expect(harmfulTaken(detourLog(), scenario.answerKey)).toEqual([
			{ description: 'Dropping the orders database destroys data.', afterMs: 540_000, what: 'ran drop-db' }
		]);
		expect(redHerringsTaken(expertLog(), scenario.answerKey)).toEqual([]);
		expect(harmfulTaken(expertLog(), scenario.answerKey)).toEqual([]);
	});
});

describe('debriefMarkers', () => {
	it('marks the trainee’s steps, the system’s and the par times in time order', () => {
		const markers = debriefMarkers(expertLog(), scenario).map(
			(m) => `${m.at / 60_000} ${m.who} ${m.tone} ${m.label}`
		);
		expect(markers).toEqual([
			'0 System system Paged: CheckoutHighErrorRate',
			'2 You you Acknowledged the page',
			'2.5 You good Saw: Errors are on /api/checkout/pay.',
			'3 You good Saw: Logs say the pool is exhausted.',
			'3.5 You good Saw: v2.41.0 shipped just before.',
			'4 You you Status update: Investigating',
			'5 You good Mitigation: Roll back checkout-api',
			'5 Par par Acknowledged',
			'6 You good Paged Payments on-call (the owner)',
			'8 System system Service recovered',
			'15 Par par Payments on-call engaged',
			'19 You you Status update: Monitoring',
			'20 Par par Mitigated',
			'34 You you Status update: Resolved',
			'35 You you Declared resolved'
		]);
	});

	it('colours detours: red herrings warn, harmful actions are bad', () => {
		const tones = debriefMarkers(detourLog(), scenario)
			.filter((m) => m.who === 'You')
			.map((m) => [m.tone, m.label]);
		expect(tones).toContainEqual(['warn', 'Red herring: Restart inventory-api']);
		expect(tones).toContainEqual(['bad', 'Harmful: Drop the DB']);
	});
});

describe('expertPath', () => {
	it('spells out the answer key as steps with par times', () => {
		const steps = expertPath(scenario);
		expect(steps.map((s) => [s.text, s.by])).toEqual([
			['Acknowledge the page.', '5m after the page'],
			['Look at the evidence before changing anything:', null],
			['Mitigate: Roll checkout-api back to v2.40.3.', '20m after the page'],
			['Engage Payments on-call with what you found.', '15m after the page'],
			['Leave these alone:', null]
		]);
		expect(steps[1].items).toHaveLength(3);
		expect(steps[4].items).toEqual([
			'InventoryCPUThrottlingHigh (noise in this drill)',
			'inventory-api throttling is a known, harmless warning.'
		]);
	});
});
