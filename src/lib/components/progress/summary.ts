/**
 * What the progress pages show about one trainee, computed from their stored data: the effective 30/60/90-day plan
 * and its evaluation, KPI trends, skills, the level they are ready for and the next drill; and the one-row summary
 * the manager's team table shows. Pure: `today` (`YYYY-MM-DD`, UTC) is passed in.
 */
import type { AttemptRecord, PlanRecord, ProfileRecord } from '../../persistence/records';
import { resolvePlan } from '../../persistence/plans';
import {
	defaultPlan,
	evaluatePlan,
	type MilestoneStatus,
	type Plan,
	type PlanEvaluation
} from '../../progress/plan';
import {
	kpiSeries,
	readyLevel,
	skillBreakdown,
	suggestNextDrill,
	type CatalogEntry,
	type DrillSuggestion,
	type KpiId,
	type KpiSeries,
	type SkillBreakdown
} from '../../progress/trends';
import type { ScenarioLevel } from '../../persistence/records';
import { meetsTarget } from './format';

/** A profile's stored progress (see `ProgressState.loadProfile`). */
export interface TraineeData {
	profile: ProfileRecord;
	attempts: readonly AttemptRecord[];
	plan: PlanRecord | null;
}

/**
 * The first day of a trainee's plan when none was stored: the day of their first drill, or the day the profile was
 * created when that is earlier (a profile made on day one, first drill on day three, starts on day one).
 */
export function planStartDate(
	profile: Pick<ProfileRecord, 'createdAt'>,
	attempts: readonly Pick<AttemptRecord, 'startedAt'>[]
): string {
	const days = [profile.createdAt, ...attempts.map((a) => a.startedAt)]
		.map((t) => Date.parse(t))
		.filter((ms) => Number.isFinite(ms));
	return new Date(Math.min(...days)).toISOString().slice(0, 10);
}

/** The plan in effect: the stored start date and overrides, or the default plan from {@link planStartDate}. */
export function effectivePlan(data: TraineeData): Plan {
	return data.plan ? resolvePlan(data.plan) : defaultPlan(planStartDate(data.profile, data.attempts));
}

export interface ProgressSummary {
	plan: Plan;
	evaluation: PlanEvaluation;
	kpis: KpiSeries[];
	skills: SkillBreakdown;
	level: ScenarioLevel;
	suggestion: DrillSuggestion | null;
	counts: { total: number; finished: number; inProgress: number; abandoned: number };
	/** Latest wall-clock activity (end, or last save of a running drill), ISO-8601; null without attempts. */
	lastActivity: string | null;
}

/** The latest time anything happened in these attempts. */
export function lastActivity(
	attempts: readonly Pick<AttemptRecord, 'endedAt' | 'updatedAt' | 'startedAt'>[]
): string | null {
	let best: string | null = null;
	let bestMs = -Infinity;
	for (const a of attempts) {
		for (const t of [a.endedAt, a.updatedAt, a.startedAt]) {
			const ms = t ? Date.parse(t) : NaN;
			if (t && Number.isFinite(ms) && ms > bestMs) {
				bestMs = ms;
				best = t;
			}
		}
	}
	return best;
}

/** Everything the trainee progress page shows, for `today`. */
export function summarizeProgress(
	data: TraineeData,
	today: string,
	catalog: readonly CatalogEntry[]
): ProgressSummary {
	const plan = effectivePlan(data);
	const attempts = data.attempts;
	return {
		plan,
		evaluation: evaluatePlan(plan, attempts, today),
		kpis: kpiSeries(attempts),
		skills: skillBreakdown(attempts),
		level: readyLevel(attempts),
		suggestion: suggestNextDrill(attempts, catalog),
		counts: {
			total: attempts.length,
			finished: attempts.filter((a) => a.status === 'finished').length,
			inProgress: attempts.filter((a) => a.status === 'in-progress').length,
			abandoned: attempts.filter((a) => a.status === 'abandoned').length
		},
		lastActivity: lastActivity(attempts)
	};
}

/** One KPI cell of the team table: the recent median against the target. */
export interface KpiCell {
	id: KpiId;
	value: number | null;
	meets: boolean | null;
	series: KpiSeries;
}

export interface MilestoneCell {
	id: string;
	label: string;
	status: MilestoneStatus;
	metCount: number;
	total: number;
	dueDate: string;
	daysLeft: number;
}

/** One trainee in the manager's team table. */
export interface TeamRow {
	profile: ProfileRecord;
	drills: number;
	finished: number;
	kpis: KpiCell[];
	milestones: MilestoneCell[];
	lastActivity: string | null;
	level: ScenarioLevel;
	/** True when the manager changed the plan (start date, targets, due dates or criteria). */
	planAdjusted: boolean;
}

/** The team table row of a trainee, for `today`. */
export function teamRow(data: TraineeData, today: string): TeamRow {
	const plan = effectivePlan(data);
	const evaluation = evaluatePlan(plan, data.attempts, today);
	const overrides = data.plan?.overrides ?? {};
	return {
		profile: data.profile,
		drills: data.attempts.length,
		finished: data.attempts.filter((a) => a.status === 'finished').length,
		kpis: kpiSeries(data.attempts).map((series) => ({
			id: series.id,
			value: series.recent,
			meets: meetsTarget(series, series.recent),
			series
		})),
		milestones: evaluation.milestones.map((m) => ({
			id: m.id,
			label: m.label,
			status: m.status,
			metCount: m.metCount,
			total: m.criteria.length,
			dueDate: m.dueDate,
			daysLeft: m.daysLeft
		})),
		lastActivity: lastActivity(data.attempts),
		level: readyLevel(data.attempts),
		planAdjusted:
			Object.keys(overrides.targets ?? {}).length > 0 ||
			Object.keys(overrides.dueDates ?? {}).length > 0 ||
			(overrides.disabled ?? []).length > 0 ||
			overrides.recentWindow !== undefined
	};
}
