/**
 * Every built-in scenario: it loads, its incident machine has no unreachable states or dead ends, and its
 * playthroughs (an expert path that resolves it, a naive one that does not) reach the outcomes they promise.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInScenarioFiles, loadScenarioFile, playthroughFileFor } from '../src/cli/scenario-files';
import { parsePlaythroughFile, runPlaythrough } from '../src/lib/scenarios/playthrough';
import { analyseMachineGraph } from '../src/lib/sim/incident-machine';
import { formatProblem } from '../src/lib/sim/scenario/load';

const files = builtInScenarioFiles();

describe('the scenario library', () => {
	it('has at least twelve drills', () => {
		expect(files.length).toBeGreaterThanOrEqual(12);
	});
});

for (const file of files) {
	const loaded = loadScenarioFile(file);
	const name = file
		.split('/')
		.pop()!
		.replace(/\.yaml$/, '');
	describe(name, { timeout: 120_000 }, () => {
		it('is a valid scenario', () => {
			expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual([]);
		});
		if (!loaded.ok) return;
		const scenario = loaded.scenario;

		it('can reach every state, and can still end from every reachable state', () => {
			expect(analyseMachineGraph(scenario)).toEqual({ unreachable: [], deadEnds: [] });
		});

		const pt = playthroughFileFor(file);
		it('has playthroughs: an expert path and a naive one', () => {
			expect(pt).not.toBeNull();
			const spec = parsePlaythroughFile(readFileSync(pt!, 'utf8'), pt!);
			expect(spec.scenario).toBe(scenario.metadata.id);
			expect(
				spec.playthroughs.some((p) => p.expect.score?.min !== undefined && p.expect.score.min >= 85)
			).toBe(true);
			expect(
				spec.playthroughs.some((p) => p.expect.score?.max !== undefined && p.expect.score.max <= 50)
			).toBe(true);
		});
		if (!pt) return;
		for (const p of parsePlaythroughFile(readFileSync(pt, 'utf8'), pt).playthroughs) {
			it(`plays "${p.name}" as expected`, () => {
				const r = runPlaythrough(scenario, p, loaded.version);
				expect(r.failures).toEqual([]);
			});
		}
	});
}
