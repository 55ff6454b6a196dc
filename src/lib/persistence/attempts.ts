/**
 * Attempts: one row per drill played. A drill replays from its seed, scenario version and trainee events, so the
 * row stays small while the drill runs; the full event log is only written when it ends.
 *
 * Two tabs on one attempt: the tab that drives a drill holds a lock on the row (`lockOwner` = its tab id,
 * `heartbeatAt` refreshed by every autosave). Another tab that opens the same attempt gets the `viewer` role (the UI
 * shows it read-only with a notice) until the holder releases it or its heartbeat is older than
 * {@link LOCK_STALE_MS} (a crashed or closed tab), or the user explicitly takes over (`force`), after which the old
 * tab's next save fails with `locked` and it turns read-only. Tabs hear about changes through `tab-channel.ts`.
 */
import type { DrillEvent } from '../sim/types';
import type { DrillScorecard } from '../scoring/types';
import { wallDurationMs } from './wall-time';
import { PersistenceError } from './errors';
import type {
	ArtifactScores,
	AttemptArtifacts,
	AttemptMode,
	AttemptRecord,
	AttemptStatus,
	ScenarioLevel
} from './records';
import type { ProgressDb, ProgressTables } from './store';

/** `text` as a canonical ISO-8601 UTC timestamp; throws `invalid` when it is not a time. */
function normaliseTime(text: string, field: string): string {
	const ms = Date.parse(text);
	if (!Number.isFinite(ms)) throw new PersistenceError('invalid', `${field} must be an ISO-8601 time.`);
	return new Date(ms).toISOString();
}

/** A lock whose heartbeat is older than this (wall-clock ms) is considered abandoned and can be taken over. */
export const LOCK_STALE_MS = 15_000;

/** The scenario facts an attempt keeps so progress pages work without loading the scenario. */
export interface AttemptScenario {
	id: string;
	/** Content hash of the scenario file. */
	version: string;
	title: string;
	theme: string;
	skills: string[];
	level: ScenarioLevel;
}

export interface NewAttempt {
	profileId: string;
	scenario: AttemptScenario;
	seed: number;
	mode: AttemptMode;
	/** Wall-clock start (ISO-8601); defaults to the database clock. */
	startedAt?: string;
	/** Playback speed, default 1. */
	speed?: number;
}

/**
 * Creates an in-progress attempt for a local profile, locked by `tabId`.
 * Throws `not-found` for an unknown profile and `invalid` for an imported one or a non-integer seed.
 */
export async function startAttempt(db: ProgressDb, input: NewAttempt, tabId: string): Promise<AttemptRecord> {
	if (!Number.isSafeInteger(input.seed))
		throw new PersistenceError('invalid', 'The seed must be an integer.');
	const now = db.now().toISOString();
	const attempt: AttemptRecord = {
		id: db.newId(),
		profileId: input.profileId,
		scenarioId: input.scenario.id,
		scenarioVersion: input.scenario.version,
		scenarioTitle: input.scenario.title,
		scenarioTheme: input.scenario.theme,
		scenarioSkills: [...input.scenario.skills],
		scenarioLevel: input.scenario.level,
		seed: input.seed,
		mode: input.mode,
		status: 'in-progress',
		startedAt: input.startedAt === undefined ? now : normaliseTime(input.startedAt, 'startedAt'),
		endedAt: null,
		durationMs: null,
		simNow: 0,
		speed: input.speed ?? 1,
		hintsUsed: 0,
		traineeEvents: [],
		artifacts: {},
		artifactScores: { runbook: null, postmortem: null },
		scorecard: null,
		lockOwner: tabId,
		heartbeatAt: now,
		updatedAt: now
	};
	return db.transaction(async (tx) => {
		const profile = await tx.profiles.get(input.profileId);
		if (!profile) throw new PersistenceError('not-found', 'That profile no longer exists.');
		if (profile.imported) {
			throw new PersistenceError(
				'invalid',
				`"${profile.name}" was imported for review; drills cannot be played as it.`
			);
		}
		await tx.attempts.put(attempt);
		return attempt;
	});
}

/** One attempt by id, or undefined. */
export async function getAttempt(db: ProgressDb, id: string): Promise<AttemptRecord | undefined> {
	return db.attempts.get(id);
}

function byStart(a: AttemptRecord, b: AttemptRecord): number {
	return a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id);
}

/** A profile's attempts, oldest first; `status` filters. */
export async function listAttempts(
	db: ProgressDb,
	profileId: string,
	filter: { status?: AttemptStatus } = {}
): Promise<AttemptRecord[]> {
	const rows = await db.attempts.where('profileId', profileId);
	return rows.filter((a) => filter.status === undefined || a.status === filter.status).sort(byStart);
}

