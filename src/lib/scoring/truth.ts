/**
 * What the simulation knows to be true about one incident, in the shape the artifact scorers check claims against.
 *
 * The drill judgement builds it from the scenario, the world's history and the event log (`truthFromDrill`); the
 * CLI builds the scenario-only part from `--scenario`. Every field is optional: a scorer assesses a claim only when
 * the fact it needs is known, and says "not assessed" otherwise. Times are sim milliseconds from the first page
 * unless stated; ratios are fractions (0.25 = 25 %).
 */
export interface IncidentTruth {
	/** Scenario id and title, for messages. */
	scenarioId?: string;
	scenarioTitle?: string;
	/** Unix ms of sim time 0, so that absolute clock times in text ("14:05 UTC") can be compared. */
	startEpochMs?: number;
	/** Service the paging alert is about, e.g. `checkout-api`. */
	service?: string;
	/** Components users see affected (from the answer key). */
	affectedComponents?: string[];
	/** Services that are healthy in this incident (claims that they are broken are false). */
	healthyServices?: string[];
	/** The paging alert: name, PromQL expression and the metric names it reads. */
	alert?: { name: string; expr?: string; metrics?: string[] };
	/** True onset of user impact and recovery (null while not recovered at the time of the artifact). */
	onsetMs?: number;
	recoveryMs?: number | null;
	/** Peak measured error ratio of the user-facing SLI during the incident, and the ratio at the artifact's time. */
	peakErrorRatio?: number;
	errorRatioAt?: (simMs: number) => number | undefined;
	/** Answer key: root cause in prose, plus the terms any correct cause statement must mention. */
	rootCause?: string;
	causeTerms?: string[];
	/** Mitigations that worked, as `action service` descriptions, and the actions the trainee actually took. */
	correctMitigations?: string[];
	actionsTaken?: { kind: string; service?: string; atMs: number; changedWorld: boolean }[];
	/** People the scenario names (deploy authors, on-call, responders): naming them causally is blame. */
	namedPeople?: string[];
	/** Commands or actions that would do harm in this scenario (from the answer key's harmful actions and red herrings). */
	harmfulActions?: string[];
}
