/**
 * The storage interface every repository is written against. Two backends implement it:
 * - `db.ts`: IndexedDB through Dexie (the real one, versioned schema);
 * - `memory-db.ts`: a Map-based store used when IndexedDB is unavailable (private windows of some browsers,
 *   storage disabled by policy), so the app keeps working for the session and can still export a file.
 *
 * Decision: repositories take a {@link ProgressDb} (not a Dexie instance), so profiles, attempts, import, locks and
 * cascades are written once and tested on both backends. Dexie (and fake-indexeddb) never reach the memory path.
 *
 * Transactions: `db.transaction(tx => …)` runs `fn` atomically over all tables: if it throws, nothing it wrote is
 * kept. Inside `fn`, await only operations on `tx` (IndexedDB commits a transaction as soon as it has nothing
 * pending, so awaiting `fetch` or `crypto.subtle` there would end it early); never call `db.transaction` again.
 */
import type {
	AttemptEventRecord,
	AttemptRecord,
	AttemptStatus,
	DraftKind,
	DraftRecord,
	InterviewRecord,
	PlanRecord,
	ProfileRecord,
	SettingRecord
} from './records';

/** A valid IndexedDB key as used here. */
export type StoreKey = string | number | readonly (string | number)[];

/**
 * One table. `I` maps each secondary index name to the value type it is queried with (compound indexes such as
 * `[profileId+scenarioId]` take a tuple).
 */
export interface TableStore<T, K extends StoreKey, I extends object = Record<never, never>> {
	get(key: K): Promise<T | undefined>;
	/** Rows for the keys, `undefined` where missing, in the order of `keys`. */
	bulkGet(keys: readonly K[]): Promise<(T | undefined)[]>;
	/** Inserts or replaces the row (by its primary key). */
	put(row: T): Promise<void>;
	bulkPut(rows: readonly T[]): Promise<void>;
	delete(key: K): Promise<void>;
	/** Rows whose index equals `value`, in primary-key order. */
	where<N extends keyof I & string>(index: N, value: I[N]): Promise<T[]>;
	/** Deletes the rows whose index equals `value`; returns how many were deleted. */
	deleteWhere<N extends keyof I & string>(index: N, value: I[N]): Promise<number>;
	/** All rows in primary-key order. */
	all(): Promise<T[]>;
	count(): Promise<number>;
	clear(): Promise<void>;
}

export interface AttemptIndexes {
	profileId: string;
	scenarioId: string;
	status: AttemptStatus;
	'[profileId+scenarioId]': [string, string];
}
export interface DraftIndexes {
	attemptId: string;
	profileId: string;
}
export interface AttemptEventIndexes {
	attemptId: string;
}
export interface InterviewIndexes {
	code: string;
	scenarioId: string;
}

export interface ProgressTables {
	profiles: TableStore<ProfileRecord, string>;
	attempts: TableStore<AttemptRecord, string, AttemptIndexes>;
	plans: TableStore<PlanRecord, string>;
	drafts: TableStore<DraftRecord, [string, DraftKind], DraftIndexes>;
	settings: TableStore<SettingRecord, string>;
	interviews: TableStore<InterviewRecord, string, InterviewIndexes>;
	/** Trainee events of in-progress attempts, one row each (schema v3). */
	attemptEvents: TableStore<AttemptEventRecord, [string, number], AttemptEventIndexes>;
}

export type TableName = keyof ProgressTables;

/** Primary key path of each table (Dexie notation). Both backends and the Dexie schema agree on these. */
export const PRIMARY_KEYS: Record<TableName, string> = {
	profiles: 'id',
	attempts: 'id',
	plans: 'profileId',
	drafts: '[attemptId+kind]',
	settings: 'key',
	interviews: 'id',
	attemptEvents: '[attemptId+seq]'
};

export const TABLE_NAMES = Object.keys(PRIMARY_KEYS) as TableName[];