/** A profile's attempts of one scenario, oldest first (uses the v2 `[profileId+scenarioId]` index). */
export async function listScenarioAttempts(
	db: ProgressDb,
	profileId: string,
	scenarioId: string
): Promise<AttemptRecord[]> {
	return (await db.attempts.where('[profileId+scenarioId]', [profileId, scenarioId])).sort(byStart);
}

/** Writes complete attempt rows as they are (bulk load, e.g. synthetic attempts for the benchmark). */
export async function putAttempts(db: ProgressDb, attempts: readonly AttemptRecord[]): Promise<void> {
	await db.attempts.bulkPut(attempts);
}

/** Deletes an attempt and its drafts in one transaction. Returns false when it did not exist. */
export async function deleteAttempt(db: ProgressDb, id: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		if (!(await tx.attempts.get(id))) return false;
		await tx.drafts.deleteWhere('attemptId', id);
		await tx.attempts.delete(id);
		return true;
	});
}

// ── Locks ────────────────────────────────────────────────────────────────────────────────────────────────────

/** True when `attempt` is held by a tab whose heartbeat is younger than {@link LOCK_STALE_MS} at `now`. */
export function isLockFresh(attempt: Pick<AttemptRecord, 'lockOwner' | 'heartbeatAt'>, now: Date): boolean {
	if (attempt.lockOwner === null || attempt.heartbeatAt === null) return false;
	const beat = Date.parse(attempt.heartbeatAt);
	return Number.isFinite(beat) && now.getTime() - beat < LOCK_STALE_MS;
}

export type ClaimResult =
	| { role: 'driver'; attempt: AttemptRecord; tookOverFrom: string | null }
	| {
			role: 'viewer';
			attempt: AttemptRecord;
			/** Why this tab may only watch. */
			reason: 'held-by-other-tab' | 'ended';
			heldBy: string | null;
	  };

/**
 * Claims the right to drive an attempt from tab `tabId`. An attempt that has ended is always `viewer`. An
 * in-progress attempt becomes `driver` when it is unlocked, already held by `tabId`, its holder's heartbeat is
 * stale, or `force` is set (the user chose "take over here"); otherwise `viewer`.
 * Keep the tab id in `sessionStorage` so a reload of the same tab reclaims its own lock at once.
 * Throws `not-found` when the attempt does not exist.
 */
export async function claimAttempt(
	db: ProgressDb,
	id: string,
	tabId: string,
	options: { force?: boolean } = {}
): Promise<ClaimResult> {
	const now = db.now();
	return db.transaction(async (tx) => {
		const attempt = await tx.attempts.get(id);
		if (!attempt) throw new PersistenceError('not-found', 'That attempt no longer exists.');
		if (attempt.status !== 'in-progress') {
			return { role: 'viewer', attempt, reason: 'ended', heldBy: null } as const;
		}
		const heldByOther =
			attempt.lockOwner !== null && attempt.lockOwner !== tabId && isLockFresh(attempt, now);
		if (heldByOther && !options.force) {
			return { role: 'viewer', attempt, reason: 'held-by-other-tab', heldBy: attempt.lockOwner } as const;
		}
		const tookOverFrom = attempt.lockOwner !== null && attempt.lockOwner !== tabId ? attempt.lockOwner : null;
		const claimed: AttemptRecord = {
			...attempt,
			lockOwner: tabId,
			heartbeatAt: now.toISOString(),
			updatedAt: now.toISOString()
		};
		await tx.attempts.put(claimed);
		return { role: 'driver', attempt: claimed, tookOverFrom } as const;
	});
}

/** Releases the lock when `tabId` holds it (e.g. on `pagehide`); a no-op otherwise. */
export async function releaseAttempt(db: ProgressDb, id: string, tabId: string): Promise<void> {
	await db.transaction(async (tx) => {
		const attempt = await tx.attempts.get(id);
		if (!attempt || attempt.lockOwner !== tabId) return;
		await tx.attempts.put({ ...attempt, lockOwner: null, heartbeatAt: null });
	});
}

// ── Autosave and end ─────────────────────────────────────────────────────────────────────────────────────────

/** What an autosave may change while the drill runs. */
export type AttemptProgressPatch = Partial<
	Pick<AttemptRecord, 'simNow' | 'speed' | 'hintsUsed' | 'traineeEvents' | 'artifacts'>
>;

export type SaveResult =
	| { ok: true; updatedAt: string }
	| {
			ok: false;
			/** `locked`: another tab holds the attempt now; `ended`: it is no longer in progress. */
			reason: 'not-found' | 'locked' | 'ended';
			heldBy?: string | null;
	  };

