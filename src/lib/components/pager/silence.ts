/**
 * Alertmanager-style silences as the pager uses them: which labels to match, for how long, and whether an alert
 * is currently silenced. Pure.
 */
import type { Labels, Silence, SimMs } from '../../sim/types';

/** Durations offered in the silence dialog, in ms. */
export const SILENCE_DURATIONS: { label: string; ms: number }[] = [
	{ label: '15 minutes', ms: 15 * 60_000 },
	{ label: '30 minutes', ms: 30 * 60_000 },
	{ label: '1 hour', ms: 3_600_000 },
	{ label: '2 hours', ms: 2 * 3_600_000 },
	{ label: '4 hours', ms: 4 * 3_600_000 }
];

/** Minimum length of a silence reason: enough for "why" plus a ticket or a name. */
export const MIN_REASON_LENGTH = 10;

/** Labels a silence should match by default: the alert name and the service, like a careful on-caller would. */
export const DEFAULT_MATCH_LABELS = ['alertname', 'service'];

/** Labels that identify a page or alert, in display order, without internal ones (`__name__`). */
export function visibleLabels(labels: Labels): [string, string][] {
	return Object.entries(labels)
		.filter(([k]) => !k.startsWith('__'))
		.sort(([a], [b]) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)));
}

/** True when every matcher of the silence matches the labels (regex matchers are anchored, as in Alertmanager). */
export function silenceMatches(silence: Pick<Silence, 'matchers'>, labels: Labels): boolean {
	return silence.matchers.every((m) => {
		const value = labels[m.name] ?? '';
		if (!m.isRegex) return value === m.value;
		try {
			return new RegExp(`^(?:${m.value})$`).test(value);
		} catch {
			return false;
		}
	});
}

/** The silence that currently mutes these labels at sim time `now`, if any. */
export function activeSilence(labels: Labels, silences: Silence[], now: SimMs): Silence | undefined {
	return silences.find((s) => s.startsAt <= now && now < s.endsAt && silenceMatches(s, labels));
}

export interface SilenceDraft {
	/** Label names to match exactly with the alert's values. */
	labels: string[];
	durationMs: number;
	reason: string;
}

export interface SilenceErrors {
	labels?: string;
	durationMs?: string;
	reason?: string;
}

/** Validates a silence draft; an empty object means it can be created. */
export function validateSilence(draft: SilenceDraft): SilenceErrors {
	const errors: SilenceErrors = {};
	if (draft.labels.length === 0)
		errors.labels = 'Pick at least one label to match, or the silence would mute everything.';
	if (!(draft.durationMs > 0)) errors.durationMs = 'Choose how long the silence lasts.';
	const reason = draft.reason.trim();
	if (reason.length === 0) errors.reason = 'Say why you are silencing this alert.';
	else if (reason.length < MIN_REASON_LENGTH)
		errors.reason = `Give a little more detail (at least ${MIN_REASON_LENGTH} characters).`;
	return errors;
}
