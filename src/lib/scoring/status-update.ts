/**
 * Scoring of one incident status update (the text a trainee posts to the status page or stakeholder channel).
 * A good update tells users what they notice and how widely, the current state, what is being done and when the next
 * update comes — briefly, in plain language, with UTC times, without guesses or blame, and without claiming more
 * than is true.
 */
import {
	AFFECTED_THING,
	GENERIC_ACTION,
	JARGON,
	NEXT_UPDATE_EXPLICIT,
	NEXT_UPDATE_VAGUE,
	NO_IMPACT,
	ONGOING_CLAIM,
	RELATIVE_TIME,
	RESOLVED_CLAIM,
	SCOPE,
	SPECIFIC_ACTION,
	STATE_PHRASE,
	USER_EFFECT,
	VAGUE_ONLY,
	VAGUE_SCOPE
} from './lexicon';
import { makeCheck, makeReport } from './report';
import { findBlame, findSpeculation } from './tone';
import { RED_FLAG_CAP, STATUS_CHECKS as C, STATUS_LIMITS as L } from './rubric';
import type { Check, ScoreReport } from './types';
import type { IncidentStatus, SimMs } from '../sim/types';
import {
	declaresUtc,
	findClockTimes,
	formatMs,
	isNegatedAt,
	normalise,
	plain,
	quote,
	sentences,
	wordCount
} from './text';

/** What the drill knows when the update is posted; every field is optional. */
export interface StatusUpdateContext {
	/** The status the update declares (statuspage vocabulary). */
	status?: IncidentStatus;
	/** Sim time the update was posted. */
	postedAt?: SimMs;
	/** Unix ms of sim time 0; with `postedAt` it lets absolute times in the text be checked. */
	startEpochMs?: number;
	/** Whether the simulated system had recovered when the update was posted. */
	mitigated?: boolean;
	/** Components users see affected (from the answer key); used for scope and for "no impact" contradictions. */
	affectedComponents?: string[];
}

const MINUTE = 60_000;
const TOO_LITTLE = 'Says too little to judge';
const GENERIC_COMPONENT_WORDS = new Set('api service svc web app worker db server backend'.split(' '));

