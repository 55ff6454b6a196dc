/**
 * The debrief of a drill, as plain data: the KPIs against the role profile's targets, the rubric checks grouped by
 * category, which key evidence the trainee looked at (and when), the red herrings and harmful actions they took,
 * the marks their actions leave on the SLI chart next to the scenario's par times, and the expert path from the
 * answer key. Times are sim ms; "since the page" means since the first `page.sent` (the KPI clock). Pure.
 */
import { DRILL_CHECKS, DRILL_LIMITS, KPI_TARGETS, UPPER_BAND_MIN, bandFor } from '../../scoring/rubric';
import { matchesEvent } from '../../scoring/match';
import type { CategoryId, Check, CheckResult, DrillScorecard } from '../../scoring/types';
import { durationMs, formatDuration } from '../../sim/duration';
import type { AnswerKeySpec, EventMatcherSpec, Scenario } from '../../sim/scenario/schema';
import type { DrillEvent, SimMs } from '../../sim/types';

/** Display order and names of the drill rubric's categories. */
export const CATEGORIES: readonly { id: CategoryId; label: string }[] = [
	{ id: 'response', label: 'Response' },
	{ id: 'triage', label: 'Triage and judgement' },
	{ id: 'communication', label: 'Communication' },
	{ id: 'documentation', label: 'Documentation' }
];

/** A duration in ms as `4m30s` (whole seconds), or `—` when it never happened. */
export function formatSpan(ms: number | null): string {
	if (ms === null) return '—';
	return formatDuration(Math.round(ms / 1000) * 1000);
}

/** Sim time of the first page (the KPI clock starts there), or 0 without one. */
export function firstPageAt(events: readonly DrillEvent[]): SimMs {
	return events.find((e) => e.type === 'page.sent')?.at ?? 0;
}

// ------------------------------------------------------------------------------------------------ KPIs

export interface KpiRow {
	id: string;
	label: string;
	/** What the trainee achieved, formatted. */
	value: string;
	/** The target, formatted. */
	target: string;
	/** Whether the target was met (null when there is nothing to judge). */
	result: CheckResult;
}

const checkResult = (card: DrillScorecard, id: string): CheckResult =>
	card.checks.find((c) => c.id === id)?.result ?? 'not-assessed';

/** `met` at or above the upper band (meets the bar), `partly` one band below, `not-met` under; null: not assessed. */
function scoreResult(score: number | null): CheckResult {
	if (score === null) return 'not-assessed';
	if (score >= UPPER_BAND_MIN) return 'met';
	return score >= DRILL_LIMITS.artifactPartly ? 'partly' : 'not-met';
}

/**
 * The KPI table: acknowledge (P50 < 5 min), owner engaged (the scenario's par, at most 15 min), mitigation (par),
 * first status update, the communication and documentation scores (the upper band, "meets the bar") and the
 * documentation-completeness KPI. Results come from the scorecard's own checks where one exists.
 */
