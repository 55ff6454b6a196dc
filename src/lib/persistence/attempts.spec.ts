import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	LOCK_STALE_MS,
	appendAttemptEvents,
	claimAttempt,
	endAttempt,
	getAttempt,
	recordArtifact,
	releaseAttempt,
	saveAttemptProgress,
	startAttempt
} from './attempts';
import { createAutosave } from './autosave';
import { createProfile } from './profiles';
import type { ProgressDb } from './store';
import { openTabChannel, type TabMessage } from './tab-channel';
import { BACKENDS, manualClock, sampleAttempt, sequentialIds, type ManualClock } from './test-support';

const scenario = {
	id: 'checkout-deploy-regression',
	version: 'sha256-abc',
	title: 'Checkout errors after a deploy',
	theme: 'deploy-regression',
	skills: ['deploy-safety', 'http'],
	level: 'shadow' as const
};

async function setup(
	open: (typeof BACKENDS)[number]['open']
): Promise<{ db: ProgressDb; clock: ManualClock; id: string }> {
	const clock = manualClock('2026-03-02T09:00:00.000Z');
	const db = await open({ now: clock.now, newId: sequentialIds() });
	const profile = await createProfile(db, 'Ana');
	const attempt = await startAttempt(
		db,
		{ profileId: profile.id, scenario, seed: 11, mode: 'practice' },
		'tab-A'
	);
	return { db, clock, id: attempt.id };
}

describe.each(BACKENDS)('two tabs on one attempt ($name)', ({ open }) => {
	it('lets only the driving tab write; the second tab opens read-only', async () => {
		const { db, clock, id } = await setup(open);
		const second = await claimAttempt(db, id, 'tab-B');
		expect(second).toMatchObject({ role: 'viewer', reason: 'held-by-other-tab', heldBy: 'tab-A' });

		clock.advance(2_000);
		expect(await saveAttemptProgress(db, id, 'tab-B', { simNow: 999_999 })).toEqual({
			ok: false,
			reason: 'locked',
			heldBy: 'tab-A'
		});
		await appendAttemptEvents(db, id, 0, [{ type: 'alert.ack', pageId: 'page-1', at: 45_000 }]);
		const saved = await saveAttemptProgress(db, id, 'tab-A', { simNow: 60_000 });
		expect(saved).toEqual({ ok: true, updatedAt: '2026-03-02T09:00:02.000Z' });
		const row = await getAttempt(db, id);
		expect(row).toMatchObject({
			simNow: 60_000,
			heartbeatAt: '2026-03-02T09:00:02.000Z',
			lockOwner: 'tab-A'
		});
		expect(row?.traineeEvents).toHaveLength(1);
	});

	it('hands the attempt to another tab once the driver stops beating, and the old driver turns read-only', async () => {
		const { db, clock, id } = await setup(open);
		clock.advance(LOCK_STALE_MS - 1);
		expect((await claimAttempt(db, id, 'tab-B')).role).toBe('viewer');
		clock.advance(1);
		expect(await claimAttempt(db, id, 'tab-B')).toMatchObject({ role: 'driver', tookOverFrom: 'tab-A' });
		expect(await saveAttemptProgress(db, id, 'tab-A', { simNow: 5 })).toEqual({
			ok: false,
			reason: 'locked',
			heldBy: 'tab-B'
		});
	});

	it('lets the user take over explicitly, release on close, and reclaim after a reload', async () => {
		const { db, id } = await setup(open);
		expect(await claimAttempt(db, id, 'tab-B', { force: true })).toMatchObject({
			role: 'driver',
			tookOverFrom: 'tab-A'
		});
		await releaseAttempt(db, id, 'tab-A'); // not the holder: no effect
		expect((await getAttempt(db, id))?.lockOwner).toBe('tab-B');
		await releaseAttempt(db, id, 'tab-B');
		expect((await getAttempt(db, id))?.lockOwner).toBeNull();
		expect(await claimAttempt(db, id, 'tab-A')).toMatchObject({ role: 'driver', tookOverFrom: null });
		expect(await claimAttempt(db, id, 'tab-A')).toMatchObject({ role: 'driver', tookOverFrom: null });
		await expect(claimAttempt(db, 'missing', 'tab-A')).rejects.toThrow(/no longer exists/);
	});

	it('ends an attempt once: result stored, lock released, later claims are read-only', async () => {
		const { db, clock, id } = await setup(open);
		clock.advance(42 * 60_000);
		await expect(endAttempt(db, id, 'tab-B', { status: 'finished' })).rejects.toThrow(/Another tab/);
		const card = sampleAttempt().scorecard;
		const ended = await endAttempt(db, id, 'tab-A', {
			status: 'finished',
			scorecard: card,
			simNow: 1_800_000
		});
		expect(ended).toMatchObject({
			status: 'finished',
			endedAt: '2026-03-02T09:42:00.000Z',
			durationMs: 42 * 60_000,
			lockOwner: null,
			scorecard: card
		});
		expect(await claimAttempt(db, id, 'tab-A')).toMatchObject({ role: 'viewer', reason: 'ended' });
		expect(await saveAttemptProgress(db, id, 'tab-A', { simNow: 1 })).toEqual({ ok: false, reason: 'ended' });
		await expect(endAttempt(db, id, 'tab-A', { status: 'abandoned' })).rejects.toThrow(/already ended/);

		const graded = await recordArtifact(db, id, 'postmortem', '# Postmortem', 84);
		expect(graded.artifacts.postmortem).toBe('# Postmortem');
		expect(graded.artifactScores).toEqual({ runbook: null, postmortem: 84 });
		await expect(recordArtifact(db, id, 'runbook', 'x', 101)).rejects.toThrow(/0 to 100/);
	});
});

