/**
 * The interviewer's ratings and the weighted total. A suggested rating (from measured behaviour) can be accepted as
 * it is; any other rating — an override, or a rating where nothing was measured — needs a written reason, so every
 * number on the scorecard can be defended. Pure.
 */
import { INTERVIEW_DIMENSIONS, MEETS_BAR, type DimensionId, type Rating } from './dimensions';

/** A reason needs at least this many words to count as one. */
export const MIN_REASON_WORDS = 3;

/** What the interviewer chose for one dimension. */
export interface RatingEntry {
	rating: Rating;
	/** Why; required when the rating differs from the suggestion or there is no suggestion. */
	reason: string;
	/** When it was last changed (ISO-8601). */
	at: string;
}

export type RatingStatus =
	/** Nothing chosen yet. */
	| 'unrated'
	/** Chosen, but a reason is required and missing or too short. */
	| 'needs-reason'
	/** Chosen and defensible. */
	| 'rated';

/** True when choosing `rating` needs a written reason: there is no suggestion, or the rating differs from it. */
export function reasonRequired(suggested: Rating | null, rating: Rating): boolean {
	return suggested === null || rating !== suggested;
}

function wordCount(text: string): number {
	return text.trim().split(/\s+/).filter(Boolean).length;
}

/** True when `reason` is long enough to explain a rating (at least {@link MIN_REASON_WORDS} words). */
export function isReasonEnough(reason: string): boolean {
	return wordCount(reason) >= MIN_REASON_WORDS;
}

/** Whether an entry counts on the scorecard, given the current suggestion. */
export function ratingStatus(entry: RatingEntry | undefined, suggested: Rating | null): RatingStatus {
	if (!entry) return 'unrated';
	if (reasonRequired(suggested, entry.rating) && !isReasonEnough(entry.reason)) return 'needs-reason';
	return 'rated';
}

/** The message to show next to a rating that cannot count yet, or null when it is fine. */
export function ratingProblem(entry: RatingEntry | undefined, suggested: Rating | null): string | null {
	if (ratingStatus(entry, suggested) !== 'needs-reason' || !entry) return null;
	return suggested === null
		? `Nothing was measured for this dimension: say what you based the ${entry.rating} on (at least ${MIN_REASON_WORDS} words).`
		: `You rated ${entry.rating} where the suggestion was ${suggested}: say why (at least ${MIN_REASON_WORDS} words).`;
}

export interface WeightedTotal {
	/**
	 * Σ(weight × rating) / Σ(weight) over the dimensions that count, rounded to two decimals (1.00–4.00); null when
	 * none counts yet.
	 */
	total: number | null;
	/** True when all six dimensions count. */
	complete: boolean;
	/** How many dimensions count. */
	rated: number;
	/** Sum of the weights (percent) of the dimensions that count. */
	ratedWeightPct: number;
	/** Dimensions that count with a rating under the bar (1 or 2). */
	belowBar: DimensionId[];
}

/**
 * The weighted total of the ratings that count (status `rated`). Weights are whole percents, so the sum is exact;
 * only the final division is rounded (half away from zero, two decimals). With some dimensions missing the total
 * is over the rated ones only and `complete` is false.
 */
export function weightedTotal(
	rows: readonly { id: DimensionId; weightPct: number; rating: Rating | null }[]
): WeightedTotal {
	let weighted = 0;
	let weights = 0;
	let rated = 0;
	const belowBar: DimensionId[] = [];
	for (const row of rows) {
		if (row.rating === null) continue;
		weighted += row.weightPct * row.rating;
		weights += row.weightPct;
		rated++;
		if (row.rating < MEETS_BAR) belowBar.push(row.id);
	}
	const total = weights === 0 ? null : Math.round((weighted * 100) / weights) / 100;
	return {
		total,
		complete: rated === INTERVIEW_DIMENSIONS.length,
		rated,
		ratedWeightPct: weights,
		belowBar
	};
}

/** A weighted total as `3.15`, or `—`. */
export function formatTotal(total: number | null): string {
	return total === null ? '—' : total.toFixed(2);
}
