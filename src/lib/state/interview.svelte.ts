/**
 * Interview sessions in the browser: creating one (short code, hashed passphrase), finding it by code, changing its
 * state atomically (the candidate's and the interviewer's tabs both write to it), remembering which sessions this
 * tab has unlocked, and assembling the data a report needs (the recorded drill attempt, the scenario, the runbook).
 *
 * Everything goes through the app-wide `progress` state (IndexedDB, or memory when the browser refuses storage), so
 * pages never touch Dexie. Browser only: call from `onMount`, effects or event handlers.
 */
import { getAttempt } from '../persistence/attempts';
import { findInterviewByCode, getInterview, saveInterview } from '../persistence/interviews';
import type { AttemptRecord, InterviewRecord } from '../persistence/records';
import { findScenario } from '../scenarios/catalog';
import { scoreDrill } from '../scoring/drill';
import { scoreRunbook } from '../scoring/runbook';
import type { ScoreReport } from '../scoring/types';
import type { Scenario } from '../sim/scenario/schema';
import { generateCode, normaliseCode, type RandomSource } from '../interview/code';
import { interviewScenario } from '../interview/drill-config';
import { createPassphraseHash, verifyPassphrase, type RandomBytes } from '../interview/passphrase';
import { buildReport } from '../interview/report';
import type { InterviewReport } from '../interview/report-schema';
import { isoTime, newInterviewState, parseInterviewState, type InterviewState } from '../interview/session';
import type { ValidSetup } from '../interview/setup';
import { progress as appProgress, type ProgressState } from './progress.svelte';

/** A stored session with its parsed state. */
export interface LoadedSession {
	record: InterviewRecord;
	state: InterviewState;
}

export interface InterviewDeps {
	progress?: ProgressState;
	/** `[0, 1)` source for session codes (default `Math.random`). */
	random?: RandomSource;
	/** Salt source (default `crypto.getRandomValues`). */
	randomBytes?: RandomBytes;
	/** Wall clock, Unix ms (default `Date.now`). */
	now?: () => number;
	/** PBKDF2 rounds (tests lower it). */
	iterations?: number;
}

/** How many fresh codes to try before giving up (6.2 million codes exist; a clash is rare). */
const CODE_ATTEMPTS = 20;

const browserRandomBytes: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

/**
 * A unique-index violation: IndexedDB and the memory backend throw a `ConstraintError`; Dexie wraps it in an error
 * whose `inner` is the original.
 */
function isConstraintError(error: unknown): boolean {
	const e = error as { name?: string; inner?: { name?: string } } | null;
	return e?.name === 'ConstraintError' || e?.inner?.name === 'ConstraintError';
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The scenario of a session as the catalog has it now, and whether it is still the version the session was set up with. */
export function sessionScenario(
	record: Pick<InterviewRecord, 'scenarioId'>,
	state: InterviewState
): { scenario: Scenario; version: string; sameVersion: boolean } | null {
	const found = findScenario(record.scenarioId);
	if (!found) return null;
	return { ...found, sameVersion: found.version === state.config.scenarioVersion };
}

/**
 * Creates a session from a validated set-up: a unique short code, the passphrase hashed with a fresh salt, and the
 * scenario version recorded so every candidate provably gets the same scenario. Throws when the scenario or the
 * runbook alert does not exist, or no free code was found.
 */
export async function createInterview(setup: ValidSetup, deps: InterviewDeps = {}): Promise<LoadedSession> {
	const progress = deps.progress ?? appProgress;
	const found = findScenario(setup.scenarioId);
	if (!found) throw new Error(`There is no scenario called "${setup.scenarioId}".`);
	let runbook: InterviewState['config']['runbook'] = null;
	if (setup.runbook) {
		const alertName = setup.runbook.alertId.split('/').slice(1).join('/');
		if (!alertName) throw new Error('Choose the alert the runbook is for.');
		runbook = { timeBoxMs: setup.runbook.timeBoxMs, alertId: setup.runbook.alertId, alertName };
	}
	const state = newInterviewState({
		scenarioVersion: found.version,
		scenarioTitle: found.scenario.metadata.title,
		interviewer: setup.interviewer,
		triage: setup.triageTimeBoxMs === null ? null : { timeBoxMs: setup.triageTimeBoxMs },
		runbook
	});
	if (state.config.triage) interviewScenario(found.scenario, state.config.triage.timeBoxMs);
	const passphraseHash = await createPassphraseHash(
		setup.passphrase,
		deps.randomBytes ?? browserRandomBytes,
		deps.iterations
	);
	const db = await progress.open();
	const now = (deps.now ?? Date.now)();
	const random = deps.random ?? Math.random;
	for (let i = 0; i < CODE_ATTEMPTS; i++) {
		const code = generateCode(random);
		if (await findInterviewByCode(db, code)) continue;
		const record: InterviewRecord = {
			id: db.newId(),
			code,
			candidate: setup.candidate,
			scenarioId: setup.scenarioId,
			seed: setup.seed,
			timeBoxMs: (state.config.triage?.timeBoxMs ?? 0) + (state.config.runbook?.timeBoxMs ?? 0),
			passphraseHash,
			state,
			createdAt: isoTime(now)
		};
		try {
			await saveInterview(db, record);
		} catch (error) {
			// Another tab took the same code between the check and the write: try another.
			if (isConstraintError(error)) continue;
			throw error;
		}
		return { record, state };
	}
	throw new Error('No free session code was found. Try again.');
}

function loaded(record: InterviewRecord | undefined): LoadedSession | null {
	if (!record) return null;
	const state = parseInterviewState(record.state);
	return state ? { record, state } : null;
}

/** The session with `code` (typed loosely: `kwt482` works), or null when there is none or it is unreadable. */
export async function findSession(code: string, deps: InterviewDeps = {}): Promise<LoadedSession | null> {
	const normal = normaliseCode(code);
	if (!normal) return null;
	const db = await (deps.progress ?? appProgress).open();
	return loaded(await findInterviewByCode(db, normal));
}

/** Every readable session, newest first. */
export async function listSessions(deps: InterviewDeps = {}): Promise<LoadedSession[]> {
	const db = await (deps.progress ?? appProgress).open();
	const rows = await db.interviews.all();
	return rows
		.map((r) => loaded(r))
		.filter((s): s is LoadedSession => s !== null)
		.sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt));
}

