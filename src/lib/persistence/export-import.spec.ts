import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { seedSyntheticAttempts } from '../progress/synthetic';
import { putAttempts } from './attempts';
import { payloadChecksum } from './checksum';
import { buildProgressFile, exportFileName, exportProfile, exportProfileCsv } from './export';
import type { ProgressFile } from './file-schema';
import { ImportError, importProgressBlob, importProgressFile, parseProgressFile } from './import';
import { savePlan } from './plans';
import { createProfile, deleteProfile, getProfile, setActiveProfile } from './profiles';
import type { ProfileRecord } from './records';
import { dumpDatabase, type ProgressDb, type ProgressTables } from './store';
import { BACKENDS, manualClock, sampleAttempt, sequentialIds } from './test-support';

/** A database with one trainee (40 synthetic attempts + one with an event log, a plan) and a bystander. */
async function seeded(
	open: (typeof BACKENDS)[number]['open']
): Promise<{ db: ProgressDb; trainee: ProfileRecord }> {
	const clock = manualClock('2026-03-02T09:00:00.000Z');
	const db = await open({ now: clock.now, newId: sequentialIds('row') });
	const trainee = await createProfile(db, 'Ana María');
	const bystander = await createProfile(db, 'Bo');
	const attempts = seedSyntheticAttempts(40, { seed: 9, profileId: trainee.id });
	const withLog = sampleAttempt({
		id: 'with-log',
		profileId: trainee.id,
		eventLog: [
			{
				type: 'drill.start',
				scenarioId: 'checkout',
				scenarioVersion: 'sha256-abc',
				seed: 42,
				seq: 0,
				at: 0,
				actor: 'system'
			},
			{ type: 'alert.ack', pageId: 'page-1', seq: 1, at: 120_000, actor: 'trainee' }
		]
	});
	await putAttempts(db, [
		...attempts,
		withLog,
		sampleAttempt({ id: 'bystander-1', profileId: bystander.id })
	]);
	await savePlan(db, trainee.id, '2026-01-05', {
		targets: { 'd30.ack-p50': 4 },
		disabled: ['d90.readiness']
	});
	return { db, trainee };
}

async function resign(file: ProgressFile | Record<string, unknown>): Promise<string> {
	const { checksum: _old, ...payload } = file as ProgressFile;
	return JSON.stringify({ ...payload, checksum: await payloadChecksum(payload) });
}

async function expectRejected(
	db: ProgressDb,
	text: string,
	kind: ImportError['kind'],
	message: RegExp
): Promise<ImportError> {
	const before = await dumpDatabase(db);
	const error = await importProgressFile(db, text, { fileName: 'bad.json' }).then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ImportError);
	expect((error as ImportError).kind).toBe(kind);
	expect((error as ImportError).message).toMatch(message);
	expect(await dumpDatabase(db)).toEqual(before);
	return error as ImportError;
}

