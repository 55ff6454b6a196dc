/** Filtering of the drill catalog by skill and difficulty. Pure. */
import type { ScenarioSummary } from '$lib/sim/scenario/summary';

export const DIFFICULTIES = ['intro', 'standard', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface CatalogFilter {
	/** Skill tag, or '' for any. */
	skill: string;
	/** Difficulty, or '' for any. */
	difficulty: Difficulty | '';
}

/** Scenarios matching the filter, in catalog order. */
export function filterScenarios(list: ScenarioSummary[], f: CatalogFilter): ScenarioSummary[] {
	return list.filter(
		(s) => (!f.skill || s.skills.includes(f.skill)) && (!f.difficulty || s.difficulty === f.difficulty)
	);
}

/** Every skill used by the catalog with how many drills train it, most common first, then alphabetical. */
export function skillCounts(list: ScenarioSummary[]): { skill: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const s of list) for (const k of s.skills) counts.set(k, (counts.get(k) ?? 0) + 1);
	return [...counts]
		.map(([skill, count]) => ({ skill, count }))
		.sort((a, b) => b.count - a.count || a.skill.localeCompare(b.skill));
}
