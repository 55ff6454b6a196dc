import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteAttempt, listAttempts, putAttempts, startAttempt } from './attempts';
import { deleteDraft, getDraft, listDrafts, saveDraft } from './drafts';
import { findInterviewByCode, saveInterview } from './interviews';
import { getPlanRecord, resolvePlan, savePlan } from './plans';
import {
	createProfile,
	deleteProfile,
	ensureActiveProfile,
	getActiveProfile,
	listProfiles,
	renameProfile,
	setActiveProfile
} from './profiles';
import { getAllSettings, getSetting, setSetting } from './settings';
import { dumpDatabase, type ProgressDb } from './store';
import { BACKENDS, manualClock, sampleAttempt, sequentialIds } from './test-support';

const scenario = {
	id: 'checkout-deploy-regression',
	version: 'sha256-abc',
	title: 'Checkout errors after a deploy',
	theme: 'deploy-regression',
	skills: ['deploy-safety', 'http'],
	level: 'shadow' as const
};

async function openDb(open: (typeof BACKENDS)[number]['open']): Promise<ProgressDb> {
	return open({ now: manualClock().now, newId: sequentialIds() });
}

describe.each(BACKENDS)('repositories on $name', ({ open }) => {
	it('creates, lists, renames profiles and keeps local names unique', async () => {
		const db = await openDb(open);
		const bo = await createProfile(db, '  Bo   Li ');
		await createProfile(db, 'Ana');
		expect((await listProfiles(db)).map((p) => p.name)).toEqual(['Ana', 'Bo Li']);
		await expect(createProfile(db, 'ana')).rejects.toThrow(/already exists/);
		await expect(createProfile(db, '   ')).rejects.toThrow(/needs a name/);
		await expect(createProfile(db, 'x'.repeat(81))).rejects.toThrow(/at most 80/);
		const renamed = await renameProfile(db, bo.id, 'Bo');
		expect(renamed.name).toBe('Bo');
		await expect(renameProfile(db, bo.id, 'ANA')).rejects.toThrow(/already exists/);
		await expect(renameProfile(db, 'nope', 'Cy')).rejects.toThrow(/no longer exists/);
		expect((await listProfiles(db)).map((p) => p.name)).toEqual(['Ana', 'Bo']);
	});

	it('deletes a profile with its attempts, drafts and plan, and nothing of other profiles', async () => {
		const db = await openDb(open);
		const ana = await createProfile(db, 'Ana');
		const bo = await createProfile(db, 'Bo');
		await putAttempts(db, [
			sampleAttempt({ id: 'a1', profileId: ana.id }),
			sampleAttempt({ id: 'a2', profileId: ana.id }),
			sampleAttempt({ id: 'b1', profileId: bo.id })
		]);
		await saveDraft(db, 'a1', 'postmortem', 'Impact: …');
		await saveDraft(db, 'a2', 'runbook', 'Step 1');
		await saveDraft(db, 'b1', 'notes', 'keep me');
		await savePlan(db, ana.id, '2026-03-01');
		await savePlan(db, bo.id, '2026-03-01');
		await setActiveProfile(db, ana.id);

		expect(await deleteProfile(db, ana.id)).toEqual({ attempts: 2, drafts: 2, plan: true });

		const dump = await dumpDatabase(db);
		expect(dump.profiles.map((p) => p.name)).toEqual(['Bo']);
		expect(dump.attempts.map((a) => a.id)).toEqual(['b1']);
		expect(dump.drafts.map((d) => d.text)).toEqual(['keep me']);
		expect(dump.plans.map((p) => p.profileId)).toEqual([bo.id]);
		expect(await getActiveProfile(db)).toBeNull();
		await expect(deleteProfile(db, ana.id)).rejects.toThrow(/no longer exists/);
	});

	it('keeps the active profile in settings and creates one on first start', async () => {
		const db = await openDb(open);
		expect(await getActiveProfile(db)).toBeNull();
		const first = await ensureActiveProfile(db, 'Me');
		expect(first.name).toBe('Me');
		expect(await ensureActiveProfile(db)).toEqual(first);
		const other = await createProfile(db, 'Other');
		await setActiveProfile(db, other.id);
		expect((await getActiveProfile(db))?.name).toBe('Other');
		await expect(setActiveProfile(db, 'missing')).rejects.toThrow(/no longer exists/);
	});

	it('stores typed settings with defaults', async () => {
		const db = await openDb(open);
		expect(await getSetting(db, 'defaultSpeed')).toBe(1);
		await setSetting(db, 'defaultSpeed', 4);
		await setSetting(db, 'persistenceRequested', true);
		expect(await getAllSettings(db)).toEqual({
			activeProfileId: null,
			defaultSpeed: 4,
			persistenceRequested: true
		});
	});

	it('saves drafts per attempt and kind, replacing earlier text', async () => {
		const db = await openDb(open);
		const ana = await createProfile(db, 'Ana');
		const attempt = await startAttempt(
			db,
			{ profileId: ana.id, scenario, seed: 7, mode: 'practice' },
			'tab-1'
		);
		await saveDraft(db, attempt.id, 'postmortem', 'v1');
		await saveDraft(db, attempt.id, 'postmortem', 'v2');
		await saveDraft(db, attempt.id, 'runbook', 'steps');
		expect((await getDraft(db, attempt.id, 'postmortem'))?.text).toBe('v2');
		expect((await listDrafts(db, attempt.id)).map((d) => d.kind)).toEqual(['postmortem', 'runbook']);
		await deleteDraft(db, attempt.id, 'runbook');
		expect(await getDraft(db, attempt.id, 'runbook')).toBeUndefined();
		await expect(saveDraft(db, 'no-such-attempt', 'notes', 'x')).rejects.toThrow(/no longer exists/);
		expect(await deleteAttempt(db, attempt.id)).toBe(true);
		expect(await listDrafts(db, attempt.id)).toEqual([]);
	});

	it('starts attempts only for local profiles and lists them by scenario', async () => {
		const db = await openDb(open);
		const ana = await createProfile(db, 'Ana');
		const a = await startAttempt(db, { profileId: ana.id, scenario, seed: 1, mode: 'practice' }, 'tab-1');
		expect(a).toMatchObject({
			status: 'in-progress',
			lockOwner: 'tab-1',
			simNow: 0,
			scenarioSkills: scenario.skills
		});
		await expect(
			startAttempt(db, { profileId: 'ghost', scenario, seed: 1, mode: 'practice' }, 'tab-1')
		).rejects.toThrow(/no longer exists/);
		await expect(
			startAttempt(db, { profileId: ana.id, scenario, seed: 1.5, mode: 'practice' }, 'tab-1')
		).rejects.toThrow(/integer/);
		expect((await listAttempts(db, ana.id)).map((x) => x.id)).toEqual([a.id]);
		expect(await listAttempts(db, ana.id, { status: 'finished' })).toEqual([]);
	});

	it('validates plan overrides and resolves the effective plan', async () => {
		const db = await openDb(open);
		const ana = await createProfile(db, 'Ana');
		await expect(savePlan(db, ana.id, '2026-02-30')).rejects.toThrow(/YYYY-MM-DD/);
		await expect(savePlan(db, ana.id, '2026-03-01', { targets: { 'd30.ack-p50': -1 } })).rejects.toThrow(
			/Acknowledge P50.*more than 0/
		);
		await expect(savePlan(db, 'ghost', '2026-03-01')).rejects.toThrow(/no longer exists/);
		await savePlan(db, ana.id, '2026-03-01', {
			targets: { 'd30.ack-p50': 4 },
			dueDates: { d30: '2026-04-15' }
		});
		const plan = resolvePlan((await getPlanRecord(db, ana.id))!);
		const d30 = plan.milestones[0];
		expect(d30.dueDate).toBe('2026-04-15');
		expect(d30.criteria.find((c) => c.id === 'd30.ack-p50')?.label).toBe('Acknowledge P50 under 4 min');
	});

	it('keeps interview join codes unique', async () => {
		const db = await openDb(open);
		const base = {
			candidate: 'C. Andidate',
			scenarioId: 'checkout-deploy-regression',
			seed: 3,
			timeBoxMs: 3_600_000,
			passphraseHash: 'f'.repeat(64),
			state: {},
			createdAt: '2026-03-02T09:00:00.000Z'
		};
		await saveInterview(db, { ...base, id: 'i1', code: 'K7Q2' });
		expect((await findInterviewByCode(db, 'K7Q2'))?.id).toBe('i1');
		await expect(saveInterview(db, { ...base, id: 'i2', code: 'K7Q2' })).rejects.toThrow();
		expect(await findInterviewByCode(db, 'NONE')).toBeUndefined();
	});

	it('rolls a failed transaction back completely', async () => {
		const db = await openDb(open);
		const ana = await createProfile(db, 'Ana');
		const before = await dumpDatabase(db);
		await expect(
			db.transaction(async (tx) => {
				await tx.attempts.put(sampleAttempt({ id: 'half-written', profileId: ana.id }));
				await tx.profiles.delete(ana.id);
				throw new Error('power cut');
			})
		).rejects.toThrow('power cut');
		expect(await dumpDatabase(db)).toEqual(before);
	});

	it('returns copies: changing a row read from the store changes nothing stored', async () => {
		const db = await openDb(open);
		await putAttempts(db, [sampleAttempt({ id: 'a1' })]);
		const row = (await db.attempts.get('a1'))!;
		row.traineeEvents.push({ type: 'note.add', text: 'sneaky', at: 1 });
		expect((await db.attempts.get('a1'))?.traineeEvents).toHaveLength(4);
	});
});
