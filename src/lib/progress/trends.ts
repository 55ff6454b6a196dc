/**
 * KPI trends over a trainee's drills, strengths and gaps by skill tag, and the next drill to practise. Pure.
 *
 * KPIs (from the role profile's KPI table and the scorecard): acknowledge time, time to engage the correct owner,
 * time to mitigate (minutes from the first page, lower is better), communication and documentation category
 * scores (0–100, higher is better). Each series is compared with a target; the trend compares the median of the
 * most recent `window` drills with the `window` before.
 */
import type { DrillScorecard } from '../scoring/types';
import { SCENARIO_LEVELS, type ScenarioLevel } from '../persistence/records';
import { mean, median, msToMin, round } from './stats';
import { LEVEL_RANK, type ProgressAttempt } from './types';

export type KpiId = 'ack' | 'engageOwner' | 'mitigate' | 'communication' | 'documentation';

export interface KpiTarget {
	id: KpiId;
	label: string;
	unit: 'min' | 'score';
	/** Meeting the target means ≤ target for minutes and ≥ target for scores. */
	target: number;
	better: 'lower' | 'higher';
}

/**
 * Default targets: acknowledge < 5 min and owner engaged < 15 min (role profile KPI table), mitigate within
 * 30 min (a typical par; scenarios set their own), communication and documentation at the passing score 70.
 */
export const DEFAULT_KPI_TARGETS: Readonly<Record<KpiId, KpiTarget>> = {
	ack: { id: 'ack', label: 'Acknowledge', unit: 'min', target: 5, better: 'lower' },
	engageOwner: { id: 'engageOwner', label: 'Engage correct owner', unit: 'min', target: 15, better: 'lower' },
	mitigate: { id: 'mitigate', label: 'Mitigate', unit: 'min', target: 30, better: 'lower' },
	communication: { id: 'communication', label: 'Communication', unit: 'score', target: 70, better: 'higher' },
	documentation: { id: 'documentation', label: 'Documentation', unit: 'score', target: 70, better: 'higher' }
};

export const KPI_IDS = Object.keys(DEFAULT_KPI_TARGETS) as KpiId[];

export interface KpiPoint {
	attemptId: string;
	scenarioId: string;
	/** When the drill ended (ISO-8601). */
	at: string;
	/** Minutes or score; null when it did not happen or was not assessed. */
	value: number | null;
	/** Null when not applicable (owner engagement not needed, category not assessed). */
	meetsTarget: boolean | null;
}

export type Trend = 'improving' | 'worsening' | 'steady' | 'insufficient-data';

export interface KpiSeries extends KpiTarget {
	/** One point per finished drill with a scorecard, oldest first. */
	points: KpiPoint[];
	/** Median of the most recent `window` values. */
	recent: number | null;
	/** Median of the `window` values before those. */
	previous: number | null;
	trend: Trend;
	/** Share (%) of applicable drills that met the target, over the recent window. */
	recentHitRate: number | null;
}

export interface TrendOptions {
	/** Target overrides per KPI, in its unit. */
	targets?: Partial<Record<KpiId, number>>;
	/** Drills per comparison window (default 5). */
	window?: number;
}

/** Smallest change that counts as a trend: 10% for times, 5 points for scores. */
function changeIsReal(unit: 'min' | 'score', from: number, to: number): boolean {
	return unit === 'min' ? Math.abs(to - from) >= 0.1 * Math.max(from, 0.5) : Math.abs(to - from) >= 5;
}

/** Finished drills with a scorecard, oldest first. */
function scoredDrills(
	attempts: readonly ProgressAttempt[]
): (ProgressAttempt & { scorecard: DrillScorecard })[] {
	return attempts
		.filter(
			(a): a is ProgressAttempt & { scorecard: DrillScorecard } =>
				a.status === 'finished' && a.scorecard !== null
		)
		.sort(
			(a, b) => (a.endedAt ?? a.startedAt).localeCompare(b.endedAt ?? b.startedAt) || a.id.localeCompare(b.id)
		);
}

function kpiValue(id: KpiId, card: DrillScorecard): number | null {
	switch (id) {
		case 'ack':
			return card.kpis.ackMs === null ? null : round(msToMin(card.kpis.ackMs));
		case 'engageOwner':
			return card.kpis.engageOwnerMs === null ? null : round(msToMin(card.kpis.engageOwnerMs));
		case 'mitigate':
			return card.kpis.mitigateMs === null ? null : round(msToMin(card.kpis.mitigateMs));
		case 'communication':
			return card.categories.communication;
		case 'documentation':
			return card.categories.documentation;
	}
}

