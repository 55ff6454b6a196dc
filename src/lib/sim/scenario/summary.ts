import type { Scenario } from './schema';

/** What the catalog shows about a scenario without loading its telemetry. */
export interface ScenarioSummary {
	id: string;
	title: string;
	summary: string;
	theme: string;
	difficulty: Scenario['metadata']['difficulty'];
	level: Scenario['metadata']['level'];
	estimatedMinutes: number;
	skills: string[];
	/** Content hash of the file (see `scenarioVersion`). */
	version: string;
	services: string[];
}

/** Builds the catalog entry of a parsed scenario. */
export function summarizeScenario(s: Scenario, version: string): ScenarioSummary {
	return {
		id: s.metadata.id,
		title: s.metadata.title,
		summary: s.metadata.summary,
		theme: s.metadata.theme,
		difficulty: s.metadata.difficulty,
		level: s.metadata.level,
		estimatedMinutes: s.metadata.estimatedMinutes,
		skills: [...s.metadata.skills],
		version,
		services: s.topology.services.map((x) => x.id)
	};
}

const DIFFICULTY_ORDER = { intro: 0, standard: 1, advanced: 2 } as const;

/** Catalog order: easier first, then by title. */
export function compareSummaries(a: ScenarioSummary, b: ScenarioSummary): number {
	return DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] || a.title.localeCompare(b.title);
}
