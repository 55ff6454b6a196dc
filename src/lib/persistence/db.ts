/**
 * The one Dexie (IndexedDB) database module of Pagerdrill.
 *
 * Schema versioning rule: NEVER EDIT A RELEASED VERSION. A version's `stores()` string and its `upgrade()` are
 * frozen once a build that contains them has shipped, because browsers out there hold databases at that version.
 * To change the schema, append `version(n + 1)` with the new `stores()` (only the tables that change) and an
 * `upgrade()` that rewrites existing rows into the new shape; add a spec that opens a database at the previous
 * version with data in it and checks the upgrade. Released versions:
 * - v1: profiles, attempts, plans, drafts, settings, interviews.
 * - v2: index `[profileId+scenarioId]` on attempts; backfills `attempts.durationMs` and the profile import flags.
 * - v3: table `attemptEvents` (`[attemptId+seq]`, index `attemptId`): the trainee events of in-progress attempts,
 *   one row each, written as they happen; moves the event arrays of in-progress attempts into it.
 *
 * Downgrades: Dexie 4 still opens a database that a newer build left at a higher version, working with the stores
 * it finds; rows may then carry fields this build does not know, and repositories keep them (rows are spread, never
 * rebuilt field by field).
 *
 * The rest of the app talks to {@link ProgressDb}; this module adapts Dexie to it.
 */
import { Dexie, type Table } from 'dexie';
import type {
	AttemptEventRecord,
	AttemptRecord,
	DraftKind,
	DraftRecord,
	InterviewRecord,
	PlanRecord,
	ProfileRecord,
	SettingRecord
} from './records';
import {
	resolveEnv,
	type DbEnv,
	type ProgressDb,
	type ProgressTables,
	type StoreKey,
	type TableName,
	type TableStore
} from './store';
import { PersistenceError } from './errors';
import { wallDurationMs } from './wall-time';

/** Default IndexedDB database name. */
export const DB_NAME = 'pagerdrill';

/** Released schema v1 (frozen). */
export const SCHEMA_V1 = {
	profiles: 'id, name, createdAt',
	attempts: 'id, profileId, scenarioId, status, startedAt',
	plans: 'profileId',
	drafts: '[attemptId+kind], attemptId, profileId',
	settings: 'key',
	interviews: 'id, &code, scenarioId'
} as const satisfies Record<Exclude<TableName, 'attemptEvents'>, string>;

/** Schema v2 changes (frozen once released): adds the `[profileId+scenarioId]` index on attempts. */
export const SCHEMA_V2 = {
	attempts: 'id, profileId, scenarioId, status, startedAt, [profileId+scenarioId]'
} as const;

/**
 * Schema v3 changes (frozen once released): the `attemptEvents` table, one row per trainee event of an in-progress
 * attempt, keyed `[attemptId+seq]` and indexed by `attemptId`.
 */
export const SCHEMA_V3 = {
	attemptEvents: '[attemptId+seq], attemptId'
} as const;

/** Latest schema version number. */
export const SCHEMA_VERSION = 3;

/** A profile row as schema v1 stored it (no import flags). */
export type ProfileRecordV1 = Omit<ProfileRecord, 'imported' | 'sourceFileName' | 'importedAt'>;
/** An attempt row as schema v1 stored it (no `durationMs`). */
export type AttemptRecordV1 = Omit<AttemptRecord, 'durationMs'>;

/**
 * v1 → v2 attempt upgrade: backfills `durationMs`, the wall-clock milliseconds between `startedAt` and `endedAt`
 * (null while in progress or when a timestamp does not parse). Idempotent: a row that has the field keeps it.
 */
export function upgradeAttemptToV2(row: AttemptRecordV1 & Partial<AttemptRecord>): AttemptRecord {
	return { ...row, durationMs: row.durationMs ?? wallDurationMs(row.startedAt, row.endedAt) };
}

/**
 * v1 → v2 profile upgrade: every profile that existed before v2 was created locally, so it is not imported.
 * Idempotent.
 */
