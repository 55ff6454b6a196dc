/**
 * Scoring of a whole drill from its event log: response KPIs (ack, owner engaged, mitigation), triage (evidence,
 * mitigation, noise, safety, verification, escalation judgement), communication (every status update plus first
 * update, cadence, resolution, accuracy and tone) and documentation (runbook and postmortem when written). The
 * checks feed the role profile's six interview dimensions.
 *
 * All times in reasons are measured from the first page (the KPI clock), in sim milliseconds.
 */
import { durationMs } from '../sim/duration';
import type { ActionSpec, AnswerKeySpec, EventMatcherSpec, Scenario } from '../sim/scenario/schema';
import type { DrillEvent, SimMs } from '../sim/types';
import { matchesEvent } from './match';
import { postmortemCompleteness, scorePostmortem } from './postmortem';
import { gradeAtLeast, gradeAtMost, makeCheck, weightedScore } from './report';
import {
	bandFor,
	DIAGNOSTIC_ACTION_KINDS,
	DIMENSIONS,
	DRILL_CHECKS as C,
	DRILL_LIMITS as L,
	reasonExpectation,
	RED_FLAG_CAP,
	STATUS_CHECKS,
	TELEMETRY_VIEWS
} from './rubric';
import { scoreRunbook } from './runbook';
import { scoreStatusUpdate } from './status-update';
import { formatMs, quote, wordCount } from './text';
import { findBlame, findSpeculation } from './tone';
import type { CategoryId, Check, DimensionScore, DrillKpis, DrillScorecard, ScoreReport } from './types';

type Ev<T extends DrillEvent['type']> = Extract<DrillEvent, { type: T }>;

function ofType<T extends DrillEvent['type']>(events: readonly DrillEvent[], type: T): Ev<T>[] {
	return events.filter((e): e is Ev<T> => e.type === type);
}

/** Sim time of the first page (the KPI clock starts there), or 0 when no page was sent. */
function kpiStart(events: readonly DrillEvent[]): SimMs {
	return events.find((e) => e.type === 'page.sent')?.at ?? 0;
}

/**
 * Raw KPIs of a drill, in sim ms measured from the first page (null when the thing never happened): time to
 * acknowledge, to page the owner (`answerKey.owner`), to mitigation (`incident.mitigated`), to resolution (declared by
 * the trainee or the drill ending resolved) and to the first status update; plus counts of updates, actions and
 * queries. Events before the first page count as time 0.
 */
export function measureKpis(events: readonly DrillEvent[], answerKey: AnswerKeySpec): DrillKpis {
	const t0 = kpiStart(events);
	const since = (e: DrillEvent | undefined) => (e ? Math.max(0, e.at - t0) : null);
	return {
		ackMs: since(events.find((e) => e.type === 'alert.ack')),
		engageOwnerMs: since(events.find((e) => e.type === 'escalation.page' && e.target === answerKey.owner)),
		mitigateMs: since(events.find((e) => e.type === 'incident.mitigated')),
		resolveMs: since(
			events.find(
				(e) =>
					e.type === 'incident.declareResolved' ||
					(e.type === 'drill.end' && (e.reason === 'resolved' || e.reason === 'declared'))
			)
		),
		firstUpdateMs: since(events.find((e) => e.type === 'status.post')),
		statusUpdates: events.filter((e) => e.type === 'status.post').length,
		actions: events.filter((e) => e.type === 'action.run').length,
		queries: events.filter((e) => e.type === 'query.promql' || e.type === 'query.logql').length
	};
}

/** Everything the drill checks share, computed once. */
interface Drill {
	scenario: Scenario;
	key: AnswerKeySpec;
	events: readonly DrillEvent[];
	startEpochMs: number;
	t0: SimMs;
	kpis: DrillKpis;
	actions: Map<string, ActionSpec>;
	/** Actions that change the system (not diagnostic checks), in order. */
	changes: Ev<'action.run'>[];
	/** Changes the simulator did not reject. */
	appliedChanges: Ev<'action.run'>[];
	posts: Ev<'status.post'>[];
	escalations: Ev<'escalation.page'>[];
	mitigatedAt: SimMs | null;
	endAt: SimMs;
}