export function kpiRows(
	card: DrillScorecard,
	scenario: Pick<Scenario, 'answerKey' | 'escalation'> | null
): KpiRow[] {
	const k = card.kpis;
	const key = scenario?.answerKey;
	const owner = key
		? (scenario.escalation.find((t) => t.id === key.owner)?.label ?? key.owner)
		: 'the owning team';
	const ownerLimit = key
		? Math.min(durationMs(key.par.engageOwner), DRILL_LIMITS.engageOwnerKpiMs)
		: DRILL_LIMITS.engageOwnerKpiMs;
	const ownerResult = checkResult(card, DRILL_CHECKS.engageOwner.id);
	const scoreText = (s: number | null, none: string) =>
		s === null ? none : `${s}/100 (${bandFor(s).label.toLowerCase()})`;
	const complete = card.checks.find((c) => c.id === DRILL_CHECKS.complete.id);
	return [
		{
			id: 'ack',
			label: 'Time to acknowledge',
			value: formatSpan(k.ackMs),
			target: `< ${formatDuration(KPI_TARGETS.ackP50Ms)} (P50), < ${formatDuration(KPI_TARGETS.ackP90Ms)} (P90)`,
			result: checkResult(card, DRILL_CHECKS.ack.id)
		},
		{
			id: 'engage-owner',
			label: `Time to engage ${owner}`,
			value:
				ownerResult === 'not-assessed' && k.engageOwnerMs === null
					? 'not needed'
					: formatSpan(k.engageOwnerMs),
			target:
				ownerResult === 'not-assessed' ? 'not required in this drill' : `< ${formatDuration(ownerLimit)}`,
			result: ownerResult
		},
		{
			id: 'mitigate',
			label: 'Time to mitigate',
			value: formatSpan(k.mitigateMs),
			target: key ? `par ${formatDuration(durationMs(key.par.mitigate))}` : 'the scenario’s par',
			result: checkResult(card, DRILL_CHECKS.mitigateTime.id)
		},
		{
			id: 'first-update',
			label: 'First status update',
			value: formatSpan(k.firstUpdateMs),
			target: `< ${formatDuration(DRILL_LIMITS.firstUpdateTargetMs)} after acknowledging`,
			result: checkResult(card, DRILL_CHECKS.firstUpdate.id)
		},
		{
			id: 'communication',
			label: 'Communication score',
			value: scoreText(card.categories.communication, 'not assessed'),
			target: `≥ ${UPPER_BAND_MIN} (meets the bar)`,
			result: scoreResult(card.categories.communication)
		},
		{
			id: 'documentation',
			label: 'Documentation score',
			value: scoreText(card.categories.documentation, 'nothing written yet'),
			target: `≥ ${UPPER_BAND_MIN} (meets the bar)`,
			result: scoreResult(card.categories.documentation)
		},
		{
			id: 'documentation-complete',
			label: 'Documentation complete',
			value:
				!complete || complete.result === 'not-assessed'
					? 'no postmortem yet'
					: complete.result === 'met'
						? 'complete'
						: complete.reason,
			target: `timeline, impact, root cause, action items (> ${Math.round(KPI_TARGETS.documentationComplete * 100)}% of incidents)`,
			result: complete?.result ?? 'not-assessed'
		}
	];
}

// ------------------------------------------------------------------------------------------------ checks

export interface CheckGroup {
	id: string;
	label: string;
	/** The category's 0–100 score, null when nothing in it was assessed. */
	score: number | null;
	checks: Check[];
}

/** Checks grouped by category in {@link CATEGORIES} order (unknown categories follow, by first appearance). */
export function groupChecks(
	checks: readonly Check[],
	scores: Partial<Record<string, number | null>> = {}
): CheckGroup[] {
	const order = [...CATEGORIES.map((c) => c.id as string)];
	for (const c of checks) if (!order.includes(c.category)) order.push(c.category);
	return order
		.map((id) => ({
			id,
			label: CATEGORIES.find((c) => c.id === id)?.label ?? id.charAt(0).toUpperCase() + id.slice(1),
			score: scores[id] ?? null,
			checks: checks.filter((c) => c.category === id)
		}))
		.filter((g) => g.checks.length > 0);
}

// ------------------------------------------------------------------------------------------------ evidence

