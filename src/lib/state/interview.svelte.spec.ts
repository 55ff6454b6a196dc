import { describe, expect, it } from 'vitest';
import { testProgress } from '../components/progress/testing/test-progress';
import { findScenario } from '../scenarios/catalog';
import { addNote, setRating } from '../interview/session';
import type { ValidSetup } from '../interview/setup';
import {
	createInterview,
	findSession,
	isUnlocked,
	listSessions,
	loadReport,
	SessionHandle,
	unlockSession,
	updateSession,
	type InterviewDeps
} from './interview.svelte';

const MINUTE = 60_000;
const SETUP: ValidSetup = {
	candidate: 'Jane Doe',
	interviewer: 'Priya Raman',
	scenarioId: 'checkout-deploy-regression',
	seed: 42,
	triageTimeBoxMs: 60 * MINUTE,
	runbook: { timeBoxMs: 30 * MINUTE, alertId: 'checkout-deploy-regression/CheckoutHighErrorRate' },
	passphrase: 'correct horse battery'
};

function memoryStore(): Pick<Storage, 'getItem' | 'setItem'> {
	const map = new Map<string, string>();
	return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

function deps(random: () => number = () => 0.3): InterviewDeps {
	return {
		progress: testProgress(),
		random,
		iterations: 1000,
		now: () => Date.parse('2026-05-10T12:00:00.000Z')
	};
}

describe('interview sessions in storage', () => {
	it('are created with a short code, the scenario version and a hashed passphrase', async () => {
		const d = deps();
		const { record, state } = await createInterview(SETUP, d);
		expect(record.code).toMatch(/^[A-Z]{3}-\d{3}$/);
		expect(record.passphraseHash).toMatch(/^pbkdf2-sha256\$1000\$/);
		expect(JSON.stringify(record)).not.toContain('correct horse');
		expect(state.config.scenarioVersion).toBe(findScenario('checkout-deploy-regression')?.version);
		expect(state.config.runbook?.alertName).toBe('CheckoutHighErrorRate');
		expect(record.timeBoxMs).toBe(90 * MINUTE);
		const found = await findSession(record.code.toLowerCase().replace('-', ''), d);
		expect(found?.record.id).toBe(record.id);
	});

	it('never reuse a code: a clash draws another', async () => {
		const d = deps();
		let calls = 0;
		// The first six draws give the same code as the session before; later draws differ.
		const first = await createInterview(SETUP, { ...d, random: () => 0.3 });
		const second = await createInterview(SETUP, { ...d, random: () => (calls++ < 6 ? 0.3 : 0.7) });
		expect(second.record.code).not.toBe(first.record.code);
		expect((await listSessions(d)).map((s) => s.record.code).sort()).toEqual(
			[first.record.code, second.record.code].sort()
		);
	});

	it('take changes from two tabs without losing either', async () => {
		const d = deps();
		const { record } = await createInterview(SETUP, d);
		const at = '2026-05-10T12:05:00.000Z';
		await Promise.all([
			updateSession(
				record.id,
				(s) => addNote(s, { id: 'n1', at, simMs: null, exercise: null, text: 'Calm start' }),
				d
			),
			updateSession(record.id, (s) => setRating(s, 'communication', { rating: 3, reason: '', at }), d)
		]);
		const after = await findSession(record.code, d);
		expect(after?.state.review.notes.map((n) => n.text)).toEqual(['Calm start']);
		expect(after?.state.review.ratings.communication?.rating).toBe(3);
	});

	it('unlock with the passphrase only, and remember it for the tab', async () => {
		const d = deps();
		const { record } = await createInterview(SETUP, d);
		const store = memoryStore();
		expect(await unlockSession(record, 'wrong passphrase', store)).toBe(false);
		expect(isUnlocked(record.id, store)).toBe(false);
		expect(await unlockSession(record, 'correct horse battery', store)).toBe(true);
		expect(isUnlocked(record.id, store)).toBe(true);
		const handle = new SessionHandle(d, store);
		await handle.load(record.code);
		expect(handle.unlocked).toBe(true);
	});

	it('report on a session that has not started yet: nothing measured, nothing rated', async () => {
		const d = deps();
		const session = await createInterview(SETUP, d);
		const report = await loadReport(session, d);
		expect(report.session).toMatchObject({ candidate: 'Jane Doe', seed: 42, interviewer: 'Priya Raman' });
		expect(report.total).toMatchObject({ value: null, complete: false, rated: 0 });
		expect(report.dimensions.every((x) => x.suggested === null)).toBe(true);
		expect(report.exercises.map((e) => e.startedAt)).toEqual([null, null]);
	});

	it('an unknown code is simply not found', async () => {
		const d = deps();
		expect(await findSession('ZZZ-999', d)).toBeNull();
		expect(await findSession('not a code', d)).toBeNull();
		const handle = new SessionHandle(d, memoryStore());
		await handle.load('ZZZ-999');
		expect(handle.status).toBe('missing');
	});
});