export function upgradeProfileToV2(row: ProfileRecordV1 & Partial<ProfileRecord>): ProfileRecord {
	return {
		...row,
		imported: row.imported ?? false,
		sourceFileName: row.sourceFileName ?? null,
		importedAt: row.importedAt ?? null
	};
}

/**
 * v2 → v3 attempt upgrade: an in-progress attempt's stored event array becomes one `attemptEvents` row per event
 * (in order, `seq` from 0) and the row keeps an empty array, so the table is the only copy while it runs. Ended
 * attempts keep their events on the row. Returns the rewritten row and the event rows to add.
 */
export function upgradeAttemptToV3(row: AttemptRecord): {
	attempt: AttemptRecord;
	events: AttemptEventRecord[];
} {
	if (row.status !== 'in-progress' || row.traineeEvents.length === 0) return { attempt: row, events: [] };
	return {
		attempt: { ...row, traineeEvents: [] },
		events: row.traineeEvents.map((event, seq) => ({ attemptId: row.id, seq, event }))
	};
}

/** The Dexie database with every released version declared. */
export class PagerdrillDexie extends Dexie {
	profiles!: Table<ProfileRecord, string>;
	attempts!: Table<AttemptRecord, string>;
	plans!: Table<PlanRecord, string>;
	drafts!: Table<DraftRecord, [string, DraftKind]>;
	settings!: Table<SettingRecord, string>;
	interviews!: Table<InterviewRecord, string>;
	attemptEvents!: Table<AttemptEventRecord, [string, number]>;

	constructor(name: string, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
		super(name, {
			autoOpen: false,
			...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
			...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {})
		});
		this.version(1).stores(SCHEMA_V1);
		this.version(2)
			.stores(SCHEMA_V2)
			.upgrade(async (tx) => {
				await tx
					.table<AttemptRecordV1 & Partial<AttemptRecord>>('attempts')
					.toCollection()
					.modify((row) => {
						Object.assign(row, upgradeAttemptToV2(row));
					});
				await tx
					.table<ProfileRecordV1 & Partial<ProfileRecord>>('profiles')
					.toCollection()
					.modify((row) => {
						Object.assign(row, upgradeProfileToV2(row));
					});
			});
		this.version(3)
			.stores(SCHEMA_V3)
			.upgrade(async (tx) => {
				const moved: AttemptEventRecord[] = [];
				await tx
					.table<AttemptRecord>('attempts')
					.where('status')
					.equals('in-progress')
					.modify((row) => {
						const { attempt, events } = upgradeAttemptToV3(row);
						moved.push(...events);
						row.traineeEvents = attempt.traineeEvents;
					});
				if (moved.length > 0) await tx.table<AttemptEventRecord>('attemptEvents').bulkPut(moved);
			});
	}
}

/**
 * Adapts a Dexie table. Methods hand back Dexie's own promises (no `async` wrappers): every extra native promise
 * hop between two requests of a transaction is a chance for IndexedDB to commit it early (`PrematureCommitError`).
 */
class DexieTableStore<T, K extends StoreKey, I extends object> implements TableStore<T, K, I> {
	constructor(private readonly table: Table<T, K>) {}

	get(key: K): Promise<T | undefined> {
		return this.table.get(key);
	}
	bulkGet(keys: readonly K[]): Promise<(T | undefined)[]> {
		return this.table.bulkGet([...keys]);
	}
	put(row: T): Promise<void> {
		return this.table.put(row).then(() => undefined);
	}
	bulkPut(rows: readonly T[]): Promise<void> {
		return rows.length > 0 ? this.table.bulkPut([...rows]).then(() => undefined) : Dexie.Promise.resolve();
	}
	delete(key: K): Promise<void> {
		return this.table.delete(key);
	}
	where<N extends keyof I & string>(index: N, value: I[N]): Promise<T[]> {
		return this.table
			.where(index)
			.equals(value as never)
			.toArray();
	}
	deleteWhere<N extends keyof I & string>(index: N, value: I[N]): Promise<number> {
		return this.table
			.where(index)
			.equals(value as never)
			.delete();
	}
	all(): Promise<T[]> {
		return this.table.toArray();
	}
	count(): Promise<number> {
		return this.table.count();
	}
	clear(): Promise<void> {
		return this.table.clear();
	}
}

