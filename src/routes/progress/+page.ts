import { listScenarios } from '$lib/scenarios/catalog';
import type { CatalogEntry } from '$lib/progress/trends';
import type { PageLoad } from './$types';

/** The catalog the next-drill suggestion picks from (prerendered into the page). */
export const load: PageLoad = () => ({
	catalog: listScenarios().map((s): CatalogEntry => ({
		id: s.id,
		title: s.title,
		skills: s.skills,
		level: s.level
	}))
});
