/**
 * Suggested interview ratings from what the candidate did: the incident triage simulation (its drill scorecard and
 * event log) and the runbook writing exercise (its runbook report).
 *
 * Model, per dimension:
 * - each exercise that assesses the dimension gives a 0–100 score: the triage simulation its drill dimension score
 *   (`scoreDrill`), the runbook exercise the weighted score of the runbook checks mapped to the dimension below;
 * - the scores are combined with {@link EXERCISE_WEIGHTS} (the 60–90 minute live simulation counts twice as much as
 *   the 30-minute written runbook) and turned into a 1–4 rating with the rubric's bands (0–24 → 1, 25–49 → 2,
 *   50–74 → 3, 75–100 → 4);
 * - the role profile's red flags cap the rating whatever the score (see {@link RED_FLAG_RULES});
 * - a dimension neither exercise assesses gets no suggestion: the interviewer rates it from other evidence.
 * Pure and deterministic.
 */
import { bandFor, DRILL_CHECKS, RUNBOOK_CHECKS } from '../scoring/rubric';
import { weightedScore } from '../scoring/report';
import { findBlame } from '../scoring/tone';
import type { Check, DrillScorecard, ScoreReport } from '../scoring/types';
import type { DrillEvent } from '../sim/types';
import { INTERVIEW_DIMENSIONS, type DimensionId, type Rating } from './dimensions';
import type { ExerciseId } from './exercises';

/** Relative weight of each exercise when both assess a dimension. */
export const EXERCISE_WEIGHTS: Readonly<Record<ExerciseId, number>> = { triage: 2, runbook: 1 };

/** Runbook checks that inform each dimension (a runbook shows reasoning, telemetry literacy and hand-over). */
export const RUNBOOK_DIMENSION_CHECKS: Readonly<Record<DimensionId, readonly string[]>> = {
	troubleshooting: [
		RUNBOOK_CHECKS.diagnosis.id,
		RUNBOOK_CHECKS.mitigation.id,
		RUNBOOK_CHECKS.verification.id,
		RUNBOOK_CHECKS.rollback.id
	],
	'linux-networking': [],
	observability: [RUNBOOK_CHECKS.meaning.id, RUNBOOK_CHECKS.diagnosis.id],
	'scripting-automation': [],
	communication: [],
	collaboration: [RUNBOOK_CHECKS.escalation.id, RUNBOOK_CHECKS.impact.id, RUNBOOK_CHECKS.testable.id]
};

/** A red flag found in the evidence, and the highest rating it allows on a dimension. */
export interface RedFlag {
	dimension: DimensionId;
	cap: Rating;
	/** What was seen, quoting the evidence. */
	text: string;
}

export interface SuggestionSource {
	exercise: ExerciseId;
	/** 0–100. */
	score: number;
}

export interface DimensionSuggestion {
	id: DimensionId;
	label: string;
	weightPct: number;
	/** Suggested rating, or null when no exercise assessed the dimension. */
	rating: Rating | null;
	/** Combined 0–100 score behind the rating (before red-flag caps), or null. */
	score: number | null;
	sources: SuggestionSource[];
	/** One line per check that fed the suggestion: `label: result — reason`. */
	evidence: string[];
	redFlags: RedFlag[];
	/** Why there is no suggestion (null when there is one). */
	notAssessed: string | null;
}

export interface SuggestionInput {
	/** The triage simulation's scorecard, when it was run and scored. */
	drill?: DrillScorecard | null;
	/** Its event log (used to find blaming language). */
	events?: readonly DrillEvent[] | null;
	/** The runbook exercise's report, when a runbook was handed in. */
	runbook?: ScoreReport | null;
}

function checkLine(prefix: string, c: Check): string {
	return `${prefix}${c.label}: ${c.result} — ${c.reason}`;
}

function findCheck(checks: readonly Check[] | undefined, id: string): Check | undefined {
	return checks?.find((c) => c.id === id);
}

