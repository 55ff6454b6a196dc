import { describe, expect, it, vi } from 'vitest';
import { createMemoryDb } from '../../persistence/memory-db';
import type { ProfileRecord } from '../../persistence/records';
import { sampleAttempt } from '../../persistence/test-support';
import { expertLog, fixtureScenario } from '../../scoring/fixtures/drill-scenario';
import { DebriefState } from './debrief-state.svelte';

// uPlot needs a real browser (matchMedia, canvas); the chart options module imports it.
vi.mock('uplot', () => import('../dashboard/testing/uplot-fake'));

const scenario = fixtureScenario();
const profile = (imported = false): ProfileRecord => ({
	id: 'profile-1',
	name: 'Me',
	createdAt: '2026-03-01T00:00:00.000Z',
	updatedAt: '2026-03-01T00:00:00.000Z',
	imported,
	sourceFileName: imported ? 'me.json' : null,
	importedAt: imported ? '2026-03-02T00:00:00.000Z' : null
});

async function setup(options: { imported?: boolean; catalog?: boolean; version?: string } = {}) {
	const db = createMemoryDb();
	await db.profiles.put(profile(options.imported));
	const events = expertLog();
	await db.attempts.put(
		sampleAttempt({
			scenarioId: scenario.metadata.id,
			scenarioVersion: 'v1',
			eventLog: events,
			traineeEvents: [],
			simNow: events.at(-1)!.at,
			artifacts: {
				runbook: '# CheckoutHighErrorRate\n\n## Meaning\nFires when checkout requests fail for 5 minutes.'
			}
		})
	);
	const view = new DebriefState({
		progress: { open: async () => db },
		findScenario: (id) =>
			options.catalog === false || id !== scenario.metadata.id
				? null
				: { scenario, version: options.version ?? 'v1' },
		defer: (fn) => fn()
	});
	return { view, db };
}

describe('DebriefState', () => {
	it('scores the recorded drill with its documents, then replays it for the SLI chart', async () => {
		const { view } = await setup();
		await view.load('attempt-1', scenario.metadata.id);
		expect(view.status).toBe('ready');
		expect(view.scorecard?.checks.find((c) => c.id === 'response.ack-time')?.result).toBe('met');
		expect(view.scorecard?.checks.find((c) => c.id === 'documentation.runbook')?.result).not.toBe(
			'not-assessed'
		);
		expect(view.chartStatus).toBe('ready');
		expect(view.chart?.panel.id).toBe('error-rate');
		expect(view.chart?.markers.some((m) => m.label === 'Acknowledged the page')).toBe(true);
		// The stored log is hand-written, so replaying the seed cannot reproduce it: the page says so.
		expect(view.chartNote).toMatch(/replay differs/);
	});

	it('keeps the recorded scorecard when the scenario changed since', async () => {
		const { view } = await setup({ version: 'v2' });
		await view.load('attempt-1', scenario.metadata.id);
		expect(view.versionMatches).toBe(false);
		expect(view.scorecard?.score).toBe(81);
		expect(view.chartNote).toMatch(/scenario changed/);
	});

	it('shows only the recorded scorecard for a scenario this app does not ship', async () => {
		const { view } = await setup({ catalog: false });
		await view.load('attempt-1', scenario.metadata.id);
		expect(view.status).toBe('ready');
		expect(view.scorecard?.score).toBe(81);
		expect(view.chartStatus).toBe('unavailable');
		expect(view.chartNote).toMatch(/not part of this app/);
	});

	it('says when the attempt does not exist or belongs to another drill', async () => {
		const { view } = await setup();
		await view.load('nope', scenario.metadata.id);
		expect(view.status).toBe('error');
		expect(view.error).toMatch(/no such attempt/);
		await view.load('attempt-1', 'another-drill');
		expect(view.error).toMatch(/another drill/);
	});

	it('marks attempts of imported profiles as read only', async () => {
		const { view } = await setup({ imported: true });
		await view.load('attempt-1', scenario.metadata.id);
		expect(view.imported).toBe(true);
	});
});
