import { describe, expect, it } from 'vitest';
import {
	applyPlanOverrides,
	defaultPlan,
	evaluatePlan,
	validatePlanOverrides,
	type PlanEvaluation
} from './plan';
import { drill, jan } from './test-support';
import type { ProgressAttempt } from './types';

const plan = defaultPlan('2026-01-05');

function criterion(result: PlanEvaluation, id: string) {
	const c = result.milestones.flatMap((m) => m.criteria).find((x) => x.id === id);
	if (!c) throw new Error(`no criterion ${id}`);
	return c;
}

describe('defaultPlan', () => {
	it('has 30/60/90-day milestones with criteria from the role profile', () => {
		expect(plan.milestones.map((m) => [m.id, m.dueDate])).toEqual([
			['d30', '2026-02-04'],
			['d60', '2026-03-06'],
			['d90', '2026-04-05']
		]);
		expect(plan.milestones.map((m) => m.criteria.map((c) => c.label))).toEqual([
			[
				'Drills finished across at least 3 incident themes',
				'A runbook scored 70 or more',
				'Acknowledge P50 under 5 min'
			],
			[
				'3 secondary-level drills passed (≥ 70) without hints',
				'A postmortem scored 70 or more',
				'Correct owner engaged P50 under 15 min'
			],
			[
				'Acknowledge P50 under 5 min on primary-level drills',
				'Acknowledge P90 under 10 min on primary-level drills',
				'Documentation complete (≥ 70) in more than 90% of recent drills',
				'Readiness package: runbook, postmortem and drill each scored 80 or more in one drill'
			]
		]);
		expect(() => defaultPlan('5 Jan 2026')).toThrow(RangeError);
		expect(() => defaultPlan('2026-02-29')).toThrow(RangeError);
	});
});

