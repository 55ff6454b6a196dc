import { alertBriefs, type AlertBrief } from '$lib/components/editor/alert-brief';
import { findScenario, listScenarios } from '$lib/scenarios/catalog';
import { durationMs } from '$lib/sim/duration';
import type { PageLoad } from './$types';

/** What the set-up form offers: every scenario with its time limit and the alerts a runbook can be written for. */
export const load: PageLoad = () => {
	const scenarios = listScenarios().flatMap((summary) => {
		const found = findScenario(summary.id);
		if (!found) return [];
		const alerts: AlertBrief[] = alertBriefs(found.scenario);
		const paged = found.scenario.answerKey.noiseAlerts;
		return [
			{
				id: summary.id,
				title: summary.title,
				difficulty: summary.difficulty,
				limitMs: durationMs(found.scenario.clock.timeLimit),
				// Alerts that are noise in the drill make a poor runbook prompt: list them last.
				alerts: [...alerts].sort((a, b) => Number(paged.includes(a.alert)) - Number(paged.includes(b.alert)))
			}
		];
	});
	return { scenarios };
};