function meets(t: KpiTarget, value: number | null): boolean | null {
	if (value === null) {
		// A page never acknowledged or an incident never mitigated misses; the rest was not applicable.
		return t.id === 'ack' || t.id === 'mitigate' ? false : null;
	}
	return t.better === 'lower' ? value <= t.target : value >= t.target;
}

/**
 * One series per KPI over the finished, scored drills (any order in; oldest first out), with targets, the recent
 * median, its trend against the previous window, and the recent hit rate.
 */
export function kpiSeries(attempts: readonly ProgressAttempt[], options: TrendOptions = {}): KpiSeries[] {
	const window = options.window ?? 5;
	if (!(Number.isInteger(window) && window >= 1)) throw new RangeError('window must be a positive integer');
	const drills = scoredDrills(attempts);
	return KPI_IDS.map((id) => {
		const base = DEFAULT_KPI_TARGETS[id];
		const target: KpiTarget = { ...base, target: options.targets?.[id] ?? base.target };
		const points: KpiPoint[] = drills.map((a) => {
			const value = kpiValue(id, a.scorecard);
			return {
				attemptId: a.id,
				scenarioId: a.scenarioId,
				at: a.endedAt ?? a.startedAt,
				value,
				meetsTarget: meets(target, value)
			};
		});
		const values = points.map((p) => p.value).filter((v): v is number => v !== null);
		const recentValues = values.slice(-window);
		const previousValues = values.slice(-2 * window, -window);
		const recent = median(recentValues);
		const previous = median(previousValues);
		let trend: Trend = 'insufficient-data';
		if (recent !== null && previous !== null) {
			if (!changeIsReal(target.unit, previous, recent)) trend = 'steady';
			else trend = recent < previous === (target.better === 'lower') ? 'improving' : 'worsening';
		}
		const applicable = points
			.slice(-window)
			.map((p) => p.meetsTarget)
			.filter((m): m is boolean => m !== null);
		return {
			...target,
			points,
			recent,
			previous,
			trend,
			recentHitRate: applicable.length
				? round((100 * applicable.filter(Boolean).length) / applicable.length)
				: null
		};
	});
}

// ── Skills ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface SkillStat {
	skill: string;
	/** Finished, scored drills carrying this skill tag. */
	drills: number;
	/** Mean score (0–100, one decimal) over the most recent drills of this skill (see `recentPerSkill`). */
	score: number;
	lastPlayedAt: string;
}

export interface SkillBreakdown {
	/** Every skill practised, weakest first. */
	skills: SkillStat[];
	/** Up to 3 skills with ≥ 2 drills scoring ≥ 80, strongest first. */
	strengths: SkillStat[];
	/** Up to 3 skills scoring below 70, weakest first. */
	gaps: SkillStat[];
}

/** Score threshold of a strength and of a gap. */
export const STRENGTH_SCORE = 80;
export const GAP_SCORE = 70;

/**
 * The score a drill gives one of its skills: the communication category for `communication`, the response
 * category for `escalation` (acknowledge and engage-owner times), otherwise the drill score.
 */
function skillScore(skill: string, card: DrillScorecard): number {
	if (skill === 'communication') return card.categories.communication ?? card.score;
	if (skill === 'escalation') return card.categories.response ?? card.score;
	return card.score;
}

/**
 * Strengths and gaps by skill tag. Each skill's score is the mean over its `recentPerSkill` (default 5) most
 * recent drills, so old results fade as the trainee improves.
 */
export function skillBreakdown(
	attempts: readonly ProgressAttempt[],
	options: { recentPerSkill?: number } = {}
): SkillBreakdown {
	const recentPerSkill = options.recentPerSkill ?? 5;
	const bySkill = new Map<string, { scores: number[]; last: string }>();
	for (const a of scoredDrills(attempts)) {
		for (const skill of new Set(a.scenarioSkills)) {
			const entry = bySkill.get(skill) ?? { scores: [], last: '' };
			entry.scores.push(skillScore(skill, a.scorecard));
			entry.last = a.endedAt ?? a.startedAt;
			bySkill.set(skill, entry);
		}
	}
	const skills: SkillStat[] = [...bySkill].map(([skill, e]) => ({
		skill,
		drills: e.scores.length,
		score: round(mean(e.scores.slice(-recentPerSkill)) as number),
		lastPlayedAt: e.last
	}));
	skills.sort((a, b) => a.score - b.score || a.skill.localeCompare(b.skill));
	return {
		skills,
		strengths: skills
			.filter((s) => s.drills >= 2 && s.score >= STRENGTH_SCORE)
			.reverse()
			.slice(0, 3),
		gaps: skills.filter((s) => s.score < GAP_SCORE).slice(0, 3)
	};
}

