/**
 * What the candidate did, as the interviewer reads it: every trainee event (including the queries and views the
 * incident channel leaves out) in plain words, marked against the answer key — key evidence found, the correct
 * mitigation, red herrings, harmful actions — plus the milestones the simulator recorded (page sent, system
 * recovered, drill ended) when the full log is known. Pure.
 */
import { matchesEvent } from '../scoring/match';
import type { Scenario } from '../sim/scenario/schema';
import type { DrillEvent, SimMs, TimedTraineeEvent, TraineeEvent } from '../sim/types';
import { formatDuration } from '../sim/duration';
import type { EndedBy } from './session';

/** How an event relates to the answer key. */
export type FeedMark =
	| { kind: 'evidence'; text: string }
	| { kind: 'mitigation'; text: string }
	| { kind: 'red-herring'; text: string }
	| { kind: 'harmful'; text: string };

export interface FeedEntry {
	/** Position in the source list (stable key). */
	key: number;
	/** Sim ms since the drill started. */
	at: SimMs;
	who: 'candidate' | 'system';
	/** The event type, e.g. `query.logql`. */
	type: string;
	text: string;
	marks: FeedMark[];
}

const SYSTEM_MILESTONES = new Set([
	'page.sent',
	'incident.mitigated',
	'drill.end',
	'escalation.ack',
	'action.result'
]);

const END_WORDS = {
	resolved: 'the system recovered and the incident closed',
	declared: 'the candidate declared the incident resolved',
	timeout: 'the time box ran out',
	abandoned: 'the drill was abandoned'
} as const;

/** A handed-in simulation ends with a `timeout` at the hand-in time (see `closeLogAt`); say who really ended it. */
const CANDIDATE_ENDED = 'the candidate ended the exercise';

function params(p: Record<string, string | number | boolean>): string {
	const parts = Object.entries(p).map(([k, v]) => `${k}=${String(v)}`);
	return parts.length ? ` (${parts.join(', ')})` : '';
}

/** A trainee event in plain words, third person, labels taken from the scenario. */
export function describeTraineeEvent(e: TraineeEvent, scenario: Scenario): string {
	switch (e.type) {
		case 'alert.ack':
			return `Acknowledged page ${e.pageId}`;
		case 'alert.silence': {
			const m = e.matchers.map((x) => `${x.name}${x.isRegex ? '=~' : '='}"${x.value}"`).join(', ');
			return `Silenced {${m}} for ${formatDuration(e.durationMs)} — ${e.reason}`;
		}
		case 'query.promql':
			return `PromQL${e.panel ? ` (panel ${e.panel})` : ''}: ${e.expr}`;
		case 'query.logql':
			return `LogQL: ${e.expr}`;
		case 'view.open':
			return `Opened ${e.view}${e.target ? ` ${e.target}` : ''}`;
		case 'action.run': {
			const label = scenario.actions.find((a) => a.id === e.action)?.label ?? e.action;
			return `Ran “${label}”${params(e.params)}${e.reason ? ` — reason: ${e.reason}` : ' — no reason given'}`;
		}
		case 'escalation.page': {
			const t = scenario.escalation.find((x) => x.id === e.target);
			return `Paged ${t ? `${t.label} (${t.who})` : e.target}: ${e.message}`;
		}
		case 'status.post':
			return `Status update [${e.status}${e.components.length ? ` · ${e.components.join(', ')}` : ''}]: ${e.text}`;
		case 'note.add':
			return `Note in the channel: ${e.text}`;
		case 'incident.declareResolved':
			return `Declared the incident resolved${e.summary ? `: ${e.summary}` : ''}`;
	}
}

function describeSystemEvent(e: DrillEvent, scenario: Scenario, endedBy: EndedBy | null): string | null {
	switch (e.type) {
		case 'page.sent':
			return `Page ${e.pageId} sent: ${e.alertname} [${e.severity}]`;
		case 'incident.mitigated':
			return 'The system recovered (users no longer affected)';
		case 'drill.end':
			return `The simulation ended: ${e.reason === 'timeout' && endedBy === 'candidate' ? CANDIDATE_ENDED : END_WORDS[e.reason]}`;
		case 'escalation.ack': {
			const t = scenario.escalation.find((x) => x.id === e.target);
			return `${e.who} (${t?.label ?? e.target}) acknowledged the page`;
		}
		case 'action.result':
			return e.outcome === 'rejected' ? `Action rejected: ${e.detail}` : null;
		default:
			return null;
	}
}

/** The answer-key marks of one trainee event (an event can be several things, e.g. evidence and a red herring). */
export function markEvent(e: DrillEvent, scenario: Scenario): FeedMark[] {
	const key = scenario.answerKey;
	const marks: FeedMark[] = [];
	for (const item of key.keyEvidence)
		if (item.match.some((m) => matchesEvent(m, e))) marks.push({ kind: 'evidence', text: item.description });
	for (const m of key.correctMitigation)
		if (matchesEvent(m.match, e)) marks.push({ kind: 'mitigation', text: m.description });
	for (const h of key.redHerrings)
		if (h.match.some((m) => matchesEvent(m, e))) marks.push({ kind: 'red-herring', text: h.description });
	for (const h of key.harmfulActions)
		if (matchesEvent(h.match, e)) marks.push({ kind: 'harmful', text: h.description });
	return marks;
}

/** A timed trainee event as a log entry (for matching; `seq` is its index). */
function asDrillEvent(e: TimedTraineeEvent, index: number): DrillEvent {
	return { ...e, seq: index, actor: 'trainee' } as DrillEvent;
}

/**
 * The feed, oldest first. With the full event log (after the drill ended) it includes the simulator's milestones;
 * while the drill runs only the saved trainee events are known. `endedBy` (from the interview record) words the end.
 */
export function buildFeed(
	source: { events: readonly DrillEvent[] } | { traineeEvents: readonly TimedTraineeEvent[] },
	scenario: Scenario,
	options: { endedBy?: EndedBy | null } = {}
): FeedEntry[] {
	const events = 'events' in source ? source.events : source.traineeEvents.map((e, i) => asDrillEvent(e, i));
	const out: FeedEntry[] = [];
	events.forEach((e, i) => {
		if (e.actor === 'trainee') {
			const { seq: _seq, at: _at, actor: _actor, ...body } = e;
			out.push({
				key: i,
				at: e.at,
				who: 'candidate',
				type: e.type,
				text: describeTraineeEvent(body as TraineeEvent, scenario),
				marks: markEvent(e, scenario)
			});
		} else if (SYSTEM_MILESTONES.has(e.type)) {
			const text = describeSystemEvent(e, scenario, options.endedBy ?? null);
			if (text) out.push({ key: i, at: e.at, who: 'system', type: e.type, text, marks: [] });
		}
	});
	return out;
}

/** Counts of answer-key marks over a feed: how much key evidence was found, and so on. */
export function feedTally(feed: readonly FeedEntry[], scenario: Scenario) {
	const found = new Set<string>();
	let mitigation = false;
	let redHerrings = 0;
	let harmful = 0;
	for (const entry of feed) {
		for (const m of entry.marks) {
			if (m.kind === 'evidence') found.add(m.text);
			else if (m.kind === 'mitigation') mitigation = true;
			else if (m.kind === 'red-herring') redHerrings++;
			else harmful++;
		}
	}
	return {
		evidenceFound: found.size,
		evidenceTotal: scenario.answerKey.keyEvidence.length,
		mitigationApplied: mitigation,
		redHerrings,
		harmful
	};
}
