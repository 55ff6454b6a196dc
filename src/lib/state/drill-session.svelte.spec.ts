import { describe, expect, it, vi } from 'vitest';
import { createFakeDrill } from '../components/common/testing/fake-drill';
import { fixtureScenario } from '../components/common/testing/fixture-scenario';
import { DrillSession, type DrillSessionOptions, type PersistSnapshot } from './drill-session.svelte';

/** A session over the fake drill with a hand-driven scheduler and wall clock. */
function setup(options: DrillSessionOptions = {}) {
	const drill = createFakeDrill(fixtureScenario(), { pageAt: 60_000 });
	let wall = 1_000;
	let tick: (() => void) | null = null;
	const stopped = vi.fn();
	const persisted: PersistSnapshot[] = [];
	const session = new DrillSession(drill, {
		scheduler: (fn) => {
			tick = fn;
			return () => {
				tick = null;
				stopped();
			};
		},
		wallClock: () => wall,
		onPersist: (s) => persisted.push(s),
		...options
	});
	/** Lets `ms` of wall time pass, then fires one tick (if the clock is running). */
	const elapse = (ms: number) => {
		wall += ms;
		tick?.();
	};
	return {
		drill,
		session,
		persisted,
		stopped,
		elapse,
		passWallTime: (ms: number) => (wall += ms),
		isTicking: () => tick !== null
	};
}

describe('DrillSession clock', () => {
	it('advances sim time by elapsed wall time once started', () => {
		const { session, elapse } = setup();
		elapse(5_000);
		expect(session.now).toBe(0);
		session.start();
		elapse(1_000);
		expect(session.now).toBe(1_000);
		elapse(2_500);
		expect(session.now).toBe(3_500);
		expect(session.nowEpochMs).toBe(Date.parse('2026-03-14T02:10:00Z') + 3_500);
	});

	it('runs faster at higher speeds and not at all while paused', () => {
		const { session, elapse } = setup();
		session.start();
		expect(session.setSpeed(5)).toBe(true);
		elapse(1_000);
		expect(session.now).toBe(5_000);
		expect(session.pause()).toBe(true);
		elapse(60_000);
		expect(session.now).toBe(5_000);
		session.resume();
		elapse(1_000);
		expect(session.now).toBe(10_000);
	});

	it('keeps wall time elapsed before a speed change at the old speed', () => {
		const { session, elapse, passWallTime } = setup();
		session.start();
		passWallTime(1_000);
		session.setSpeed(10);
		elapse(1_000);
		expect(session.now).toBe(11_000);
	});

	it('locks interview mode to 1× without pause', () => {
		const { session, elapse } = setup({ mode: 'interview', speed: 10, paused: true });
		expect(session.canControlClock).toBe(false);
		expect(session.speed).toBe(1);
		expect(session.paused).toBe(false);
		session.start();
		expect(session.setSpeed(10)).toBe(false);
		expect(session.pause()).toBe(false);
		elapse(2_000);
		expect(session.now).toBe(2_000);
		expect(session.speed).toBe(1);
	});

	it('publishes pages and alerts as they fire', () => {
		const { session, elapse } = setup();
		session.start();
		session.setSpeed(10);
		elapse(5_000);
		expect(session.pages).toHaveLength(0);
		elapse(1_000);
		expect(session.pages).toHaveLength(1);
		expect(session.openPages.map((p) => p.title)).toEqual(['CheckoutHighErrorRate']);
		expect(session.alerts[0].state).toBe('firing');
		expect(session.events.map((e) => e.type)).toEqual(['drill.start', 'page.sent']);
	});

	it('keeps unchanged snapshots identical between ticks', () => {
		const { session, elapse } = setup();
		session.start();
		const services = session.services;
		const deploys = session.deploys;
		elapse(1_000);
		expect(session.services).toBe(services);
		expect(session.deploys).toBe(deploys);
	});
});

