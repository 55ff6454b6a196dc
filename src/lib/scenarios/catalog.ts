/**
 * The built-in scenarios, bundled into the app at build time from `scenarios/*.yaml`. Files are parsed lazily, once.
 * (The CLI reads the same files from disk: see `src/cli/scenario-files.ts`.)
 */
import { loadScenarioOrThrow } from '$lib/sim/scenario/load';
import type { Scenario } from '$lib/sim/scenario/schema';
import { compareSummaries, summarizeScenario, type ScenarioSummary } from '$lib/sim/scenario/summary';

const files = import.meta.glob(['/scenarios/*.yaml', '!/scenarios/*.playthrough.yaml'], {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

interface Entry {
	scenario: Scenario;
	version: string;
	summary: ScenarioSummary;
}

let cache: Map<string, Entry> | null = null;

function entries(): Map<string, Entry> {
	if (cache) return cache;
	cache = new Map();
	for (const [path, text] of Object.entries(files)) {
		const { scenario, version } = loadScenarioOrThrow(text, path.slice(1));
		cache.set(scenario.metadata.id, { scenario, version, summary: summarizeScenario(scenario, version) });
	}
	return cache;
}

/** Every built-in scenario's catalog entry, easiest first. */
export function listScenarios(): ScenarioSummary[] {
	return [...entries().values()].map((e) => e.summary).sort(compareSummaries);
}

/** A built-in scenario by id, or null. */
export function findScenario(id: string): { scenario: Scenario; version: string } | null {
	const e = entries().get(id);
	return e ? { scenario: e.scenario, version: e.version } : null;
}

/** A built-in scenario by id; throws when there is none. */
export function loadScenario(id: string): Scenario {
	const e = findScenario(id);
	if (!e) throw new Error(`No built-in scenario "${id}"`);
	return e.scenario;
}
