/**
 * In-memory {@link ProgressDb}: the fallback when IndexedDB is unavailable, so drills, scoring and export keep
 * working for the session (nothing survives a reload — the UI says so and offers export).
 *
 * Semantics match the IndexedDB backend where repositories can notice: rows are structured-cloned on the way in
 * and out (mutating a returned row changes nothing stored), `all()`/`where()` return primary-key order, and
 * transactions are all-or-nothing and serialised (each runs on a copy of the tables that replaces the committed
 * state only when `fn` resolves). Single operations outside a transaction run as their own small transaction.
 */
import {
	PRIMARY_KEYS,
	TABLE_NAMES,
	UNIQUE_INDEXES,
	compareKeys,
	keyPathValue,
	resolveEnv,
	type DbEnv,
	type ProgressDb,
	type ProgressTables,
	type StoreKey,
	type TableName,
	type TableStore
} from './store';
import { PersistenceError } from './errors';
import type { AttemptRecord } from './records';

type Rows = Map<string, unknown>;
type State = Record<TableName, Rows>;

/** Map key of a store key (arrays and scalars are distinct because scalars never serialise to `[`). */
function mapKey(key: StoreKey): string {
	return JSON.stringify(key);
}

function keysEqual(a: StoreKey | undefined, b: StoreKey): boolean {
	return a !== undefined && compareKeys(a, b) === 0;
}

class MemoryTable<T, K extends StoreKey, I extends object> implements TableStore<T, K, I> {
	constructor(
		private readonly rows: () => Rows,
		private readonly primaryKey: string,
		private readonly tableName: string,
		private readonly unique: readonly string[] = []
	) {}

	/** Throws a `ConstraintError` (as IndexedDB does) when `row` repeats a unique index value of another row. */
	private checkUnique(row: T, key: string): void {
		for (const index of this.unique) {
			const value = keyPathValue(row as object, index);
			if (value === undefined) continue;
			for (const [otherKey, other] of this.rows()) {
				if (otherKey !== key && keysEqual(keyPathValue(other as object, index), value)) {
					const error = new Error(`${this.tableName}: another row already has this ${index}`);
					error.name = 'ConstraintError';
					throw error;
				}
			}
		}
	}

	private keyOf(row: T): StoreKey {
		const key = keyPathValue(row as object, this.primaryKey);
		if (key === undefined) {
			throw new Error(`${this.tableName}: row has no valid primary key "${this.primaryKey}"`);
		}
		return key;
	}

	/** Rows (optionally filtered) in primary-key order, cloned. */
	private ordered(keep: (row: T) => boolean = () => true): T[] {
		const entries = [...this.rows().values()] as T[];
		return entries
			.filter(keep)
			.map((row) => ({ row, key: this.keyOf(row) }))
			.sort((a, b) => compareKeys(a.key, b.key))
			.map((e) => structuredClone(e.row));
	}

	async get(key: K): Promise<T | undefined> {
		const row = this.rows().get(mapKey(key));
		return row === undefined ? undefined : (structuredClone(row) as T);
	}
	async bulkGet(keys: readonly K[]): Promise<(T | undefined)[]> {
		return Promise.all(keys.map((k) => this.get(k)));
	}
	async put(row: T): Promise<void> {
		const key = mapKey(this.keyOf(row));
		this.checkUnique(row, key);
		this.rows().set(key, structuredClone(row));
	}
	async bulkPut(rows: readonly T[]): Promise<void> {
		// Inside the enclosing transaction: a failing row discards the whole transaction's writes.
		for (const row of rows) await this.put(row);
	}
	async delete(key: K): Promise<void> {
		this.rows().delete(mapKey(key));
	}
	async where<N extends keyof I & string>(index: N, value: I[N]): Promise<T[]> {
		return this.ordered((row) => keysEqual(keyPathValue(row as object, index), value as StoreKey));
	}
	async deleteWhere<N extends keyof I & string>(index: N, value: I[N]): Promise<number> {
		let deleted = 0;
		for (const [k, row] of [...this.rows()]) {
			if (keysEqual(keyPathValue(row as object, index), value as StoreKey)) {
				this.rows().delete(k);
				deleted++;
			}
		}
		return deleted;
	}
	async all(): Promise<T[]> {
		return this.ordered();
	}
	async count(): Promise<number> {
		return this.rows().size;
	}
	async clear(): Promise<void> {
		this.rows().clear();
	}
}

