/**
 * The scoring rubric of Pagerdrill: every check, weight, threshold and band used by the scorers lives here, so a
 * reviewer can read (and argue with) the whole grading scheme in one file.
 *
 * Sources: the role profile's KPI table (acknowledge P50 < 5 min / P90 < 10 min, owner engaged < 10–15 min,
 * documentation > 90 % complete with timeline + impact + action items, runbook quality "meets expectations") and its
 * interview scorecard (six weighted dimensions, strong/weak signals, red flags).
 *
 * Scoring model, shared by every report:
 * - each check yields met (full credit), partly (half credit), not-met (no credit) or not-assessed (left out);
 * - a report's score is `100 × Σ(weight × credit) / Σ(weight)` over the assessed checks, rounded to an integer;
 * - a few red flags (blame, a false "resolved", harmful actions) also cap the score, so polish elsewhere cannot hide
 *   them; the check's reason says so;
 * - the same bands turn a score into a word and a suggested 1–4 interview rating.
 */
import type { CheckResult } from './types';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Credit a result earns; `not-assessed` checks are excluded from the denominator instead. */
export const RESULT_CREDIT: Readonly<Record<Exclude<CheckResult, 'not-assessed'>, number>> = {
	met: 1,
	partly: 0.5,
	'not-met': 0
};