// ── Next drill ───────────────────────────────────────────────────────────────────────────────────────────────

export interface CatalogEntry {
	id: string;
	title?: string;
	skills: readonly string[];
	level: ScenarioLevel;
}

export interface DrillSuggestion {
	scenarioId: string;
	title: string;
	/** The skill the drill works on. */
	skill: string;
	level: ScenarioLevel;
	/** One sentence for the trainee. */
	reason: string;
}

/**
 * The level a trainee is ready for: `shadow` to start, one level up after {@link PROMOTION_DRILLS} drills passed
 * (score ≥ 70) at the current level.
 */
export const PROMOTION_DRILLS = 3;

/** The on-call level a trainee should practise at next (see {@link PROMOTION_DRILLS}). */
export function readyLevel(attempts: readonly ProgressAttempt[]): ScenarioLevel {
	const drills = scoredDrills(attempts);
	let level: ScenarioLevel = 'shadow';
	for (const next of SCENARIO_LEVELS.slice(1)) {
		const passed = drills.filter((a) => a.scenarioLevel === level && a.scorecard.score >= GAP_SCORE).length;
		if (passed < PROMOTION_DRILLS) break;
		level = next;
	}
	return level;
}

/**
 * Suggests the next drill from `catalog`: the trainee's weakest area first (skills below the gap score, weakest
 * first; then skills never practised; then the rest, weakest first), at the level the trainee is ready for or the
 * closest easier one, preferring the scenario played least, then the one played longest ago. Null when the catalog
 * has nothing at or below the trainee's level. Deterministic (ties break by id).
 */
export function suggestNextDrill(
	attempts: readonly ProgressAttempt[],
	catalog: readonly CatalogEntry[]
): DrillSuggestion | null {
	const level = readyLevel(attempts);
	const eligible = catalog.filter((e) => LEVEL_RANK[e.level] <= LEVEL_RANK[level]);
	if (eligible.length === 0) return null;
	const { skills } = skillBreakdown(attempts);
	const practised = new Map(skills.map((s) => [s.skill, s]));
	const catalogSkills = [...new Set(eligible.flatMap((e) => e.skills))].sort();
	const untried = catalogSkills.filter((s) => !practised.has(s));
	const ordered = [
		...skills.filter((s) => s.score < GAP_SCORE).map((s) => s.skill),
		...untried,
		...skills.filter((s) => s.score >= GAP_SCORE).map((s) => s.skill)
	].filter((s) => catalogSkills.includes(s));

	const plays = new Map<string, { count: number; last: string }>();
	for (const a of attempts) {
		const p = plays.get(a.scenarioId) ?? { count: 0, last: '' };
		p.count++;
		const at = a.endedAt ?? a.startedAt;
		if (at > p.last) p.last = at;
		plays.set(a.scenarioId, p);
	}
	const skill = ordered[0];
	if (skill === undefined) return null;
	const candidates = eligible
		.filter((e) => e.skills.includes(skill))
		.sort((a, b) => {
			const byLevel = LEVEL_RANK[b.level] - LEVEL_RANK[a.level];
			const pa = plays.get(a.id) ?? { count: 0, last: '' };
			const pb = plays.get(b.id) ?? { count: 0, last: '' };
			return byLevel || pa.count - pb.count || pa.last.localeCompare(pb.last) || a.id.localeCompare(b.id);
		});
	const pick = candidates[0];
	const stat = practised.get(skill);
	const played = plays.get(pick.id)?.count ?? 0;
	const why = stat
		? `${skill} is your lowest-scoring skill (${stat.score} over ${stat.drills === 1 ? '1 drill' : `${stat.drills} drills`})`
		: `you have not practised ${skill} yet`;
	const playedText =
		played === 0 ? 'one you have not played' : `played ${played === 1 ? 'once' : `${played} times`}`;
	return {
		scenarioId: pick.id,
		title: pick.title ?? pick.id,
		skill,
		level: pick.level,
		reason: `Next: "${pick.title ?? pick.id}" because ${why}; it is a ${pick.level}-level drill, ${playedText}.`
	};
}
