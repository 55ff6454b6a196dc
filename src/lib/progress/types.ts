/**
 * What the progress logic reads from an attempt. A structural subset of the stored `AttemptRecord`, so pure code
 * and tests can pass plain objects (type-only import: nothing from the database module is loaded).
 */
import type { AttemptRecord, ScenarioLevel } from '../persistence/records';

export type { ScenarioLevel } from '../persistence/records';

export type ProgressAttempt = Pick<
	AttemptRecord,
	| 'id'
	| 'scenarioId'
	| 'scenarioTitle'
	| 'scenarioTheme'
	| 'scenarioSkills'
	| 'scenarioLevel'
	| 'mode'
	| 'status'
	| 'startedAt'
	| 'endedAt'
	| 'hintsUsed'
	| 'artifactScores'
	| 'scorecard'
>;

/** Difficulty order of the on-call levels: shadow < secondary < primary. */
export const LEVEL_RANK: Readonly<Record<ScenarioLevel, number>> = { shadow: 0, secondary: 1, primary: 2 };
