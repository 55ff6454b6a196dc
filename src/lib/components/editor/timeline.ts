/**
 * The drill's timeline for a postmortem: the key events of an attempt's event log (pages, acknowledgement, actions
 * and their results, escalations, status updates, notes, recovery, resolution) plus the releases shortly before the
 * first page, as a Markdown table with UTC clock times. Queries and views are left out: a postmortem timeline lists
 * what happened and what was decided, not every click. Pure.
 */
import type { Scenario } from '../../sim/scenario/schema';
import { durationMs } from '../../sim/duration';
import type { DrillEvent, EpochMs, SimMs } from '../../sim/types';

/** One line of the timeline. */
export interface TimelineEntry {
	/** Sim time of the event (ms since the drill started). */
	at: SimMs;
	/** Clock time `HH:MM` in UTC. */
	clock: string;
	text: string;
}

/** Releases this long before the first page are listed: they are the usual trigger. */
export const DEPLOY_LOOKBACK_MS = 2 * 3_600_000;

/** Longest quoted message, in characters. */
const QUOTE_MAX = 140;

const pad = (n: number) => String(n).padStart(2, '0');

/** `HH:MM` (UTC) of Unix ms `t`. */
export function utcClock(t: EpochMs): string {
	const d = new Date(t);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function clip(text: string, max = QUOTE_MAX): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function params(p: Record<string, string | number | boolean>): string {
	const parts = Object.entries(p).map(([k, v]) => `${k}=${String(v)}`);
	return parts.length ? ` (${parts.join(', ')})` : '';
}

const STATUS_WORDS: Record<string, string> = {
	investigating: 'Investigating',
	identified: 'Identified',
	monitoring: 'Monitoring',
	resolved: 'Resolved'
};

/**
 * The timeline entries of an event log, in log order, with releases from `scenario.deploys` that happened within
 * {@link DEPLOY_LOOKBACK_MS} before the first page (or the drill start) inserted in time order. `startEpochMs` is
 * the Unix ms of sim time 0.
 */
export function drillTimeline(
	events: readonly DrillEvent[],
	scenario: Pick<Scenario, 'actions' | 'escalation' | 'deploys'>,
	startEpochMs: EpochMs
): TimelineEntry[] {
	const actionLabel = new Map(scenario.actions.map((a) => [a.id, a.label]));
	const targetLabel = new Map(scenario.escalation.map((t) => [t.id, t.label]));
	const pageAlert = new Map<string, string>();
	const out: TimelineEntry[] = [];
	const add = (at: SimMs, text: string) => out.push({ at, clock: utcClock(startEpochMs + at), text });

	const firstPage = events.find((e) => e.type === 'page.sent')?.at ?? 0;
	const deploys = scenario.deploys
		.map((d) => ({ d, at: durationMs(d.at) }))
		.filter(({ at }) => at >= firstPage - DEPLOY_LOOKBACK_MS && at <= firstPage)
		.sort((a, b) => a.at - b.at);
	for (const { d, at } of deploys) {
		const from = d.previous ? ` (from ${d.previous})` : '';
		add(at, `${d.service} ${d.version} released${from}: ${clip(d.message)}`);
	}

	for (const e of events) {
		switch (e.type) {
			case 'page.sent':
				pageAlert.set(e.pageId, e.alertname);
				add(e.at, `${e.alertname} paged the on-call (${e.severity}): ${clip(e.summary)}`);
				break;
			case 'alert.ack':
				add(e.at, `On-call acknowledged the ${pageAlert.get(e.pageId) ?? e.pageId} page`);
				break;
			case 'alert.silence': {
				const matchers = e.matchers.map((m) => `${m.name}${m.isRegex ? '=~' : '='}${m.value}`).join(', ');
				add(e.at, `On-call silenced ${matchers}: ${clip(e.reason)}`);
				break;
			}
			case 'action.run': {
				const reason = e.reason?.trim() ? `: ${clip(e.reason)}` : '';
				add(e.at, `On-call ran “${actionLabel.get(e.action) ?? e.action}”${params(e.params)}${reason}`);
				break;
			}
			case 'action.result':
				add(
					e.at,
					e.outcome === 'applied'
						? clip(e.detail)
						: `“${actionLabel.get(e.action) ?? e.action}” was rejected: ${clip(e.detail)}`
				);
				break;
			case 'escalation.page':
				add(e.at, `On-call paged ${targetLabel.get(e.target) ?? e.target}: “${clip(e.message)}”`);
				break;
			case 'escalation.ack':
				add(e.at, `${e.who} (${targetLabel.get(e.target) ?? e.target}) joined the incident`);
				break;
			case 'status.post':
				add(e.at, `Status page update (${STATUS_WORDS[e.status] ?? e.status}): “${clip(e.text)}”`);
				break;
			case 'note.add':
				add(e.at, `Note in the incident channel: “${clip(e.text)}”`);
				break;
			case 'chat.message':
				add(e.at, `${e.from} in the incident channel: “${clip(e.text)}”`);
				break;
			case 'incident.mitigated':
				add(e.at, 'Service recovered: telemetry back to normal');
				break;
			case 'page.resolved':
				add(e.at, `${pageAlert.get(e.pageId) ?? e.pageId} resolved`);
				break;
			case 'incident.declareResolved': {
				const summary = e.summary?.trim() ? `: ${clip(e.summary)}` : '';
				add(e.at, `On-call declared the incident resolved${summary}`);
				break;
			}
			case 'drill.end':
				if (e.reason === 'resolved') add(e.at, 'Incident closed after the service stayed healthy');
				else if (e.reason === 'timeout') add(e.at, 'Drill reached its time limit with the incident open');
				break;
			default:
				break;
		}
	}
	// Stable sort: releases were added first, so at equal times they stay ahead of log events.
	return out
		.map((entry, i) => ({ entry, i }))
		.sort((a, b) => a.entry.at - b.entry.at || a.i - b.i)
		.map((x) => x.entry);
}

/** Escapes a table cell: pipes would end the cell, backslashes and newlines would break the row. */
function cell(text: string): string {
	return text
		.replace(/\\/g, '\\\\')
		.replace(/\|/g, '\\|')
		.replace(/\s*\n\s*/g, ' ');
}

/** The entries as a Markdown table `| Time (UTC) | Event |`, one row per entry (times carry "UTC"). */
export function timelineMarkdown(entries: readonly TimelineEntry[]): string {
	const rows = entries.map((e) => `| ${e.clock} UTC | ${cell(e.text)} |`);
	return ['| Time (UTC) | Event |', '| --- | --- |', ...rows].join('\n') + '\n';
}

/**
 * Where to insert a timeline into a postmortem: right after the `Timeline` heading and the guidance comment that
 * follows it (replacing nothing), or — without such a heading — at the end under a new `## Timeline (UTC)` heading.
 * Returns the character offset and the text to insert there.
 */
export function timelineInsertion(doc: string, table: string): { offset: number; text: string } {
	const heading = /^#{1,6}[ \t]+.*\b(?:timeline|chronology)\b.*$/im.exec(doc);
	if (!heading) {
		const sep = doc === '' || doc.endsWith('\n\n') ? '' : doc.endsWith('\n') ? '\n' : '\n\n';
		return { offset: doc.length, text: `${sep}## Timeline (UTC)\n\n${table}` };
	}
	let offset = heading.index + heading[0].length;
	// Skip a guidance comment directly under the heading.
	const rest = doc.slice(offset);
	const comment = /^\s*\n[ \t]*<!--[\s\S]*?-->[ \t]*/.exec(rest);
	if (comment) offset += comment[0].length;
	// Exactly one blank line before the table and one after it (or a final newline at the end of the document).
	const after = doc.slice(offset);
	const leading = /^\n*/.exec(after)?.[0].length ?? 0;
	const body = table.replace(/\n+$/, '');
	const trail = after.trim() === '' ? (leading > 0 ? '' : '\n') : '\n'.repeat(Math.max(0, 2 - leading));
	return { offset, text: `\n\n${body}${trail}` };
}
