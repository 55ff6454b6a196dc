import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { getAttempt, listScenarioAttempts } from './attempts';
import {
	PagerdrillDexie,
	SCHEMA_V1,
	SCHEMA_V3,
	SCHEMA_V2,
	SCHEMA_VERSION,
	openIndexedDb,
	upgradeAttemptToV2,
	upgradeAttemptToV3,
	type AttemptRecordV1,
	type ProfileRecordV1
} from './db';
import { PRIMARY_KEYS, TABLE_NAMES, dumpDatabase } from './store';
import { sampleAttempt } from './test-support';

function v1Attempt(overrides: Partial<AttemptRecordV1>): AttemptRecordV1 {
	const { durationMs: _d, ...row } = sampleAttempt();
	return { ...row, ...overrides };
}

describe('schema upgrade v1 → v2', () => {
	it('keeps every v1 row and backfills durationMs, the profile import flags and the new index', async () => {
		const name = 'upgrade-from-v1';
		const v1 = new Dexie(name);
		v1.version(1).stores(SCHEMA_V1);
		await v1.open();
		const profiles: ProfileRecordV1[] = [
			{ id: 'p1', name: 'Ana', createdAt: '2026-01-01T08:00:00.000Z', updatedAt: '2026-01-01T08:00:00.000Z' },
			{ id: 'p2', name: 'Bo', createdAt: '2026-01-02T08:00:00.000Z', updatedAt: '2026-01-02T08:00:00.000Z' }
		];
		await v1.table('profiles').bulkPut(profiles);
		const attempts = [
			v1Attempt({
				id: 'a1',
				profileId: 'p1',
				startedAt: '2026-01-03T10:00:00.000Z',
				endedAt: '2026-01-03T10:25:30.000Z'
			}),
			v1Attempt({ id: 'a2', profileId: 'p1', status: 'in-progress', endedAt: null, scorecard: null }),
			v1Attempt({
				id: 'a3',
				profileId: 'p2',
				scenarioId: 'dns-outage',
				startedAt: '2026-01-03T23:00:00.000Z',
				endedAt: '2026-01-04T00:00:00.000Z'
			})
		];
		await v1.table('attempts').bulkPut(attempts);
		await v1.table('drafts').put({
			attemptId: 'a2',
			kind: 'postmortem',
			profileId: 'p1',
			text: 'Timeline: …',
			updatedAt: '2026-01-03T10:30:00.000Z'
		});
		await v1.table('settings').put({ key: 'activeProfileId', value: 'p1' });
		v1.close();

		const db = await openIndexedDb({ name });
		const dump = await dumpDatabase(db);

		expect(dump.profiles).toEqual(
			profiles.map((p) => ({ ...p, imported: false, sourceFileName: null, importedAt: null }))
		);
		const byId = Object.fromEntries(dump.attempts.map((a) => [a.id, a]));
		expect(byId.a1.durationMs).toBe(25.5 * 60_000);
		expect(byId.a2.durationMs).toBeNull();
		expect(byId.a3.durationMs).toBe(3_600_000);
		// Nothing else about the attempts changed, except that v3 moved the in-progress a2's events to their table.
		expect(dump.attempts.map(({ durationMs: _d, ...rest }) => rest)).toEqual(
			attempts.map((a) => (a.id === 'a2' ? { ...a, traineeEvents: [] } : a))
		);
		expect(dump.attemptEvents.map((r) => r.event)).toEqual(attempts[1].traineeEvents);
		expect(dump.drafts).toHaveLength(1);
		expect(dump.settings).toEqual([{ key: 'activeProfileId', value: 'p1' }]);
		// The v2 compound index answers queries.
		const p1Checkout = await listScenarioAttempts(db, 'p1', 'checkout-deploy-regression');
		expect(p1Checkout.map((a) => a.id)).toEqual(['a1', 'a2']);
		db.close();

		const raw = new Dexie(name);
		await raw.open();
		expect(raw.verno).toBe(SCHEMA_VERSION);
		expect(raw.table('attempts').schema.indexes.map((i) => i.name)).toContain('[profileId+scenarioId]');
		raw.close();
	});

	it('upgrades an attempt row idempotently (v2)', () => {
		const row = v1Attempt({ startedAt: '2026-01-03T10:00:00.000Z', endedAt: '2026-01-03T09:00:00.000Z' });
		const once = upgradeAttemptToV2(row);
		expect(once.durationMs).toBe(0); // a clock that stepped back never yields a negative duration
		expect(upgradeAttemptToV2({ ...once, durationMs: 5 }).durationMs).toBe(5);
		expect(upgradeAttemptToV2(v1Attempt({ endedAt: 'not a date' })).durationMs).toBeNull();
	});

	it('declares the primary keys both backends use', () => {
		const dexie = new PagerdrillDexie('schema-shape');
		for (const name of TABLE_NAMES) {
			const primKey = dexie.table(name).schema.primKey;
			expect(primKey.compound ? `[${(primKey.keyPath as string[]).join('+')}]` : primKey.keyPath).toBe(
				PRIMARY_KEYS[name]
			);
		}
	});

	it('still opens a database that a newer build upgraded, keeping its rows', async () => {
		const name = 'from-the-future';
		const future = new Dexie(name);
		future.version(SCHEMA_VERSION + 1).stores({ ...SCHEMA_V1, ...SCHEMA_V2, ...SCHEMA_V3, extra: 'id' });
		await future.open();
		await future.table('profiles').put({
			id: 'p1',
			name: 'Ana',
			createdAt: '2026-01-01T08:00:00.000Z',
			updatedAt: '2026-01-01T08:00:00.000Z',
			imported: false,
			sourceFileName: null,
			importedAt: null,
			avatar: 'fox'
		});
		future.close();
		const db = await openIndexedDb({ name });
		expect(await db.profiles.get('p1')).toMatchObject({ name: 'Ana', avatar: 'fox' });
		db.close();
	});
});

