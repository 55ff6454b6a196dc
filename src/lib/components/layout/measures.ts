/**
 * Raw measures of a drill for the end-of-drill summary, read from the event log. Durations are sim ms from the
 * first page (null when the thing never happened), the same convention as `DrillKpis` in scoring.
 */
import type { DrillKpis } from '../../scoring/types';
import type { Scenario } from '../../sim/scenario/schema';
import type { DrillEvent } from '../../sim/types';

/** Measures the event log: time to acknowledge, to engage the owning team, to mitigate, to resolve, and counts. */
export function measureDrill(events: readonly DrillEvent[], scenario: Scenario): DrillKpis {
	const firstPage = events.find((e) => e.type === 'page.sent')?.at ?? null;
	const since = (e: DrillEvent | undefined) =>
		e === undefined || firstPage === null ? null : Math.max(0, e.at - firstPage);
	const owner = scenario.answerKey.owner;
	const end = events.find((e) => e.type === 'drill.end');
	return {
		ackMs: since(events.find((e) => e.type === 'alert.ack')),
		engageOwnerMs: since(events.find((e) => e.type === 'escalation.page' && e.target === owner)),
		mitigateMs: since(events.find((e) => e.type === 'incident.mitigated')),
		resolveMs:
			end && end.type === 'drill.end' && (end.reason === 'resolved' || end.reason === 'declared')
				? since(end)
				: null,
		firstUpdateMs: since(events.find((e) => e.type === 'status.post')),
		statusUpdates: events.filter((e) => e.type === 'status.post').length,
		actions: events.filter((e) => e.type === 'action.run').length,
		queries: events.filter((e) => e.type === 'query.promql' || e.type === 'query.logql').length
	};
}
