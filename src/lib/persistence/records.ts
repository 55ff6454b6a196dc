/**
 * Record shapes of the progress database. This module is plain TypeScript (no Dexie import) so that the pure
 * `src/lib/progress` code, the export file schema and both storage backends share one definition.
 *
 * Time conventions: wall-clock fields (`createdAt`, `startedAt`, `heartbeatAt`, …) are ISO-8601 UTC strings that
 * callers pass in or that repositories take from an injected clock; `simNow` is sim time ({@link SimMs}).
 */
import type { DrillEvent, SimMs, TimedTraineeEvent } from '../sim/types';
import type { DrillScorecard } from '../scoring/types';

/** Practice drills are for learning; interview drills are timed sessions a manager reviews. */
export const ATTEMPT_MODES = ['practice', 'interview'] as const;
export type AttemptMode = (typeof ATTEMPT_MODES)[number];

export const ATTEMPT_STATUSES = ['in-progress', 'finished', 'abandoned'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** On-call levels of the role profile, from easiest to hardest (`metadata.level` of a scenario). */
export const SCENARIO_LEVELS = ['shadow', 'secondary', 'primary'] as const;
export type ScenarioLevel = (typeof SCENARIO_LEVELS)[number];

/** Kinds of free text a trainee drafts during or after a drill. */
export const DRAFT_KINDS = ['runbook', 'postmortem', 'status-update', 'notes'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export interface ProfileRecord {
	id: string;
	name: string;
	createdAt: string;
	updatedAt: string;
	/** True for trainee profiles a manager imported from a progress file (read for review, not played). */
	imported: boolean;
	/** File name the imported profile came from (null for local profiles). */
	sourceFileName: string | null;
	/** When the profile was last imported (null for local profiles). */
	importedAt: string | null;
}

/** What the trainee wrote during the drill. */
export interface AttemptArtifacts {
	runbook?: string;
	postmortem?: string;
	statusUpdates?: string[];
}

/** Scores (0–100) of the written artifacts, set by callers when the scorer has graded them. */
export interface ArtifactScores {
	runbook: number | null;
	postmortem: number | null;
}

export interface AttemptRecord {
	id: string;
	profileId: string;
	scenarioId: string;
	/** Content hash of the scenario file the drill ran on (replays need the same version). */
	scenarioVersion: string;
	scenarioTitle: string;
	scenarioTheme: string;
	/** Skill tags of the scenario (`metadata.skills`), copied so progress works without the catalog. */
	scenarioSkills: string[];
	scenarioLevel: ScenarioLevel;
	seed: number;
	mode: AttemptMode;
	status: AttemptStatus;
	/** Wall-clock start, ISO-8601. */
	startedAt: string;
	/** Wall-clock end, ISO-8601, null while in progress. */
	endedAt: string | null;
	/** Wall-clock milliseconds from `startedAt` to `endedAt` (null while in progress). Added in schema v2. */
	durationMs: number | null;
	/** Sim time the drill had reached when last saved. */
	simNow: SimMs;
	/** Playback speed (1 = real time). */
	speed: number;
	/** Hints the trainee opened; the 60-day goal asks for drills without hints. */
	hintsUsed: number;
	/**
	 * The trainee's input; with the seed and scenario version it replays the drill exactly. Stored on the row only
	 * once the attempt has ended: while it is in progress the events live in the `attemptEvents` table (one row
	 * each, written as they happen, schema v3) and the repositories in `attempts.ts` fill this field in on read.
	 */
	traineeEvents: TimedTraineeEvent[];
	/** The full event log, a cache written when the drill ends (replay rebuilds it). */
	eventLog?: DrillEvent[];
	artifacts: AttemptArtifacts;
	artifactScores: ArtifactScores;
	scorecard: DrillScorecard | null;
	/** Tab id of the browser tab driving this attempt (see `claimAttempt`); null when nobody holds it. */
	lockOwner: string | null;
	/** When the lock holder last proved it is alive (ISO-8601); a stale heartbeat lets another tab take over. */
	heartbeatAt: string | null;
	updatedAt: string;
}

/** Manager adjustments on top of the default 30/60/90-day plan (see `src/lib/progress/plan.ts`). */
export interface PlanOverrides {
	/** Due date per milestone id (`d30`, `d60`, `d90`), `YYYY-MM-DD`. */
	dueDates?: Record<string, string>;
	/** Target per criterion id, in the criterion's unit. */
	targets?: Record<string, number>;
	/** Criterion ids switched off for this trainee. */
	disabled?: string[];
	/** How many recent drills the KPI criteria look at. */
	recentWindow?: number;
}

export interface PlanRecord {
	profileId: string;
	/** First day of the plan, `YYYY-MM-DD`. */
	startDate: string;
	overrides: PlanOverrides;
	updatedAt: string;
}

export interface DraftRecord {
	attemptId: string;
	kind: DraftKind;
	/** Owner of the attempt; lets a profile delete remove its drafts without a join. */
	profileId: string;
	text: string;
	updatedAt: string;
}

/** Typed settings: key → value type. */
export interface SettingsMap {
	/** Profile the app opens with. */
	activeProfileId: string | null;
	/** Default playback speed for new drills. */
	defaultSpeed: number;
	/** Whether the app already asked the browser for persistent storage. */
	persistenceRequested: boolean;
}
export type SettingKey = keyof SettingsMap;

export interface SettingRecord<K extends SettingKey = SettingKey> {
	key: K;
	value: SettingsMap[K];
}

/** Placeholder for interview sessions; interview mode builds on it. */
export interface InterviewRecord {
	id: string;
	/** Short code the candidate types to join. */
	code: string;
	candidate: string;
	scenarioId: string;
	seed: number;
	/** Time box of the session in wall-clock milliseconds. */
	timeBoxMs: number;
	/** Hash of the interviewer's passphrase (never the passphrase itself). */
	passphraseHash: string;
	/** Interview-mode state, owned by interview mode. */
	state: Record<string, unknown>;
	createdAt: string;
}

/**
 * One trainee event of an in-progress attempt (table `attemptEvents`, schema v3), written the moment the trainee
 * acts, in its own small transaction. Key `[attemptId+seq]`: writing the same `seq` again replaces the row, so a
 * replayed write is harmless. When the attempt ends its events move onto the attempt row and these rows go.
 */
export interface AttemptEventRecord {
	attemptId: string;
	/** Position of the event in the attempt's trainee events, from 0, without gaps. */
	seq: number;
	event: TimedTraineeEvent;
}