/** Unique secondary indexes (`&` in the Dexie schema); the memory backend enforces them too. */
export const UNIQUE_INDEXES: Partial<Record<TableName, string[]>> = {
	interviews: ['code']
};

export type StorageBackend = 'indexeddb' | 'memory';

export interface ProgressDb extends ProgressTables {
	readonly backend: StorageBackend;
	/** Database name (IndexedDB) or a label (memory). */
	readonly name: string;
	/** Injected wall clock. */
	now(): Date;
	/** Injected id generator (random UUIDs by default). */
	newId(): string;
	/**
	 * Writes trainee event rows in one small transaction of the `attemptEvents` table that is sent to the browser
	 * before this call returns and committed at once, without reading anything first: the write most likely to land
	 * when the page is reloaded, closed or killed right after the trainee acted. Resolves when it committed.
	 *
	 * With `owner`, the same transaction also reads the attempt and rolls the write back, rejecting with a
	 * `PersistenceError` `conflict`, unless it is in progress and held by `owner.tabId` (for tabs without Web
	 * Locks, where nothing else stops a tab that was taken over from writing). The commit then waits for that read.
	 */
	writeEventsNow(
		rows: readonly AttemptEventRecord[],
		owner?: { attemptId: string; tabId: string }
	): Promise<void>;
	/** Runs `fn` atomically over all tables (see the module comment for the rules inside `fn`). */
	transaction<R>(fn: (tx: ProgressTables) => Promise<R>): Promise<R>;
	close(): void;
}

/** Clock and id generator for a database; defaults are the real clock and `crypto.randomUUID`. */
export interface DbEnv {
	now?: () => Date;
	newId?: () => string;
}

/** Fills the defaults of a {@link DbEnv}. */
export function resolveEnv(env: DbEnv = {}): Required<DbEnv> {
	return {
		now: env.now ?? (() => new Date()),
		newId: env.newId ?? (() => crypto.randomUUID())
	};
}

/** The value a row has for an index or key path in Dexie notation (`id`, `[a+b]`). */
export function keyPathValue(row: object, path: string): StoreKey | undefined {
	const record = row as Record<string, unknown>;
	if (path.startsWith('[') && path.endsWith(']')) {
		const parts = path.slice(1, -1).split('+');
		const values = parts.map((p) => record[p]);
		return values.every(isScalarKey) ? (values as (string | number)[]) : undefined;
	}
	const value = record[path];
	return isScalarKey(value) ? value : undefined;
}

function isScalarKey(value: unknown): value is string | number {
	return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));
}

/**
 * Orders keys the way IndexedDB does for the key types used here: numbers < strings < arrays; strings by UTF-16
 * code units; arrays element by element.
 */
export function compareKeys(a: StoreKey, b: StoreKey): number {
	const rank = (k: StoreKey) => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
	const ra = rank(a);
	const rb = rank(b);
	if (ra !== rb) return ra - rb;
	if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
	if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
	const aa = a as readonly (string | number)[];
	const bb = b as readonly (string | number)[];
	for (let i = 0; i < Math.min(aa.length, bb.length); i++) {
		const c = compareKeys(aa[i], bb[i]);
		if (c !== 0) return c;
	}
	return aa.length - bb.length;
}

/** Every table's rows in primary-key order: what a test compares before and after an operation. */
export type DatabaseDump = { [N in TableName]: Awaited<ReturnType<ProgressTables[N]['all']>> };

/** Reads every table in one transaction (a consistent snapshot). */
export async function dumpDatabase(db: ProgressDb): Promise<DatabaseDump> {
	return db.transaction(async (tx) => ({
		profiles: await tx.profiles.all(),
		attempts: await tx.attempts.all(),
		plans: await tx.plans.all(),
		drafts: await tx.drafts.all(),
		settings: await tx.settings.all(),
		interviews: await tx.interviews.all(),
		attemptEvents: await tx.attemptEvents.all()
	}));
}
