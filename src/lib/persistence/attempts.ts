/**
 * Attempts: one row per drill played. A drill replays from its seed, scenario version and trainee events, so the
 * row stays small while the drill runs.
 *
 * Trainee events are written through: each one is written to the `attemptEvents` table the moment the trainee
 * acts ({@link appendAttemptEvents}: one small append-only transaction, keyed `[attemptId+seq]`, so writing the
 * same event again is harmless). The autosave ({@link saveAttemptProgress}) only writes the rest (sim time, speed,
 * hints) and can never overwrite events. When the attempt ends, {@link endAttempt} moves its events onto the row
 * with the event log and the scorecard, in one transaction. Readers ({@link getAttempt}, {@link listAttempts},
 * {@link claimAttempt}) return rows with `traineeEvents` filled in either way.
 *
 * Two tabs on one attempt: the tab that drives a drill holds the attempt (`lockOwner` = its tab id,
 * `heartbeatAt` refreshed by every autosave). Which tab may claim it is decided first by the browser's Web Locks
 * (`tab-lock.ts`): a tab that obtained the attempt's lock claims with `force`, since any earlier holder is gone.
 * Without Web Locks, another tab that opens the same attempt gets the `viewer` role until the holder releases it or
 * its heartbeat is older than {@link LOCK_STALE_MS} (a crashed or closed tab). After a takeover the old tab's next
 * save fails with `locked` and it turns read-only. Tabs hear about changes through `tab-channel.ts`.
 */