/**
 * The write-through path of {@link ProgressDb.writeEventsNow}: a raw IndexedDB transaction (no read, no Dexie
 * promise chain in between) whose puts are queued and whose commit is requested before this function returns.
 */
function writeEventsNow(
	dexie: PagerdrillDexie,
	rows: readonly AttemptEventRecord[],
	owner?: { attemptId: string; tabId: string }
): Promise<void> {
	if (rows.length === 0) return Promise.resolve();
	let idb: IDBDatabase;
	try {
		idb = dexie.backendDB();
	} catch {
		return dexie.attemptEvents.bulkPut([...rows]).then(() => undefined);
	}
	return new Promise<void>((resolve, reject) => {
		let tx: IDBTransaction;
		let refused = false;
		try {
			tx = idb.transaction(owner ? ['attemptEvents', 'attempts'] : 'attemptEvents', 'readwrite', {
				durability: 'relaxed'
			});
			const store = tx.objectStore('attemptEvents');
			for (const row of rows) store.put(row);
			if (owner) {
				const read = tx.objectStore('attempts').get(owner.attemptId);
				read.onsuccess = () => {
					const attempt = read.result as AttemptRecord | undefined;
					if (attempt?.status === 'in-progress' && attempt.lockOwner === owner.tabId) return;
					refused = true;
					tx.abort();
				};
			}
		} catch (error) {
			reject(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error ?? new Error('The trainee event could not be written.'));
		tx.onabort = () =>
			reject(
				refused
					? new PersistenceError('conflict', 'Another tab is driving this drill, or it has ended.')
					: (tx.error ?? new Error('Writing the trainee event was aborted.'))
			);
		// Without an ownership read, ask for the commit now rather than when the task ends.
		if (!owner && typeof tx.commit === 'function') tx.commit();
	});
}

export interface OpenIndexedDbOptions {
	/** Database name (default {@link DB_NAME}); tests use unique names. */
	name?: string;
	env?: DbEnv;
	/** IndexedDB factory to use instead of the global one. */
	indexedDB?: IDBFactory;
	IDBKeyRange?: typeof IDBKeyRange;
	/**
	 * Called when another tab opens a newer schema version. Dexie then closes this connection so the other tab's
	 * upgrade can run; the app should tell the user to reload.
	 */
	onVersionChange?: () => void;
}

/**
 * Opens (creating or upgrading as needed) the IndexedDB database and adapts it to {@link ProgressDb}.
 * Rejects when IndexedDB refuses (e.g. a newer schema version is on disk, or storage is blocked).
 */
export async function openIndexedDb(options: OpenIndexedDbOptions = {}): Promise<ProgressDb> {
	const name = options.name ?? DB_NAME;
	const dexie = new PagerdrillDexie(name, { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange });
	if (options.onVersionChange) {
		const notify = options.onVersionChange;
		dexie.on('versionchange', () => {
			notify();
		});
	}
	await dexie.open();
	const env = resolveEnv(options.env);
	const tables: ProgressTables = {
		profiles: new DexieTableStore(dexie.profiles),
		attempts: new DexieTableStore(dexie.attempts),
		plans: new DexieTableStore(dexie.plans),
		drafts: new DexieTableStore(dexie.drafts),
		settings: new DexieTableStore(dexie.settings),
		interviews: new DexieTableStore(dexie.interviews),
		attemptEvents: new DexieTableStore(dexie.attemptEvents)
	};
	return {
		...tables,
		backend: 'indexeddb',
		name,
		now: env.now,
		newId: env.newId,
		writeEventsNow: (rows, owner) => writeEventsNow(dexie, rows, owner),
		transaction: <R>(fn: (tx: ProgressTables) => Promise<R>): Promise<R> =>
			// Dexie binds the table objects to the running transaction through its zone, so `tx` is `tables`.
			dexie.transaction('rw', dexie.tables, () => fn(tables)),
		close: () => dexie.close()
	};
}