describe.each(BACKENDS)('export and import ($name)', ({ open }) => {
	it('round-trips a profile: export, delete, restore gives back exactly the same data', async () => {
		const { db, trainee } = await seeded(open);
		const before = await dumpDatabase(db);
		const { text, fileName } = await exportProfile(db, trainee.id, { includeEventLogs: true });
		expect(fileName).toBe('pagerdrill-progress-ana-maria-2026-03-02.json');

		await deleteProfile(db, trainee.id);
		expect((await dumpDatabase(db)).attempts.map((a) => a.id)).toEqual(['bystander-1']);

		const report = await importProgressFile(db, text, { fileName, mode: 'restore' });
		expect(report).toMatchObject({
			profileCreated: true,
			attempts: { added: 41, updated: 0, unchanged: 0, keptNewer: 0 },
			plan: 'added',
			changed: true
		});
		const after = await dumpDatabase(db);
		expect(after.profiles).toEqual(before.profiles);
		expect(after.attempts).toEqual(before.attempts);
		expect(after.plans).toEqual(before.plans);
	});

	it('leaves event logs out unless asked, and keeps the local log on re-import', async () => {
		const { db, trainee } = await seeded(open);
		const file = await buildProgressFile(db, trainee.id);
		expect(file.attempts.find((a) => a.id === 'with-log')).not.toHaveProperty('eventLog');
		expect(file.attempts.every((a) => !('lockOwner' in a))).toBe(true);
		const report = await importProgressFile(db, JSON.stringify(file), {
			fileName: 'x.json',
			mode: 'restore'
		});
		expect(report.changed).toBe(false);
		expect((await db.attempts.get('with-log'))?.eventLog).toHaveLength(2);
	});

	it('stores a trainee file as an imported profile for review, flagged with its file name', async () => {
		const { db: trainees, trainee } = await seeded(open);
		const { text } = await exportProfile(trainees, trainee.id);
		const manager = await open({
			now: manualClock('2026-04-01T12:00:00.000Z').now,
			newId: sequentialIds('m')
		});

		const report = await importProgressFile(manager, text, { fileName: 'ana.json' });
		expect(report).toMatchObject({ mode: 'review', profileCreated: true, attempts: { added: 41 } });
		expect(await getProfile(manager, trainee.id)).toMatchObject({
			name: 'Ana María',
			imported: true,
			sourceFileName: 'ana.json',
			importedAt: '2026-04-01T12:00:00.000Z'
		});
		await expect(setActiveProfile(manager, trainee.id)).rejects.toThrow(/imported for review/);
	});

	it('restores next to a different local profile of the same name without a clash', async () => {
		const { db: laptop, trainee } = await seeded(open);
		const { text } = await exportProfile(laptop, trainee.id);
		const desktop = await open({ now: manualClock().now, newId: sequentialIds('d') });
		await createProfile(desktop, 'ana maría');
		const report = await importProgressFile(desktop, text, { fileName: 'backup.json', mode: 'restore' });
		expect(report.profileCreated).toBe(true);
		expect((await getProfile(desktop, trainee.id))?.name).toBe('Ana María (2)');
		const again = await importProgressFile(desktop, text, { fileName: 'backup.json', mode: 'restore' });
		expect(again.changed).toBe(false);
	});

	it('imports the same file twice without duplicating or changing anything', async () => {
		const { db: source, trainee } = await seeded(open);
		const { text } = await exportProfile(source, trainee.id);
		const manager = await open({ now: manualClock().now, newId: sequentialIds('m') });
		await importProgressFile(manager, text, { fileName: 'ana.json' });
		const once = await dumpDatabase(manager);
		const again = await importProgressFile(manager, text, { fileName: 'ana.json' });
		expect(again).toMatchObject({
			profileCreated: false,
			attempts: { added: 0, updated: 0, unchanged: 41, keptNewer: 0 },
			plan: 'unchanged',
			changed: false
		});
		expect(await dumpDatabase(manager)).toEqual(once);
	});

	it('takes newer attempts from a later file and keeps local rows edited after the file', async () => {
		const { db, trainee } = await seeded(open);
		const file = await buildProgressFile(db, trainee.id);
		const [first, second] = file.attempts;
		const newer = { ...first, hintsUsed: first.hintsUsed + 1, updatedAt: '2030-01-01T00:00:00.000Z' };
		const older = { ...second, hintsUsed: second.hintsUsed + 1, updatedAt: '2000-01-01T00:00:00.000Z' };
		const text = await resign({ ...file, attempts: [newer, older, ...file.attempts.slice(2)] });
		const report = await importProgressFile(db, text, { fileName: 'later.json', mode: 'restore' });
		expect(report.attempts).toEqual({ added: 0, updated: 1, unchanged: 39, keptNewer: 1 });
		expect((await db.attempts.get(first.id))?.hintsUsed).toBe(newer.hintsUsed);
		expect((await db.attempts.get(second.id))?.hintsUsed).toBe(second.hintsUsed);
	});

	it('writes nothing when the database fails halfway through an import', async () => {
		const { db: source, trainee } = await seeded(open);
		const { text } = await exportProfile(source, trainee.id);
		const target = await open({ now: manualClock().now, newId: sequentialIds('t') });
		const failing: ProgressDb = {
			...target,
			transaction: (fn) =>
				target.transaction((tx) => {
					const attempts = Object.create(tx.attempts) as ProgressTables['attempts'];
					attempts.bulkPut = async () => {
						throw new Error('QuotaExceededError: disk full');
					};
					return fn({ ...tx, attempts });
				})
		};
		const before = await dumpDatabase(target);
		await expect(importProgressFile(failing, text, { fileName: 'ana.json' })).rejects.toThrow(/disk full/);
		expect(await dumpDatabase(target)).toEqual(before);
	});

	describe('refuses bad files and leaves the database unchanged', () => {
		it('malformed, empty and truncated JSON', async () => {
			const { db, trainee } = await seeded(open);
			const { text } = await exportProfile(db, trainee.id);
			await expectRejected(db, '{"format": "pagerdrill-progress",', 'not-json', /not valid JSON.*truncated/);
			await expectRejected(db, '', 'not-json', /not valid JSON/);
			await expectRejected(
				db,
				text.slice(0, Math.floor(text.length / 2)),
				'not-json',
				/truncated or corrupted/
			);
		});

		it('other files and other versions', async () => {
			const { db, trainee } = await seeded(open);
			const file = await buildProgressFile(db, trainee.id);
			await expectRejected(db, '[1,2,3]', 'wrong-format', /not a Pagerdrill progress file.*got a list/);
			await expectRejected(
				db,
				JSON.stringify({ format: 'grafana-dashboard' }),
				'wrong-format',
				/"grafana-dashboard"/
			);
			await expectRejected(
				db,
				await resign({ ...file, schemaVersion: 2 }),
				'wrong-version',
				/newer Pagerdrill.*schemaVersion 2/
			);
			await expectRejected(
				db,
				await resign({ ...file, schemaVersion: 0 }),
				'wrong-version',
				/Unsupported schemaVersion 0/
			);
		});

		it('a file edited after export (checksum mismatch)', async () => {
			const { db, trainee } = await seeded(open);
			const file = await buildProgressFile(db, trainee.id);
			const scorecard = file.attempts[5].scorecard!;
			const tampered = { ...file.attempts[5], scorecard: { ...scorecard, score: 100 } };
			const text = JSON.stringify({
				...file,
				attempts: file.attempts.map((a, i) => (i === 5 ? tampered : a))
			});
			const error = await expectRejected(db, text, 'checksum', /checksum does not match/);
			expect(error.issues[0].path).toBe('checksum');
		});

		it('wrong types, unknown fields and out-of-range values, with the path of each problem', async () => {
			const { db, trainee } = await seeded(open);
			const file = await buildProgressFile(db, trainee.id);
			const patch = (i: number, change: Record<string, unknown>) =>
				resign({ ...file, attempts: file.attempts.map((a, j) => (j === i ? { ...a, ...change } : a)) });
			await expectRejected(
				db,
				await patch(3, { seed: '42' }),
				'invalid',
				/attempts\[3\]\.seed: expected a number, got text/
			);
			await expectRejected(
				db,
				await patch(0, { cheat: true }),
				'invalid',
				/attempts\[0\]: unexpected field "cheat"/
			);
			await expectRejected(
				db,
				await patch(1, { mode: 'exam' }),
				'invalid',
				/attempts\[1\]\.mode: expected one of "practice", "interview"/
			);
			await expectRejected(
				db,
				await patch(2, { startedAt: 'yesterday' }),
				'invalid',
				/attempts\[2\]\.startedAt: expected an ISO-8601 UTC timestamp/
			);
			await expectRejected(
				db,
				await patch(2, { endedAt: '2026-03-02T10:00:00+01:00' }),
				'invalid',
				/attempts\[2\]\.endedAt: expected an ISO-8601 UTC timestamp/
			);
			await expectRejected(
				db,
				await patch(4, { traineeEvents: [{ type: 'sudo.rm', at: 1 }] }),
				'invalid',
				/attempts\[4\]\.traineeEvents\[0\]\.type: unknown type "sudo.rm"/
			);
			const noProfileName = { ...file, profile: { ...file.profile, name: undefined } };
			await expectRejected(
				db,
				await resign(noProfileName),
				'invalid',
				/profile\.name: missing \(expected text\)/
			);
			const bigSeed = (await patch(6, { seed: 7 })).replace('"seed":7', '"seed":1e400');
			await expectRejected(db, bigSeed, 'invalid', /attempts\[6\]\.seed: expected a number, got Infinity/);
		});

		it('attempts of another profile, repeated ids and ids owned by another local profile', async () => {
			const { db, trainee } = await seeded(open);
			const file = await buildProgressFile(db, trainee.id);
			const foreign = file.attempts.map((a, i) => (i === 2 ? { ...a, profileId: 'someone-else' } : a));
			await expectRejected(
				db,
				await resign({ ...file, attempts: foreign }),
				'invalid',
				/attempts\[2\]\.profileId: belongs to another profile/
			);
			const repeated = [...file.attempts, file.attempts[0]];
			await expectRejected(
				db,
				await resign({ ...file, attempts: repeated }),
				'invalid',
				/attempts\[41\]\.id: repeats attempts\[0\]\.id/
			);
			const hijack = [...file.attempts, { ...file.attempts[0], id: 'bystander-1' }];
			await expectRejected(
				db,
				await resign({ ...file, attempts: hijack }),
				'conflict',
				/attempts\[41\]\.id: already used by an attempt of another local profile/
			);
		});
	});

	it('exports a CSV of the attempts', async () => {
		const { db, trainee } = await seeded(open);
		const { fileName, text } = await exportProfileCsv(db, trainee.id);
		expect(fileName).toBe('pagerdrill-progress-ana-maria-2026-03-02.csv');
		const lines = text.trimEnd().split('\r\n');
		expect(lines).toHaveLength(42);
		expect(lines[0].startsWith('profile,attempt_id,scenario_id,')).toBe(true);
		expect(lines.slice(1).every((l) => l.startsWith('Ana María,'))).toBe(true);
	});
});

