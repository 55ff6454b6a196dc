import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryDb } from '../persistence/memory-db';
import { openProgressDb } from '../persistence/storage';
import { openTabChannel } from '../persistence/tab-channel';
import { putAttempts } from '../persistence/attempts';
import { seedSyntheticAttempts } from '../progress/synthetic';
import { ProgressState, TAB_ID_KEY, type ProgressStateOptions } from './progress.svelte';

let counter = 0;

function memoryStorage(): Storage {
	const map = new Map<string, string>();
	return {
		get length() {
			return map.size;
		},
		clear: () => map.clear(),
		getItem: (k) => map.get(k) ?? null,
		key: (i) => [...map.keys()][i] ?? null,
		removeItem: (k) => void map.delete(k),
		setItem: (k, v) => void map.set(k, v)
	};
}

/** A state over a fresh fake-IndexedDB database and its own tab channel. */
function newState(options: ProgressStateOptions & { dbName?: string; channelName?: string } = {}) {
	const dbName = options.dbName ?? `progress-state-${++counter}`;
	const channelName = options.channelName ?? `channel-${counter}`;
	return new ProgressState({
		openDb: (o) => openProgressDb({ name: dbName, onVersionChange: o.onVersionChange }),
		storageManager: { persist: async () => true, persisted: async () => false },
		tabIdStorage: memoryStorage(),
		isReload: () => false,
		openChannel: (tabId) => openTabChannel(tabId, channelName),
		...options
	});
}

function file(name: string, text: string): File {
	return new File([text], name, { type: 'application/json' });
}

describe('ProgressState', () => {
	it('opens IndexedDB once and makes a local profile active', async () => {
		const state = newState();
		expect(state.status).toBe('idle');
		const [a, b] = await Promise.all([state.open(), state.open()]);
		expect(a).toBe(b);
		expect(state.status).toBe('ready');
		expect(state.storage).toEqual({ kind: 'indexeddb' });
		expect(state.memoryOnly).toBe(false);
		expect(state.activeProfile?.name).toBe('Me');
		expect(state.localProfiles.map((p) => p.name)).toEqual(['Me']);
		state.close();
	});

	it('falls back to memory with the reason when IndexedDB is unavailable', async () => {
		const state = newState({ openDb: () => openProgressDb({ indexedDB: null }) });
		await state.open();
		expect(state.memoryOnly).toBe(true);
		expect(state.memoryReason).toMatch(/does not provide IndexedDB/);
		expect(state.persistence).toBe('unknown');
		expect(state.activeProfile?.name).toBe('Me');
		state.close();
	});

	it('asks the browser to persist storage only the first time', async () => {
		const persist = vi.fn(async () => true);
		const persisted = vi.fn(async () => false);
		const dbName = `persist-${++counter}`;
		const first = newState({ dbName, storageManager: { persist, persisted } });
		await first.open();
		expect(first.persistence).toBe('granted');
		first.close();
		const second = newState({ dbName, storageManager: { persist, persisted } });
		await second.open();
		expect(persist).toHaveBeenCalledTimes(1);
		// The second load only reads the answer (a Firefox user is not asked twice).
		expect(second.persistence).toBe('denied');
		second.close();
	});

	it('keeps the tab id across a reload of the same tab, not in a duplicated tab', () => {
		const storage = memoryStorage();
		const first = newState({ tabIdStorage: storage });
		const id = first.tabId;
		expect(storage.getItem(TAB_ID_KEY)).toBe(id);
		expect(newState({ tabIdStorage: storage, isReload: () => true }).tabId).toBe(id);
		const duplicate = newState({ tabIdStorage: storage, isReload: () => false });
		expect(duplicate.tabId).not.toBe(id);
	});

	it('creates, switches, renames and deletes profiles, keeping one active', async () => {
		const state = newState();
		await state.open();
		const me = state.activeProfile;
		const ana = await state.createProfile('  Ana   María ');
		expect(ana.name).toBe('Ana María');
		expect(state.activeProfile?.id).toBe(ana.id);
		await expect(state.createProfile('ana maría')).rejects.toThrow(/already exists/);
		await state.switchProfile(me!.id);
		expect(state.activeProfile?.name).toBe('Me');
		await state.renameProfile(ana.id, 'Ana');
		expect(state.profiles.map((p) => p.name)).toEqual(['Ana', 'Me']);
		const revision = state.revision;
		await state.deleteProfile(me!.id);
		expect(state.revision).toBeGreaterThan(revision);
		expect(state.activeProfile?.name).toBe('Ana');
		state.close();
	});

	it('imports several files, reporting each one, and exports what it imported', async () => {
		const source = createMemoryDb();
		const { createProfile } = await import('../persistence/profiles');
		const { exportProfile } = await import('../persistence/export');
		const trainee = await createProfile(source, 'Priya');
		await putAttempts(source, seedSyntheticAttempts(12, { profileId: trainee.id, seed: 3 }));
		const exported = await exportProfile(source, trainee.id);

		const state = newState();
		const results = await state.importFiles(
			[
				file(exported.fileName, exported.text),
				file('notes.json', '{"hello": '),
				file('edited.json', exported.text.replace('"Priya"', '"Mallory"'))
			],
			'review'
		);
		expect(results.map((r) => r.ok)).toEqual([true, false, false]);
		expect(results[0].ok && results[0].report.attempts.added).toBe(12);
		expect(!results[1].ok && results[1].message).toMatch(/not valid JSON/);
		expect(!results[2].ok && results[2].message).toMatch(/checksum does not match/);
		expect(state.importedProfiles.map((p) => p.name)).toEqual(['Priya']);
		expect(state.importedProfiles[0].sourceFileName).toBe(exported.fileName);

		const data = await state.loadProfile(trainee.id);
		expect(data.attempts).toHaveLength(12);
		const csv = await state.exportProfile(trainee.id, 'csv');
		expect(csv.fileName).toMatch(/^pagerdrill-progress-priya-\d{4}-\d{2}-\d{2}\.csv$/);
		expect(csv.text.trim().split('\r\n')).toHaveLength(13);
		state.close();
	});

	it('reloads when another tab imports progress', async () => {
		const dbName = `shared-${++counter}`;
		const channelName = `shared-channel-${counter}`;
		const here = newState({ dbName, channelName });
		const there = newState({ dbName, channelName });
		await here.open();
		await there.open();
		const before = here.revision;
		await there.createProfile('Sam');
		await vi.waitFor(() => expect(here.revision).toBeGreaterThan(before));
		expect(here.profiles.map((p) => p.name)).toContain('Sam');
		here.close();
		there.close();
	});

	it('reports a database upgraded by another tab', async () => {
		let notify = () => {};
		const state = newState({
			openDb: async (o) => {
				notify = o.onVersionChange;
				return { db: createMemoryDb(), storage: { kind: 'indexeddb' } };
			}
		});
		await state.open();
		expect(state.versionChanged).toBe(false);
		notify();
		expect(state.versionChanged).toBe(true);
		state.close();
	});
});
