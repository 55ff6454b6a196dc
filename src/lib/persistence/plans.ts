/**
 * The stored 30/60/90-day plan of a profile: its start date and the manager's overrides. The criteria themselves
 * come from `defaultPlan()` in `src/lib/progress/plan.ts`, so later app versions can improve them without
 * migrating stored plans; `resolvePlan()` combines the two.
 */
import {
	applyPlanOverrides,
	defaultPlan,
	isIsoDate,
	validatePlanOverrides,
	type Plan
} from '../progress/plan';
import { PersistenceError } from './errors';
import type { PlanOverrides, PlanRecord } from './records';
import type { ProgressDb } from './store';

/** The stored plan (start date and overrides) of a profile, or undefined when none was saved. */
export async function getPlanRecord(db: ProgressDb, profileId: string): Promise<PlanRecord | undefined> {
	return db.plans.get(profileId);
}

/**
 * Stores a profile's plan start date and overrides (replacing earlier ones). Throws `invalid` listing every problem
 * (malformed dates, unknown criteria, targets out of range; see `validatePlanOverrides`) and `not-found` for an
 * unknown profile.
 */
export async function savePlan(
	db: ProgressDb,
	profileId: string,
	startDate: string,
	overrides: PlanOverrides = {}
): Promise<PlanRecord> {
	if (!isIsoDate(startDate))
		throw new PersistenceError('invalid', 'The plan start date must be a YYYY-MM-DD date.');
	const problems = validatePlanOverrides(defaultPlan(startDate), overrides);
	if (problems.length > 0) throw new PersistenceError('invalid', problems.join(' '));
	const record: PlanRecord = { profileId, startDate, overrides, updatedAt: db.now().toISOString() };
	return db.transaction(async (tx) => {
		if (!(await tx.profiles.get(profileId)))
			throw new PersistenceError('not-found', 'That profile no longer exists.');
		await tx.plans.put(record);
		return record;
	});
}

/** The effective plan of a stored record: the default plan from its start date with the overrides applied. */
export function resolvePlan(record: PlanRecord): Plan {
	return applyPlanOverrides(defaultPlan(record.startDate), record.overrides);
}
