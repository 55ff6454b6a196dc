/**
 * Result shapes of every scorer. A check is one criterion of the rubric: it has an id, a weight, a result and a
 * one-line reason quoting what it found, plus a short example of what good looks like. Scores are 0–100.
 */

export type CheckResult = 'met' | 'partly' | 'not-met' | 'not-assessed';

export interface Check {
	/** Stable id, e.g. `status.impact` or `response.ack-time`. */
	id: string;
	label: string;
	category: string;
	/** Relative weight within its report. */
	weight: number;
	result: CheckResult;
	/** One line saying what was found (quoting the text or the event where possible). */
	reason: string;
	/** A short example of what good looks like. */
	good: string;
}

export interface ScoreReport {
	/** 0–100, weighted over the checks that were assessed. */
	score: number;
	checks: Check[];
}

/** Raw measures of one drill, in sim milliseconds from the first page (null when it never happened). */
export interface DrillKpis {
	ackMs: number | null;
	engageOwnerMs: number | null;
	mitigateMs: number | null;
	resolveMs: number | null;
	firstUpdateMs: number | null;
	statusUpdates: number;
	actions: number;
	queries: number;
}

/** One of the role profile's six interview dimensions. */
export interface DimensionScore {
	id: string;
	label: string;
	/** Weight as a fraction (0.25 = 25%). */
	weight: number;
	/** 0–100, or null when this drill does not assess the dimension. */
	score: number | null;
	/** Suggested rating on the 1–4 interview scale, or null when not assessed. */
	rating: 1 | 2 | 3 | 4 | null;
	evidence: string[];
}

export type CategoryId = 'response' | 'triage' | 'communication' | 'documentation';

export interface DrillScorecard {
	score: number;
	categories: Record<CategoryId, number | null>;
	kpis: DrillKpis;
	checks: Check[];
	dimensions: DimensionScore[];
}
