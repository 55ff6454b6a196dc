/**
 * The status-page update composer's rules: which components the page lists, and what makes an update postable.
 * Pure.
 */
import type { Scenario } from '../../sim/scenario/schema';
import type { IncidentStatus } from '../../sim/types';

export const INCIDENT_STATUSES: IncidentStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];

/** Shortest update worth posting; "Investigating." alone tells customers nothing. */
export const MIN_UPDATE_LENGTH = 20;
export const MAX_UPDATE_LENGTH = 2000;

/**
 * Components the status page lists, in display order. A scenario's `statusPage.components` wins when it has
 * one; otherwise the page lists the user-facing components the scenario names (its answer key's affected
 * components mixed with every service's display name), sorted, so the affected ones are not singled out.
 */
export function statusComponents(scenario: Scenario): string[] {
	const declared = scenario.statusPage?.components;
	if (declared) return [...new Set(declared)];
	const names = [
		...scenario.answerKey.affectedComponents,
		...scenario.topology.services.map((s) => s.name ?? s.id)
	];
	return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}

export interface StatusDraft {
	status: IncidentStatus | null;
	components: string[];
	text: string;
}

export interface StatusErrors {
	status?: string;
	components?: string;
	text?: string;
}

/** Validates a draft; an empty object means it can be posted. */
export function validateStatus(draft: StatusDraft): StatusErrors {
	const errors: StatusErrors = {};
	if (draft.status === null) errors.status = 'Choose the incident state.';
	if (draft.components.length === 0 && draft.status !== 'resolved')
		errors.components = 'Pick the components customers see affected.';
	const text = draft.text.trim();
	if (text.length === 0)
		errors.text = 'Write the update: what is affected, what you are doing, when the next update is.';
	else if (text.length < MIN_UPDATE_LENGTH)
		errors.text = `Too short to help anyone (at least ${MIN_UPDATE_LENGTH} characters).`;
	else if (text.length > MAX_UPDATE_LENGTH) errors.text = `Keep it under ${MAX_UPDATE_LENGTH} characters.`;
	return errors;
}