describe('schema upgrade v2 → v3', () => {
	it('moves the events of in-progress attempts into attemptEvents, in order, and leaves ended attempts alone', async () => {
		const name = 'upgrade-from-v2';
		const v2 = new Dexie(name);
		v2.version(1).stores(SCHEMA_V1);
		v2.version(2).stores(SCHEMA_V2);
		await v2.open();
		const running = {
			...sampleAttempt({
				id: 'run',
				status: 'in-progress',
				endedAt: null,
				durationMs: null,
				scorecard: null
			}),
			simNow: 10_000
		};
		const ended = sampleAttempt({ id: 'done' });
		expect(running.traineeEvents.length).toBeGreaterThan(1);
		await v2.table('attempts').bulkPut([running, ended]);
		v2.close();

		const db = await openIndexedDb({ name });
		const dump = await dumpDatabase(db);
		expect(dump.attemptEvents.map((r) => [r.attemptId, r.seq])).toEqual(
			running.traineeEvents.map((_, i) => ['run', i])
		);
		expect(dump.attemptEvents.map((r) => r.event)).toEqual(running.traineeEvents);
		const byId = Object.fromEntries(dump.attempts.map((a) => [a.id, a]));
		expect(byId.run.traineeEvents).toEqual([]);
		expect(byId.done).toEqual(ended);
		// Readers see the attempts exactly as before the upgrade.
		expect(await getAttempt(db, 'run')).toMatchObject({ traineeEvents: running.traineeEvents });
		expect(await getAttempt(db, 'done')).toEqual(ended);
		db.close();
	});

	it('upgrades an attempt row idempotently (v3)', () => {
		const running = sampleAttempt({ id: 'r', status: 'in-progress', endedAt: null });
		const { attempt, events } = upgradeAttemptToV3(running);
		expect(events.map((e) => e.seq)).toEqual(running.traineeEvents.map((_, i) => i));
		expect(upgradeAttemptToV3(attempt)).toEqual({ attempt, events: [] });
		expect(upgradeAttemptToV3(sampleAttempt()).events).toEqual([]);
	});
});
