/**
 * The manager's plan form: the effective plan as editable values, and back to the overrides that are stored (only
 * what differs from the default plan of the chosen start date, so later improvements of the default plan still
 * reach trainees whose plan was not changed on that point). Pure.
 */
import { DEFAULT_RECENT_WINDOW, defaultPlan, type Plan } from '$lib/progress/plan';
import type { PlanOverrides } from '$lib/persistence/records';

export interface PlanForm {
	/** `YYYY-MM-DD`. */
	startDate: string;
	recentWindow: number;
	/** Milestone id → `YYYY-MM-DD`. */
	dueDates: Record<string, string>;
	/** Criterion id → target in the criterion's unit. */
	targets: Record<string, number>;
	/** Criterion id → whether it counts. */
	enabled: Record<string, boolean>;
}

/** The editable values of a plan. */
export function formFromPlan(plan: Plan): PlanForm {
	const criteria = plan.milestones.flatMap((m) => m.criteria);
	return {
		startDate: plan.startDate,
		recentWindow: plan.recentWindow,
		dueDates: Object.fromEntries(plan.milestones.map((m) => [m.id, m.dueDate])),
		targets: Object.fromEntries(criteria.map((c) => [c.id, c.target])),
		enabled: Object.fromEntries(criteria.map((c) => [c.id, c.enabled]))
	};
}

/**
 * Moves the plan start: due dates that were the default for the old start follow to the default for the new one;
 * due dates the manager had set stay as they are. Throws `RangeError` for a malformed date.
 */
export function changeStartDate(form: PlanForm, startDate: string): PlanForm {
	const before = defaultPlan(form.startDate);
	const after = defaultPlan(startDate);
	const dueDates = { ...form.dueDates };
	before.milestones.forEach((m, i) => {
		if (dueDates[m.id] === m.defaultDueDate) dueDates[m.id] = after.milestones[i].defaultDueDate;
	});
	return { ...form, startDate, dueDates };
}

/** The overrides to store for a form: only values that differ from the default plan of its start date. */
export function overridesFromForm(form: PlanForm): PlanOverrides {
	const defaults = defaultPlan(form.startDate);
	const overrides: PlanOverrides = {};
	const dueDates: Record<string, string> = {};
	const targets: Record<string, number> = {};
	const disabled: string[] = [];
	for (const m of defaults.milestones) {
		const due = form.dueDates[m.id];
		if (due !== undefined && due !== m.defaultDueDate) dueDates[m.id] = due;
		for (const c of m.criteria) {
			const target = form.targets[c.id];
			if (target !== undefined && target !== c.defaultTarget) targets[c.id] = target;
			if (form.enabled[c.id] === false) disabled.push(c.id);
		}
	}
	if (Object.keys(dueDates).length) overrides.dueDates = dueDates;
	if (Object.keys(targets).length) overrides.targets = targets;
	if (disabled.length) overrides.disabled = disabled;
	if (form.recentWindow !== DEFAULT_RECENT_WINDOW) overrides.recentWindow = form.recentWindow;
	return overrides;
}
