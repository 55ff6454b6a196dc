/**
 * The 30/60/90-day plan of a new on-call engineer, derived from section 6 of the role profile
 * (/work/shared/seed/role-profile.txt) and its KPI table (section 7), as criteria that are checked automatically
 * from drill attempts:
 *
 * - 30 days, onboarding and baseline ("shadow on-call and complete incident simulations", "update a runbook"):
 *   drills finished across ≥ 3 themes, a runbook at a passing score (≥ 70), acknowledge P50 < 5 min.
 * - 60 days, independent execution ("on-call secondary with reliable escalation behaviour", "contribute to a
 *   postmortem with well-defined corrective actions"): ≥ 3 secondary-level drills passed without hints, a
 *   postmortem at a passing score, correct owner engaged P50 < 15 min.
 * - 90 days, operational ownership ("dependable on-call participant", KPI "acknowledge P50 < 5 min; P90 < 10 min",
 *   "documentation completeness > 90%", "operational readiness package"): on primary-level drills acknowledge
 *   P50 < 5 min and P90 < 10 min, documentation complete in > 90% of recent drills, one drill whose runbook,
 *   postmortem and drill score are all ≥ 80.
 *
 * Which attempts count: finished ones whose `endedAt` falls on or before `today` (UTC day). KPI criteria
 * (percentiles, documentation share) look at the most recent `recentWindow` drills (default 10) so early misses
 * stop counting once the trainee has improved, and need at least `minSamples` drills (default 3) before they can be
 * met. Achievement criteria (themes, artifacts, clean drills, readiness) count every finished drill.
 *
 * A manager adjusts a trainee's plan with {@link PlanOverrides} (targets, due dates, criteria switched off, window),
 * stored per profile; {@link applyPlanOverrides} turns the default plan plus overrides into the effective plan.
 * Pure: `today` is passed in.
 */
import type { DrillKpis } from '../scoring/types';
import type { PlanOverrides, ScenarioLevel } from '../persistence/records';
import { addDays, daysBetween, isIsoDate, utcDay } from './calendar';
import { msToMin, percentile, round } from './stats';
import { LEVEL_RANK, type ProgressAttempt } from './types';

export { isIsoDate } from './calendar';
export type { PlanOverrides } from '../persistence/records';

export type MilestoneId = 'd30' | 'd60' | 'd90';
export type MeasureId =
	| 'themes'
	| 'artifact-score'
	| 'ack-percentile'
	| 'engage-percentile'
	| 'clean-drills'
	| 'doc-completeness'
	| 'readiness';
/** How `actual` is compared with `target`: strictly less, strictly greater, or at least. */
export type Comparator = 'lt' | 'gt' | 'gte';
export type CriterionUnit = 'min' | 'count' | 'score' | 'percent';

export interface CriterionParams {
	/** Only drills at this level or harder count. */
	minLevel?: ScenarioLevel;
	/** Percentile for the `*-percentile` measures, e.g. 50 or 90. */
	percentile?: number;
	/** Drills needed before a KPI criterion can be met. */
	minSamples?: number;
	artifact?: 'runbook' | 'postmortem';
	/** Score (0–100) that counts as passing for a drill or a category. */
	passScore?: number;
	/** Only drills where no hint was opened count. */
	noHints?: boolean;
}

export interface PlanCriterion {
	/** Stable id, e.g. `d30.ack-p50`. */
	id: string;
	measure: MeasureId;
	/** What the trainee sees, with the current target, e.g. "Acknowledge P50 under 5 min". */
	label: string;
	/** The role-profile goal this criterion checks. */
	source: string;
	target: number;
	defaultTarget: number;
	comparator: Comparator;
	unit: CriterionUnit;
	params: CriterionParams;
	enabled: boolean;
}

export interface PlanMilestone {
	id: MilestoneId;
	label: string;
	summary: string;
	/** `YYYY-MM-DD`. */
	dueDate: string;
	defaultDueDate: string;
	criteria: PlanCriterion[];
}

