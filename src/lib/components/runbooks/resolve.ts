/** Finding the scenario runbook page an alert's `runbook_url` (or a service's runbook id) points at. Pure. */
import type { RunbookPageSpec } from '../../sim/scenario/schema';

function normalise(url: string): string {
	return url
		.trim()
		.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '')
		.replace(/[?#].*$/, '')
		.replace(/^\/+|\/+$/g, '')
		.toLowerCase();
}

/**
 * The runbook page for `ref`: a page id, a page's exact `url`, or a URL whose path equals (or ends with) a page's
 * `url` path, so `https://wiki.example.com/runbooks/x` finds a page whose url is `runbooks/x`. Null when none.
 */
export function resolveRunbook(runbooks: RunbookPageSpec[], ref: string): RunbookPageSpec | null {
	const byId = runbooks.find((r) => r.id === ref);
	if (byId) return byId;
	const exact = runbooks.find((r) => r.url !== undefined && r.url === ref);
	if (exact) return exact;
	const path = normalise(ref);
	if (!path) return null;
	return (
		runbooks.find((r) => {
			if (r.url === undefined) return false;
			const own = normalise(r.url);
			return own !== '' && (path === own || path.endsWith(`/${own}`));
		}) ?? null
	);
}
