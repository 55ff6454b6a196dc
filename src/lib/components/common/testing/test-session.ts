/**
 * A `DrillSession` over the fake drill with a hand-driven clock, for component tests.
 */
import { DrillSession, type DrillSessionOptions } from '../../../state/drill-session.svelte';
import { createFakeDrill, type FakeDrillOptions } from './fake-drill';
import { fixtureScenario } from './fixture-scenario';
import type { Scenario } from '../../../sim/scenario/schema';

export interface TestSession {
	session: DrillSession;
	/** Lets `ms` of sim time pass (at 1×) and ticks once. */
	advance(ms: number): void;
}

export function createTestSession(
	options: { scenario?: Scenario; drill?: FakeDrillOptions; session?: DrillSessionOptions } = {}
): TestSession {
	const drill = createFakeDrill(options.scenario ?? fixtureScenario(), options.drill);
	let wall = 0;
	let tick: (() => void) | null = null;
	const session = new DrillSession(drill, {
		scheduler: (fn) => {
			tick = fn;
			return () => (tick = null);
		},
		wallClock: () => wall,
		...options.session
	});
	session.start();
	return {
		session,
		advance(ms: number) {
			wall += ms;
			tick?.();
		}
	};
}