export interface Plan {
	/** First day of the plan, `YYYY-MM-DD`. */
	startDate: string;
	/** Most recent drills the KPI criteria look at. */
	recentWindow: number;
	milestones: PlanMilestone[];
}

/** Default number of recent drills for KPI criteria. */
export const DEFAULT_RECENT_WINDOW = 10;
/** Score that counts as passing (runbook, postmortem, drill, documentation category). */
export const PASSING_SCORE = 70;

type CriterionSeed = Omit<PlanCriterion, 'label' | 'defaultTarget' | 'enabled'>;

function levelText(params: CriterionParams): string {
	return params.minLevel && params.minLevel !== 'shadow' ? ` on ${params.minLevel}-level drills` : '';
}

/** The label of a criterion for its current target. */
function labelFor(c: Pick<PlanCriterion, 'measure' | 'target' | 'params'>): string {
	const t = c.target;
	const p = c.params;
	switch (c.measure) {
		case 'themes':
			return `Drills finished across at least ${t} incident themes`;
		case 'artifact-score':
			return `A ${p.artifact} scored ${t} or more`;
		case 'ack-percentile':
			return `Acknowledge P${p.percentile} under ${t} min${levelText(p)}`;
		case 'engage-percentile':
			return `Correct owner engaged P${p.percentile} under ${t} min${levelText(p)}`;
		case 'clean-drills':
			return `${t} ${p.minLevel}-level drills passed (≥ ${p.passScore})${p.noHints ? ' without hints' : ''}`;
		case 'doc-completeness':
			return `Documentation complete (≥ ${p.passScore}) in more than ${t}% of recent drills`;
		case 'readiness':
			return `Readiness package: runbook, postmortem and drill each scored ${t} or more in one drill`;
	}
}

const MILESTONES: {
	id: MilestoneId;
	days: number;
	label: string;
	summary: string;
	criteria: CriterionSeed[];
}[] = [
	{
		id: 'd30',
		days: 30,
		label: '30 days: onboarding and baseline',
		summary: 'Shadow on-call, complete incident simulations, improve a runbook.',
		criteria: [
			{
				id: 'd30.themes',
				measure: 'themes',
				source: 'Shadow on-call and complete incident simulations/tabletops.',
				target: 3,
				comparator: 'gte',
				unit: 'count',
				params: { minLevel: 'shadow' }
			},
			{
				id: 'd30.runbook',
				measure: 'artifact-score',
				source: 'Update a runbook that repeatedly caused confusion.',
				target: PASSING_SCORE,
				comparator: 'gte',
				unit: 'score',
				params: { artifact: 'runbook' }
			},
			{
				id: 'd30.ack-p50',
				measure: 'ack-percentile',
				source: 'KPI on-call response time (acknowledge): P50 < 5 min.',
				target: 5,
				comparator: 'lt',
				unit: 'min',
				params: { percentile: 50, minSamples: 3, minLevel: 'shadow' }
			}
		]
	},
	{
		id: 'd60',
		days: 60,
		label: '60 days: independent execution',
		summary: 'Serve as secondary with reliable escalation; contribute to a postmortem.',
		criteria: [
			{
				id: 'd60.secondary-clean',
				measure: 'clean-drills',
				source: 'Serve as on-call secondary with reliable escalation behaviour.',
				target: 3,
				comparator: 'gte',
				unit: 'count',
				params: { minLevel: 'secondary', passScore: PASSING_SCORE, noHints: true }
			},
			{
				id: 'd60.postmortem',
				measure: 'artifact-score',
				source: 'Contribute meaningfully to at least one postmortem with well-defined corrective actions.',
				target: PASSING_SCORE,
				comparator: 'gte',
				unit: 'score',
				params: { artifact: 'postmortem' }
			},
			{
				id: 'd60.engage-p50',
				measure: 'engage-percentile',
				source: 'KPI time to engage correct owner: < 10–15 min for unfamiliar incidents.',
				target: 15,
				comparator: 'lt',
				unit: 'min',
				params: { percentile: 50, minSamples: 3, minLevel: 'shadow' }
			}
		]
	},
	{
		id: 'd90',
		days: 90,
		label: '90 days: operational ownership',
		summary: 'Handle primary-level incidents at KPI targets; document completely; build a readiness package.',
		criteria: [
			{
				id: 'd90.primary-ack-p50',
				measure: 'ack-percentile',
				source: 'Operate as a dependable on-call participant; KPI acknowledge P50 < 5 min.',
				target: 5,
				comparator: 'lt',
				unit: 'min',
				params: { percentile: 50, minSamples: 3, minLevel: 'primary' }
			},
			{
				id: 'd90.primary-ack-p90',
				measure: 'ack-percentile',
				source: 'KPI on-call response time (acknowledge): P90 < 10 min.',
				target: 10,
				comparator: 'lt',
				unit: 'min',
				params: { percentile: 90, minSamples: 3, minLevel: 'primary' }
			},
			{
				id: 'd90.documentation',
				measure: 'doc-completeness',
				source: 'KPI incident documentation completeness: > 90% include timeline + impact + action items.',
				target: 90,
				comparator: 'gt',
				unit: 'percent',
				params: { passScore: PASSING_SCORE, minSamples: 3 }
			},
			{
				id: 'd90.readiness',
				measure: 'readiness',
				source: "Create or significantly improve a service's operational readiness package.",
				target: 80,
				comparator: 'gte',
				unit: 'score',
				params: {}
			}
		]
	}
];