describe('progress file basics', () => {
	it('parses what export writes and names files safely', async () => {
		const db = await BACKENDS[1].open({ now: manualClock().now, newId: sequentialIds() });
		const p = await createProfile(db, 'Zoë / Ops');
		const file = await buildProgressFile(db, p.id);
		expect(await parseProgressFile(JSON.stringify(file))).toEqual(file);
		expect(exportFileName('  ', '2026-03-02T09:00:00.000Z', 'json')).toBe(
			'pagerdrill-progress-profile-2026-03-02.json'
		);
		expect(exportFileName('Zoë / Ops', '2026-03-02T09:00:00.000Z', 'csv')).toBe(
			'pagerdrill-progress-zoe-ops-2026-03-02.csv'
		);
	});
});

describe('hostile files (parsing never reaches the database)', () => {
	/** Generous time for building and parsing tens of megabytes on a busy 2-core machine (not a performance check). */
	const HEAVY = 60_000;

	async function fixture(): Promise<{ db: ProgressDb; file: ProgressFile }> {
		const { db, trainee } = await seeded(BACKENDS[1].open);
		return { db, file: await buildProgressFile(db, trainee.id) };
	}

	it('rejects __proto__ keys without polluting any prototype', async () => {
		const { db, file } = await fixture();
		const proto = JSON.stringify(file).replace('"seed":', '"__proto__":{"polluted":true},"seed":');
		await expectRejected(
			db,
			proto,
			'hostile',
			/attempts\[0\]\.__proto__: the key "__proto__" is not allowed/
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it(
		'rejects a 50 MB string, naming where it is',
		async () => {
			const { db, file } = await fixture();
			const runbook = 'x'.repeat(50 * 1024 * 1024);
			const huge = { ...file, attempts: [{ ...file.attempts[0], artifacts: { runbook } }] };
			await expectRejected(
				db,
				JSON.stringify(huge),
				'hostile',
				/attempts\[0\]\.artifacts\.runbook: 52428800 characters/
			);
		},
		HEAVY
	);

	it(
		'rejects a million attempts',
		async () => {
			const { db } = await fixture();
			const million = `{"format":"pagerdrill-progress","schemaVersion":1,"attempts":[${'{},'.repeat(999_999)}{}]}`;
			await expectRejected(db, million, 'hostile', /attempts: 1000000 items/);
		},
		HEAVY
	);

	it('rejects deep nesting and files too large to read', async () => {
		const { db } = await fixture();
		const deep = `{"format":"pagerdrill-progress","schemaVersion":1,"profile":${'['.repeat(100)}${']'.repeat(100)}}`;
		await expectRejected(db, deep, 'hostile', /nested too deeply/);
		const tooBig = { size: 65 * 1024 * 1024, text: async () => '' } as unknown as Blob;
		await expect(importProgressBlob(db, tooBig, { fileName: 'big.json' })).rejects.toThrow(/too large/);
	});
});