describe('DrillSession trainee events', () => {
	it('records events at the up-to-date sim time and refreshes pages', () => {
		const { session, elapse, passWallTime, persisted } = setup();
		session.start();
		session.setSpeed(10);
		elapse(7_000);
		passWallTime(500);
		const ack = session.ack('page-1');
		expect(ack).toMatchObject({ type: 'alert.ack', pageId: 'page-1', at: 75_000, actor: 'trainee' });
		expect(session.pages[0].ackedAt).toBe(75_000);
		expect(session.openPages).toEqual([]);
		expect(persisted.at(-1)).toMatchObject({
			cause: 'event',
			scenarioId: 'checkout-errors',
			scenarioVersion: 'test',
			traineeEvents: [{ type: 'alert.ack', pageId: 'page-1', at: 75_000 }]
		});
	});

	it('builds the event payloads the runner expects', () => {
		const { session, drill } = setup();
		session.silence([{ name: 'alertname', value: 'CheckoutHighErrorRate' }], 3_600_000, 'known noise');
		session.runAction('rollback', { service: 'checkout-api' }, '  errors began with v2.4.1 ');
		session.runAction('restart', { service: 'payments-api' }, '   ');
		session.escalate('payments-oncall', 'Checkout 5xx since the deploy, can you look?');
		session.postStatus('investigating', ['checkout-api'], 'Checkout errors, investigating.');
		session.addNote('Rolled back');
		session.recordView('tab', 'changes');
		session.recordView('changes');
		session.recordQuery('promql', 'up', 'rps');
		session.recordQuery('logql', '{service="checkout-api"}');
		expect(drill.traineeEvents().map(({ at: _at, ...e }) => e)).toEqual([
			{
				type: 'alert.silence',
				matchers: [{ name: 'alertname', value: 'CheckoutHighErrorRate' }],
				durationMs: 3_600_000,
				reason: 'known noise'
			},
			{
				type: 'action.run',
				action: 'rollback',
				params: { service: 'checkout-api' },
				reason: 'errors began with v2.4.1'
			},
			{ type: 'action.run', action: 'restart', params: { service: 'payments-api' } },
			{
				type: 'escalation.page',
				target: 'payments-oncall',
				message: 'Checkout 5xx since the deploy, can you look?'
			},
			{
				type: 'status.post',
				status: 'investigating',
				components: ['checkout-api'],
				text: 'Checkout errors, investigating.'
			},
			{ type: 'note.add', text: 'Rolled back' },
			{ type: 'view.open', view: 'tab', target: 'changes' },
			{ type: 'view.open', view: 'changes' },
			{ type: 'query.promql', expr: 'up', panel: 'rps' },
			{ type: 'query.logql', expr: '{service="checkout-api"}' }
		]);
		expect(session.silences).toHaveLength(1);
	});

	it('delivers escalation replies into the timeline after their delay', () => {
		const { session, elapse } = setup();
		session.start();
		session.escalate('payments-oncall', 'Please look at payments');
		session.setSpeed(10);
		elapse(11_000);
		expect(session.events.some((e) => e.type === 'chat.message')).toBe(false);
		elapse(1_000);
		const chat = session.events.find((e) => e.type === 'chat.message');
		expect(chat).toMatchObject({ from: 'Priya Raman', text: 'Priya here, looking at payments now.' });
	});

	it('stops the clock and ignores input once the drill is declared resolved', () => {
		const { session, elapse, stopped, persisted, isTicking } = setup();
		session.start();
		elapse(1_000);
		session.declareResolved('Rolled back v2.4.1');
		expect(session.ended).toEqual({ reason: 'declared', at: 1_000 });
		expect(stopped).toHaveBeenCalledTimes(1);
		expect(isTicking()).toBe(false);
		expect(session.running).toBe(false);
		expect(persisted.at(-1)?.cause).toBe('end');
		expect(session.addNote('too late')).toBeNull();
		expect(session.pause()).toBe(false);
		session.start();
		expect(isTicking()).toBe(false);
	});

	it('ends at the time limit without running past it', () => {
		const { session, elapse, drill } = setup();
		session.start();
		session.setSpeed(10);
		elapse(3_600_000);
		expect(session.ended).toEqual({ reason: 'timeout', at: 3_600_000 });
		expect(session.now).toBe(3_600_000);
		expect(session.events.at(-1)?.type).toBe('drill.end');
		expect(Math.max(...drill.advanceCalls)).toBe(36_000_000);
		expect(session.running).toBe(false);
	});

	it('writes checkpoints while the clock runs and on pause', () => {
		const { session, elapse, persisted } = setup({ checkpointEveryMs: 10_000 });
		session.start();
		expect(persisted.map((p) => p.cause)).toEqual(['start']);
		for (let i = 0; i < 8; i++) elapse(2_500);
		expect(persisted.map((p) => p.cause)).toEqual(['start', 'checkpoint', 'checkpoint']);
		expect(persisted.at(-1)?.now).toBe(20_000);
		session.pause();
		elapse(60_000);
		expect(persisted.map((p) => p.cause)).toEqual(['start', 'checkpoint', 'checkpoint', 'pause']);
	});
});
