import { error } from '@sveltejs/kit';
import { findScenario, listScenarios } from '$lib/scenarios/catalog';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => listScenarios().map((s) => ({ id: s.id }));

export const load: PageLoad = ({ params }) => {
	const found = findScenario(params.id);
	if (!found) error(404, `There is no drill called “${params.id}”.`);
	return { id: params.id, title: found.scenario.metadata.title };
};