async function writeIfHolder(
	tx: ProgressTables,
	id: string,
	tabId: string,
	change: (attempt: AttemptRecord) => AttemptRecord
): Promise<SaveResult & { attempt?: AttemptRecord }> {
	const attempt = await tx.attempts.get(id);
	if (!attempt) return { ok: false, reason: 'not-found' };
	if (attempt.status !== 'in-progress') return { ok: false, reason: 'ended' };
	if (attempt.lockOwner !== tabId) return { ok: false, reason: 'locked', heldBy: attempt.lockOwner };
	const next = change(attempt);
	await tx.attempts.put(next);
	return { ok: true, updatedAt: next.updatedAt, attempt: next };
}

/**
 * Autosave: applies `patch` to an in-progress attempt held by `tabId` and refreshes its heartbeat. One small
 * transaction (a get and a put of the row, without the event log), cheap enough to run every 2 s. Returns
 * `{ ok: false, reason: 'locked' }` when another tab has taken the attempt over: the caller turns read-only.
 */
export async function saveAttemptProgress(
	db: ProgressDb,
	id: string,
	tabId: string,
	patch: AttemptProgressPatch
): Promise<SaveResult> {
	if (patch.simNow !== undefined && !Number.isFinite(patch.simNow)) {
		throw new PersistenceError('invalid', 'simNow must be a finite number of milliseconds.');
	}
	const at = db.now().toISOString();
	const result = await db.transaction((tx) =>
		writeIfHolder(tx, id, tabId, (attempt) => ({ ...attempt, ...patch, heartbeatAt: at, updatedAt: at }))
	);
	return result.ok ? { ok: true, updatedAt: result.updatedAt } : result;
}

export interface AttemptEnd {
	status: 'finished' | 'abandoned';
	/** Wall-clock end (ISO-8601); defaults to the database clock. */
	endedAt?: string;
	simNow?: number;
	traineeEvents?: AttemptRecord['traineeEvents'];
	eventLog?: DrillEvent[];
	artifacts?: AttemptArtifacts;
	artifactScores?: Partial<ArtifactScores>;
	scorecard?: DrillScorecard | null;
}

/**
 * Ends an in-progress attempt held by `tabId`: sets status, `endedAt`, `durationMs`, the final event lists and the
 * scorecard, and releases the lock. Throws `conflict` when another tab holds it or it already ended.
 */
export async function endAttempt(
	db: ProgressDb,
	id: string,
	tabId: string,
	end: AttemptEnd
): Promise<AttemptRecord> {
	const endedAt = end.endedAt === undefined ? db.now().toISOString() : normaliseTime(end.endedAt, 'endedAt');
	const result = await db.transaction((tx) =>
		writeIfHolder(tx, id, tabId, (attempt) => ({
			...attempt,
			status: end.status,
			endedAt,
			durationMs: wallDurationMs(attempt.startedAt, endedAt),
			simNow: end.simNow ?? attempt.simNow,
			traineeEvents: end.traineeEvents ?? attempt.traineeEvents,
			...(end.eventLog ? { eventLog: end.eventLog } : {}),
			artifacts: end.artifacts ?? attempt.artifacts,
			artifactScores: { ...attempt.artifactScores, ...end.artifactScores },
			scorecard: end.scorecard === undefined ? attempt.scorecard : end.scorecard,
			lockOwner: null,
			heartbeatAt: null,
			updatedAt: endedAt
		}))
	);
	if (!result.ok) {
		const why =
			result.reason === 'locked'
				? 'Another tab is driving this drill.'
				: result.reason === 'ended'
					? 'This drill has already ended.'
					: 'That attempt no longer exists.';
		throw new PersistenceError(result.reason === 'not-found' ? 'not-found' : 'conflict', why);
	}
	return result.attempt as AttemptRecord;
}

/**
 * Records a written artifact (runbook or postmortem) and its score on an attempt, in progress or ended (a
 * postmortem is usually written after the drill). `score` is 0–100 or null when not graded yet.
 */
export async function recordArtifact(
	db: ProgressDb,
	id: string,
	kind: 'runbook' | 'postmortem',
	text: string,
	score: number | null
): Promise<AttemptRecord> {
	if (score !== null && !(Number.isFinite(score) && score >= 0 && score <= 100)) {
		throw new PersistenceError('invalid', 'An artifact score is a number from 0 to 100.');
	}
	const at = db.now().toISOString();
	return db.transaction(async (tx) => {
		const attempt = await tx.attempts.get(id);
		if (!attempt) throw new PersistenceError('not-found', 'That attempt no longer exists.');
		const next: AttemptRecord = {
			...attempt,
			artifacts: { ...attempt.artifacts, [kind]: text },
			artifactScores: { ...attempt.artifactScores, [kind]: score },
			updatedAt: at
		};
		await tx.attempts.put(next);
		return next;
	});
}
