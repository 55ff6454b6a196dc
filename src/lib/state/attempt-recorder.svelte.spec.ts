import { describe, expect, it } from 'vitest';
import { createTestSession } from '../components/common/testing/test-session';
import { fixtureScenario } from '../components/common/testing/fixture-scenario';
import { claimAttempt, getAttempt, listAttempts } from '../persistence/attempts';
import { createMemoryDb } from '../persistence/memory-db';
import type { ProgressDb } from '../persistence/store';
import { openTabChannel } from '../persistence/tab-channel';
import { loadScenarioOrThrow } from '../sim/scenario/load';
import checkoutYaml from '../../../scenarios/checkout-deploy-regression.yaml?raw';
import { createDrill } from '../sim/drill';
import {
	AttemptRecorder,
	attemptScenarioOf,
	resumeAttempt,
	type PageEvents
} from './attempt-recorder.svelte';
import { DrillSession } from './drill-session.svelte';
import { ProgressState } from './progress.svelte';

let counter = 0;

/** Interval timers fired by hand. */
function manualTimers() {
	const fns = new Map<number, () => void>();
	let next = 0;
	return {
		setInterval: (fn: () => void) => {
			fns.set(++next, fn);
			return next;
		},
		clearInterval: (handle: unknown) => void fns.delete(handle as number),
		fire: () => [...fns.values()].forEach((fn) => fn()),
		get active() {
			return fns.size;
		}
	};
}

/** A wall clock for the database that only moves when told to. */
function wallClock(start = '2026-03-14T02:00:00.000Z') {
	let t = Date.parse(start);
	return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

/** Two "tabs" (progress states with their own tab ids) over one shared memory database. */
function setup() {
	const clock = wallClock();
	let ids = 0;
	const db: ProgressDb = createMemoryDb({ env: { now: clock.now, newId: () => `id-${++ids}` } });
	const channelName = `recorder-${++counter}`;
	const tab = () =>
		new ProgressState({
			openDb: async () => ({ db, storage: { kind: 'indexeddb' } }),
			storageManager: null,
			tabIdStorage: null,
			openChannel: (tabId) => openTabChannel(tabId, channelName)
		});
	return { db, clock, tab1: tab(), tab2: tab() };
}

function pageEvents() {
	const win = new EventTarget() as EventTarget & PageEvents;
	const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
	return {
		win,
		doc,
		hide() {
			doc.visibilityState = 'hidden';
			doc.dispatchEvent(new Event('visibilitychange'));
		},
		pagehide() {
			win.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: false }));
		}
	};
}

const scenario = attemptScenarioOf(fixtureScenario(), 'sha256-fixture');

/** A started test session recorded by a recorder on `progress`. */
function recorded(
	progress: ProgressState,
	options: { resume?: Awaited<ReturnType<typeof resumeAttempt>> } = {}
) {
	const timers = manualTimers();
	const page = pageEvents();
	const recorder = new AttemptRecorder({
		scenario,
		progress,
		timers,
		window: page.win,
		document: page.doc,
		resume: options.resume
	});
	const test = createTestSession({ session: { onPersist: recorder.onPersist, checkpointEveryMs: 600_000 } });
	const detach = recorder.attach(test.session);
	return { recorder, timers, page, detach, ...test };
}