/**
 * Changes a session's state atomically: reads the stored state, applies `change` and writes it back in one
 * transaction, so the candidate's and the interviewer's tabs never overwrite each other's changes. Returns the new
 * state. Throws when the session is gone or its state is unreadable.
 */
export async function updateSession(
	id: string,
	change: (state: InterviewState) => InterviewState,
	deps: InterviewDeps = {}
): Promise<InterviewState> {
	const db = await (deps.progress ?? appProgress).open();
	return db.transaction(async (tx) => {
		const record = await tx.interviews.get(id);
		if (!record) throw new Error('This interview session no longer exists.');
		const state = parseInterviewState(record.state);
		if (!state) throw new Error('This interview session is damaged and cannot be changed.');
		const next = change(state);
		if (next !== state) await tx.interviews.put({ ...record, state: next });
		return next;
	});
}

/** Re-reads a session by id. */
export async function reloadSession(id: string, deps: InterviewDeps = {}): Promise<LoadedSession | null> {
	const db = await (deps.progress ?? appProgress).open();
	return loaded(await getInterview(db, id));
}

/** The drill attempt recorded for a session's simulation, when there is one. */
export async function sessionAttempt(
	state: InterviewState,
	deps: InterviewDeps = {}
): Promise<AttemptRecord | null> {
	const id = state.candidate.triage.attemptId;
	if (!id) return null;
	const db = await (deps.progress ?? appProgress).open();
	return (await getAttempt(db, id)) ?? null;
}

// ── Unlocking ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** `sessionStorage` key of the ids this tab has unlocked. */
export const UNLOCKED_KEY = 'pagerdrill.interview.unlocked';

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

function tabStorage(): KeyValue | null {
	try {
		return typeof sessionStorage === 'undefined' ? null : sessionStorage;
	} catch {
		return null;
	}
}