/** True when the (normalised) text names the component, e.g. `checkout-api` via "checkout" or "checkout API". */
function mentionsComponent(t: string, component: string): boolean {
	const c = normalise(component);
	if (t.includes(c) || t.includes(c.replace(/[-_]/g, ' '))) return true;
	return c
		.split(/[-_\s.]+/)
		.filter((w) => w.length >= 4 && !GENERIC_COMPONENT_WORDS.has(w))
		.some((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(t));
}

/** The first sentence whose normalised form matches every pattern. */
function sentenceWith(body: string, ...patterns: RegExp[]): string | null {
	for (const s of sentences(body)) {
		const n = normalise(s);
		if (patterns.every((p) => p.test(n))) return s;
	}
	return null;
}

/** Next-update promise as minutes from now (null when only a clock time was given). */
function delayMinutes(spec: string): number | null {
	const s = spec.trim();
	const n = /^(\d+)\s*(min(?:ute)?s?|m|hours?|hrs?|h)\b/.exec(s);
	if (n) return Number(n[1]) * (/^h/.test(n[2]) ? 60 : 1);
	const words: Record<string, number> = {
		one: 1,
		two: 2,
		three: 3,
		fifteen: 15,
		thirty: 30,
		sixty: 60,
		a: 1,
		an: 1
	};
	const w = /^(one|two|three|fifteen|thirty|sixty|an?|half an?)\s+(min(?:ute)?s?|hours?)/.exec(s);
	if (w) {
		const unit = w[2].startsWith('h') ? 60 : 1;
		return w[1].startsWith('half') ? 30 : (words[w[1]] ?? 1) * unit;
	}
	return null;
}

/**
 * Scores one status update against the communication rubric (see `STATUS_CHECKS` in rubric.ts). Pure and
 * deterministic; `ctx` enables the checks that need to know the drill's state (contradictions, the timing of a
 * promised next update). Returns a 0–100 score weighted over the assessed checks.
 */
export function scoreStatusUpdate(text: string, ctx: StatusUpdateContext = {}): ScoreReport {
	const body = plain(text);
	const t = normalise(body);
	const wc = wordCount(body);
	const components = ctx.affectedComponents ?? [];
	const named = components.filter((c) => mentionsComponent(t, c));
	const checks: Check[] = [];

	// Impact and scope.
	const scope = SCOPE.exec(t)?.[0] ?? (named.length > 0 ? named[0] : null);
	const vagueScope = scope ? null : (VAGUE_SCOPE.exec(t)?.[0] ?? null);
	const impactSentence =
		sentenceWith(body, USER_EFFECT, AFFECTED_THING, SCOPE) ??
		sentenceWith(body, USER_EFFECT, AFFECTED_THING) ??
		(named.length > 0 ? sentenceWith(body, USER_EFFECT) : null);
	const effectOnly = sentenceWith(body, USER_EFFECT);
	if (impactSentence && scope) {
		checks.push(
			makeCheck(C.impact, 'met', `States who is affected and how widely: ${quote(impactSentence)}`)
		);
	} else if (impactSentence) {
		const how = vagueScope
			? `"${vagueScope}" is vague: say how many or which part`
			: 'but not how many users or which part';
		checks.push(
			makeCheck(
				C.impact,
				'partly',
				`States an impact (${quote(impactSentence, 50)}) ${vagueScope ? `— ${how}` : how}`
			)
		);
	} else if (effectOnly) {
		checks.push(
			makeCheck(C.impact, 'partly', `Hints at impact (${quote(effectOnly)}) without saying who is affected`)
		);
	} else {
		checks.push(
			makeCheck(C.impact, 'not-met', 'No user-facing impact: what can users not do, and how many of them?')
		);
	}

	// Current state.
	const state = STATE_PHRASE.exec(t);
	if (state) checks.push(makeCheck(C.state, 'met', `States the current state: "${state[0]}"`));
	else if (ctx.status)
		checks.push(
			makeCheck(C.state, 'partly', `Only the status field says "${ctx.status}"; the text does not`)
		);
	else
		checks.push(
			makeCheck(C.state, 'not-met', 'Does not say where things stand (investigating, identified, …)')
		);

	// What is being done.
	const action = sentenceWith(body, SPECIFIC_ACTION);
	const generic = sentenceWith(body, GENERIC_ACTION);
	if (action) checks.push(makeCheck(C.actions, 'met', `Says what is being done: ${quote(action)}`));
	else if (generic)
		checks.push(
			makeCheck(C.actions, 'partly', `Only a generic ${quote(generic, 40)}: say what you are doing`)
		);
	else checks.push(makeCheck(C.actions, 'not-met', 'Does not say what is being done about it'));

	// Tone, brevity and accuracy are judged only when the update says something; an empty update earns nothing for
	// avoiding mistakes it had no room to make.
	const substantive =
		wc >= L.minSubstantiveWords &&
		Boolean(impactSentence || effectOnly || action || state || affirmedResolved(t).length);

	// Next update.
	const claimsResolvedText = affirmedResolved(t).length > 0 && !ONGOING_CLAIM.test(t);
	const isResolution = ctx.status === 'resolved' || (ctx.status === undefined && claimsResolvedText);
	if (isResolution) {
		checks.push(makeCheck(C.nextUpdate, 'not-assessed', 'A resolution update needs no next-update time'));
	} else {
		checks.push(nextUpdateCheck(t, ctx));
	}

	// UTC times.
	checks.push(utcCheck(body, t));

	// Brevity.
	if (wc < L.minSubstantiveWords)
		checks.push(
			makeCheck(C.brevity, 'not-met', `${wc} word${wc === 1 ? '' : 's'} is too little to inform anyone`)
		);
	else if (!substantive) checks.push(makeCheck(C.brevity, 'not-assessed', TOO_LITTLE));
	else if (wc <= L.briefMaxWords) checks.push(makeCheck(C.brevity, 'met', `${wc} words`));
	else if (wc <= L.longMaxWords)
		checks.push(makeCheck(C.brevity, 'partly', `${wc} words; keep updates under ${L.briefMaxWords}`));
	else
		checks.push(
			makeCheck(C.brevity, 'not-met', `${wc} words is a wall of text; keep it under ${L.briefMaxWords}`)
		);

	// Plain language.
	const jargon = [...new Set([...t.matchAll(new RegExp(JARGON.source, 'g'))].map((m) => m[0].trim()))];
	if (jargon.length === 0)
		checks.push(
			substantive
				? makeCheck(C.plainLanguage, 'met', 'No internal jargon (queries, pod names, stack traces)')
				: makeCheck(C.plainLanguage, 'not-assessed', TOO_LITTLE)
		);
	else
		checks.push(
			makeCheck(
				C.plainLanguage,
				jargon.length === 1 ? 'partly' : 'not-met',
				`Internal jargon users cannot act on: ${jargon
					.slice(0, 3)
					.map((j) => `"${j}"`)
					.join(', ')}`
			)
		);

	// Speculation.
	const guesses = findSpeculation(body);
	if (guesses.count === 0)
		checks.push(
			substantive
				? makeCheck(C.speculation, 'met', 'States facts without guessing')
				: makeCheck(C.speculation, 'not-assessed', TOO_LITTLE)
		);
	else
		checks.push(
			makeCheck(
				C.speculation,
				guesses.count === 1 ? 'partly' : 'not-met',
				`Speculates: ${quote(guesses.sentence ?? '')}`
			)
		);

	// Blame.
	const blame = findBlame(body);
	if (blame)
		checks.push(
			makeCheck(
				C.blame,
				'not-met',
				`${blame.named ? 'Blames a person' : 'Blaming language'}: ${quote(blame.phrase)} (caps the score)`
			)
		);
	else
		checks.push(
			substantive
				? makeCheck(C.blame, 'met', 'No one is blamed')
				: makeCheck(C.blame, 'not-assessed', TOO_LITTLE)
		);

	// Specific, not vague.
	const signals = [
		AFFECTED_THING.test(t) || named.length > 0,
		/\d/.test(t),
		USER_EFFECT.test(t) || SPECIFIC_ACTION.test(t)
	].filter(Boolean).length;
	const vagueOnly = VAGUE_ONLY.test(t.trim()) || wc < 4;
	if (vagueOnly) checks.push(makeCheck(C.specific, 'not-met', `Says only ${quote(body || '(nothing)')}`));
	else if (signals >= 2)
		checks.push(makeCheck(C.specific, 'met', 'Concrete: names what is affected with details'));
	else if (signals === 1)
		checks.push(makeCheck(C.specific, 'partly', 'Somewhat vague: add what, how many and since when'));
	else checks.push(makeCheck(C.specific, 'not-met', `Vague: ${quote(body)}`));

	// Consistency with the drill state.
	checks.push(consistencyCheck(body, t, ctx, components, substantive));

	const redFlag = checks.some(
		(c) => (c.id === C.blame.id || c.id === C.consistent.id) && c.result === 'not-met'
	);
	return makeReport(checks, redFlag ? RED_FLAG_CAP : undefined);
}

/** Non-negated "resolved"-style claims, ignoring partial ones ("partially restored"). */
function affirmedResolved(t: string): string[] {
	const out: string[] = [];
	for (const m of t.matchAll(new RegExp(RESOLVED_CLAIM.source, 'g'))) {
		const at = m.index ?? 0;
		if (isNegatedAt(t, at)) continue;
		if (
			/\b(partially|partly|mostly|largely|gradually|some|beginning to|starting to|begun to|being|to be)\s+$/.test(
				t.slice(Math.max(0, at - 20), at)
			)
		)
			continue;
		out.push(m[0]);
	}
	return out;
}

function nextUpdateCheck(t: string, ctx: StatusUpdateContext): Check {
	const explicit = NEXT_UPDATE_EXPLICIT.exec(t);
	if (explicit) {
		const spec = explicit[1];
		const minutes = delayMinutes(spec);
		if (minutes !== null) {
			if (minutes * MINUTE > L.nextUpdateMaxMs)
				return makeCheck(
					C.nextUpdate,
					'partly',
					`Next update in ${spec}: too long while users are affected (at most ${formatMs(L.nextUpdateMaxMs)})`
				);
			return makeCheck(C.nextUpdate, 'met', `Commits to the next update: "${explicit[0].trim()}"`);
		}
		const clock = /^([01]?\d|2[0-3]):([0-5]\d)/.exec(spec);
		if (clock && ctx.startEpochMs !== undefined && ctx.postedAt !== undefined) {
			const posted = new Date(ctx.startEpochMs + ctx.postedAt);
			const postedMin = posted.getUTCHours() * 60 + posted.getUTCMinutes();
			const ahead = (Number(clock[1]) * 60 + Number(clock[2]) - postedMin + 1440) % 1440;
			if (ahead === 0 || ahead > 12 * 60)
				return makeCheck(C.nextUpdate, 'partly', `Next update at ${spec}, which is not after the post time`);
			if (ahead * MINUTE > L.nextUpdateMaxMs)
				return makeCheck(
					C.nextUpdate,
					'partly',
					`Next update at ${spec} is ${formatMs(ahead * MINUTE)} away: too long`
				);
		}
		return makeCheck(C.nextUpdate, 'met', `Commits to the next update: "${explicit[0].trim()}"`);
	}
	const vague = NEXT_UPDATE_VAGUE.exec(t);
	if (vague) return makeCheck(C.nextUpdate, 'partly', `Promises updates ("${vague[0]}") but gives no time`);
	return makeCheck(C.nextUpdate, 'not-met', 'No next-update time');
}

function utcCheck(body: string, t: string): Check {
	const times = findClockTimes(body);
	const allUtc = declaresUtc(body);
	const zoned = times.filter((x) => x.utc || allUtc);
	if (times.length > 0 && zoned.length === times.length)
		return makeCheck(C.utcTimes, 'met', `Times carry UTC: "${zoned[0].text}"`);
	if (zoned.length > 0)
		return makeCheck(
			C.utcTimes,
			'partly',
			`Some times lack a zone: "${times.find((x) => !x.utc)?.text ?? ''}" (add UTC)`
		);
	if (times.length > 0)
		return makeCheck(C.utcTimes, 'not-met', `"${times[0].text}" has no time zone: write UTC`);
	const relative = RELATIVE_TIME.exec(t);
	if (relative)
		return makeCheck(C.utcTimes, 'partly', `Only a relative time ("${relative[0]}"); give the start in UTC`);
	return makeCheck(C.utcTimes, 'not-met', 'No time given: say since when (in UTC) users are affected');
}

function consistencyCheck(
	body: string,
	t: string,
	ctx: StatusUpdateContext,
	components: readonly string[],
	substantive: boolean
): Check {
	const resolved = affirmedResolved(t);
	const problems: string[] = [];
	if (ctx.mitigated === false && (ctx.status === 'resolved' || resolved.length > 0)) {
		problems.push(
			`Says "${resolved[0] ?? ctx.status}" while the system has not recovered — users are still affected`
		);
	}
	if (ctx.status === 'resolved') {
		const ongoing = ONGOING_CLAIM.exec(t);
		if (ongoing) problems.push(`Status is "resolved" but the text says "${ongoing[0]}"`);
	}
	if (ctx.status === 'investigating' && resolved.length > 0 && ctx.mitigated !== false) {
		problems.push(`Status is "investigating" but the text says "${resolved[0]}"`);
	}
	const noImpact = NO_IMPACT.exec(t);
	if (noImpact) {
		if (components.length > 0 && ctx.mitigated !== true) {
			problems.push(
				`Says "${noImpact[0]}" while ${components.join(', ')} ${components.length > 1 ? 'are' : 'is'} affected`
			);
		} else {
			const userEffect = sentences(body).find((s) => {
				const n = normalise(s);
				return (
					!NO_IMPACT.test(n) && /\b(users?|customers?|merchants?|shoppers?)\b/.test(n) && USER_EFFECT.test(n)
				);
			});
			if (userEffect) problems.push(`Says "${noImpact[0]}" but also ${quote(userEffect, 50)}`);
		}
	}
	if (problems.length > 0) return makeCheck(C.consistent, 'not-met', `${problems[0]} (caps the score)`);
	if (!substantive) return makeCheck(C.consistent, 'not-assessed', TOO_LITTLE);
	return makeCheck(C.consistent, 'met', describeConsistency(ctx));
}

function describeConsistency(ctx: StatusUpdateContext): string {
	if (ctx.mitigated === undefined && ctx.status === undefined) return 'No internal contradictions';
	return 'Claims match the state of the system';
}