/**
 * The default plan starting on `startDate` (`YYYY-MM-DD`): milestones due 30, 60 and 90 days later.
 * Throws `RangeError` for a malformed date.
 */
export function defaultPlan(startDate: string): Plan {
	if (!isIsoDate(startDate)) throw new RangeError(`"${startDate}" is not a YYYY-MM-DD date`);
	return {
		startDate,
		recentWindow: DEFAULT_RECENT_WINDOW,
		milestones: MILESTONES.map((m) => {
			const due = addDays(startDate, m.days);
			return {
				id: m.id,
				label: m.label,
				summary: m.summary,
				dueDate: due,
				defaultDueDate: due,
				criteria: m.criteria.map((c) => ({
					...c,
					params: { ...c.params },
					label: labelFor(c),
					defaultTarget: c.target,
					enabled: true
				}))
			};
		})
	};
}

function targetProblem(c: PlanCriterion, target: number): string | null {
	if (!Number.isFinite(target)) return 'must be a number';
	switch (c.unit) {
		case 'score':
		case 'percent':
			return target >= 0 && target <= 100 ? null : 'must be between 0 and 100';
		case 'min':
			return target > 0 && target <= 24 * 60 ? null : 'must be more than 0 and at most 1440 minutes';
		case 'count':
			return Number.isInteger(target) && target >= 1 && target <= 1000
				? null
				: 'must be a whole number from 1 to 1000';
	}
}

/**
 * Problems with a set of overrides for `plan`, as readable sentences (empty when they are valid): unknown
 * milestone or criterion ids, malformed or out-of-order due dates, targets outside the criterion's unit range.
 */
export function validatePlanOverrides(plan: Plan, overrides: PlanOverrides): string[] {
	const problems: string[] = [];
	const milestones = new Map(plan.milestones.map((m) => [m.id as string, m]));
	const criteria = new Map(plan.milestones.flatMap((m) => m.criteria.map((c) => [c.id, c] as const)));
	for (const [id, due] of Object.entries(overrides.dueDates ?? {})) {
		if (!milestones.has(id)) problems.push(`Unknown milestone "${id}".`);
		else if (!isIsoDate(due)) problems.push(`Due date of ${id} must be a YYYY-MM-DD date.`);
		else if (due <= plan.startDate)
			problems.push(`Due date of ${id} must be after the plan start (${plan.startDate}).`);
	}
	for (const [id, target] of Object.entries(overrides.targets ?? {})) {
		const c = criteria.get(id);
		if (!c) {
			problems.push(`Unknown criterion "${id}".`);
			continue;
		}
		const problem = targetProblem(c, target);
		if (problem) problems.push(`Target of "${c.label}" ${problem}.`);
	}
	for (const id of overrides.disabled ?? []) {
		if (!criteria.has(id)) problems.push(`Unknown criterion "${id}".`);
	}
	const w = overrides.recentWindow;
	if (w !== undefined && !(Number.isInteger(w) && w >= 1 && w <= 500)) {
		problems.push('The recent-drills window must be a whole number from 1 to 500.');
	}
	return problems;
}