const anyMatch = (matchers: readonly EventMatcherSpec[], e: DrillEvent) =>
	matchers.some((m) => matchesEvent(m, e));
const at = (d: Drill, ms: SimMs) => formatMs(Math.max(0, ms - d.t0));

function prepare(scenario: Scenario, events: readonly DrillEvent[], startEpochMs: number): Drill {
	const actions = new Map(scenario.actions.map((a) => [a.id, a]));
	const runs = ofType(events, 'action.run');
	const changes = runs.filter((e) => !DIAGNOSTIC_ACTION_KINDS.includes(actions.get(e.action)?.kind ?? ''));
	const results = ofType(events, 'action.result');
	const appliedChanges = changes.filter((e) => {
		const result = results.find((r) => r.seq > e.seq && r.action === e.action);
		return !result || result.outcome !== 'rejected';
	});
	const last = events.at(-1);
	return {
		scenario,
		key: scenario.answerKey,
		events,
		startEpochMs,
		t0: kpiStart(events),
		kpis: measureKpis(events, scenario.answerKey),
		actions,
		changes,
		appliedChanges,
		posts: ofType(events, 'status.post'),
		escalations: ofType(events, 'escalation.page'),
		mitigatedAt: events.find((e) => e.type === 'incident.mitigated')?.at ?? null,
		endAt: events.find((e) => e.type === 'drill.end')?.at ?? last?.at ?? 0
	};
}

/**
 * Scores a drill against the drill rubric (see `DRILL_CHECKS` and `DIMENSIONS` in rubric.ts). The answer key of the
 * scenario defines the owner, the key evidence, the correct and harmful actions, noise and par times; `artifacts`
 * (runbook and postmortem Markdown) are scored when given, otherwise documentation is not assessed. A harmful
 * action caps the overall score below the upper band. Pure and deterministic.
 */
export function scoreDrill(input: {
	scenario: Scenario;
	events: readonly DrillEvent[];
	startEpochMs: number;
	artifacts?: { runbook?: string; postmortem?: string };
}): DrillScorecard {
	const d = prepare(input.scenario, input.events, input.startEpochMs);
	const checks: Check[] = [
		ackCheck(d),
		engageOwnerCheck(d),
		mitigateTimeCheck(d),
		keyEvidenceCheck(d),
		evidenceFirstCheck(d),
		correctMitigationCheck(d),
		noiseCheck(d),
		harmfulCheck(d),
		restartLoopCheck(d),
		actionReasonsCheck(d),
		verificationCheck(d),
		escalationCheck(d),
		firstUpdateCheck(d),
		cadenceCheck(d),
		resolutionUpdateCheck(d),
		...updateChecks(d),
		...documentationChecks(d, input.artifacts ?? {})
	];
	const category = (id: CategoryId) => weightedScore(checks.filter((c) => c.category === id));
	const harmful = checks.find((c) => c.id === C.harmful.id)?.result === 'not-met';
	const overall = weightedScore(checks) ?? 0;
	return {
		score: harmful ? Math.min(overall, RED_FLAG_CAP) : overall,
		categories: {
			response: category('response'),
			triage: category('triage'),
			communication: category('communication'),
			documentation: category('documentation')
		},
		kpis: d.kpis,
		checks,
		dimensions: dimensions(d, checks)
	};
}

// ------------------------------------------------------------------------------------------------ response

function ackCheck(d: Drill): Check {
	if (!d.events.some((e) => e.type === 'page.sent'))
		return makeCheck(C.ack, 'not-assessed', 'No page was sent');
	const ms = d.kpis.ackMs;
	if (ms === null) return makeCheck(C.ack, 'not-met', 'The page was never acknowledged');
	const result = gradeAtMost(ms, L.ackTargetMs, L.ackLimitMs);
	return makeCheck(
		C.ack,
		result,
		`Acknowledged ${formatMs(ms)} after the page (target ${formatMs(L.ackTargetMs)}, at most ${formatMs(L.ackLimitMs)})`
	);
}

