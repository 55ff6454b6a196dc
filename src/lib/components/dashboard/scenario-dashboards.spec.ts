/**
 * The shipped scenarios' dashboards and logs through the real simulator and query engines, the way the console
 * panels evaluate them: every panel query must run without error and draw data, and log queries must come back
 * newest first with a volume histogram that counts the same lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDrill } from '../../sim/drill';
import { durationMs } from '../../sim/duration';
import { loadScenarioOrThrow } from '../../sim/scenario/load';
import { promqlEngine } from '../explore/promql-engine';
import { logqlEngine } from '../logs/logql-engine';
import { volumeChart } from '../logs/volume';
import { evaluatePanel, lastValue, queryWindow } from './panel-data';

const dir = join(process.cwd(), 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.includes('.playthrough.'));

describe.each(files)('%s', (file) => {
	const { scenario } = loadScenarioOrThrow(readFileSync(join(dir, file), 'utf8'), file);
	const drill = createDrill(scenario, { seed: 7 });
	drill.advanceTo(10 * 60_000);
	const now = drill.startEpochMs + drill.now;
	const minStep = durationMs(scenario.clock.scrapeInterval);

	it.each(['15m', '1h', '6h'] as const)('draws every dashboard panel over the last %s', (range) => {
		const engine = promqlEngine(drill.metrics);
		const window = queryWindow(now, durationMs(range), minStep);
		for (const dashboard of scenario.dashboards) {
			for (const panel of dashboard.panels) {
				const data = evaluatePanel(panel.queries, window, engine.range);
				expect(data.errors, `${dashboard.id}/${panel.id}`).toEqual([]);
				expect(data.series.length, `${dashboard.id}/${panel.id} has series`).toBeGreaterThan(0);
				const last = data.data.slice(1).map((c) => lastValue(c));
				expect(
					last.some((v) => v !== null),
					`${dashboard.id}/${panel.id} has a value at the end of the window`
				).toBe(true);
			}
		}
	});

	it('returns recent logs newest first, and a volume histogram that counts the same lines', () => {
		const engine = logqlEngine(drill.logs);
		const w = queryWindow(now, 15 * 60_000, 1000, 120);
		// Volume bars at t count (t - step, t]: the bars of w cover exactly these lines.
		const span = { start: w.start - w.stepMs + 1, end: w.end };
		const services = [...new Set(scenario.logs.map((l) => l.service))];
		let all = 0;
		for (const expr of [`{service=~".+"}`, ...services.map((s) => `{service="${s}"}`)]) {
			const { lines, totalMatched } = engine.logs(expr, span, 100_000);
			expect(totalMatched, expr).toBe(lines.length);
			for (let i = 1; i < lines.length; i++)
				expect(lines[i - 1].record.t).toBeGreaterThanOrEqual(lines[i].record.t);
			const volume = volumeChart(engine.volume(expr, w), w);
			expect(
				volume.totals.reduce((a, t) => a + t.count, 0),
				`${expr} volume`
			).toBe(totalMatched);
			if (expr === `{service=~".+"}`) all = totalMatched;
		}
		expect(all).toBeGreaterThan(0);
	});
});