/** Static description of a check: everything but the result and the reason. */
export interface CheckDef {
	id: string;
	label: string;
	category: string;
	/** Relative weight within its report. */
	weight: number;
	/** A short example of what good looks like. */
	good: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Bands and interview rating anchors
// ---------------------------------------------------------------------------------------------------------------

export type BandId = 'strong' | 'good' | 'developing' | 'weak';

export interface Band {
	id: BandId;
	/** Lowest score (inclusive) in the band. */
	min: number;
	/** Suggested rating on the interview's 1–4 scale. */
	rating: 1 | 2 | 3 | 4;
	label: string;
	/** What the band means, as an interviewer would say it. */
	anchor: string;
}

/**
 * Score bands, best first: each quarter of the 0–100 scale is one step of the interview's 1–4 rating. The two upper
 * bands ("strong", "good") form the "upper band": an artifact or drill there meets the associate bar. Because a
 * score is earned check by check, 50 already means the essentials are in place; the remaining half of the scale
 * rewards completeness (verification, rollback, escalation, cadence…).
 */
export const BANDS: readonly Band[] = [
	{
		id: 'strong',
		min: 75,
		rating: 4,
		label: 'Strong',
		anchor: '4 — exceeds the associate bar: complete, safe and clear with at most minor gaps'
	},
	{
		id: 'good',
		min: 50,
		rating: 3,
		label: 'Meets the bar',
		anchor: '3 — meets the bar: the essentials are there; a reviewer would ask for a few additions'
	},
	{
		id: 'developing',
		min: 25,
		rating: 2,
		label: 'Developing',
		anchor: '2 — below the bar: some essentials missing or unsafe habits a mentor should address'
	},
	{
		id: 'weak',
		min: 0,
		rating: 1,
		label: 'Weak',
		anchor: '1 — well below the bar or shows a red flag (blame, unsafe changes, no verification)'
	}
];

/** Lowest score of the upper band (bands "good" and "strong"): the associate bar. */
export const UPPER_BAND_MIN = 50;

/**
 * Red flags cap a report's score below the upper band whatever else is good: blaming a person (updates,
 * postmortems), claiming a recovery or "no impact" that is not true (updates), harmful actions (drills).
 */
export const RED_FLAG_CAP = 40;

/** The band a 0–100 score falls in. */
export function bandFor(score: number): Band {
	return BANDS.find((b) => score >= b.min) ?? BANDS[BANDS.length - 1];
}

// ---------------------------------------------------------------------------------------------------------------
// Status updates
// ---------------------------------------------------------------------------------------------------------------

export const STATUS_LIMITS = {
	/** An update longer than this is no longer brief (words). */
	briefMaxWords: 120,
	/** Longer than this is a wall of text (words). */
	longMaxWords: 160,
	/** Below this an update says too little to be judged on tone or accuracy (words). */
	minSubstantiveWords: 8,
	/** A promised next update further out than this is too far away during an active incident. */
	nextUpdateMaxMs: 60 * MINUTE
} as const;

export const STATUS_CHECKS = {
	impact: {
		id: 'status.impact',
		label: 'User-facing impact and scope',
		category: 'communication',
		weight: 22,
		good: 'Since 14:02 UTC about 20% of card payments at checkout fail with an error.'
	},
	state: {
		id: 'status.state',
		label: 'Current state',
		category: 'communication',
		weight: 8,
		good: 'We have identified the cause; error rates are still elevated.'
	},
	actions: {
		id: 'status.actions',
		label: 'What is being done',
		category: 'communication',
		weight: 14,
		good: "We are rolling back this morning's checkout release."
	},
	nextUpdate: {
		id: 'status.next-update',
		label: 'Next update time',
		category: 'communication',
		weight: 10,
		good: 'Next update by 14:45 UTC, sooner if anything changes.'
	},
	utcTimes: {
		id: 'status.utc-times',
		label: 'Times given in UTC',
		category: 'communication',
		weight: 5,
		good: 'Errors started at 14:02 UTC.'
	},
	brevity: {
		id: 'status.brevity',
		label: 'Brief',
		category: 'communication',
		weight: 10,
		good: 'Three to five short sentences, under 120 words.'
	},
	plainLanguage: {
		id: 'status.plain-language',
		label: 'Plain language',
		category: 'communication',
		weight: 8,
		good: '"Card payments are failing", not pod names, queries or stack traces.'
	},
	speculation: {
		id: 'status.no-speculation',
		label: 'Facts, not guesses',
		category: 'communication',
		weight: 6,
		good: '"We are testing a rollback", not "it is probably the database".'
	},
	blame: {
		id: 'status.blameless',
		label: 'No blame',
		category: 'communication',
		weight: 4,
		good: '"A configuration change", not "Dave\'s change broke it".'
	},
	specific: {
		id: 'status.specific',
		label: 'Specific, not vague',
		category: 'communication',
		weight: 5,
		good: 'Names the affected feature, how many users and since when — not just "Investigating."'
	},
	consistent: {
		id: 'status.consistent',
		label: 'Consistent with reality',
		category: 'communication',
		weight: 8,
		good: 'Says "monitoring a fix" until error rates are back to normal; never "resolved" early.'
	}
} as const satisfies Record<string, CheckDef>;

// ---------------------------------------------------------------------------------------------------------------
// Runbooks
// ---------------------------------------------------------------------------------------------------------------

export const RUNBOOK_LIMITS = {
	/** A meaning/symptoms statement needs at least this many words. */
	meaningMinWords: 3,
	/** An impact statement needs at least this many words. */
	impactMinWords: 4,
	/** Commands or queries (a named metric or dashboard link counts half) for full diagnosis credit. */
	diagnosisConcreteMet: 2,
	/** Named checks that, with one command, also earn full diagnosis credit. */
	diagnosisStepsWithCommand: 2,
	/** Distinct concrete mitigation steps (or one plus a stated condition) for full mitigation credit. */
	mitigationOptionsMet: 2,
	/** A concrete mitigation step has at least this many words (or is a command). */
	concreteStepMinWords: 4
} as const;

export const RUNBOOK_CHECKS = {
	meaning: {
		id: 'runbook.alert-meaning',
		label: 'Names the alert and what it means',
		category: 'runbook',
		weight: 15,
		good: '# CheckoutHighErrorRate — fires when more than 5% of checkout requests fail for 5 minutes.'
	},
	impact: {
		id: 'runbook.impact',
		label: 'States the impact',
		category: 'runbook',
		weight: 10,
		good: '## Impact — customers cannot pay; every minute costs about 40 orders.'
	},
	diagnosis: {
		id: 'runbook.diagnosis',
		label: 'Concrete diagnosis steps',
		category: 'runbook',
		weight: 20,
		good: 'Run `sum by (code) (rate(http_requests_total{service="checkout"}[5m]))`; compare with `kubectl rollout history`.'
	},
	mitigation: {
		id: 'runbook.mitigation',
		label: 'Mitigation options',
		category: 'runbook',
		weight: 20,
		good: 'If a deploy caused it: `kubectl rollout undo deploy/checkout`. If the database is saturated: pause batch jobs.'
	},
	verification: {
		id: 'runbook.verification',
		label: 'How to verify the fix',
		category: 'runbook',
		weight: 10,
		good: 'Verify: the error-rate panel is back under 1% within 5 minutes and the alert resolves.'
	},
	rollback: {
		id: 'runbook.rollback',
		label: 'How to undo, and the risks',
		category: 'runbook',
		weight: 5,
		good: 'To undo: `kubectl rollout undo` again restores the previous version. Restart pods one at a time.'
	},
	escalation: {
		id: 'runbook.escalation',
		label: 'When and whom to escalate',
		category: 'runbook',
		weight: 10,
		good: 'If errors persist 15 minutes after the rollback, page the payments on-call (#payments-oncall).'
	},
	testable: {
		id: 'runbook.testable-steps',
		label: 'Steps are testable',
		category: 'runbook',
		weight: 10,
		good: '"Run X and expect Y", never "check if things look ok", "fix it" or "TODO".'
	}
} as const satisfies Record<string, CheckDef>;

// ---------------------------------------------------------------------------------------------------------------
// Postmortems
// ---------------------------------------------------------------------------------------------------------------

export const POSTMORTEM_LIMITS = {
	/** A summary needs at least this many words. */
	summaryMinWords: 15,
	/** Quantities (percentages, counts, durations) in the impact section for full credit. */
	impactNumbersMet: 2,
	/** Timeline entries with a time for full credit; fewer (but at least `timelinePartlyEntries`) is partial. */
	timelineMinEntries: 4,
	timelinePartlyEntries: 2,
	/** A timeline entry may differ from the event log by this much and still count. */
	timelineToleranceMs: 5 * MINUTE,
	/** Action items for full credit. */
	actionItemsMin: 2,
	/** Share of significant root-cause words from the answer key that must appear in the root-cause section. */
	rootCauseOverlap: 0.3
} as const;

export const POSTMORTEM_CHECKS = {
	summary: {
		id: 'postmortem.summary',
		label: 'Summary',
		category: 'postmortem',
		weight: 10,
		good: 'A short paragraph: what broke, for whom, for how long, and how it was fixed.'
	},
	impact: {
		id: 'postmortem.impact',
		label: 'Impact in numbers',
		category: 'postmortem',
		weight: 15,
		good: '12% of checkout requests failed for 38 minutes; about 1,900 orders were not placed.'
	},
	timeline: {
		id: 'postmortem.timeline',
		label: 'Timeline with times',
		category: 'postmortem',
		weight: 15,
		good: '| 14:02 UTC | CheckoutHighErrorRate paged the on-call | … one row per key event, times in UTC.'
	},
	timelineAccuracy: {
		id: 'postmortem.timeline-accuracy',
		label: 'Timeline matches what happened',
		category: 'postmortem',
		weight: 10,
		good: 'Page, acknowledgement, escalation, mitigation and resolution each listed within a few minutes.'
	},
	rootCause: {
		id: 'postmortem.root-cause',
		label: 'Root cause and contributing factors',
		category: 'postmortem',
		weight: 15,
		good: 'Root cause: the release lowered the DB pool to 5. Contributing: no canary; no alert on pool saturation.'
	},
	lessons: {
		id: 'postmortem.lessons',
		label: 'What went well and what went poorly',
		category: 'postmortem',
		weight: 10,
		good: 'Went well: rollback took 3 minutes. Went poorly: the runbook pointed at the wrong dashboard.'
	},
	actionItems: {
		id: 'postmortem.action-items',
		label: 'Action items with owner and due date',
		category: 'postmortem',
		weight: 15,
		good: '- [ ] Add a canary stage to the checkout pipeline — owner: payments team — due 2026-04-01'
	},
	blameless: {
		id: 'postmortem.blameless',
		label: 'Blameless language',
		category: 'postmortem',
		weight: 10,
		good: '"The deploy pipeline allowed an untested config", not "Bob broke production".'
	}
} as const satisfies Record<string, CheckDef>;

// ---------------------------------------------------------------------------------------------------------------
// Drills
// ---------------------------------------------------------------------------------------------------------------

export const DRILL_LIMITS = {
	/** KPI: acknowledge within 5 minutes (P50 target); up to 10 minutes (P90 target) earns partial credit. */
	ackTargetMs: 5 * MINUTE,
	ackLimitMs: 10 * MINUTE,
	/** KPI: correct owner engaged within 10–15 minutes. The scenario's par is used when it is stricter. */
	engageOwnerKpiMs: 15 * MINUTE,
	/** Partial credit up to this multiple of the engage-owner and mitigation limits. */
	lateFactor: 2,
	/** First status update within this long after the acknowledgement; partial credit up to `firstUpdateLimitMs`. */
	firstUpdateTargetMs: 10 * MINUTE,
	firstUpdateLimitMs: 20 * MINUTE,
	/** Longest acceptable gap between status updates while the incident is open; partial up to `cadenceLimitMs`. */
	cadenceTargetMs: 30 * MINUTE,
	cadenceLimitMs: 45 * MINUTE,
	/** A query or dashboard view within this long after a change counts as verifying it. */
	verifyWindowMs: 10 * MINUTE,
	/** Restarts of the same target: this many is a loop (not met); one fewer is partial. */
	restartLoopCount: 3,
	/** Share of key evidence that must be seen before the first change for full credit. */
	evidenceFirstMet: 0.5,
	/** Share of key evidence seen during the drill for full credit. */
	evidenceCoverageMet: 2 / 3,
	/** A reason for an action needs at least this many words. */
	reasonMinWords: 3,
	/** A written runbook or postmortem counts as met in the upper band, partly one band below. */
	artifactMet: 50,
	artifactPartly: 25,
	/** Status updates are short, so their average must be higher: met / partly thresholds. */
	updateQualityMet: 75,
	updateQualityPartly: 50,
	/** Distinct non-owner escalation targets that start to look like waking people needlessly. */
	extraEscalationsPartly: 2
} as const;

export const DRILL_CHECKS = {
	ack: {
		id: 'response.ack-time',
		label: 'Acknowledged the page quickly',
		category: 'response',
		weight: 8,
		good: 'Acknowledge within 5 minutes, before starting to dig.'
	},
	engageOwner: {
		id: 'response.engage-owner',
		label: 'Engaged the owning team in time',
		category: 'response',
		weight: 6,
		good: 'Page the owning team within 10–15 minutes with what you have seen so far.'
	},
	mitigateTime: {
		id: 'response.mitigate-time',
		label: 'Mitigated within par',
		category: 'response',
		weight: 6,
		good: 'Reach a safe mitigation (rollback, failover, flag off) within the par time.'
	},
	keyEvidence: {
		id: 'triage.key-evidence',
		label: 'Found the key evidence',
		category: 'triage',
		weight: 6,
		good: 'Look at the error-rate panel, the logs of the failing service and the recent changes.'
	},
	evidenceFirst: {
		id: 'triage.evidence-first',
		label: 'Evidence before action',
		category: 'triage',
		weight: 8,
		good: 'Form a hypothesis from dashboards and logs before the first change.'
	},
	correctMitigation: {
		id: 'triage.correct-mitigation',
		label: 'Applied the right mitigation',
		category: 'triage',
		weight: 8,
		good: 'Roll back the release that introduced the errors.'
	},
	noise: {
		id: 'triage.noise',
		label: 'Did not chase noise',
		category: 'triage',
		weight: 4,
		good: 'Note the unrelated disk warning, silence it with a reason and stay on the customer-facing alert.'
	},
	harmful: {
		id: 'triage.harmful-actions',
		label: 'No harmful actions',
		category: 'triage',
		weight: 6,
		good: 'Prefer reversible changes; never delete data or evidence, nor silence the alert users depend on.'
	},
	restartLoop: {
		id: 'triage.restart-loop',
		label: 'No restart loop',
		category: 'triage',
		weight: 4,
		good: 'If one restart did not help, stop restarting and look for the cause.'
	},
	actionReasons: {
		id: 'triage.action-reasons',
		label: 'Risky actions have a reason',
		category: 'triage',
		weight: 3,
		good: 'Rollback: "errors began with release 4.2 at 14:01; rolling back to 4.1".'
	},
	verification: {
		id: 'triage.verification',
		label: 'Verified each change',
		category: 'triage',
		weight: 6,
		good: 'After the rollback, re-run the error-rate query and watch it drop.'
	},
	escalation: {
		id: 'triage.escalation',
		label: 'Escalation judgement',
		category: 'triage',
		weight: 6,
		good: 'Page the owning team (and security for security events); do not wake others for noise.'
	},
	firstUpdate: {
		id: 'communication.first-update',
		label: 'First update soon after ack',
		category: 'communication',
		weight: 4,
		good: 'Post an "investigating" update with the known impact within 10 minutes of acknowledging.'
	},
	cadence: {
		id: 'communication.cadence',
		label: 'Regular updates',
		category: 'communication',
		weight: 4,
		good: 'Update at least every 30 minutes while the incident is open.'
	},
	resolutionUpdate: {
		id: 'communication.resolution-update',
		label: 'Resolution update',
		category: 'communication',
		weight: 4,
		good: 'After recovery, post a "resolved" update with the duration and impact.'
	},
	updateQuality: {
		id: 'communication.update-quality',
		label: 'Quality of the updates',
		category: 'communication',
		weight: 8,
		good: 'Each update states impact, current state, what is being done and the next update time.'
	},
	accuracy: {
		id: 'communication.accuracy',
		label: 'Updates match reality',
		category: 'communication',
		weight: 4,
		good: 'No "resolved" before recovery and no "no impact" while users are affected.'
	},
	tone: {
		id: 'communication.tone',
		label: 'Calm, factual, blameless',
		category: 'communication',
		weight: 3,
		good: 'Facts and next steps; no guesses, no names blamed — in updates and escalation messages.'
	},
	runbook: {
		id: 'documentation.runbook',
		label: 'Runbook quality',
		category: 'documentation',
		weight: 4,
		good: 'A runbook scoring in the upper band (meaning, diagnosis, mitigation, verification, escalation).'
	},
	postmortem: {
		id: 'documentation.postmortem',
		label: 'Postmortem quality',
		category: 'documentation',
		weight: 6,
		good: 'A blameless postmortem scoring in the upper band.'
	},
	complete: {
		id: 'documentation.complete',
		label: 'Documentation complete (KPI)',
		category: 'documentation',
		weight: 3,
		good: 'Timeline, impact, root-cause hypothesis and action items are all present.'
	}
} as const satisfies Record<string, CheckDef>;

/** Action kinds that only look (they never change the system); every other action counts as a change. */
export const DIAGNOSTIC_ACTION_KINDS: readonly string[] = ['run-check'];
/**
 * What the drill rubric expects of the reason given with a run of an action: `required` for changes of medium or
 * high risk (the action form asks for one before they run, and a missing one is marked down), `optional` for
 * low-risk changes (the form offers the field; a reason earns credit, leaving it out costs nothing), `none` for
 * diagnostic checks, which change nothing. The action form and the reason check both follow this.
 */
export type ReasonExpectation = 'required' | 'optional' | 'none';

/** The {@link ReasonExpectation} of an action of the scenario's catalog. */
export function reasonExpectation(action: { risk: string; kind: string }): ReasonExpectation {
	if (DIAGNOSTIC_ACTION_KINDS.includes(action.kind)) return 'none';
	return action.risk === 'low' ? 'optional' : 'required';
}

/** View names that count as looking at telemetry (for verification after a change). */
export const TELEMETRY_VIEWS: readonly string[] = ['dashboard', 'explore', 'logs', 'services', 'alerts'];

// ---------------------------------------------------------------------------------------------------------------
// The role profile's six interview dimensions
// ---------------------------------------------------------------------------------------------------------------

export interface DimensionDef {
	id: string;
	label: string;
	/** Weight as a fraction of the interview scorecard. */
	weight: number;
	/** Drill checks this dimension is derived from (weighted by their check weights). */
	checks: readonly string[];
	/**
	 * Scenario skill tags that make a drill assess the dimension; empty means any drill assesses it (when at least
	 * one of its checks was assessed). `null` means a drill never assesses it.
	 */
	skills: readonly string[] | null;
	/** Said when a drill does not assess the dimension. */
	notAssessed: string;
}

export const DIMENSIONS: readonly DimensionDef[] = [
	{
		id: 'troubleshooting',
		label: 'Troubleshooting & incident reasoning',
		weight: 0.25,
		checks: [
			DRILL_CHECKS.evidenceFirst.id,
			DRILL_CHECKS.correctMitigation.id,
			DRILL_CHECKS.verification.id,
			DRILL_CHECKS.restartLoop.id,
			DRILL_CHECKS.harmful.id,
			DRILL_CHECKS.actionReasons.id,
			DRILL_CHECKS.escalation.id,
			DRILL_CHECKS.mitigateTime.id
		],
		skills: [],
		notAssessed: 'No triage decisions were recorded.'
	},
	{
		id: 'linux-networking',
		label: 'Linux/networking fundamentals',
		weight: 0.15,
		checks: [DRILL_CHECKS.keyEvidence.id, DRILL_CHECKS.correctMitigation.id, DRILL_CHECKS.harmful.id],
		skills: ['linux', 'networking', 'dns', 'tls', 'http'],
		notAssessed:
			'This drill is not tagged with a Linux or networking skill (linux, networking, dns, tls, http).'
	},
	{
		id: 'observability',
		label: 'Observability',
		weight: 0.15,
		checks: [
			DRILL_CHECKS.keyEvidence.id,
			DRILL_CHECKS.evidenceFirst.id,
			DRILL_CHECKS.verification.id,
			DRILL_CHECKS.noise.id
		],
		skills: [],
		notAssessed: 'No dashboards, queries or logs were used.'
	},
	{
		id: 'scripting-automation',
		label: 'Scripting/automation',
		weight: 0.15,
		checks: [],
		skills: null,
		notAssessed: 'A triage drill has no scripting task; assess this with the scripting exercise.'
	},
	{
		id: 'communication',
		label: 'Communication during incidents',
		weight: 0.15,
		checks: [
			DRILL_CHECKS.firstUpdate.id,
			DRILL_CHECKS.cadence.id,
			DRILL_CHECKS.resolutionUpdate.id,
			DRILL_CHECKS.updateQuality.id,
			DRILL_CHECKS.accuracy.id,
			DRILL_CHECKS.tone.id
		],
		skills: [],
		notAssessed: 'No status updates were expected or posted.'
	},
	{
		id: 'collaboration',
		label: 'Collaboration & learning agility',
		weight: 0.15,
		checks: [
			DRILL_CHECKS.engageOwner.id,
			DRILL_CHECKS.escalation.id,
			DRILL_CHECKS.runbook.id,
			DRILL_CHECKS.postmortem.id,
			DRILL_CHECKS.complete.id
		],
		skills: [],
		notAssessed: 'Neither escalation nor follow-up documentation was part of this drill.'
	}
];

/** KPI targets for progress pages (milliseconds). */
export const KPI_TARGETS = {
	ackP50Ms: 5 * MINUTE,
	ackP90Ms: 10 * MINUTE,
	engageOwnerMs: DRILL_LIMITS.engageOwnerKpiMs,
	/** Share of incidents whose documentation is complete (timeline + impact + action items). */
	documentationComplete: 0.9
} as const;
