/**
 * Matching answer-key event matchers (key evidence, red herrings, correct and harmful actions) against the drill's
 * event log.
 */
import type { EventMatcherSpec } from '../sim/scenario/schema';
import type { DrillEvent } from '../sim/types';

const patternCache = new Map<string, RegExp | string>();

/** A case-insensitive regular expression for the pattern; an invalid pattern degrades to a plain substring test. */
function compile(pattern: string): RegExp | string {
	let re = patternCache.get(pattern);
	if (re === undefined) {
		try {
			re = new RegExp(pattern, 'i');
		} catch {
			re = pattern.toLowerCase();
		}
		patternCache.set(pattern, re);
	}
	return re;
}

function testPattern(pattern: string, text: string): boolean {
	const re = compile(pattern);
	return typeof re === 'string' ? text.toLowerCase().includes(re) : re.test(text);
}

/** `key=value` pairs of action parameters, sorted by key, space-separated. */
function paramsText(params: Record<string, string | number | boolean>): string {
	return Object.keys(params)
		.sort()
		.map((k) => `${k}=${String(params[k])}`)
		.join(' ');
}

/**
 * The text a matcher's `pattern` is tested against, per event type: the query expression, `view target` of a view,
 * the action's reason followed by its `key=value` params, the escalation message, the status-update or note text,
 * the page id of an acknowledgement, a silence's matchers and reason, the resolution summary. Null for system events.
 */
export function matchableText(event: DrillEvent): string | null {
	switch (event.type) {
		case 'query.promql':
		case 'query.logql':
			return event.expr;
		case 'view.open':
			return event.target ? `${event.view} ${event.target}` : event.view;
		case 'action.run':
			return `${event.reason ?? ''} ${paramsText(event.params)}`.trim();
		case 'escalation.page':
			return event.message;
		case 'status.post':
			return event.text;
		case 'note.add':
			return event.text;
		case 'alert.ack':
			return event.pageId;
		case 'alert.silence':
			return `${event.matchers.map((m) => `${m.name}${m.isRegex ? '=~' : '='}${m.value}`).join(' ')} ${event.reason}`;
		case 'incident.declareResolved':
			return event.summary ?? '';
		default:
			return null;
	}
}

/**
 * True when a trainee event satisfies the matcher: the types are equal; `action`, `target`, `view` and every entry of
 * `params` equal the event's (params compare as strings, so `3` equals `"3"`); and `pattern`, a case-insensitive
 * regular expression, matches {@link matchableText}. Fields that do not exist on the event type never match.
 */
export function matchesEvent(matcher: EventMatcherSpec, event: DrillEvent): boolean {
	if (matcher.type !== event.type) return false;
	if (matcher.action !== undefined && (event.type !== 'action.run' || event.action !== matcher.action))
		return false;
	if (matcher.params !== undefined) {
		if (event.type !== 'action.run') return false;
		for (const [k, v] of Object.entries(matcher.params)) {
			const actual = event.params[k];
			if (actual === undefined || String(actual) !== String(v)) return false;
		}
	}
	if (matcher.target !== undefined) {
		const target = event.type === 'view.open' || event.type === 'escalation.page' ? event.target : undefined;
		if (target !== matcher.target) return false;
	}
	if (matcher.view !== undefined && (event.type !== 'view.open' || event.view !== matcher.view)) return false;
	if (matcher.pattern !== undefined) {
		const text = matchableText(event);
		if (text === null || !testPattern(matcher.pattern, text)) return false;
	}
	return true;
}

/** The first event (in log order) that satisfies any of the matchers, or undefined. */
export function firstMatch(
	matchers: readonly EventMatcherSpec[],
	events: readonly DrillEvent[]
): DrillEvent | undefined {
	return events.find((e) => matchers.some((m) => matchesEvent(m, e)));
}