/**
 * The plan with a manager's overrides applied (targets, due dates, disabled criteria, window). Labels are rebuilt
 * for the new targets. Invalid entries (see {@link validatePlanOverrides}) are ignored, so a stored plan written by
 * another app version still evaluates.
 */
export function applyPlanOverrides(plan: Plan, overrides: PlanOverrides): Plan {
	const disabled = new Set(overrides.disabled ?? []);
	const w = overrides.recentWindow;
	return {
		startDate: plan.startDate,
		recentWindow: w !== undefined && Number.isInteger(w) && w >= 1 && w <= 500 ? w : plan.recentWindow,
		milestones: plan.milestones.map((m) => {
			const due = overrides.dueDates?.[m.id];
			return {
				...m,
				dueDate: due !== undefined && isIsoDate(due) && due > plan.startDate ? due : m.dueDate,
				criteria: m.criteria.map((c) => {
					const t = overrides.targets?.[c.id];
					const target = t !== undefined && targetProblem(c, t) === null ? t : c.target;
					const next = { ...c, params: { ...c.params }, target, enabled: c.enabled && !disabled.has(c.id) };
					return { ...next, label: labelFor(next) };
				})
			};
		})
	};
}

// ── Evaluation ───────────────────────────────────────────────────────────────────────────────────────────────

export interface CriterionResult {
	id: string;
	label: string;
	source: string;
	target: number;
	comparator: Comparator;
	unit: CriterionUnit;
	/** The measured value in `unit` (minutes rounded to 0.1), or null when nothing could be measured yet. */
	actual: number | null;
	met: boolean;
	/** One sentence saying what was found. */
	evidence: string;
	/** Attempts the evidence refers to (best attempt, or the drills in the sample). */
	attemptIds: string[];
	/** True when the manager changed the target. */
	adjusted: boolean;
}

export type MilestoneStatus = 'met' | 'open' | 'overdue';

export interface MilestoneResult {
	id: MilestoneId;
	label: string;
	summary: string;
	dueDate: string;
	/** Days from `today` to the due date (negative once it has passed). */
	daysLeft: number;
	status: MilestoneStatus;
	/** Enabled criteria only. */
	criteria: CriterionResult[];
	metCount: number;
}

export interface PlanEvaluation {
	today: string;
	/** Finished drills that counted. */
	drillsCounted: number;
	milestones: MilestoneResult[];
}

interface Measured {
	actual: number | null;
	evidence: string;
	attemptIds: string[];
	/** Not enough data to decide: never met, whatever `actual` is. */
	insufficient?: boolean;
}

function compare(actual: number, comparator: Comparator, target: number): boolean {
	return comparator === 'lt' ? actual < target : comparator === 'gt' ? actual > target : actual >= target;
}