const clip = (text: string, max = 70) => {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** A short description of a trainee event: `LogQL {service="x"} |= "502"`, `opened changes`, `paged payments-oncall`. */
export function describeEvent(e: DrillEvent): string {
	switch (e.type) {
		case 'query.promql':
			return `PromQL ${clip(e.expr)}`;
		case 'query.logql':
			return `LogQL ${clip(e.expr)}`;
		case 'view.open':
			return `opened ${e.view}${e.target ? ` (${e.target})` : ''}`;
		case 'action.run': {
			const params = Object.entries(e.params)
				.map(([k, v]) => `${k}=${String(v)}`)
				.join(', ');
			return `ran ${e.action}${params ? ` (${params})` : ''}`;
		}
		case 'escalation.page':
			return `paged ${e.target}`;
		case 'status.post':
			return `posted a ${e.status} update`;
		case 'alert.silence':
			return `silenced ${e.matchers.map((m) => `${m.name}=${m.value}`).join(', ')}`;
		case 'note.add':
			return `noted “${clip(e.text, 40)}”`;
		default:
			return e.type;
	}
}

const traineeMatch = (matchers: readonly EventMatcherSpec[], events: readonly DrillEvent[]) =>
	events.find((e) => e.actor === 'trainee' && matchers.some((m) => matchesEvent(m, e)));

export interface EvidenceItem {
	id: string;
	description: string;
	/** When the trainee first looked at it (sim ms since the first page), null when they never did. */
	seenAfterMs: number | null;
	/** What showed it to them. */
	via: string | null;
	/** True when it was seen before the first change to the system. */
	beforeFirstChange: boolean;
}

/** The answer key's key evidence with when (and through what) the trainee first saw each piece. */
export function evidenceReview(
	events: readonly DrillEvent[],
	key: AnswerKeySpec,
	scenario?: Pick<Scenario, 'actions'>
): EvidenceItem[] {
	const t0 = firstPageAt(events);
	const diagnostic = new Set(scenario?.actions.filter((a) => a.kind === 'run-check').map((a) => a.id) ?? []);
	const firstChange = events.find((e) => e.type === 'action.run' && !diagnostic.has(e.action));
	return key.keyEvidence.map((item) => {
		const seen = traineeMatch(item.match, events);
		return {
			id: item.id,
			description: item.description,
			seenAfterMs: seen ? Math.max(0, seen.at - t0) : null,
			via: seen ? describeEvent(seen) : null,
			beforeFirstChange: Boolean(seen && (!firstChange || seen.seq < firstChange.seq))
		};
	});
}

export interface Misstep {
	description: string;
	/** Sim ms since the first page. */
	afterMs: number;
	what: string;
}

/** The red herrings the trainee chased (first matching action or page of each). */
export function redHerringsTaken(events: readonly DrillEvent[], key: AnswerKeySpec): Misstep[] {
	const t0 = firstPageAt(events);
	return key.redHerrings.flatMap((h) => {
		const hit = traineeMatch(h.match, events);
		return hit
			? [{ description: h.description, afterMs: Math.max(0, hit.at - t0), what: describeEvent(hit) }]
			: [];
	});
}

/** The harmful actions the trainee took. */
export function harmfulTaken(events: readonly DrillEvent[], key: AnswerKeySpec): Misstep[] {
	const t0 = firstPageAt(events);
	return key.harmfulActions.flatMap((h) => {
		const hit = traineeMatch([h.match], events);
		return hit
			? [{ description: h.description, afterMs: Math.max(0, hit.at - t0), what: describeEvent(hit) }]
			: [];
	});
}

// ------------------------------------------------------------------------------------------------ markers

/** How a marker reads: your own step, a good one, a detour, a harmful one, the system, or a par deadline. */
export type MarkerTone = 'you' | 'good' | 'warn' | 'bad' | 'system' | 'par';

export interface DebriefMarker {
	/** Sim ms since the drill started. */
	at: SimMs;
	tone: MarkerTone;
	who: 'You' | 'System' | 'Par';
	label: string;
}

const STATUS_WORDS: Record<string, string> = {
	investigating: 'Investigating',
	identified: 'Identified',
	monitoring: 'Monitoring',
	resolved: 'Resolved'
};

/**
 * The marks of a drill on its time axis, in time order: the first page, the trainee's acknowledgement, the first
 * sight of each piece of key evidence, every action (the correct mitigation is `good`, a red herring `warn`, a
 * harmful action `bad`), escalations (the owner is `good`), status updates, silences, recovery, the resolution —
 * and the scenario's par times (acknowledge, engage the owner, mitigate) measured from the first page.
 */
export function debriefMarkers(
	events: readonly DrillEvent[],
	scenario: Pick<Scenario, 'answerKey' | 'actions' | 'escalation'>
): DebriefMarker[] {
	const key = scenario.answerKey;
	const actionLabel = new Map(scenario.actions.map((a) => [a.id, a.label]));
	const targetLabel = new Map(scenario.escalation.map((t) => [t.id, t.label]));
	const out: DebriefMarker[] = [];
	const you = (e: DrillEvent, label: string, tone: MarkerTone = 'you') =>
		out.push({ at: e.at, tone, who: 'You', label });
	const matchesAny = (list: readonly { match: EventMatcherSpec }[], e: DrillEvent) =>
		list.some((x) => matchesEvent(x.match, e));
	const herring = (e: DrillEvent) => key.redHerrings.some((h) => h.match.some((m) => matchesEvent(m, e)));
	const evidenceSeen = new Set<string>();
	let paged = false;

	for (const e of events) {
		if (e.actor === 'trainee') {
			for (const item of key.keyEvidence) {
				if (!evidenceSeen.has(item.id) && item.match.some((m) => matchesEvent(m, e))) {
					evidenceSeen.add(item.id);
					you(e, `Saw: ${item.description}`, 'good');
				}
			}
		}
		switch (e.type) {
			case 'page.sent':
				if (!paged) out.push({ at: e.at, tone: 'system', who: 'System', label: `Paged: ${e.alertname}` });
				paged = true;
				break;
			case 'alert.ack':
				you(e, 'Acknowledged the page');
				break;
			case 'action.run': {
				const params = Object.values(e.params).map(String).join(' ');
				const label = `${actionLabel.get(e.action) ?? e.action}${params ? ` ${params}` : ''}`;
				if (matchesAny(key.harmfulActions, e)) you(e, `Harmful: ${label}`, 'bad');
				else if (matchesAny(key.correctMitigation, e)) you(e, `Mitigation: ${label}`, 'good');
				else if (herring(e)) you(e, `Red herring: ${label}`, 'warn');
				else you(e, `Ran ${label}`);
				break;
			}
			case 'escalation.page': {
				const who = targetLabel.get(e.target) ?? e.target;
				if (e.target === key.owner) you(e, `Paged ${who} (the owner)`, 'good');
				else you(e, `Paged ${who}`, herring(e) ? 'warn' : 'you');
				break;
			}
			case 'status.post':
				you(e, `Status update: ${STATUS_WORDS[e.status] ?? e.status}`);
				break;
			case 'alert.silence':
				you(e, `Silenced ${e.matchers.map((m) => m.value).join(', ')}`);
				break;
			case 'incident.mitigated':
				out.push({ at: e.at, tone: 'system', who: 'System', label: 'Service recovered' });
				break;
			case 'incident.declareResolved':
				you(e, 'Declared resolved');
				break;
			case 'drill.end':
				if (e.reason === 'timeout')
					out.push({ at: e.at, tone: 'system', who: 'System', label: 'Time limit reached' });
				break;
			default:
				break;
		}
	}

	if (paged) {
		const t0 = firstPageAt(events);
		const owner = targetLabel.get(key.owner) ?? key.owner;
		out.push({ at: t0 + durationMs(key.par.ack), tone: 'par', who: 'Par', label: 'Acknowledged' });
		if (key.ownerRequired) {
			const limit = Math.min(durationMs(key.par.engageOwner), DRILL_LIMITS.engageOwnerKpiMs);
			out.push({ at: t0 + limit, tone: 'par', who: 'Par', label: `${owner} engaged` });
		}
		out.push({ at: t0 + durationMs(key.par.mitigate), tone: 'par', who: 'Par', label: 'Mitigated' });
	}
	return out
		.map((m, i) => ({ m, i }))
		.sort((a, b) => a.m.at - b.m.at || a.i - b.i)
		.map((x) => x.m);
}

// ------------------------------------------------------------------------------------------------ expert path

export interface ExpertStep {
	text: string;
	/** Details under the step (e.g. the pieces of evidence). */
	items: string[];
	/** The par time for the step, measured from the page (formatted), when it has one. */
	by: string | null;
}

/** How an experienced engineer works the drill, from the answer key (evidence, mitigation, owner, noise, par). */
export function expertPath(scenario: Pick<Scenario, 'answerKey' | 'escalation'>): ExpertStep[] {
	const key = scenario.answerKey;
	const owner = scenario.escalation.find((t) => t.id === key.owner)?.label ?? key.owner;
	const par = (d: string | number) => `${formatDuration(durationMs(d))} after the page`;
	const steps: ExpertStep[] = [
		{ text: 'Acknowledge the page.', items: [], by: par(key.par.ack) },
		{
			text: 'Look at the evidence before changing anything:',
			items: key.keyEvidence.map((e) => e.description),
			by: null
		},
		{
			text: `Mitigate: ${key.correctMitigation.map((m) => m.description).join(' Or: ')}`,
			items: [],
			by: par(key.par.mitigate)
		}
	];
	if (key.ownerRequired)
		steps.push({
			text: `Engage ${owner} with what you found.`,
			items: [],
			by: `${formatDuration(Math.min(durationMs(key.par.engageOwner), DRILL_LIMITS.engageOwnerKpiMs))} after the page`
		});
	const leave = [
		...key.noiseAlerts.map((a) => `${a} (noise in this drill)`),
		...key.redHerrings.map((h) => h.description)
	];
	if (leave.length) steps.push({ text: 'Leave these alone:', items: leave, by: null });
	return steps;
}