function unlockedIds(store: KeyValue | null): string[] {
	try {
		const parsed: unknown = JSON.parse(store?.getItem(UNLOCKED_KEY) ?? '[]');
		return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}

/**
 * Whether this tab unlocked the session earlier (kept in `sessionStorage`: it ends with the tab). A convenience so
 * the interviewer is not asked again on every page, not a security boundary.
 */
export function isUnlocked(id: string, store: KeyValue | null = tabStorage()): boolean {
	return unlockedIds(store).includes(id);
}

/** Remembers that this tab may open the session (e.g. right after setting it up with the passphrase). */
export function rememberUnlock(id: string, store: KeyValue | null = tabStorage()): void {
	const ids = unlockedIds(store);
	if (ids.includes(id)) return;
	try {
		store?.setItem(UNLOCKED_KEY, JSON.stringify([...ids, id]));
	} catch {
		// Storage refused: the unlock holds for this page only.
	}
}

/** Checks the passphrase; on success remembers the unlock for this tab. */
export async function unlockSession(
	record: Pick<InterviewRecord, 'id' | 'passphraseHash'>,
	passphrase: string,
	store: KeyValue | null = tabStorage()
): Promise<boolean> {
	const ok = await verifyPassphrase(passphrase, record.passphraseHash);
	if (ok) rememberUnlock(record.id, store);
	return ok;
}

// ── Reports ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** The runbook's report (scored against the session's alert), or null when nothing was written. */
export function runbookReportOf(state: InterviewState): ScoreReport | null {
	const config = state.config.runbook;
	const text = state.candidate.runbook.text;
	if (!config || !text.trim()) return null;
	return scoreRunbook(text, { alertName: config.alertName });
}

/**
 * Builds the report of a session from what is stored now: the attempt's scorecard and event log (scored here when
 * the attempt was not), the runbook scored against its alert, and the interviewer's ratings and notes.
 */
export async function loadReport(session: LoadedSession, deps: InterviewDeps = {}): Promise<InterviewReport> {
	const { record, state } = session;
	const found = sessionScenario(record, state);
	const attempt = await sessionAttempt(state, deps);
	let triage: Parameters<typeof buildReport>[0]['triage'] = null;
	if (state.config.triage && found) {
		const startEpochMs = Date.parse(found.scenario.clock.startsAt);
		const events = attempt?.eventLog ?? null;
		const scorecard =
			attempt?.scorecard ?? (events ? scoreDrill({ scenario: found.scenario, events, startEpochMs }) : null);
		triage = { scorecard, events, startEpochMs };
	}
	return buildReport({
		session: {
			code: record.code,
			candidate: record.candidate,
			createdAt: record.createdAt,
			scenarioId: record.scenarioId,
			seed: record.seed
		},
		state,
		scenario: found?.scenario ?? null,
		triage,
		runbook: state.candidate.runbook.endedAt ? runbookReportOf(state) : null,
		generatedAt: isoTime((deps.now ?? Date.now)())
	});
}

// ── A session on a page ──────────────────────────────────────────────────────────────────────────────────────────

export type SessionStatus = 'loading' | 'missing' | 'ready' | 'error';

/**
 * One session as a page holds it: loaded by code, re-read on demand, changed atomically, and (for the interviewer's
 * pages) unlocked with the passphrase.
 */
export class SessionHandle {
	status = $state.raw<SessionStatus>('loading');
	error = $state.raw<string | null>(null);
	session = $state.raw<LoadedSession | null>(null);
	/** This tab has unlocked the session (interviewer pages). */
	unlocked = $state.raw(false);

	readonly #deps: InterviewDeps;
	readonly #store: KeyValue | null;

	constructor(deps: InterviewDeps = {}, store: KeyValue | null = tabStorage()) {
		this.#deps = deps;
		this.#store = store;
	}

	/** Loads the session with `code` (null or malformed → `missing`). */
	async load(code: string | null): Promise<void> {
		this.status = 'loading';
		try {
			const found = code ? await findSession(code, this.#deps) : null;
			this.session = found;
			this.unlocked = found ? isUnlocked(found.record.id, this.#store) : false;
			this.status = found ? 'ready' : 'missing';
		} catch (error) {
			this.error = `The interview could not be loaded: ${describe(error)}`;
			this.status = 'error';
		}
	}

	/** Re-reads the session from storage (another tab may have changed it). */
	async refresh(): Promise<void> {
		const id = this.session?.record.id;
		if (!id) return;
		const fresh = await reloadSession(id, this.#deps);
		// Pages re-read every few seconds: keep the same object when nothing changed, so nothing re-renders.
		if (fresh && JSON.stringify(fresh.record) !== JSON.stringify(this.session?.record)) this.session = fresh;
	}

	/** Applies a state change atomically and keeps the result. */
	async update(change: (state: InterviewState) => InterviewState): Promise<InterviewState | null> {
		const current = this.session;
		if (!current) return null;
		const state = await updateSession(current.record.id, change, this.#deps);
		this.session = { record: { ...current.record, state }, state };
		return state;
	}

	/** Checks the passphrase; true when it unlocked the session. */
	async unlock(passphrase: string): Promise<boolean> {
		const current = this.session;
		if (!current) return false;
		this.unlocked = await unlockSession(current.record, passphrase, this.#store);
		return this.unlocked;
	}
}
