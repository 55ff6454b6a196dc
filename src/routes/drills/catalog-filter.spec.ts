import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '$lib/sim/scenario/summary';
import { filterScenarios, skillCounts } from './catalog-filter';

const base = {
	summary: 's',
	theme: 't',
	level: 'shadow' as const,
	estimatedMinutes: 20,
	version: 'v',
	services: []
};
const list: ScenarioSummary[] = [
	{ ...base, id: 'a', title: 'A', difficulty: 'intro', skills: ['dns', 'communication'] },
	{ ...base, id: 'b', title: 'B', difficulty: 'standard', skills: ['dns'] },
	{ ...base, id: 'c', title: 'C', difficulty: 'advanced', skills: ['tls'] }
];

describe('catalog filter', () => {
	it('filters by skill and difficulty together', () => {
		expect(filterScenarios(list, { skill: '', difficulty: '' }).map((s) => s.id)).toEqual(['a', 'b', 'c']);
		expect(filterScenarios(list, { skill: 'dns', difficulty: '' }).map((s) => s.id)).toEqual(['a', 'b']);
		expect(filterScenarios(list, { skill: 'dns', difficulty: 'standard' }).map((s) => s.id)).toEqual(['b']);
		expect(filterScenarios(list, { skill: 'tls', difficulty: 'intro' })).toEqual([]);
	});

	it('counts skills, most trained first', () => {
		expect(skillCounts(list)).toEqual([
			{ skill: 'dns', count: 2 },
			{ skill: 'communication', count: 1 },
			{ skill: 'tls', count: 1 }
		]);
	});
});