function engageOwnerCheck(d: Drill): Check {
	const owner = d.scenario.escalation.find((t) => t.id === d.key.owner);
	const name = owner?.label ?? d.key.owner;
	if (!d.key.ownerRequired)
		return makeCheck(C.engageOwner, 'not-assessed', 'This drill does not need the owning team');
	const limit = Math.min(durationMs(d.key.par.engageOwner), L.engageOwnerKpiMs);
	const ms = d.kpis.engageOwnerMs;
	if (ms === null) return makeCheck(C.engageOwner, 'not-met', `${name} was never paged`);
	return makeCheck(
		C.engageOwner,
		gradeAtMost(ms, limit, limit * L.lateFactor),
		`Paged ${name} ${formatMs(ms)} after the page (target ${formatMs(limit)})`
	);
}

function mitigateTimeCheck(d: Drill): Check {
	const par = durationMs(d.key.par.mitigate);
	const ms = d.kpis.mitigateMs;
	if (ms === null)
		return makeCheck(C.mitigateTime, 'not-met', `The system never recovered (par ${formatMs(par)})`);
	return makeCheck(
		C.mitigateTime,
		gradeAtMost(ms, par, par * L.lateFactor),
		`Recovered ${formatMs(ms)} after the page (par ${formatMs(par)})`
	);
}

// ------------------------------------------------------------------------------------------------ triage

/** Key evidence items with the first trainee event that showed them (or undefined). */
function evidence(d: Drill, before?: DrillEvent) {
	return d.key.keyEvidence.map((item) => ({
		item,
		seen: d.events.find(
			(e) => e.actor === 'trainee' && (!before || e.seq < before.seq) && anyMatch(item.match, e)
		)
	}));
}

function keyEvidenceCheck(d: Drill): Check {
	const ev = evidence(d);
	const seen = ev.filter((x) => x.seen);
	const missed = ev.filter((x) => !x.seen);
	const ratio = seen.length / ev.length;
	const result = seen.length === 0 ? 'not-met' : gradeAtLeast(ratio, L.evidenceCoverageMet, 0);
	const reason =
		missed.length === 0
			? `Found all ${ev.length} key pieces of evidence`
			: `Found ${seen.length}/${ev.length}; missed: ${missed.map((x) => x.item.description).join(' ')}`;
	return makeCheck(C.keyEvidence, result, reason);
}

function evidenceFirstCheck(d: Drill): Check {
	const first = d.changes[0];
	if (!first) return makeCheck(C.evidenceFirst, 'not-assessed', 'No change was made');
	const ev = evidence(d, first);
	const seen = ev.filter((x) => x.seen).length;
	const change = `${first.action} at ${at(d, first.at)}`;
	if (seen === 0)
		return makeCheck(
			C.evidenceFirst,
			'not-met',
			`First change (${change}) came before any key evidence was looked at`
		);
	const result = seen / ev.length >= L.evidenceFirstMet ? 'met' : 'partly';
	return makeCheck(
		C.evidenceFirst,
		result,
		`${seen}/${ev.length} key pieces of evidence seen before the first change (${change})`
	);
}

function correctMitigationCheck(d: Drill): Check {
	for (const m of d.key.correctMitigation) {
		const hit =
			d.appliedChanges.find((e) => matchesEvent(m.match, e)) ??
			d.events.find((e) => e.actor === 'trainee' && matchesEvent(m.match, e));
		if (hit) return makeCheck(C.correctMitigation, 'met', `${m.description} (at ${at(d, hit.at)})`);
	}
	const expected = d.key.correctMitigation.map((m) => m.description).join(' or ');
	if (d.mitigatedAt !== null)
		return makeCheck(
			C.correctMitigation,
			'partly',
			`The system recovered, but not through the expected fix: ${expected}`
		);
	return makeCheck(C.correctMitigation, 'not-met', `Not applied: ${expected}`);
}