describe('AttemptRecorder', () => {
	it('creates the attempt when the drill starts and autosaves the running drill', async () => {
		const { db, tab1 } = setup();
		await tab1.open();
		const { recorder, timers, session, advance } = recorded(tab1);
		await recorder.flush();
		expect(recorder.state).toBe('recording');
		const [attempt] = await listAttempts(db, tab1.activeProfile!.id);
		expect(attempt).toMatchObject({
			id: recorder.attemptId,
			scenarioId: 'checkout-errors',
			scenarioVersion: 'sha256-fixture',
			seed: session.seed,
			status: 'in-progress',
			lockOwner: tab1.tabId
		});

		advance(90_000);
		session.ack('page-1');
		advance(30_000);
		// No snapshot since the ack: the autosave tick reads the session's clock itself.
		timers.fire();
		await recorder.flush();
		const saved = await getAttempt(db, attempt.id);
		expect(saved?.simNow).toBe(120_000);
		expect(saved?.traineeEvents).toEqual([{ type: 'alert.ack', pageId: 'page-1', at: 90_000 }]);
		expect(recorder.lastSavedAt).not.toBeNull();
	});

	it('saves at once when the trainee pauses or the tab is hidden', async () => {
		const { db, tab1 } = setup();
		await tab1.open();
		const { recorder, session, advance, page } = recorded(tab1);
		await recorder.flush();
		const id = recorder.attemptId!;
		advance(70_000);
		session.pause();
		await recorder.flush();
		expect((await getAttempt(db, id))?.simNow).toBe(70_000);
		session.resume();
		advance(5_000);
		session.addNote('checking the deploy');
		page.hide();
		await recorder.flush();
		expect((await getAttempt(db, id))?.traineeEvents.map((e) => e.type)).toEqual(['note.add']);
	});

	it('records the end with the event log, the scorecard and the status updates, and releases the lock', async () => {
		const { db, tab1 } = setup();
		await tab1.open();
		const { recorder, session, advance, timers } = recorded(tab1);
		advance(120_000);
		session.ack('page-1');
		session.postStatus('investigating', ['checkout'], 'Investigating failed checkouts since 02:11 UTC.');
		session.declareResolved('Rolled back');
		await recorder.flush();
		expect(recorder.error).toBeNull();
		expect(recorder.state).toBe('ended');
		const saved = await getAttempt(db, recorder.attemptId!);
		expect(saved).toMatchObject({ status: 'finished', lockOwner: null, simNow: 120_000 });
		expect(saved?.eventLog?.at(-1)).toMatchObject({ type: 'drill.end', reason: 'declared' });
		expect(saved?.scorecard?.kpis.ackMs).toBe(60_000);
		expect(saved?.artifacts.statusUpdates).toEqual(['Investigating failed checkouts since 02:11 UTC.']);
		expect(recorder.finished?.id).toBe(saved?.id);
		// Saving stopped with the drill.
		expect(timers.active).toBe(0);
	});

	it('releases the lock on pagehide and resumes the same attempt after a reload', async () => {
		const { db, tab1 } = setup();
		await tab1.open();
		const first = recorded(tab1);
		first.advance(80_000);
		first.session.ack('page-1');
		first.session.setSpeed(5);
		first.advance(10_000);
		first.page.pagehide();
		await first.recorder.flush();
		const id = first.recorder.attemptId!;
		expect((await getAttempt(db, id))?.lockOwner).toBeNull();

		const resumed = await resumeAttempt(id, { progress: tab1 });
		expect(resumed).toMatchObject({
			attemptId: id,
			scenarioId: 'checkout-errors',
			seed: first.session.seed,
			traineeEvents: [{ type: 'alert.ack', pageId: 'page-1', at: 80_000 }],
			now: 130_000,
			speed: 5,
			paused: true,
			mode: 'practice',
			role: 'driver'
		});
		const second = recorded(tab1, { resume: resumed });
		// The console rebuilds the drill from the saved events (the fake drill takes them one by one).
		second.session.drill.dispatch({ type: 'alert.ack', pageId: 'page-1' });
		second.advance(1_000);
		second.session.addNote('back again');
		second.timers.fire();
		await second.recorder.flush();
		expect(await listAttempts(db, tab1.activeProfile!.id)).toHaveLength(1);
		// The new note is added after the event saved before the reload; the autosave replaced nothing.
		expect((await getAttempt(db, id))?.traineeEvents.map((e) => e.type)).toEqual(['alert.ack', 'note.add']);
		expect(second.recorder.attemptId).toBe(id);
	});

	it('leaves an attempt another tab is recording alone', async () => {
		const { db, tab1, tab2 } = setup();
		await tab1.open();
		await tab2.open();
		const driver = recorded(tab1);
		await driver.recorder.flush();
		const id = driver.recorder.attemptId!;

		const viewing = await resumeAttempt(id, { progress: tab2 });
		expect(viewing).toMatchObject({ role: 'viewer', reason: 'held-by-other-tab' });
		const viewer = recorded(tab2, { resume: viewing });
		expect(viewer.recorder.readOnly).toBe(true);
		viewer.session.addNote('typed in the wrong tab');
		viewer.timers.fire();
		await viewer.recorder.flush();
		expect((await getAttempt(db, id))?.lockOwner).toBe(tab1.tabId);
		expect((await getAttempt(db, id))?.traineeEvents).toEqual([]);
	});

	it('turns read-only when another tab takes the drill over', async () => {
		const { db, tab1, tab2 } = setup();
		await tab1.open();
		const { recorder, timers, session } = recorded(tab1);
		await recorder.flush();
		await claimAttempt(db, recorder.attemptId!, tab2.tabId, { force: true });
		session.addNote('still here?');
		timers.fire();
		await recorder.flush();
		expect(recorder.readOnly).toBe(true);
		expect(recorder.error).toMatch(/Another tab took over/);
		expect((await getAttempt(db, recorder.attemptId!))?.traineeEvents).toEqual([]);
	});

	it('resumes a real drill that rebuilds to the same state', async () => {
		const { tab1 } = setup();
		await tab1.open();
		const found = loadScenarioOrThrow(checkoutYaml, 'checkout-deploy-regression.yaml');
		let wall = 0;
		const clock: { tick: (() => void) | null } = { tick: null };
		const recorder = new AttemptRecorder({
			scenario: attemptScenarioOf(found.scenario, found.version),
			progress: tab1,
			timers: manualTimers(),
			window: pageEvents().win,
			document: pageEvents().doc
		});
		const drill = createDrill(found.scenario, { seed: 7, version: found.version });
		const session = new DrillSession(drill, {
			onPersist: recorder.onPersist,
			scheduler: (fn) => ((clock.tick = fn), () => (clock.tick = null)),
			wallClock: () => wall
		});
		const detach = recorder.attach(session);
		session.start();
		session.setSpeed(10);
		while (session.openPages.length === 0 && session.now < 20 * 60_000) {
			wall += 5_000;
			clock.tick?.();
		}
		const page = session.openPages[0];
		expect(page).toBeDefined();
		session.ack(page.id);
		session.recordQuery('promql', 'sum by (code) (rate(http_requests_total[5m]))');
		wall += 3_000;
		clock.tick?.();
		session.stop();
		detach();
		await recorder.flush();

		const resumed = await resumeAttempt(recorder.attemptId!, { progress: tab1 });
		const rebuilt = createDrill(found.scenario, {
			seed: resumed.seed,
			version: found.version,
			events: resumed.traineeEvents
		});
		rebuilt.advanceTo(resumed.now);
		expect(resumed.now).toBe(session.now);
		expect(rebuilt.now).toBe(session.now);
		expect(rebuilt.pages()).toEqual(session.pages);
		expect(rebuilt.events).toEqual(session.events);
	});
});
