import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createProfile, listProfiles } from './profiles';
import { detectStorage, openProgressDb, requestPersistence } from './storage';

describe('detectStorage', () => {
	it('reports IndexedDB when a probe database opens', async () => {
		expect(await detectStorage(indexedDB)).toEqual({ kind: 'indexeddb' });
	});

	it('reports unavailable with a reason when there is no IndexedDB', async () => {
		const status = await detectStorage(null);
		expect(status.kind).toBe('unavailable');
		expect(status.kind === 'unavailable' && status.reason).toMatch(/does not provide IndexedDB/);
	});

	it('reports unavailable when opening throws (as private windows used to)', async () => {
		const throwing = {
			open: () => {
				throw new DOMException(
					'A mutation operation was attempted on a database that did not allow mutations.',
					'InvalidStateError'
				);
			}
		} as unknown as IDBFactory;
		const status = await detectStorage(throwing);
		expect(status).toEqual({
			kind: 'unavailable',
			reason: expect.stringContaining('InvalidStateError') as unknown as string
		});
	});

	it('reports unavailable when the browser never answers', async () => {
		const silent = { open: () => ({}) } as unknown as IDBFactory;
		const status = await detectStorage(silent, 20);
		expect(status.kind === 'unavailable' && status.reason).toMatch(/did not answer/);
	});
});

describe('openProgressDb', () => {
	it('uses IndexedDB when it works', async () => {
		const { db, storage } = await openProgressDb({ name: 'open-progress-ok' });
		expect(storage.kind).toBe('indexeddb');
		expect(db.backend).toBe('indexeddb');
		db.close();
	});

	it('falls back to memory and keeps working without IndexedDB', async () => {
		const { db, storage } = await openProgressDb({ indexedDB: null });
		expect(storage.kind).toBe('unavailable');
		expect(db.backend).toBe('memory');
		await createProfile(db, 'Ana');
		expect((await listProfiles(db)).map((p) => p.name)).toEqual(['Ana']);
	});

	it('falls back to memory with the reason when the database cannot be opened', async () => {
		// The probe works but opening the real database fails (e.g. quota or a corrupted profile directory).
		const failing = {
			open: (name: string, version?: number) => {
				if (name === 'pagerdrill-storage-probe') return indexedDB.open(name, version);
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			},
			deleteDatabase: (name: string) => indexedDB.deleteDatabase(name),
			cmp: (a: unknown, b: unknown) => indexedDB.cmp(a, b),
			databases: () => indexedDB.databases()
		} as unknown as IDBFactory;
		const { db, storage } = await openProgressDb({ name: 'cannot-open', indexedDB: failing });
		expect(db.backend).toBe('memory');
		expect(storage.kind === 'unavailable' && storage.reason).toMatch(
			/could not be opened.*QuotaExceededError/
		);
	});
});

describe('requestPersistence', () => {
	it('returns granted when already persisted, without asking again', async () => {
		let asked = 0;
		const result = await requestPersistence({
			persisted: async () => true,
			persist: async () => {
				asked++;
				return true;
			}
		});
		expect(result).toBe('granted');
		expect(asked).toBe(0);
	});

	it('returns what the browser decided', async () => {
		expect(await requestPersistence({ persisted: async () => false, persist: async () => false })).toBe(
			'denied'
		);
		expect(await requestPersistence({ persisted: async () => false, persist: async () => true })).toBe(
			'granted'
		);
	});

	it('returns unsupported without a StorageManager', async () => {
		expect(await requestPersistence(undefined)).toBe('unsupported');
	});
});
