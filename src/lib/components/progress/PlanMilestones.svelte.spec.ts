import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { applyPlanOverrides, defaultPlan, evaluatePlan } from '../../progress/plan';
import { drill, jan } from '../../progress/test-support';
import PlanMilestones from './PlanMilestones.svelte';

describe('PlanMilestones', () => {
	const attempts = [
		drill({ day: jan(3), theme: 'deploy', ack: 3, runbook: 82 }),
		drill({ day: jan(5), theme: 'dns', ack: 4 }),
		drill({ day: jan(8), theme: 'database', ack: 2 })
	];

	it('shows each milestone with its status and each criterion met or not with the evidence', () => {
		const plan = applyPlanOverrides(defaultPlan('2026-01-01'), { targets: { 'd60.secondary-clean': 2 } });
		render(PlanMilestones, { evaluation: evaluatePlan(plan, attempts, '2026-02-15') });
		const [d30, d60, d90] = screen
			.getAllByRole('listitem')
			.filter((li) => li.classList.contains('milestone'));
		expect(within(d30).getByRole('heading', { level: 3 })).toHaveTextContent(
			'30 days: onboarding and baseline'
		);
		expect(d30).toHaveTextContent('Met');
		expect(d30).toHaveTextContent('3 of 3 met');
		expect(d30).toHaveTextContent('Met: A runbook scored 70 or more — 82');
		expect(d30).toHaveTextContent('Best runbook: 82 in "Drill');
		expect(d60).toHaveTextContent('In progress');
		expect(d60).toHaveTextContent('due in 15 days');
		expect(d60).toHaveTextContent('Not met: 2 secondary-level drills passed (≥ 70) without hints (adjusted)');
		expect(d90).toHaveTextContent(
			'Not met: Acknowledge P50 under 5 min on primary-level drills — not measured'
		);
	});

	it('marks a milestone whose due date passed as overdue', () => {
		render(PlanMilestones, { evaluation: evaluatePlan(defaultPlan('2026-01-01'), [], '2026-03-05') });
		const d30 = screen.getAllByRole('listitem').find((li) => li.classList.contains('milestone'))!;
		expect(d30).toHaveTextContent('Overdue');
		expect(d30).toHaveTextContent('33 days overdue');
	});
});
