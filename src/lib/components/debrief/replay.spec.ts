/**
 * Replaying a recorded attempt of a shipped scenario rebuilds the same drill (event log and metrics), which is what
 * the debrief's SLI chart relies on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDrill } from '../../sim/drill';
import { loadScenarioOrThrow } from '../../sim/scenario/load';
import { lastValue } from '../dashboard/panel-data';
import { debriefWindow } from './debrief-chart';
import { attemptEndAt, replayAttempt, sameLog, scrapeIntervalMs, sliData, sliPanel } from './replay';

const file = join(process.cwd(), 'scenarios', 'checkout-deploy-regression.yaml');
const { scenario, version } = loadScenarioOrThrow(
	readFileSync(file, 'utf8'),
	'checkout-deploy-regression.yaml'
);

describe('replayAttempt', () => {
	// Play a short drill: ack, roll back with a reason, declare resolved.
	const live = createDrill(scenario, { seed: 42, version });
	live.advanceTo(150_000);
	live.dispatch({ type: 'alert.ack', pageId: 'P001' });
	live.advanceTo(240_000);
	live.dispatch({
		type: 'action.run',
		action: 'rollback',
		params: { service: 'checkout-api' },
		reason: 'errors began with v2.41.0'
	});
	live.advanceTo(900_000);
	live.dispatch({ type: 'incident.declareResolved', summary: 'rolled back' });
	const recorded = {
		seed: 42,
		scenarioVersion: version,
		traineeEvents: live.traineeEvents(),
		simNow: live.now,
		eventLog: [...live.events]
	};

	it('rebuilds the same event log up to where the drill ended', () => {
		expect(attemptEndAt(recorded)).toBe(900_000);
		const replayed = replayAttempt(scenario, recorded);
		expect(replayed.ended?.reason).toBe('declared');
		expect(sameLog(recorded.eventLog, replayed.events)).toBe(true);
		expect(sameLog(recorded.eventLog, replayed.events.slice(1))).toBe(false);

		// The SLI panel over the drill shows the error ratio rising after the page and falling after the rollback.
		const sli = sliPanel(scenario);
		expect(sli?.panel.id).toBe('error-rate');
		const w = debriefWindow(replayed.startEpochMs, 75_000, 900_000, scrapeIntervalMs(scenario));
		const data = sliData(replayed, sli!.panel, w);
		expect(data.errors).toEqual([]);
		const pay = data.series.findIndex((s) => s.name === '/api/checkout/pay');
		expect(pay).toBeGreaterThanOrEqual(0);
		const column = data.data[pay + 1] as (number | null)[];
		const xs = data.data[0];
		const at = (simMs: number) => column[xs.findIndex((x) => x * 1000 >= replayed.startEpochMs + simMs)];
		expect(at(180_000)).toBeGreaterThan(0.05);
		expect(lastValue(column)).toBeLessThan(0.02);
	});
});