function atLeastLevel(a: ProgressAttempt, level: ScenarioLevel | undefined): boolean {
	return level === undefined || LEVEL_RANK[a.scenarioLevel] >= LEVEL_RANK[level];
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function levelScope(level: ScenarioLevel | undefined): string {
	return level && level !== 'shadow' ? `${level}-level ` : '';
}

/**
 * Percentile of a time KPI (ms → minutes) over the most recent drills. `missing` says how a drill where the KPI
 * never happened counts: `miss` (a page never acknowledged is the worst possible time) or `skip` (owner not
 * engaged: the drill may not have needed it).
 */
function kpiPercentile(
	drills: ProgressAttempt[],
	c: PlanCriterion,
	window: number,
	kpi: keyof Pick<DrillKpis, 'ackMs' | 'engageOwnerMs'>,
	missing: 'miss' | 'skip',
	noun: string
): Measured {
	const p = c.params.percentile ?? 50;
	const minSamples = c.params.minSamples ?? 1;
	const drillWord = `${levelScope(c.params.minLevel)}drill`;
	const scoped = drills
		.filter((a) => a.scorecard !== null && atLeastLevel(a, c.params.minLevel))
		.slice(-window);
	const sample = missing === 'skip' ? scoped.filter((a) => a.scorecard?.kpis[kpi] !== null) : scoped;
	const attemptIds = sample.map((a) => a.id);
	const values = sample.map((a) => a.scorecard?.kpis[kpi] ?? Number.POSITIVE_INFINITY);
	const value = percentile(values, p);
	const actual = value !== null && Number.isFinite(value) ? round(msToMin(value)) : null;
	const notes: string[] = [];
	const never = values.filter((v) => !Number.isFinite(v)).length;
	if (never > 0) notes.push(`${plural(never, 'page')} never acknowledged`);
	if (scoped.length > sample.length)
		notes.push(`${plural(scoped.length - sample.length, 'drill')} without an owner engaged not counted`);
	const noteText = notes.length ? ` (${notes.join('; ')})` : '';
	if (sample.length < minSamples) {
		return {
			actual,
			evidence: `${plural(sample.length, drillWord)} measured so far; the P${p} needs ${minSamples}.`,
			attemptIds,
			insufficient: true
		};
	}
	const shown = actual === null ? 'is a page never acknowledged' : `${actual} min`;
	return {
		actual,
		evidence: `P${p} ${noun} ${shown} over the last ${plural(sample.length, drillWord)}${noteText}.`,
		attemptIds
	};
}

function measure(c: PlanCriterion, drills: ProgressAttempt[], window: number): Measured {
	switch (c.measure) {
		case 'themes': {
			const firstByTheme = new Map<string, string>();
			for (const a of drills) {
				if (atLeastLevel(a, c.params.minLevel) && !firstByTheme.has(a.scenarioTheme)) {
					firstByTheme.set(a.scenarioTheme, a.id);
				}
			}
			const themes = [...firstByTheme.keys()].sort();
			return {
				actual: themes.length,
				evidence: themes.length ? `Themes finished: ${themes.join(', ')}.` : 'No drill finished yet.',
				attemptIds: [...firstByTheme.values()]
			};
		}
		case 'artifact-score': {
			const kind = c.params.artifact ?? 'runbook';
			let best: ProgressAttempt | null = null;
			for (const a of drills) {
				const s = a.artifactScores[kind];
				if (s !== null && (best === null || s > (best.artifactScores[kind] as number))) best = a;
			}
			if (!best) return { actual: null, evidence: `No ${kind} has been scored yet.`, attemptIds: [] };
			const score = best.artifactScores[kind] as number;
			return {
				actual: score,
				evidence: `Best ${kind}: ${score} in "${best.scenarioTitle}".`,
				attemptIds: [best.id]
			};
		}
		case 'ack-percentile':
			return kpiPercentile(drills, c, window, 'ackMs', 'miss', 'acknowledge time');
		case 'engage-percentile':
			return kpiPercentile(drills, c, window, 'engageOwnerMs', 'skip', 'time to engage the owner');
		case 'clean-drills': {
			const pass = c.params.passScore ?? PASSING_SCORE;
			const clean = drills.filter(
				(a) =>
					atLeastLevel(a, c.params.minLevel) &&
					a.scorecard !== null &&
					a.scorecard.score >= pass &&
					(!c.params.noHints || a.hintsUsed === 0)
			);
			const atLevel = drills.filter((a) => atLeastLevel(a, c.params.minLevel)).length;
			return {
				actual: clean.length,
				evidence: `${plural(clean.length, 'drill')} passed${c.params.noHints ? ' without hints' : ''} out of ${atLevel} finished at ${c.params.minLevel} level or above.`,
				attemptIds: clean.map((a) => a.id)
			};
		}
		case 'doc-completeness': {
			const pass = c.params.passScore ?? PASSING_SCORE;
			const minSamples = c.params.minSamples ?? 1;
			const sample = drills
				.filter((a) => a.scorecard !== null && a.scorecard.categories.documentation !== null)
				.slice(-window);
			const complete = sample.filter((a) => (a.scorecard?.categories.documentation ?? 0) >= pass);
			const share = sample.length ? round((100 * complete.length) / sample.length) : null;
			return {
				actual: share,
				evidence: `${complete.length} of the last ${plural(sample.length, 'documented drill')} scored ${pass} or more on documentation${sample.length < minSamples ? `; ${minSamples} needed` : ''}.`,
				attemptIds: sample.map((a) => a.id),
				insufficient: sample.length < minSamples
			};
		}
		case 'readiness': {
			let best: { a: ProgressAttempt; floor: number } | null = null;
			for (const a of drills) {
				const { runbook, postmortem } = a.artifactScores;
				if (runbook === null || postmortem === null || a.scorecard === null) continue;
				const floor = Math.min(runbook, postmortem, a.scorecard.score);
				if (best === null || floor > best.floor) best = { a, floor };
			}
			if (!best) {
				return {
					actual: null,
					evidence: 'No drill yet has both a scored runbook and a scored postmortem.',
					attemptIds: []
				};
			}
			const { a, floor } = best;
			return {
				actual: floor,
				evidence: `Best package "${a.scenarioTitle}": runbook ${a.artifactScores.runbook}, postmortem ${a.artifactScores.postmortem}, drill ${a.scorecard?.score}.`,
				attemptIds: [a.id]
			};
		}
	}
}

/**
 * Checks every enabled criterion of `plan` against the attempts finished by `today` (`YYYY-MM-DD`, UTC).
 * Attempts may come in any order. A milestone is `met` when all its enabled criteria are met, `overdue` when not
 * and its due date has passed, otherwise `open`.
 */
export function evaluatePlan(
	plan: Plan,
	attempts: readonly ProgressAttempt[],
	today: string
): PlanEvaluation {
	if (!isIsoDate(today)) throw new RangeError(`"${today}" is not a YYYY-MM-DD date`);
	const drills = attempts
		.filter((a) => {
			if (a.status !== 'finished' || a.endedAt === null) return false;
			const day = utcDay(a.endedAt);
			return day !== null && day <= today;
		})
		.sort((a, b) => (a.endedAt as string).localeCompare(b.endedAt as string) || a.id.localeCompare(b.id));
	return {
		today,
		drillsCounted: drills.length,
		milestones: plan.milestones.map((m) => {
			const criteria = m.criteria
				.filter((c) => c.enabled)
				.map((c): CriterionResult => {
					const r = measure(c, drills, plan.recentWindow);
					return {
						id: c.id,
						label: c.label,
						source: c.source,
						target: c.target,
						comparator: c.comparator,
						unit: c.unit,
						actual: r.actual,
						met: !r.insufficient && r.actual !== null && compare(r.actual, c.comparator, c.target),
						evidence: r.evidence,
						attemptIds: r.attemptIds,
						adjusted: c.target !== c.defaultTarget
					};
				});
			const metCount = criteria.filter((c) => c.met).length;
			const daysLeft = daysBetween(today, m.dueDate);
			const status: MilestoneStatus =
				metCount === criteria.length ? 'met' : daysLeft < 0 ? 'overdue' : 'open';
			return {
				id: m.id,
				label: m.label,
				summary: m.summary,
				dueDate: m.dueDate,
				daysLeft,
				status,
				criteria,
				metCount
			};
		})
	};
}
