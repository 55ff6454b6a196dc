import { describe, expect, it, vi } from 'vitest';
import { getAttempt } from '$lib/persistence/attempts';
import type { ValidSetup } from '$lib/interview/setup';
import { createInterview, findSession } from '$lib/state/interview.svelte';
import { testProgress } from '../progress/testing/test-progress';
import { CandidateFlow } from './candidate-flow.svelte';

const MINUTE = 60_000;
const SETUP: ValidSetup = {
	candidate: 'Jane Doe',
	interviewer: '',
	scenarioId: 'checkout-deploy-regression',
	seed: 42,
	triageTimeBoxMs: 10 * MINUTE,
	runbook: { timeBoxMs: 30 * MINUTE, alertId: 'checkout-deploy-regression/CheckoutHighErrorRate' },
	passphrase: 'correct horse battery'
};

/** A candidate's world: one storage, a wall clock and a drill clock moved by hand. */
function world() {
	const progress = testProgress();
	const clock = { wall: Date.parse('2026-05-10T12:00:00.000Z'), perf: 0 };
	let tick: (() => void) | null = null;
	const flow = () =>
		new CandidateFlow({
			progress,
			now: () => clock.wall,
			session: {
				scheduler: (fn) => {
					tick = fn;
					return () => (tick = null);
				},
				wallClock: () => clock.perf
			}
		});
	/** Lets `ms` of wall time pass and runs the drill's clock. */
	const pass = (ms: number) => {
		clock.wall += ms;
		clock.perf += ms;
		tick?.();
	};
	return { progress, clock, flow, pass, deps: { progress, iterations: 1000, now: () => clock.wall } };
}

// Every test builds the checkout drill (six hours of history) once or twice: about a second each.
describe('the candidate’s interview', { timeout: 60_000 }, () => {
	it('runs the simulation in real time, survives a reload, hands in early, then the runbook', async () => {
		const w = world();
		const { record } = await createInterview(SETUP, w.deps);
		const first = w.flow();
		await first.open(record.code);
		expect(first.phase).toBe('welcome');
		await first.startTriage();
		const drill = first.drill!;
		expect(drill.mode).toBe('interview');
		expect(drill.canControlClock).toBe(false);
		expect(drill.pause()).toBe(false);

		w.pass(80_000);
		expect(drill.openPages).toHaveLength(1);
		drill.ack(drill.openPages[0].id);
		drill.recordView('changes');
		expect(first.triageLeftMs).toBe(10 * MINUTE - 80_000);

		// Reload: the page goes away and comes back 30 s later; the incident did not wait.
		await first.dispose();
		w.clock.wall += 30_000;
		const second = w.flow();
		await second.open(record.code);
		expect(second.phase).toBe('triage');
		const resumed = second.drill!;
		expect(resumed.now).toBeGreaterThanOrEqual(110_000);
		expect(resumed.events.filter((e) => e.actor === 'trainee').map((e) => e.type)).toEqual([
			'alert.ack',
			'view.open'
		]);

		await second.handInTriage();
		expect(second.phase).toBe('runbook-ready');
		const stored = await findSession(record.code, w.deps);
		expect(stored?.state.candidate.triage).toMatchObject({ endedBy: 'candidate' });
		const attempt = await getAttempt(await w.progress.open(), stored!.state.candidate.triage.attemptId!);
		expect(attempt).toMatchObject({ mode: 'interview', status: 'finished', seed: 42 });
		expect(attempt?.scorecard?.kpis.ackMs).toBe(80_000 - 75_000);
		expect(attempt?.eventLog?.at(-1)).toMatchObject({ type: 'drill.end', reason: 'timeout' });

		await second.startRunbook();
		expect(second.phase).toBe('runbook');
		second.setRunbookText('# CheckoutHighErrorRate\n\n## Meaning\nToo many failed payments.');
		second.tick(w.clock.wall + 3_000);
		await second.saveDraft();
		expect((await findSession(record.code, w.deps))?.state.candidate.runbook.text).toMatch(/Too many failed/);

		// The time box runs out: the runbook is handed in as it is.
		second.tick(w.clock.wall + 31 * MINUTE);
		await vi.waitFor(() => expect(second.phase).toBe('done'));
		const done = await findSession(record.code, w.deps);
		expect(done?.state.candidate.runbook).toMatchObject({
			endedBy: 'time-box',
			text: expect.stringMatching(/Meaning/)
		});
	});

	it('ends the simulation when the time box runs out and records it as such', async () => {
		const w = world();
		const { record } = await createInterview(
			{ ...SETUP, triageTimeBoxMs: 2 * MINUTE, runbook: null },
			w.deps
		);
		const flow = w.flow();
		await flow.open(record.code);
		await flow.startTriage();
		w.pass(2 * MINUTE + 1_000);
		await vi.waitFor(() => expect(flow.phase).toBe('done'));
		const stored = await findSession(record.code, w.deps);
		expect(stored?.state.candidate.triage).toMatchObject({ endedBy: 'time-box', endedAtSimMs: 2 * MINUTE });
		const attempt = await getAttempt(await w.progress.open(), stored!.state.candidate.triage.attemptId!);
		expect(attempt?.status).toBe('finished');
		expect(attempt?.scorecard).not.toBeNull();
	});

	it('refuses to run a scenario that changed since the set-up', async () => {
		const w = world();
		const { record } = await createInterview({ ...SETUP, runbook: null }, w.deps);
		const db = await w.progress.open();
		const stored = await db.interviews.get(record.id);
		const state = stored!.state as { config: { scenarioVersion: string } };
		await db.interviews.put({
			...stored!,
			state: { ...state, config: { ...state.config, scenarioVersion: 'older' } }
		});
		const flow = w.flow();
		await flow.open(record.code);
		await flow.startTriage();
		expect(flow.drill).toBeNull();
		expect(flow.error).toMatch(/set up a new session/);
	});
});