describe.each(BACKENDS)('autosave ($name)', ({ open }) => {
	function manualTimer() {
		let tick: (() => void) | null = null;
		return {
			timers: {
				setInterval: (fn: () => void) => {
					tick = fn;
					return 1;
				},
				clearInterval: () => {
					tick = null;
				}
			},
			fire: () => tick?.(),
			get running() {
				return tick !== null;
			}
		};
	}

	it('merges patches between saves and writes them on the next tick', async () => {
		const { db, id } = await setup(open);
		const timer = manualTimer();
		const results: unknown[] = [];
		const autosave = createAutosave(db, id, 'tab-A', {
			timers: timer.timers,
			onSaved: (r) => results.push(r)
		});
		autosave.update({ simNow: 10_000 });
		autosave.update({ simNow: 12_000, speed: 4 });
		timer.fire();
		await autosave.flush();
		expect(await getAttempt(db, id)).toMatchObject({ simNow: 12_000, speed: 4 });
		expect(results.every((r) => (r as { ok: boolean }).ok)).toBe(true);
		await autosave.stop();
		expect(timer.running).toBe(false);
	});

	it('stops and reports when another tab takes the attempt over', async () => {
		const { db, id } = await setup(open);
		const timer = manualTimer();
		let lost: unknown = null;
		const autosave = createAutosave(db, id, 'tab-A', { timers: timer.timers, onLost: (r) => (lost = r) });
		await claimAttempt(db, id, 'tab-B', { force: true });
		autosave.update({ simNow: 99 });
		expect(await autosave.flush()).toEqual({ ok: false, reason: 'locked', heldBy: 'tab-B' });
		expect(lost).toEqual({ ok: false, reason: 'locked', heldBy: 'tab-B' });
		expect(autosave.lost).toBe(true);
		expect(timer.running).toBe(false);
		autosave.update({ simNow: 100 });
		expect(await autosave.flush()).toBeNull();
		expect((await getAttempt(db, id))?.simNow).toBe(0);
	});

	it('refuses an interval that would let the lock go stale', async () => {
		const { db, id } = await setup(open);
		expect(() => createAutosave(db, id, 'tab-A', { intervalMs: LOCK_STALE_MS })).toThrow(RangeError);
	});
});

describe('tab channel', () => {
	it('delivers messages to other tabs, not to the sender, and ignores unknown ones', async () => {
		const name = `spec-channel-${Date.now()}`;
		const a = openTabChannel('tab-A', name);
		const b = openTabChannel('tab-B', name);
		const ownEcho: TabMessage[] = [];
		a.subscribe((m) => ownEcho.push(m));
		const received = new Promise<TabMessage>((resolve) => b.subscribe(resolve));
		const raw = new BroadcastChannel(name);
		raw.postMessage({ type: 'something.else', tabId: 'tab-X' });
		a.post({ type: 'attempt.released', attemptId: 'att-1' });
		expect(await received).toEqual({ type: 'attempt.released', attemptId: 'att-1', tabId: 'tab-A' });
		expect(ownEcho).toEqual([]);
		raw.close();
		a.close();
		b.close();
	});
});
