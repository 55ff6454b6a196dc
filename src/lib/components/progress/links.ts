/** Links of the progress pages, resolved against the app's base path. */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

const q = encodeURIComponent;

/** The debrief of a recorded attempt (`/drills/<scenario>/debrief?attempt=<id>`). */
export function debriefHref(a: { scenarioId: string; id: string }): ResolvedPathname {
	return resolve(`/drills/${q(a.scenarioId)}/debrief?attempt=${q(a.id)}`);
}

/** The console, continuing a saved in-progress attempt. */
export function resumeHref(a: { scenarioId: string; id: string }): ResolvedPathname {
	return resolve(`/drills/[id]/play?attempt=${q(a.id)}`, { id: a.scenarioId });
}

/** The console, starting a new drill of a scenario. */
export function playHref(scenarioId: string): ResolvedPathname {
	return resolve('/drills/[id]/play', { id: scenarioId });
}

/** The briefing of a scenario. */
export function briefingHref(scenarioId: string): ResolvedPathname {
	return resolve('/drills/[id]', { id: scenarioId });
}

/** The progress page of a profile (the active one when `profileId` is omitted). */
export function progressHref(profileId?: string): ResolvedPathname {
	return profileId ? resolve(`/progress?profile=${q(profileId)}`) : resolve('/progress');
}