import type { DrillEvent, TimedTraineeEvent } from '../sim/types';
import type { DrillScorecard } from '../scoring/types';
import { wallDurationMs } from './wall-time';
import { PersistenceError } from './errors';
import type {
	AttemptEventRecord,
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

/** Stored trainee event rows in `seq` order. */
function bySeq(rows: AttemptEventRecord[]): AttemptEventRecord[] {
	return rows.sort((a, b) => a.seq - b.seq);
}

/**
 * `attempt` with its trainee events `rows`: for an in-progress attempt the rows of `attemptEvents` (the row's own
 * array when there are none, as written before schema v3 or by an older build); an ended attempt's row has them
 * already. Its `simNow` is at least the time of the last event, which may be newer than the last autosave.
 */
function joinEvents(attempt: AttemptRecord, rows: AttemptEventRecord[] | null): AttemptRecord {
	if (attempt.status !== 'in-progress' || !rows || rows.length === 0) return attempt;
	const traineeEvents = bySeq(rows).map((r) => r.event);
	const lastAt = traineeEvents[traineeEvents.length - 1].at;
	return { ...attempt, traineeEvents, simNow: Math.max(attempt.simNow, lastAt) };
}

/** {@link joinEvents} for one attempt read in `tx`. */
function withEvents(tx: ProgressTables, attempt: AttemptRecord): Promise<AttemptRecord> {
	return tx.attemptEvents.where('attemptId', attempt.id).then((rows) => joinEvents(attempt, rows));
}

/**
 * Fills in the trainee events of the in-progress attempts among `attempts` (see the module comment). Use it
 * inside a transaction that read the rows directly from `tx.attempts` (e.g. an export). Every read is issued at
 * once, so the transaction never sits idle in between.
 */
export async function withStoredEvents(
	tx: ProgressTables,
	attempts: readonly AttemptRecord[]
): Promise<AttemptRecord[]> {
	const reads = attempts.map((a) =>
		a.status === 'in-progress' ? tx.attemptEvents.where('attemptId', a.id) : null
	);
	if (reads.every((r) => r === null)) return [...attempts];
	const rows = await Promise.all(reads);
	return attempts.map((a, i) => joinEvents(a, rows[i]));
}

/**
 * Writes complete attempt rows inside transaction `tx`: an in-progress attempt's events go to `attemptEvents`
 * (replacing what was stored for it) and its row keeps an empty array; an ended attempt is written as it is.
 */
export async function storeAttempts(tx: ProgressTables, attempts: readonly AttemptRecord[]): Promise<void> {
	const open = attempts.filter((a) => a.status === 'in-progress');
	if (open.length === 0) {
		await tx.attempts.bulkPut(attempts);
		return;
	}
	await Promise.all(open.map((a) => tx.attemptEvents.deleteWhere('attemptId', a.id)));
	const events = open.flatMap((a) => a.traineeEvents.map((event, seq) => ({ attemptId: a.id, seq, event })));
	await Promise.all([
		tx.attempts.bulkPut(attempts.map((a) => (a.status === 'in-progress' ? { ...a, traineeEvents: [] } : a))),
		tx.attemptEvents.bulkPut(events)
	]);
}

/** One attempt by id (with its trainee events), or undefined. */
export async function getAttempt(db: ProgressDb, id: string): Promise<AttemptRecord | undefined> {
	return db.transaction(async (tx) => {
		const attempt = await tx.attempts.get(id);
		return attempt && withEvents(tx, attempt);
	});
}

/**
 * Writes trainee events of in-progress attempt `attemptId` the moment they happen: `events[i]` gets `seq`
 * `firstSeq + i` (its position in the attempt's events). One small blind transaction, sent before this returns
 * (see {@link ProgressDb.writeEventsNow}); writing a `seq` again replaces that row, so a replay is idempotent.
 * Only the tab that drives the attempt calls this. A tab that holds the attempt's Web Lock knows it is the only
 * writer; one without Web Locks passes `tabId`, and the write is refused (`conflict`, nothing written) unless the
 * attempt is still in progress and held by that tab.
 */
export async function appendAttemptEvents(
	db: ProgressDb,
	attemptId: string,
	firstSeq: number,
	events: readonly TimedTraineeEvent[],
	options: { tabId?: string } = {}
): Promise<void> {
	if (!Number.isSafeInteger(firstSeq) || firstSeq < 0) {
		throw new PersistenceError('invalid', 'An event position (seq) is a whole number from 0.');
	}
	const rows = events.map((event, i) => ({ attemptId, seq: firstSeq + i, event }));
	await db.writeEventsNow(
		rows,
		options.tabId === undefined ? undefined : { attemptId, tabId: options.tabId }
	);
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
	return db.transaction(async (tx) => {
		const rows = await tx.attempts.where('profileId', profileId);
		const kept = rows.filter((a) => filter.status === undefined || a.status === filter.status).sort(byStart);
		return withStoredEvents(tx, kept);
	});
}

/** A profile's attempts of one scenario, oldest first (uses the v2 `[profileId+scenarioId]` index). */
export async function listScenarioAttempts(
	db: ProgressDb,
	profileId: string,
	scenarioId: string
): Promise<AttemptRecord[]> {
	return db.transaction(async (tx) =>
		withStoredEvents(
			tx,
			(await tx.attempts.where('[profileId+scenarioId]', [profileId, scenarioId])).sort(byStart)
		)
	);
}

/** Writes complete attempt rows (bulk load, e.g. synthetic attempts for the benchmark; see {@link storeAttempts}). */
export async function putAttempts(db: ProgressDb, attempts: readonly AttemptRecord[]): Promise<void> {
	await db.transaction((tx) => storeAttempts(tx, attempts));
}

/** Deletes an attempt, its drafts and its stored trainee events in one transaction. False when it did not exist. */
export async function deleteAttempt(db: ProgressDb, id: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		if (!(await tx.attempts.get(id))) return false;
		await tx.drafts.deleteWhere('attemptId', id);
		await tx.attemptEvents.deleteWhere('attemptId', id);
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
		const row = await tx.attempts.get(id);
		if (!row) throw new PersistenceError('not-found', 'That attempt no longer exists.');
		if (row.status !== 'in-progress') {
			return { role: 'viewer', attempt: row, reason: 'ended', heldBy: null } as const;
		}
		const attempt = await withEvents(tx, row);
		const heldByOther =
			attempt.lockOwner !== null && attempt.lockOwner !== tabId && isLockFresh(attempt, now);
		if (heldByOther && !options.force) {
			return { role: 'viewer', attempt, reason: 'held-by-other-tab', heldBy: attempt.lockOwner } as const;
		}
		const tookOverFrom = attempt.lockOwner !== null && attempt.lockOwner !== tabId ? attempt.lockOwner : null;
		const claimed: AttemptRecord = {
			...row,
			lockOwner: tabId,
			heartbeatAt: now.toISOString(),
			updatedAt: now.toISOString()
		};
		await tx.attempts.put(claimed);
		return {
			role: 'driver',
			attempt: { ...claimed, traineeEvents: attempt.traineeEvents, simNow: attempt.simNow },
			tookOverFrom
		} as const;
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

/** What an autosave may change while the drill runs (never the trainee events: see the module comment). */
export type AttemptProgressPatch = Partial<
	Pick<AttemptRecord, 'simNow' | 'speed' | 'hintsUsed' | 'artifacts'>
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
	const { simNow, speed, hintsUsed, artifacts } = patch;
	const fields = Object.fromEntries(
		Object.entries({ simNow, speed, hintsUsed, artifacts }).filter(([, v]) => v !== undefined)
	);
	const result = await db.transaction((tx) =>
		writeIfHolder(tx, id, tabId, (attempt) => ({
			...attempt,
			...fields,
			// Sim time never goes back: an event written after this snapshot was taken may already be newer.
			simNow: Math.max(attempt.simNow, simNow ?? attempt.simNow),
			heartbeatAt: at,
			updatedAt: at
		}))
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
 * Ends an in-progress attempt held by `tabId`: sets status, `endedAt`, `durationMs`, the final event lists (the
 * trainee events move from `attemptEvents` onto the row; `end.traineeEvents` wins when given) and the scorecard,
 * and releases the lock, all in one transaction. Throws `conflict` when another tab holds it or it already ended.
 */
export async function endAttempt(
	db: ProgressDb,
	id: string,
	tabId: string,
	end: AttemptEnd
): Promise<AttemptRecord> {
	const endedAt = end.endedAt === undefined ? db.now().toISOString() : normaliseTime(end.endedAt, 'endedAt');
	const result = await db.transaction(async (tx) => {
		const stored = bySeq(await tx.attemptEvents.where('attemptId', id));
		const written = await writeIfHolder(tx, id, tabId, (attempt) => ({
			...attempt,
			status: end.status,
			endedAt,
			durationMs: wallDurationMs(attempt.startedAt, endedAt),
			simNow: end.simNow ?? attempt.simNow,
			traineeEvents:
				end.traineeEvents ?? (stored.length > 0 ? stored.map((r) => r.event) : attempt.traineeEvents),
			...(end.eventLog ? { eventLog: end.eventLog } : {}),
			artifacts: end.artifacts ?? attempt.artifacts,
			artifactScores: { ...attempt.artifactScores, ...end.artifactScores },
			scorecard: end.scorecard === undefined ? attempt.scorecard : end.scorecard,
			lockOwner: null,
			heartbeatAt: null,
			updatedAt: endedAt
		}));
		if (written.ok) await tx.attemptEvents.deleteWhere('attemptId', id);
		return written;
	});
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