describe('evaluatePlan', () => {
	it('shows a new trainee what is missing, open before the due date and overdue after', () => {
		const early = evaluatePlan(plan, [], '2026-01-20');
		expect(early.drillsCounted).toBe(0);
		expect(early.milestones.map((m) => [m.status, m.metCount, m.daysLeft])).toEqual([
			['open', 0, 15],
			['open', 0, 45],
			['open', 0, 75]
		]);
		expect(criterion(early, 'd30.themes')).toMatchObject({
			actual: 0,
			met: false,
			evidence: 'No drill finished yet.'
		});
		expect(criterion(early, 'd30.runbook')).toMatchObject({
			actual: null,
			evidence: 'No runbook has been scored yet.'
		});
		expect(evaluatePlan(plan, [], '2026-02-05').milestones[0]).toMatchObject({
			status: 'overdue',
			daysLeft: -1
		});
	});

	it('meets the 30-day milestone with three themes, a passing runbook and a fast median acknowledge', () => {
		const attempts = [
			drill({ theme: 'deploy', ack: 2, day: jan(6) }),
			drill({ theme: 'dns', ack: 6, day: jan(7), runbook: 72 }),
			drill({ theme: 'database', ack: 4, day: jan(8) })
		];
		const result = evaluatePlan(plan, attempts, jan(9));
		expect(result.milestones[0].status).toBe('met');
		expect(criterion(result, 'd30.themes')).toMatchObject({
			actual: 3,
			evidence: 'Themes finished: database, deploy, dns.'
		});
		expect(criterion(result, 'd30.runbook')).toMatchObject({
			actual: 72,
			met: true,
			attemptIds: [attempts[1].id]
		});
		expect(criterion(result, 'd30.ack-p50')).toMatchObject({
			actual: 4,
			met: true,
			evidence: 'P50 acknowledge time 4 min over the last 3 drills.'
		});
	});

	it('needs enough drills before a percentile counts, and counts pages never acknowledged as misses', () => {
		const two = evaluatePlan(plan, [drill({ ack: 1 }), drill({ ack: 1 })], jan(20));
		expect(criterion(two, 'd30.ack-p50')).toMatchObject({
			actual: 1,
			met: false,
			evidence: '2 drills measured so far; the P50 needs 3.'
		});
		const missed = evaluatePlan(
			plan,
			[drill({ ack: 1 }), drill({ ack: null }), drill({ ack: null })],
			jan(20)
		);
		expect(criterion(missed, 'd30.ack-p50')).toMatchObject({ actual: null, met: false });
		expect(criterion(missed, 'd30.ack-p50').evidence).toMatch(/2 pages never acknowledged/);
	});

	it('judges KPIs on recent drills, so early misses stop counting', () => {
		const attempts: ProgressAttempt[] = [];
		for (let i = 0; i < 11; i++) attempts.push(drill({ ack: 20, day: jan(6 + i) }));
		for (let i = 0; i < 9; i++) attempts.push(drill({ ack: 2, day: jan(20 + i) }));
		expect(criterion(evaluatePlan(plan, attempts, jan(30)), 'd30.ack-p50')).toMatchObject({
			actual: 2,
			met: true
		});
		const wide = applyPlanOverrides(plan, { recentWindow: 20 });
		expect(criterion(evaluatePlan(wide, attempts, jan(30)), 'd30.ack-p50')).toMatchObject({
			actual: 20,
			met: false
		});
	});

	it('counts only secondary-level (or harder) drills passed without hints for the 60-day goal', () => {
		const attempts = [
			drill({ level: 'secondary', score: 80 }),
			drill({ level: 'secondary', score: 71, hints: 0 }),
			drill({ level: 'secondary', score: 90, hints: 2 }),
			drill({ level: 'secondary', score: 65 }),
			drill({ level: 'shadow', score: 95 })
		];
		const before = evaluatePlan(plan, attempts, jan(20));
		expect(criterion(before, 'd60.secondary-clean')).toMatchObject({ actual: 2, met: false });
		expect(criterion(before, 'd60.secondary-clean').evidence).toBe(
			'2 drills passed without hints out of 4 finished at secondary level or above.'
		);
		const after = evaluatePlan(plan, [...attempts, drill({ level: 'primary', score: 75 })], jan(20));
		expect(criterion(after, 'd60.secondary-clean')).toMatchObject({ actual: 3, met: true });
	});

	it('leaves drills without an owner engaged out of the engage-owner percentile', () => {
		const attempts = [
			drill({ engage: 12 }),
			drill({ engage: null }),
			drill({ engage: 14 }),
			drill({ engage: 9 })
		];
		const c = criterion(evaluatePlan(plan, attempts, jan(20)), 'd60.engage-p50');
		expect(c).toMatchObject({ actual: 12, met: true });
		expect(c.evidence).toMatch(/over the last 3 drills \(1 drill without an owner engaged not counted\)/);
	});

	it('checks primary-level acknowledge P50 and P90 separately', () => {
		const attempts = [2, 3, 4, 4, 12].map((ack) => drill({ level: 'primary', ack }));
		attempts.push(drill({ level: 'shadow', ack: 30 }));
		const result = evaluatePlan(plan, attempts, jan(20));
		expect(criterion(result, 'd90.primary-ack-p50')).toMatchObject({ actual: 4, met: true });
		expect(criterion(result, 'd90.primary-ack-p90')).toMatchObject({ actual: 12, met: false });
	});

	it('requires documentation complete in more than 90% of recent documented drills', () => {
		const nine = Array.from({ length: 9 }, () => drill({ documentation: 85 }));
		const result = evaluatePlan(
			plan,
			[...nine, drill({ documentation: 40 }), drill({ documentation: null })],
			jan(20)
		);
		expect(criterion(result, 'd90.documentation')).toMatchObject({ actual: 90, met: false });
		expect(criterion(result, 'd90.documentation').evidence).toBe(
			'9 of the last 10 documented drills scored 70 or more on documentation.'
		);
		const all = evaluatePlan(plan, [...nine, drill({ documentation: 70 })], jan(20));
		expect(criterion(all, 'd90.documentation')).toMatchObject({ actual: 100, met: true });
	});

	it('finds the best readiness package in a single drill', () => {
		const weak = drill({ runbook: 95, postmortem: 95, score: 60 });
		const strong = drill({ runbook: 85, postmortem: 82, score: 80 });
		const split = [drill({ runbook: 99 }), drill({ postmortem: 99 })];
		const c = criterion(evaluatePlan(plan, [weak, strong, ...split], jan(20)), 'd90.readiness');
		expect(c).toMatchObject({ actual: 80, met: true, attemptIds: [strong.id] });
	});

	it('ignores unfinished drills and drills after today, whatever the input order', () => {
		const attempts = [
			drill({ theme: 'a', day: jan(6) }),
			drill({ theme: 'b', status: 'abandoned' }),
			drill({ theme: 'c', status: 'in-progress' }),
			drill({ theme: 'd', day: jan(25) }),
			drill({ theme: 'e', day: jan(7) })
		];
		const result = evaluatePlan(plan, attempts, jan(20));
		expect(result.drillsCounted).toBe(2);
		expect(criterion(result, 'd30.themes').evidence).toBe('Themes finished: a, e.');
		expect(evaluatePlan(plan, [...attempts].reverse(), jan(20))).toEqual(result);
	});
});