/** Labels of noise alerts (service/instance/…), to spot actions aimed at them. */
function noiseTargets(d: Drill): Set<string> {
	const names = new Set(d.key.noiseAlerts);
	const out = new Set<string>();
	for (const e of d.events) {
		if (e.type !== 'alert.state' || !names.has(e.alertname)) continue;
		for (const [k, v] of Object.entries(e.labels)) if (k !== 'alertname' && k !== 'severity' && v) out.add(v);
	}
	return out;
}

function noiseCheck(d: Drill): Check {
	if (d.key.noiseAlerts.length === 0 && d.key.redHerrings.length === 0)
		return makeCheck(C.noise, 'not-assessed', 'This drill has no noise alerts or red herrings');
	const chased: string[] = [];
	const correct = (e: DrillEvent) => d.key.correctMitigation.some((m) => matchesEvent(m.match, e));
	for (const h of d.key.redHerrings) {
		const hit = d.events.find(
			(e) => (e.type === 'action.run' || e.type === 'escalation.page') && anyMatch(h.match, e)
		);
		if (hit)
			chased.push(
				`${h.description} (${hit.type === 'action.run' ? hit.action : 'paged'} at ${at(d, hit.at)})`
			);
	}
	const targets = noiseTargets(d);
	const alertNames = d.key.noiseAlerts.map((n) => n.toLowerCase());
	for (const e of d.changes) {
		if (correct(e) || chased.some((c) => c.includes(`${e.action} at ${at(d, e.at)}`))) continue;
		const hitsNoise = Object.values(e.params).some((v) => targets.has(String(v)));
		if (hitsNoise)
			chased.push(`${e.action} on ${Object.values(e.params).join(' ')} (noise) at ${at(d, e.at)}`);
	}
	for (const e of d.escalations) {
		const message = e.message.toLowerCase();
		const noise = alertNames.find((n) => message.includes(n));
		if (noise && !chased.some((c) => c.includes(`paged at ${at(d, e.at)}`)))
			chased.push(`paged ${e.target} about ${noise} at ${at(d, e.at)}`);
	}
	if (chased.length === 0) return makeCheck(C.noise, 'met', 'Left the noise and red herrings alone');
	return makeCheck(C.noise, chased.length === 1 ? 'partly' : 'not-met', `Chased noise: ${chased.join('; ')}`);
}

function harmfulCheck(d: Drill): Check {
	for (const h of d.key.harmfulActions) {
		const hit = d.events.find((e) => e.actor === 'trainee' && matchesEvent(h.match, e));
		if (hit) return makeCheck(C.harmful, 'not-met', `${h.description} (at ${at(d, hit.at)}; caps the score)`);
	}
	const muted = silencedPage(d);
	if (muted)
		return makeCheck(
			C.harmful,
			'partly',
			`Silenced ${muted.alertname} at ${at(d, muted.at)} while users were still affected: the team loses its signal`
		);
	return makeCheck(C.harmful, 'met', 'No harmful action');
}

/** A silence over a paged (non-noise) alert set before the system recovered, if any. */
function silencedPage(d: Drill): { alertname: string; at: SimMs } | undefined {
	const noise = new Set(d.key.noiseAlerts);
	const paged = [...new Set(ofType(d.events, 'page.sent').map((p) => p.alertname))].filter(
		(n) => !noise.has(n)
	);
	for (const e of ofType(d.events, 'alert.silence')) {
		if (d.mitigatedAt !== null && e.at >= d.mitigatedAt) continue;
		for (const m of e.matchers) {
			if (m.name !== 'alertname') continue;
			const hit = paged.find((n) => (m.isRegex ? safeRegex(m.value)?.test(n) : m.value === n));
			if (hit) return { alertname: hit, at: e.at };
		}
	}
	return undefined;
}

/** An anchored regular expression as Alertmanager matches label values, or null when it does not compile. */
function safeRegex(source: string): RegExp | null {
	try {
		return new RegExp(`^(?:${source})$`);
	} catch {
		return null;
	}
}

function restartTarget(e: Ev<'action.run'>): string {
	const p = e.params;
	const target = p.service ?? p.pod ?? p.deployment ?? p.target ?? p.node;
	return target === undefined ? JSON.stringify(p) : String(target);
}

