/**
 * Choosing where progress lives. `openProgressDb()` is what the app calls once in the browser (in `onMount`, never
 * during prerender): it uses IndexedDB when it works and otherwise falls back to the in-memory store, returning the
 * reason so the UI can say "progress will not be kept after this tab closes — export it".
 */
import { openIndexedDb, type OpenIndexedDbOptions } from './db';
import { createMemoryDb } from './memory-db';
import type { DbEnv, ProgressDb } from './store';

export type StorageStatus = { kind: 'indexeddb' } | { kind: 'unavailable'; reason: string };

/** How long a probe open may take before storage is declared unavailable (some browsers never answer). */
export const STORAGE_PROBE_TIMEOUT_MS = 5_000;

const PROBE_DB_NAME = 'pagerdrill-storage-probe';

function describeError(error: unknown): string {
	if (error instanceof Error)
		return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
	return String(error);
}

/**
 * Checks whether IndexedDB can actually be opened (not just whether the global exists: Firefox private windows
 * used to throw on open, and storage can be blocked by policy). Opens and deletes a small probe database.
 * @param factory the IndexedDB factory to probe; defaults to `globalThis.indexedDB` (tests pass their own or null).
 * @param timeoutMs how long to wait for the browser to answer, in milliseconds.
 */
export async function detectStorage(
	factory: IDBFactory | null | undefined = globalThis.indexedDB,
	timeoutMs = STORAGE_PROBE_TIMEOUT_MS
): Promise<StorageStatus> {
	if (!factory) return { kind: 'unavailable', reason: 'This browser does not provide IndexedDB.' };
	let timer: ReturnType<typeof setTimeout> | undefined;
	const probe = new Promise<StorageStatus>((resolve) => {
		let request: IDBOpenDBRequest;
		try {
			request = factory.open(PROBE_DB_NAME);
		} catch (error) {
			resolve({ kind: 'unavailable', reason: `IndexedDB refused to open: ${describeError(error)}` });
			return;
		}
		request.onsuccess = () => {
			request.result.close();
			try {
				factory.deleteDatabase(PROBE_DB_NAME);
			} catch {
				// Leaving an empty probe database behind is harmless.
			}
			resolve({ kind: 'indexeddb' });
		};
		request.onerror = () => {
			resolve({
				kind: 'unavailable',
				reason: `IndexedDB refused to open: ${describeError(request.error ?? 'unknown error')}`
			});
		};
		request.onblocked = () => {
			resolve({ kind: 'unavailable', reason: 'IndexedDB is blocked by another open connection.' });
		};
	});
	const timeout = new Promise<StorageStatus>((resolve) => {
		timer = setTimeout(
			() =>
				resolve({ kind: 'unavailable', reason: `IndexedDB did not answer within ${timeoutMs / 1000} s.` }),
			timeoutMs
		);
	});
	try {
		return await Promise.race([probe, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

export type PersistenceResult = 'granted' | 'denied' | 'unsupported';

/**
 * Asks the browser to keep this site's storage under pressure instead of evicting it
 * (`navigator.storage.persist()`); returns what the browser decided. Safe to call repeatedly.
 */
export async function requestPersistence(
	storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage
): Promise<PersistenceResult> {
	if (!storage || typeof storage.persist !== 'function') return 'unsupported';
	try {
		if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
		return (await storage.persist()) ? 'granted' : 'denied';
	} catch {
		return 'denied';
	}
}

export interface OpenProgressDbOptions extends Omit<OpenIndexedDbOptions, 'indexedDB'> {
	env?: DbEnv;
	/** IndexedDB factory to use; `null` forces the memory fallback. Defaults to the global one. */
	indexedDB?: IDBFactory | null;
}

/**
 * Opens the progress database: IndexedDB when usable, else the in-memory fallback.
 * @returns the database and the storage status (`unavailable` carries the reason to show the user).
 */
export async function openProgressDb(
	options: OpenProgressDbOptions = {}
): Promise<{ db: ProgressDb; storage: StorageStatus }> {
	const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
	const status = await detectStorage(factory);
	if (status.kind === 'indexeddb' && factory) {
		try {
			const db = await openIndexedDb({ ...options, indexedDB: factory });
			return { db, storage: status };
		} catch (error) {
			return {
				db: createMemoryDb({ env: options.env }),
				storage: {
					kind: 'unavailable',
					reason: `The progress database could not be opened: ${describeError(error)}`
				}
			};
		}
	}
	return { db: createMemoryDb({ env: options.env }), storage: status };
}