/**
 * The role profile's red flags as they show in the evidence:
 * - a harmful action in the simulation ("poor respect for operational safety") caps troubleshooting at 1;
 * - blaming a person in an update or a page ("blame-oriented incident mindset") caps communication at 1;
 * - an update contradicting reality (a false "resolved" or "no impact") caps communication at 2;
 * - no verification anywhere — every assessed verification check failed ("cannot explain how they would verify
 *   whether a fix worked") — caps troubleshooting at 2.
 */
export function findRedFlags(input: SuggestionInput): RedFlag[] {
	const flags: RedFlag[] = [];
	const checks = input.drill?.checks;
	const harmful = findCheck(checks, DRILL_CHECKS.harmful.id);
	if (harmful?.result === 'not-met')
		flags.push({ dimension: 'troubleshooting', cap: 1, text: `Harmful change: ${harmful.reason}` });
	for (const e of input.events ?? []) {
		if (e.type !== 'status.post' && e.type !== 'escalation.page') continue;
		const text = e.type === 'status.post' ? e.text : e.message;
		const blame = findBlame(text);
		if (blame) {
			const where = e.type === 'status.post' ? 'A status update' : `The page to ${e.target}`;
			flags.push({ dimension: 'communication', cap: 1, text: `${where} blames: "${blame.phrase}"` });
			break;
		}
	}
	const accuracy = findCheck(checks, DRILL_CHECKS.accuracy.id);
	if (accuracy?.result === 'not-met')
		flags.push({ dimension: 'communication', cap: 2, text: `Misleading update: ${accuracy.reason}` });
	const verifications = [
		findCheck(checks, DRILL_CHECKS.verification.id),
		findCheck(input.runbook?.checks, RUNBOOK_CHECKS.verification.id)
	].filter((c): c is Check => c !== undefined && c.result !== 'not-assessed');
	if (verifications.length > 0 && verifications.every((c) => c.result === 'not-met'))
		flags.push({
			dimension: 'troubleshooting',
			cap: 2,
			text: `No verification: ${verifications.map((c) => c.reason).join('; ')}`
		});
	return flags;
}

/** Combines per-exercise scores with {@link EXERCISE_WEIGHTS}; null when there are none. Integer 0–100. */
export function combineScores(sources: readonly SuggestionSource[]): number | null {
	if (sources.length === 0) return null;
	let sum = 0;
	let weights = 0;
	for (const s of sources) {
		sum += EXERCISE_WEIGHTS[s.exercise] * s.score;
		weights += EXERCISE_WEIGHTS[s.exercise];
	}
	return Math.round(sum / weights);
}

/**
 * Suggested 1–4 ratings for the six dimensions (see the module comment for the model). Dimensions come back in
 * the role profile's order; each says which exercises fed it, the evidence lines and any red flag that capped it.
 */
export function suggestRatings(input: SuggestionInput): DimensionSuggestion[] {
	const flags = findRedFlags(input);
	return INTERVIEW_DIMENSIONS.map((dim) => {
		const sources: SuggestionSource[] = [];
		const evidence: string[] = [];
		const drillDim = input.drill?.dimensions.find((d) => d.id === dim.id);
		if (drillDim && drillDim.score !== null) {
			sources.push({ exercise: 'triage', score: drillDim.score });
			evidence.push(...drillDim.evidence.map((line) => `Simulation · ${line}`));
		}
		const runbookChecks = (input.runbook?.checks ?? []).filter(
			(c) => RUNBOOK_DIMENSION_CHECKS[dim.id].includes(c.id) && c.result !== 'not-assessed'
		);
		const runbookScore = weightedScore(runbookChecks);
		if (runbookScore !== null) {
			sources.push({ exercise: 'runbook', score: runbookScore });
			evidence.push(...runbookChecks.map((c) => checkLine('Runbook · ', c)));
		}
		const score = combineScores(sources);
		const own = flags.filter((f) => f.dimension === dim.id);
		let rating: Rating | null = score === null ? null : bandFor(score).rating;
		if (rating !== null) for (const f of own) rating = Math.min(rating, f.cap) as Rating;
		return {
			id: dim.id,
			label: dim.label,
			weightPct: dim.weightPct,
			rating,
			score,
			sources,
			evidence,
			redFlags: own,
			notAssessed: rating === null ? dim.probe : null
		};
	});
}
