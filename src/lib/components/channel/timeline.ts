/**
 * Turns the drill's event log into incident-channel entries, the way a Slack incident channel with a PagerDuty
 * and deploy bot reads: pages, acks, silences, actions and their results, escalations, replies, status updates and
 * notes. Internal simulator events (incident phase, mitigation detection, alert state flips, world changes) and the
 * trainee's queries and views are not shown: they would give the answer away or drown the conversation.
 */
import type { Scenario } from '../../sim/scenario/schema';
import type { DrillEvent, IncidentStatus } from '../../sim/types';
import { formatDuration } from '../../sim/duration';

export type EntryKind = 'bot' | 'page' | 'you' | 'chat' | 'status' | 'result' | 'end';

export interface ChannelEntry {
	/** The event's `seq` (stable key). */
	seq: number;
	/** Sim time. */
	at: number;
	kind: EntryKind;
	/** Who "said" it. */
	author: string;
	text: string;
	/** Status updates: the declared state and components. */
	status?: IncidentStatus;
	components?: string[];
	/** Marks entries that need attention (pages, rejected actions). */
	tone?: 'critical' | 'warning' | 'ok';
}

export const STATUS_LABELS: Record<IncidentStatus, string> = {
	investigating: 'Investigating',
	identified: 'Identified',
	monitoring: 'Monitoring',
	resolved: 'Resolved'
};

const END_REASONS = {
	resolved: 'the system recovered and the incident closed',
	declared: 'you declared the incident resolved',
	timeout: 'the time limit was reached',
	abandoned: 'the drill was abandoned'
} as const;

function paramsText(params: Record<string, string | number | boolean>): string {
	const parts = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`);
	return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Channel entries for an event log, oldest first. Labels come from the scenario (action and target names). */
export function channelEntries(events: readonly DrillEvent[], scenario: Scenario): ChannelEntry[] {
	const actionLabel = new Map(scenario.actions.map((a) => [a.id, a.label]));
	const targetLabel = new Map(scenario.escalation.map((t) => [t.id, `${t.label} (${t.who})`]));
	const pageTitle = new Map<string, string>();
	const out: ChannelEntry[] = [];
	const push = (
		e: DrillEvent,
		kind: EntryKind,
		author: string,
		text: string,
		extra: Partial<ChannelEntry> = {}
	) => out.push({ seq: e.seq, at: e.at, kind, author, text, ...extra });

	for (const e of events) {
		switch (e.type) {
			case 'drill.start':
				push(e, 'bot', 'Pagerdrill', 'Your shift has started. You are on call.');
				break;
			case 'page.sent':
				pageTitle.set(e.pageId, e.alertname);
				push(
					e,
					'page',
					'Pager',
					`Paged: ${e.alertname} [${e.severity}]${e.summary ? ` — ${e.summary}` : ''}`,
					{
						tone: 'critical'
					}
				);
				break;
			case 'page.resolved':
				push(e, 'page', 'Pager', `Resolved: ${pageTitle.get(e.pageId) ?? e.pageId}`, { tone: 'ok' });
				break;
			case 'alert.ack':
				push(e, 'you', 'You', `Acknowledged ${pageTitle.get(e.pageId) ?? e.pageId}`);
				break;
			case 'alert.silence': {
				const m = e.matchers.map((x) => `${x.name}${x.isRegex ? '=~' : '='}"${x.value}"`).join(', ');
				push(e, 'you', 'You', `Silenced {${m}} for ${formatDuration(e.durationMs)}: ${e.reason}`);
				break;
			}
			case 'action.run':
				push(
					e,
					'you',
					'You',
					`Ran “${actionLabel.get(e.action) ?? e.action}”${paramsText(e.params)}${e.reason ? ` — ${e.reason}` : ''}`
				);
				break;
			case 'action.result':
				push(e, 'result', 'Ops bot', `${actionLabel.get(e.action) ?? e.action}: ${e.detail}`, {
					tone: e.outcome === 'rejected' ? 'warning' : undefined
				});
				break;
			case 'escalation.page':
				push(e, 'you', 'You', `Paged ${targetLabel.get(e.target) ?? e.target}: ${e.message}`);
				break;
			case 'escalation.ack':
				push(e, 'bot', 'Pager', `${e.who} acknowledged your page`);
				break;
			case 'chat.message':
				push(e, 'chat', e.from, e.text);
				break;
			case 'status.post':
				push(e, 'status', 'You', e.text, { status: e.status, components: e.components });
				break;
			case 'note.add':
				push(e, 'you', 'You', e.text);
				break;
			case 'incident.declareResolved':
				push(e, 'you', 'You', `Declared the incident resolved${e.summary ? `: ${e.summary}` : ''}`);
				break;
			case 'drill.end':
				push(e, 'end', 'Pagerdrill', `The drill has ended: ${END_REASONS[e.reason]}.`);
				break;
			default:
				break;
		}
	}
	return out;
}