describe('manager overrides', () => {
	it('adjusts targets and due dates, and switches criteria off', () => {
		const adjusted = applyPlanOverrides(plan, {
			targets: { 'd30.ack-p50': 3, 'd30.themes': 2 },
			dueDates: { d30: '2026-01-15' },
			disabled: ['d30.runbook']
		});
		const attempts = [
			drill({ theme: 'x', ack: 2.5 }),
			drill({ theme: 'y', ack: 2.5 }),
			drill({ theme: 'y', ack: 2.5 })
		];
		const d30 = evaluatePlan(adjusted, attempts, jan(20)).milestones[0];
		expect(d30.criteria.map((c) => [c.label, c.met, c.adjusted])).toEqual([
			['Drills finished across at least 2 incident themes', true, true],
			['Acknowledge P50 under 3 min', true, true]
		]);
		expect(d30).toMatchObject({ status: 'met', dueDate: '2026-01-15', daysLeft: -5 });
		const strict = applyPlanOverrides(plan, {
			targets: { 'd30.ack-p50': 2 },
			dueDates: { d30: '2026-01-15' }
		});
		expect(evaluatePlan(strict, attempts, jan(20)).milestones[0].status).toBe('overdue');
	});

	it('explains invalid overrides and ignores them when applying', () => {
		const bad = {
			targets: { 'd30.ack-p50': 0, 'd90.documentation': 120, 'd30.themes': 2.5, 'no.such': 1 },
			dueDates: { d30: '2026-13-01', d45: '2026-02-01', d60: '2026-01-01' },
			disabled: ['ghost'],
			recentWindow: 0
		};
		expect(validatePlanOverrides(plan, bad)).toEqual([
			'Due date of d30 must be a YYYY-MM-DD date.',
			'Unknown milestone "d45".',
			'Due date of d60 must be after the plan start (2026-01-05).',
			'Target of "Acknowledge P50 under 5 min" must be more than 0 and at most 1440 minutes.',
			'Target of "Documentation complete (≥ 70) in more than 90% of recent drills" must be between 0 and 100.',
			'Target of "Drills finished across at least 3 incident themes" must be a whole number from 1 to 1000.',
			'Unknown criterion "no.such".',
			'Unknown criterion "ghost".',
			'The recent-drills window must be a whole number from 1 to 500.'
		]);
		expect(applyPlanOverrides(plan, bad)).toEqual(plan);
		expect(validatePlanOverrides(plan, { targets: { 'd30.ack-p50': 4 } })).toEqual([]);
	});
});
