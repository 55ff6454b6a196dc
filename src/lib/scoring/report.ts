/**
 * Small helpers shared by the scorers: build a {@link Check} from its rubric definition and compute the weighted
 * 0–100 score of a list of checks.
 */
import { RESULT_CREDIT, type CheckDef } from './rubric';
import type { Check, CheckResult, ScoreReport } from './types';

/** A check result from its rubric definition plus what was found. */
export function makeCheck(def: CheckDef, result: CheckResult, reason: string): Check {
	return {
		id: def.id,
		label: def.label,
		category: def.category,
		weight: def.weight,
		result,
		reason,
		good: def.good
	};
}

/**
 * Weighted score of the assessed checks: `100 × Σ(weight × credit) / Σ(weight)`, rounded to an integer in 0–100.
 * Returns `null` when no check was assessed (or all assessed weights are zero).
 */
export function weightedScore(checks: readonly Check[]): number | null {
	let total = 0;
	let earned = 0;
	for (const c of checks) {
		if (c.result === 'not-assessed' || c.weight <= 0) continue;
		total += c.weight;
		earned += c.weight * RESULT_CREDIT[c.result];
	}
	if (total === 0) return null;
	return Math.round((100 * earned) / total);
}

/**
 * A report from its checks; the score is 0 when nothing could be assessed. `cap`, when given, is the highest score
 * the report may have (used for red flags).
 */
export function makeReport(checks: Check[], cap?: number): ScoreReport {
	const score = weightedScore(checks) ?? 0;
	return { score: cap === undefined ? score : Math.min(score, cap), checks };
}

/** `met` at or below `metLimit`, `partly` at or below `partlyLimit`, otherwise `not-met`. */
export function gradeAtMost(value: number, metLimit: number, partlyLimit: number): CheckResult {
	if (value <= metLimit) return 'met';
	if (value <= partlyLimit) return 'partly';
	return 'not-met';
}

/** `met` at or above `metMin`, `partly` at or above `partlyMin`, otherwise `not-met`. */
export function gradeAtLeast(value: number, metMin: number, partlyMin: number): CheckResult {
	if (value >= metMin) return 'met';
	if (value >= partlyMin) return 'partly';
	return 'not-met';
}