function tablesOver(state: () => State): ProgressTables {
	const table = <T, K extends StoreKey, I extends object>(name: TableName) =>
		new MemoryTable<T, K, I>(() => state()[name], PRIMARY_KEYS[name], name, UNIQUE_INDEXES[name]);
	return {
		profiles: table('profiles'),
		attempts: table('attempts'),
		plans: table('plans'),
		drafts: table('drafts'),
		settings: table('settings'),
		interviews: table('interviews'),
		attemptEvents: table('attemptEvents')
	};
}

type Transact = <R>(fn: (tx: ProgressTables) => Promise<R>) => Promise<R>;

/** A table whose every call runs as its own transaction (single operations outside `db.transaction`). */
class AutoTable<T, K extends StoreKey, I extends object> implements TableStore<T, K, I> {
	constructor(
		private readonly run: Transact,
		private readonly pick: (tx: ProgressTables) => TableStore<T, K, I>
	) {}

	get(key: K) {
		return this.run((tx) => this.pick(tx).get(key));
	}
	bulkGet(keys: readonly K[]) {
		return this.run((tx) => this.pick(tx).bulkGet(keys));
	}
	put(row: T) {
		return this.run((tx) => this.pick(tx).put(row));
	}
	bulkPut(rows: readonly T[]) {
		return this.run((tx) => this.pick(tx).bulkPut(rows));
	}
	delete(key: K) {
		return this.run((tx) => this.pick(tx).delete(key));
	}
	where<N extends keyof I & string>(index: N, value: I[N]) {
		return this.run((tx) => this.pick(tx).where(index, value));
	}
	deleteWhere<N extends keyof I & string>(index: N, value: I[N]) {
		return this.run((tx) => this.pick(tx).deleteWhere(index, value));
	}
	all() {
		return this.run((tx) => this.pick(tx).all());
	}
	count() {
		return this.run((tx) => this.pick(tx).count());
	}
	clear() {
		return this.run((tx) => this.pick(tx).clear());
	}
}

function isHeldBy(attempt: AttemptRecord | undefined, tabId: string): boolean {
	return attempt?.status === 'in-progress' && attempt.lockOwner === tabId;
}

function notHeld(): PersistenceError {
	return new PersistenceError('conflict', 'Another tab is driving this drill, or it has ended.');
}

/** Creates an empty in-memory database. `name` is only a label. */
export function createMemoryDb(options: { name?: string; env?: DbEnv } = {}): ProgressDb {
	const env = resolveEnv(options.env);
	let committed: State = Object.fromEntries(TABLE_NAMES.map((n) => [n, new Map()])) as State;
	let queue: Promise<unknown> = Promise.resolve();
	let closed = false;

	const transaction = <R>(fn: (tx: ProgressTables) => Promise<R>): Promise<R> => {
		const run = async (): Promise<R> => {
			if (closed) throw new Error('The in-memory database is closed');
			const working = Object.fromEntries(TABLE_NAMES.map((n) => [n, new Map(committed[n])])) as State;
			const result = await fn(tablesOver(() => working));
			committed = working;
			return result;
		};
		const next = queue.then(run, run);
		queue = next.catch(() => undefined);
		return next;
	};

	return {
		profiles: new AutoTable(transaction, (tx) => tx.profiles),
		attempts: new AutoTable(transaction, (tx) => tx.attempts),
		plans: new AutoTable(transaction, (tx) => tx.plans),
		drafts: new AutoTable(transaction, (tx) => tx.drafts),
		settings: new AutoTable(transaction, (tx) => tx.settings),
		interviews: new AutoTable(transaction, (tx) => tx.interviews),
		attemptEvents: new AutoTable(transaction, (tx) => tx.attemptEvents),
		writeEventsNow: (rows, owner) =>
			transaction(async (tx) => {
				if (owner) {
					const attempt = await tx.attempts.get(owner.attemptId);
					if (!isHeldBy(attempt, owner.tabId)) throw notHeld();
				}
				await tx.attemptEvents.bulkPut(rows);
			}),
		backend: 'memory',
		name: options.name ?? 'memory',
		now: env.now,
		newId: env.newId,
		transaction,
		close: () => {
			closed = true;
		}
	};
}
