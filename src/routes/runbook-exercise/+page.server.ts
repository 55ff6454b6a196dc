import { exerciseAlerts } from '$lib/components/editor/alert-brief';
import { findScenario, listScenarios } from '$lib/scenarios/catalog';
import type { PageServerLoad } from './$types';

/** Built at prerender time, so the page does not ship the scenario catalog to the browser. */
export const load: PageServerLoad = () => {
	const scenarios = listScenarios().flatMap((s) => {
		const found = findScenario(s.id);
		return found ? [found.scenario] : [];
	});
	return { alerts: exerciseAlerts(scenarios) };
};