function restartLoopCheck(d: Drill): Check {
	const counts = new Map<string, number>();
	for (const e of d.changes) {
		const kind = d.actions.get(e.action)?.kind ?? (/restart/.test(e.action) ? 'restart' : '');
		if (kind !== 'restart') continue;
		const key = restartTarget(e);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const [target, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
	if (n >= L.restartLoopCount)
		return makeCheck(
			C.restartLoop,
			'not-met',
			`Restarted ${target} ${n} times: treating the symptom, not the cause`
		);
	if (n === L.restartLoopCount - 1)
		return makeCheck(
			C.restartLoop,
			'partly',
			`Restarted ${target} ${n} times; after one restart fails, look for the cause`
		);
	return makeCheck(C.restartLoop, 'met', n === 1 ? `One restart of ${target}` : 'No restarts');
}

function actionReasonsCheck(d: Drill): Check {
	if (d.changes.length === 0) return makeCheck(C.actionReasons, 'not-assessed', 'No change was made');
	// Unknown actions count as risky. Low-risk changes have an optional reason: it earns credit, its absence costs
	// nothing (the action form does not insist on one).
	const risky = d.changes.filter(
		(e) => reasonExpectation(d.actions.get(e.action) ?? { risk: 'medium', kind: '' }) === 'required'
	);
	const pool = risky.length > 0 ? risky : d.changes;
	const missing = pool.filter((e) => wordCount(e.reason ?? '') < L.reasonMinWords);
	const what = risky.length > 0 ? 'risky change' : 'change';
	if (missing.length === 0)
		return makeCheck(
			C.actionReasons,
			'met',
			`Every ${what} has a reason, e.g. ${quote(pool[0].reason ?? '', 50)}`
		);
	if (risky.length === 0)
		return makeCheck(
			C.actionReasons,
			'not-assessed',
			'Only low-risk changes, for which a reason is optional'
		);
	const example = `${missing[0].action} at ${at(d, missing[0].at)}`;
	const result = missing.length < pool.length ? 'partly' : 'not-met';
	return makeCheck(
		C.actionReasons,
		result,
		`${missing.length}/${pool.length} ${what}s without a reason (e.g. ${example})`
	);
}

function isLook(e: DrillEvent, actions: Map<string, ActionSpec>): boolean {
	if (e.type === 'query.promql' || e.type === 'query.logql') return true;
	if (e.type === 'view.open') return TELEMETRY_VIEWS.includes(e.view);
	return e.type === 'action.run' && DIAGNOSTIC_ACTION_KINDS.includes(actions.get(e.action)?.kind ?? '');
}

function verificationCheck(d: Drill): Check {
	if (d.appliedChanges.length === 0) return makeCheck(C.verification, 'not-assessed', 'No change was made');
	const unverified = d.appliedChanges.filter(
		(c) => !d.events.some((e) => e.seq > c.seq && e.at - c.at <= L.verifyWindowMs && isLook(e, d.actions))
	);
	const window = formatMs(L.verifyWindowMs);
	if (unverified.length === 0)
		return makeCheck(C.verification, 'met', `Looked at telemetry within ${window} of every change`);
	const example = `${unverified[0].action} at ${at(d, unverified[0].at)}`;
	return makeCheck(
		C.verification,
		unverified.length < d.appliedChanges.length ? 'partly' : 'not-met',
		`${unverified.length}/${d.appliedChanges.length} changes never checked afterwards (e.g. ${example})`
	);
}

function escalationCheck(d: Drill): Check {
	const targets = new Map(d.scenario.escalation.map((t) => [t.id, t]));
	const label = (id: string) => targets.get(id)?.label ?? id;
	const problems: string[] = [];
	const paged = new Set(d.escalations.map((e) => e.target));
	const ownerPaged = paged.has(d.key.owner);
	const securityTargets = d.scenario.escalation.filter((t) => t.kind === 'security');
	const securityNeeded = d.scenario.metadata.skills.includes('security') && securityTargets.length > 0;
	if (d.key.ownerRequired && !ownerPaged) problems.push(`never paged the owner (${label(d.key.owner)})`);
	if (d.key.ownerRequired && ownerPaged && d.escalations[0].target !== d.key.owner)
		problems.push(`first paged ${label(d.escalations[0].target)} instead of ${label(d.key.owner)}`);
	if (securityNeeded && !securityTargets.some((t) => paged.has(t.id)))
		problems.push(`a security event, but ${securityTargets[0].label} was never told`);
	const noiseNames = d.key.noiseAlerts.map((n) => n.toLowerCase());
	const forNoise = d.escalations.find((e) => noiseNames.some((n) => e.message.toLowerCase().includes(n)));
	if (forNoise) problems.push(`woke ${label(forNoise.target)} for a noise alert`);
	const expected = new Set([d.key.owner, ...(securityNeeded ? securityTargets.map((t) => t.id) : [])]);
	const extra = [...paged].filter((t) => !expected.has(t));
	if (extra.length >= L.extraEscalationsPartly) problems.push(`also paged ${extra.map(label).join(', ')}`);
	const thin = d.escalations.find((e) => wordCount(e.message) < 6);
	if (thin) problems.push(`the page to ${label(thin.target)} said only ${quote(thin.message, 30)}`);

	if (problems.length === 0) {
		const what = ownerPaged
			? `Paged ${label(d.key.owner)} with context`
			: paged.size === 0
				? 'Handled without waking anyone'
				: `Paged ${[...paged].map(label).join(', ')}`;
		return makeCheck(C.escalation, 'met', what);
	}
	const result = d.key.ownerRequired && !ownerPaged ? 'not-met' : 'partly';
	return makeCheck(C.escalation, result, problems.join('; '));
}

// ------------------------------------------------------------------------------------------------ communication

function firstUpdateCheck(d: Drill): Check {
	const ref = d.events.find((e) => e.type === 'alert.ack')?.at ?? d.t0;
	const first = d.posts[0];
	if (!first) return makeCheck(C.firstUpdate, 'not-met', 'No status update was posted');
	const delay = Math.max(0, first.at - ref);
	const timing = gradeAtMost(delay, L.firstUpdateTargetMs, L.firstUpdateLimitMs);
	const when = `First update ${formatMs(delay)} after acknowledging (target ${formatMs(L.firstUpdateTargetMs)})`;
	const useful = scoreStatusUpdate(first.text, { status: first.status }).score >= L.updateQualityPartly;
	if (timing === 'met' && !useful)
		return makeCheck(C.firstUpdate, 'partly', `${when}, but it said too little: ${quote(first.text, 40)}`);
	return makeCheck(C.firstUpdate, timing, when);
}

function cadenceCheck(d: Drill): Check {
	if (d.posts.length === 0) return makeCheck(C.cadence, 'not-met', 'No status updates');
	const openUntil = d.mitigatedAt ?? d.endAt;
	const times = d.posts.map((p) => p.at).filter((t) => t <= openUntil);
	if (times.length === 0) return makeCheck(C.cadence, 'not-met', 'No update while the incident was open');
	let worst = 0;
	let from = times[0];
	let to = times[0];
	const marks = [...times, openUntil];
	for (let i = 1; i < marks.length; i++) {
		if (marks[i] - marks[i - 1] > worst) {
			worst = marks[i] - marks[i - 1];
			from = marks[i - 1];
			to = marks[i];
		}
	}
	const target = formatMs(L.cadenceTargetMs);
	const reason =
		worst <= L.cadenceTargetMs
			? `${times.length} update${times.length === 1 ? '' : 's'} while open; longest silence ${formatMs(worst)} (target ${target})`
			: `No update for ${formatMs(worst)}, from ${at(d, from)} to ${at(d, to)} (target ${target})`;
	return makeCheck(C.cadence, gradeAtMost(worst, L.cadenceTargetMs, L.cadenceLimitMs), reason);
}

function resolutionUpdateCheck(d: Drill): Check {
	const resolvedPosts = d.posts.filter((p) => p.status === 'resolved');
	if (d.mitigatedAt === null) {
		if (resolvedPosts.length > 0)
			return makeCheck(
				C.resolutionUpdate,
				'not-met',
				`Posted "resolved" at ${at(d, resolvedPosts[0].at)} but the system never recovered`
			);
		return makeCheck(
			C.resolutionUpdate,
			'not-assessed',
			'The system never recovered, so no resolution update was due'
		);
	}
	const mitigatedAt = d.mitigatedAt;
	const after = d.posts.filter((p) => p.at >= mitigatedAt);
	const resolved = after.find((p) => p.status === 'resolved');
	if (resolved) return makeCheck(C.resolutionUpdate, 'met', `Resolution update at ${at(d, resolved.at)}`);
	if (after.some((p) => p.status === 'monitoring'))
		return makeCheck(
			C.resolutionUpdate,
			'partly',
			'Posted "monitoring" after recovery but never closed with "resolved"'
		);
	return makeCheck(C.resolutionUpdate, 'not-met', 'No update after the system recovered');
}

/** Quality, accuracy and tone over every status update (and tone of escalation messages). */
function updateChecks(d: Drill): Check[] {
	if (d.posts.length === 0) {
		return [
			makeCheck(C.updateQuality, 'not-met', 'No status updates to judge'),
			makeCheck(C.accuracy, 'not-assessed', 'No status updates'),
			d.escalations.length > 0
				? makeCheck(C.tone, toneResult(d).result, toneResult(d).reason)
				: makeCheck(C.tone, 'not-assessed', 'Nothing was written to anyone')
		];
	}
	const reports: { post: Ev<'status.post'>; report: ScoreReport }[] = d.posts.map((post) => ({
		post,
		report: scoreStatusUpdate(post.text, {
			status: post.status,
			postedAt: post.at,
			startEpochMs: d.startEpochMs,
			mitigated: d.mitigatedAt !== null && d.mitigatedAt <= post.at,
			affectedComponents: d.key.affectedComponents
		})
	}));
	const mean = Math.round(reports.reduce((s, r) => s + r.report.score, 0) / reports.length);
	const weakest = [...reports].sort((a, b) => a.report.score - b.report.score)[0];
	const gap =
		weakest.report.checks.find((c) => c.result === 'not-met') ??
		weakest.report.checks.find((c) => c.result === 'partly');
	const quality = makeCheck(
		C.updateQuality,
		gradeAtLeast(mean, L.updateQualityMet, L.updateQualityPartly),
		`Average update score ${mean}/100 over ${reports.length}` +
			(gap ? `; weakest (${at(d, weakest.post.at)}): ${gap.label.toLowerCase()} — ${gap.reason}` : '')
	);
	const consistency = (r: (typeof reports)[number]) =>
		r.report.checks.find((c) => c.id === STATUS_CHECKS.consistent.id);
	const contradiction = reports.find((r) => consistency(r)?.result === 'not-met');
	const judged = reports.filter((r) => consistency(r)?.result === 'met');
	// Components marked affected must include the ones users really lost (when the trainee picked any).
	const affected = new Set(d.key.affectedComponents.map((c) => c.toLowerCase()));
	const misplaced = d.posts.find(
		(p) =>
			p.status !== 'resolved' &&
			affected.size > 0 &&
			p.components.length > 0 &&
			!p.components.some((c) => affected.has(c.toLowerCase()))
	);
	const accuracy = contradiction
		? makeCheck(
				C.accuracy,
				'not-met',
				`Update at ${at(d, contradiction.post.at)}: ${consistency(contradiction)?.reason ?? ''}`
			)
		: misplaced
			? makeCheck(
					C.accuracy,
					'partly',
					`Update at ${at(d, misplaced.at)} marked ${misplaced.components.join(', ')} as affected, not ${d.key.affectedComponents.join(' or ')}`
				)
			: judged.length > 0
				? makeCheck(C.accuracy, 'met', 'Every update matched the state of the system')
				: makeCheck(C.accuracy, 'not-assessed', 'The updates said too little to be right or wrong');
	const tone = toneResult(d);
	return [quality, accuracy, makeCheck(C.tone, tone.result, tone.reason)];
}

function toneResult(d: Drill): { result: Check['result']; reason: string } {
	const texts: { where: string; text: string }[] = [
		...d.posts.map((p) => ({ where: `update at ${at(d, p.at)}`, text: p.text })),
		...d.escalations.map((e) => ({ where: `page to ${e.target}`, text: e.message }))
	];
	for (const t of texts) {
		const blame = findBlame(t.text);
		if (blame) return { result: 'not-met', reason: `${t.where} blames: ${quote(blame.phrase, 40)}` };
	}
	const guesses = texts.map((t) => ({ ...t, s: findSpeculation(t.text) })).filter((t) => t.s.count > 0);
	const total = guesses.reduce((n, g) => n + g.s.count, 0);
	if (total === 0) return { result: 'met', reason: 'Calm and factual; nobody blamed' };
	return {
		result: total === 1 ? 'partly' : 'not-met',
		reason: `${guesses[0].where} speculates: ${quote(guesses[0].s.sentence ?? '', 40)}`
	};
}

// ------------------------------------------------------------------------------------------------ documentation

function documentationChecks(d: Drill, artifacts: { runbook?: string; postmortem?: string }): Check[] {
	const out: Check[] = [];
	const band = (score: number) => bandFor(score).label.toLowerCase();
	if (artifacts.runbook?.trim()) {
		const alertName = d.events.find((e): e is Ev<'page.sent'> => e.type === 'page.sent')?.alertname;
		const r = scoreRunbook(artifacts.runbook, { alertName });
		const gap = r.checks.find((c) => c.result === 'not-met');
		out.push(
			makeCheck(
				C.runbook,
				gradeAtLeast(r.score, L.artifactMet, L.artifactPartly),
				`Runbook scored ${r.score}/100 (${band(r.score)})${gap ? `; missing: ${gap.label.toLowerCase()}` : ''}`
			)
		);
	} else out.push(makeCheck(C.runbook, 'not-assessed', 'No runbook was written'));
	if (artifacts.postmortem?.trim()) {
		const r = scorePostmortem(artifacts.postmortem, {
			events: d.events,
			startEpochMs: d.startEpochMs,
			answerKey: d.key
		});
		const gap = r.checks.find((c) => c.result === 'not-met');
		out.push(
			makeCheck(
				C.postmortem,
				gradeAtLeast(r.score, L.artifactMet, L.artifactPartly),
				`Postmortem scored ${r.score}/100 (${band(r.score)})${gap ? `; missing: ${gap.label.toLowerCase()}` : ''}`
			)
		);
		const completeness = postmortemCompleteness(r);
		out.push(
			makeCheck(
				C.complete,
				completeness.complete ? 'met' : completeness.present.length >= 2 ? 'partly' : 'not-met',
				completeness.complete
					? 'Timeline, impact, root cause and action items are all present'
					: `Missing: ${completeness.missing.join(', ')}`
			)
		);
	} else {
		out.push(makeCheck(C.postmortem, 'not-assessed', 'No postmortem was written'));
		out.push(makeCheck(C.complete, 'not-assessed', 'No postmortem was written'));
	}
	return out;
}

// ------------------------------------------------------------------------------------------------ dimensions

function dimensions(d: Drill, checks: readonly Check[]): DimensionScore[] {
	const skills = new Set<string>(d.scenario.metadata.skills);
	return DIMENSIONS.map((dim) => {
		const base = { id: dim.id, label: dim.label, weight: dim.weight };
		const tagged =
			dim.skills === null ? false : dim.skills.length === 0 || dim.skills.some((s) => skills.has(s));
		const own = checks.filter((c) => dim.checks.includes(c.id) && c.result !== 'not-assessed');
		const score = tagged ? weightedScore(own) : null;
		if (score === null) return { ...base, score: null, rating: null, evidence: [dim.notAssessed] };
		return {
			...base,
			score,
			rating: bandFor(score).rating,
			evidence: own.map((c) => `${c.label}: ${c.result} — ${c.reason}`)
		};
	});
}
