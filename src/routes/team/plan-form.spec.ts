import { describe, expect, it } from 'vitest';
import { applyPlanOverrides, defaultPlan } from '$lib/progress/plan';
import { changeStartDate, formFromPlan, overridesFromForm } from './plan-form';

describe('plan form', () => {
	it('stores nothing for an unchanged default plan', () => {
		expect(overridesFromForm(formFromPlan(defaultPlan('2026-01-05')))).toEqual({});
	});

	it('stores only what the manager changed, and reads it back', () => {
		const form = formFromPlan(defaultPlan('2026-01-05'));
		form.targets['d30.ack-p50'] = 4;
		form.dueDates.d90 = '2026-04-30';
		form.enabled['d90.readiness'] = false;
		form.recentWindow = 6;
		const overrides = overridesFromForm(form);
		expect(overrides).toEqual({
			targets: { 'd30.ack-p50': 4 },
			dueDates: { d90: '2026-04-30' },
			disabled: ['d90.readiness'],
			recentWindow: 6
		});
		const plan = applyPlanOverrides(defaultPlan('2026-01-05'), overrides);
		expect(formFromPlan(plan)).toEqual(form);
		expect(plan.milestones[0].criteria.find((c) => c.id === 'd30.ack-p50')?.label).toBe(
			'Acknowledge P50 under 4 min'
		);
	});

	it('moves default due dates with the start date and keeps the ones the manager set', () => {
		const form = formFromPlan(defaultPlan('2026-01-05'));
		form.dueDates.d60 = '2026-03-20';
		const moved = changeStartDate(form, '2026-02-01');
		expect(moved.dueDates).toEqual({ d30: '2026-03-03', d60: '2026-03-20', d90: '2026-05-02' });
		expect(overridesFromForm(moved)).toEqual({ dueDates: { d60: '2026-03-20' } });
	});
});
