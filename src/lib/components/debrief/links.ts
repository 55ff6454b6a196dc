/** Links of the debrief and writing pages, resolved against the app's base path. */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import type { ArtifactKind } from '../editor/templates';

const q = encodeURIComponent;

/** The editor for a document of an attempt (`/drills/<scenario>/write?attempt=<id>&kind=<kind>`). */
export function writeHref(scenarioId: string, attemptId: string, kind: ArtifactKind): ResolvedPathname {
	return resolve(`/drills/${q(scenarioId)}/write?attempt=${q(attemptId)}&kind=${kind}`);
}

/** The debrief of an attempt (`/drills/<scenario>/debrief?attempt=<id>`). */
export function debriefHref(scenarioId: string, attemptId: string): ResolvedPathname {
	return resolve(`/drills/${q(scenarioId)}/debrief?attempt=${q(attemptId)}`);
}

/** The console starting the scenario again with `seed` (`/drills/<scenario>/play?seed=<n>`). */
export function retryHref(scenarioId: string, seed: number): ResolvedPathname {
	return resolve(`/drills/${q(scenarioId)}/play?seed=${seed}`);
}
