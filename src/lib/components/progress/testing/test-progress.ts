/**
 * A `ProgressState` over a fresh in-memory database with a fixed clock, for component tests, and progress files
 * of synthetic trainees to import.
 */
import { createMemoryDb } from '../../../persistence/memory-db';
import { putAttempts } from '../../../persistence/attempts';
import { exportProfile } from '../../../persistence/export';
import { createProfile } from '../../../persistence/profiles';
import type { StorageStatus } from '../../../persistence/storage';
import { openTabChannel } from '../../../persistence/tab-channel';
import { seedSyntheticAttempts } from '../../../progress/synthetic';
import { ProgressState } from '../../../state/progress.svelte';

let counter = 0;

/** A progress state whose storage reports `storage` (default IndexedDB, though rows live in memory). */
export function testProgress(storage: StorageStatus = { kind: 'indexeddb' }): ProgressState {
	const channel = `test-progress-${++counter}`;
	return new ProgressState({
		openDb: async () => ({
			db: createMemoryDb({ env: { now: () => new Date('2026-05-10T12:00:00.000Z') } }),
			storage
		}),
		storageManager: null,
		tabIdStorage: null,
		openChannel: (tabId) => openTabChannel(tabId, channel)
	});
}

/** The exported progress file of a synthetic trainee with `n` drills. */
export async function traineeFile(name: string, n: number, seed = 1): Promise<File> {
	const db = createMemoryDb({ env: { now: () => new Date('2026-05-09T18:00:00.000Z') } });
	const profile = await createProfile(db, name);
	await putAttempts(db, seedSyntheticAttempts(n, { profileId: profile.id, seed }));
	const { fileName, text } = await exportProfile(db, profile.id);
	return new File([text], fileName, { type: 'application/json' });
}
