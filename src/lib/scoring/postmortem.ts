/**
 * Scoring of a blameless postmortem written in Markdown (or plain text with `Label:` lines). Sections are found by
 * their headings (Summary, Impact, Timeline, Root cause, Contributing factors, What went well / poorly, Action
 * items); when the drill's event log is given, the timeline is checked against what actually happened.
 */
import type { AnswerKeySpec } from '../sim/scenario/schema';
import type { DrillEvent } from '../sim/types';
import { QUANTITY, VAGUE_ACTION_ITEM } from './lexicon';
import { matchesEvent } from './match';
import { blocksUnder, parseOutline, type Outline, type OutlineBlock } from './outline';
import { makeCheck, makeReport } from './report';
import { POSTMORTEM_CHECKS as C, POSTMORTEM_LIMITS as L, RED_FLAG_CAP } from './rubric';
import { declaresUtc, findClockTimes, formatMs, normalise, plain, quote, sentences, wordCount } from './text';
import { findBlame } from './tone';
import type { Check, ScoreReport } from './types';

/** What the drill knows when scoring a postmortem of it; every field is optional. */
export interface PostmortemContext {
	/** The drill's event log, to check the timeline against. */
	events?: readonly DrillEvent[];
	/** Unix ms of sim time 0, to turn the log's sim times into clock times. */
	startEpochMs?: number;
	/** The scenario's answer key: the real root cause and the correct mitigation. */
	answerKey?: AnswerKeySpec;
}

const SECTIONS = {
	summary: /\b(summary|overview|tl;?dr|abstract|what happened|description|synopsis)\b/,
	impact: /\b(impact|severity|scope|who was affected|customer effect|user effect)\b/,
	timeline: /\b(timeline|chronology|sequence of events|time ?line|events log|log of events)\b/,
	rootCause:
		/\b(root[- ]?causes?|causes?|why (?:it|this) happened|technical analysis|analysis|five whys|5 whys)\b/,
	contributing: /\b(contributing|contributors?|factors|triggers?|triggering event)\b/,
	wentWell: /\b(went (?:well|right)|what worked|positives?|strengths|good things)\b/,
	wentPoorly:
		/\b(went (?:wrong|poorly|badly|less well)|(?:didn't|did not) go (?:well|so well)|could (?:have )?(?:gone|go) better|what didn't work|challenges|problems encountered|where we got lucky|got lucky|to improve|improvements?|pain points|negatives?)\b/,
	lessons: /\b(lessons?(?: learned| learnt)?|learnings|takeaways)\b/,
	actionItems:
		/\b(action items?|actions|follow[- ]?ups?|next steps|corrective (?:actions?|measures)|remediation(?: items)?|preventive (?:actions?|measures)|action plan|tasks|todos?)\b/
} as const;

const isLabel = (label: string) =>
	wordCount(label) <= 4 && Object.values(SECTIONS).some((re) => re.test(normalise(label)));

/** Plain text of blocks, separated by blank lines so each block ends its own sentence. */
const textOf = (blocks: readonly OutlineBlock[]) => plain(blocks.map((b) => b.text).join('\n\n'));

/** Blocks under a heading matching `re`, excluding headings that match `unless` (e.g. "Contributing" ≠ "Cause"). */
function under(outline: Outline, re: RegExp, unless?: RegExp): OutlineBlock[] {
	return blocksUnder(outline, (t) => re.test(normalise(t)) && !unless?.test(normalise(t)));
}

/**
 * Scores a postmortem against the postmortem rubric (see `POSTMORTEM_CHECKS` in rubric.ts): summary, impact in
 * numbers, a timed timeline, root cause and contributing factors, what went well/poorly, action items with owner and
 * due date, blameless language. With `ctx.events` (and `ctx.startEpochMs` for clock times) the timeline is checked
 * against the event log; with `ctx.answerKey` the root cause is compared with the real one. Pure and deterministic.
 */
export function scorePostmortem(markdown: string, ctx: PostmortemContext = {}): ScoreReport {
	const outline = parseOutline(markdown, { isLabel });
	const entries = timelineEntries(outline);
	const checks: Check[] = [
		summaryCheck(outline),
		impactCheck(outline),
		timelineCheck(entries, markdown),
		timelineAccuracyCheck(entries, ctx),
		rootCauseCheck(outline, ctx.answerKey),
		lessonsCheck(outline),
		actionItemsCheck(outline),
		blamelessCheck(markdown)
	];
	const blamed = checks.find((c) => c.id === C.blameless.id)?.result === 'not-met';
	return makeReport(checks, blamed ? RED_FLAG_CAP : undefined);
}

/** The parts the KPI "documentation complete" needs, read from a postmortem report. */
export function postmortemCompleteness(report: ScoreReport): {
	complete: boolean;
	present: string[];
	missing: string[];
} {
	const parts: [string, string][] = [
		['timeline', C.timeline.id],
		['impact', C.impact.id],
		['root cause', C.rootCause.id],
		['action items', C.actionItems.id]
	];
	const present: string[] = [];
	const missing: string[] = [];
	for (const [name, id] of parts) {
		const result = report.checks.find((c) => c.id === id)?.result;
		(result === 'met' || result === 'partly' ? present : missing).push(name);
	}
	return { complete: missing.length === 0, present, missing };
}

function summaryCheck(outline: Outline): Check {
	const summary = textOf(under(outline, SECTIONS.summary));
	if (wordCount(summary) >= L.summaryMinWords)
		return makeCheck(C.summary, 'met', `Summary: ${quote(summary, 60)}`);
	const preamble = textOf(
		outline.blocks.filter(
			(b) => (b.section === 0 || outline.sections[b.section].level === 1) && b.kind === 'paragraph'
		)
	);
	if (wordCount(preamble) >= L.summaryMinWords)
		return makeCheck(C.summary, 'met', `Opens with a summary: ${quote(preamble, 60)}`);
	if (wordCount(summary) > 0 || wordCount(preamble) > 0)
		return makeCheck(C.summary, 'partly', `Summary too short: ${quote(summary || preamble, 60)}`);
	return makeCheck(C.summary, 'not-met', 'No summary: what broke, for whom, how long, how it was fixed');
}

function impactCheck(outline: Outline): Check {
	const impact = textOf(under(outline, SECTIONS.impact));
	const numbers = [...new Set(normalise(impact).match(QUANTITY) ?? [])];
	if (wordCount(impact) >= 4 && numbers.length >= L.impactNumbersMet)
		return makeCheck(
			C.impact,
			'met',
			`Impact in numbers: ${numbers
				.slice(0, 3)
				.map((n) => `"${n.trim()}"`)
				.join(', ')}`
		);
	if (wordCount(impact) >= 4)
		return makeCheck(
			C.impact,
			'partly',
			numbers.length === 1
				? `Impact has one figure ("${numbers[0].trim()}"); add how many users/requests and for how long`
				: `Impact without numbers: ${quote(impact, 50)}`
		);
	const summary = textOf(under(outline, SECTIONS.summary));
	const summaryNumbers = [...new Set(normalise(summary).match(QUANTITY) ?? [])];
	if (summaryNumbers.length >= L.impactNumbersMet)
		return makeCheck(
			C.impact,
			'partly',
			`Impact only in the summary (${summaryNumbers.slice(0, 2).join(', ')}); add an Impact section`
		);
	return makeCheck(C.impact, 'not-met', 'No impact: how many users, requests or orders, and for how long');
}

/** One line of the timeline: its time and what it says. */
interface TimelineEntry {
	text: string;
	/** Minutes since midnight of a clock time, when given. */
	minuteOfDay: number | null;
	/** Absolute time when a full date was given. */
	epochMs: number | null;
	/** Sim ms when written as an offset ("T+6m", "+00:06"). */
	offsetMs: number | null;
	utc: boolean;
}

const OFFSET_RE = /\bT\s*\+\s*(?:(\d{1,2}):(\d{2})|(\d+)\s*(?:m|min|mins|minutes)\b)/i;

function entryFrom(text: string): TimelineEntry | null {
	const clean = plain(text);
	const offset = OFFSET_RE.exec(clean);
	if (offset && offset.index < 30) {
		const ms =
			offset[3] !== undefined
				? Number(offset[3]) * 60_000
				: (Number(offset[1]) * 60 + Number(offset[2])) * 60_000;
		return { text: clean, minuteOfDay: null, epochMs: null, offsetMs: ms, utc: true };
	}
	const times = findClockTimes(clean);
	const first = times[0];
	if (!first || first.index > 30) return null;
	return {
		text: clean,
		minuteOfDay: first.minuteOfDay,
		epochMs: first.epochMs,
		offsetMs: null,
		utc: first.utc
	};
}

/** Timed lines of the timeline section, or (without one) every line of the document that starts with a time. */
function timelineEntries(outline: Outline): TimelineEntry[] {
	const section = under(outline, SECTIONS.timeline);
	const source = section.length > 0 ? section : outline.blocks;
	const out: TimelineEntry[] = [];
	for (const b of source) {
		if (b.kind === 'code' && section.length === 0) continue;
		for (const line of b.text.split('\n')) {
			const e = entryFrom(line);
			if (e) out.push(e);
		}
	}
	return out;
}

function timelineCheck(entries: readonly TimelineEntry[], markdown: string): Check {
	const zoned = declaresUtc(markdown) || (entries.length > 0 && entries.every((e) => e.utc));
	if (entries.length >= L.timelineMinEntries && zoned)
		return makeCheck(
			C.timeline,
			'met',
			`${entries.length} timed entries, e.g. ${quote(entries[0].text, 50)}`
		);
	if (entries.length >= L.timelineMinEntries)
		return makeCheck(
			C.timeline,
			'partly',
			`${entries.length} timed entries but no time zone: state that times are UTC`
		);
	if (entries.length >= L.timelinePartlyEntries)
		return makeCheck(C.timeline, 'partly', `Only ${entries.length} timed entries; list every key event`);
	return makeCheck(
		C.timeline,
		'not-met',
		'No timeline with times (page, ack, escalation, mitigation, resolution)'
	);
}

interface KeyEvent {
	name: string;
	at: number;
	words: RegExp;
}

const KEY_WORDS = {
	page: /\b(pages?|paged|alert(?:ed|s)?|fired|fires|firing|triggered|notified|pagerduty|opsgenie|went off)\b/,
	ack: /\b(ack\w*|acknowledg\w*|responded|picked up|took the page|on-?call (?:joined|engaged|started))\b/,
	escalation:
		/\b(escalat\w*|paged|engaged|looped in|called|contacted|pulled in|brought in|joined|notified|reached out|handed)\b/,
	mitigation:
		/\b(roll(?:ed|ing)?[ -]?back|rollback|revert\w*|mitigat\w*|restart\w*|fail(?:ed)?[ -]?over|scal\w*|disabl\w*|flag|drain\w*|renew\w*|rotat\w*|block\w*|flush\w*|kill\w*|rais\w*|increas\w*|paus\w*|appl\w*|fix\w*|deploy\w*|cleaned|freed|switched)\b/,
	resolution:
		/\b(resolv\w*|recover\w*|mitigated|back to normal|restored|healthy|closed|error rates? (?:returned|dropped|normal)|stable|stabili[sz]ed|all clear|ended|over)\b/
} as const;

/** The key events of the log, with the words a timeline entry about them would use. */
function keyEvents(events: readonly DrillEvent[], answerKey?: AnswerKeySpec): KeyEvent[] {
	const out: KeyEvent[] = [];
	const page = events.find((e) => e.type === 'page.sent');
	if (page) out.push({ name: 'first page', at: page.at, words: KEY_WORDS.page });
	const ack = events.find((e) => e.type === 'alert.ack');
	if (ack) out.push({ name: 'acknowledgement', at: ack.at, words: KEY_WORDS.ack });
	const escalations = events.filter((e) => e.type === 'escalation.page');
	const escalation =
		escalations.find((e) => e.type === 'escalation.page' && answerKey && e.target === answerKey.owner) ??
		escalations[0];
	if (escalation && escalation.type === 'escalation.page') {
		const target = escalation.target.replace(/[-_]/g, '[-_ ]?');
		out.push({
			name: 'escalation',
			at: escalation.at,
			words: new RegExp(`${KEY_WORDS.escalation.source}|${target}`)
		});
	}
	const actions = events.filter((e) => e.type === 'action.run');
	const mitigation =
		(answerKey && actions.find((e) => answerKey.correctMitigation.some((m) => matchesEvent(m.match, e)))) ??
		actions[0];
	if (mitigation && mitigation.type === 'action.run') {
		const idWords = mitigation.action
			.split(/[-_.]/)
			.filter((w) => w.length >= 4)
			.join('|');
		out.push({
			name: `mitigation (${mitigation.action})`,
			at: mitigation.at,
			words: idWords ? new RegExp(`${KEY_WORDS.mitigation.source}|\\b(?:${idWords})`) : KEY_WORDS.mitigation
		});
	}
	const resolved = events.find(
		(e) =>
			e.type === 'incident.mitigated' ||
			e.type === 'incident.declareResolved' ||
			(e.type === 'drill.end' && (e.reason === 'resolved' || e.reason === 'declared'))
	);
	if (resolved) out.push({ name: 'resolution', at: resolved.at, words: KEY_WORDS.resolution });
	return out;
}

const DAY_MINUTES = 24 * 60;

/** Distance in ms between an entry's time and a sim time, or null when it cannot be compared. */
function distanceMs(entry: TimelineEntry, simMs: number, startEpochMs: number | undefined): number | null {
	if (entry.offsetMs !== null) return Math.abs(entry.offsetMs - simMs);
	if (startEpochMs === undefined) return null;
	const epoch = startEpochMs + simMs;
	if (entry.epochMs !== null) return Math.abs(entry.epochMs - epoch);
	if (entry.minuteOfDay === null) return null;
	const actual = Math.floor(epoch / 60_000) % DAY_MINUTES;
	const diff = Math.abs(entry.minuteOfDay - actual) % DAY_MINUTES;
	return Math.min(diff, DAY_MINUTES - diff) * 60_000;
}

/** Sim ms as a UTC clock time (`02:16 UTC`) when the start is known, else as an offset (`T+6m`). */
function clock(simMs: number, startEpochMs: number | undefined): string {
	if (startEpochMs === undefined) return `T+${formatMs(simMs)}`;
	const minutes = Math.floor((startEpochMs + simMs) / 60_000) % DAY_MINUTES;
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')} UTC`;
}

function timelineAccuracyCheck(entries: readonly TimelineEntry[], ctx: PostmortemContext): Check {
	if (!ctx.events || ctx.events.length === 0)
		return makeCheck(C.timelineAccuracy, 'not-assessed', 'No event log to compare the timeline with');
	const keys = keyEvents(ctx.events, ctx.answerKey);
	if (keys.length === 0)
		return makeCheck(C.timelineAccuracy, 'not-assessed', 'The event log has no key events');
	if (entries.length === 0)
		return makeCheck(C.timelineAccuracy, 'not-met', 'No timed entries to compare with the log');
	if (ctx.startEpochMs === undefined && entries.every((e) => e.offsetMs === null))
		return makeCheck(
			C.timelineAccuracy,
			'not-assessed',
			'Clock times need the drill start time to be compared'
		);
	const missing: string[] = [];
	for (const k of keys) {
		const found = entries.some((e) => {
			const d = distanceMs(e, k.at, ctx.startEpochMs);
			return d !== null && d <= L.timelineToleranceMs && k.words.test(normalise(e.text));
		});
		if (!found) missing.push(`${k.name} at ${clock(k.at, ctx.startEpochMs)}`);
	}
	const found = keys.length - missing.length;
	const tolerance = formatMs(L.timelineToleranceMs);
	if (missing.length === 0)
		return makeCheck(
			C.timelineAccuracy,
			'met',
			`All ${keys.length} key events are listed within ${tolerance}`
		);
	const reason = `${found}/${keys.length} key events within ${tolerance}; missing: ${missing.join(', ')}`;
	return makeCheck(C.timelineAccuracy, found * 2 >= keys.length ? 'partly' : 'not-met', reason);
}

const STOPWORDS = new Set(
	(
		'the a an and or but of to in on for with from by at as is was were be been being it its this that these those ' +
		'which who whom what when where why how than then there their they them our we us you your into onto over under ' +
		'after before during while because caused cause causing root issue problem incident service services system ' +
		'systems some more most very also not no all any each other such only same so too can could would should will'
	).split(' ')
);

/** Significant words (lower case, crude stem) of a text. */
function significantWords(text: string): Set<string> {
	const out = new Set<string>();
	for (const w of normalise(text).match(/[a-z0-9][a-z0-9_-]{2,}/g) ?? []) {
		if (STOPWORDS.has(w)) continue;
		out.add(w.replace(/(?:ing|ed|es|s)$/, ''));
	}
	return out;
}

function rootCauseCheck(outline: Outline, answerKey?: AnswerKeySpec): Check {
	// "Root cause and contributing factors" is both; a bare "Contributing factors" heading is not a root cause.
	const rc = textOf(under(outline, SECTIONS.rootCause, /^(?!.*\broot).*\bcontribut/));
	const contributing = under(outline, SECTIONS.contributing);
	const contributingInRc = /\bcontribut\w*/.test(normalise(rc));
	const hasRc = wordCount(rc) >= 6;
	const hasContributing = contributing.length > 0 || contributingInRc;
	let result: Check['result'] =
		hasRc && hasContributing ? 'met' : hasRc || hasContributing ? 'partly' : 'not-met';
	let reason =
		result === 'met'
			? `Root cause and contributing factors: ${quote(rc, 50)}`
			: hasRc
				? `Root cause given (${quote(rc, 40)}) but no contributing factors`
				: hasContributing
					? 'Contributing factors listed but no root cause statement'
					: 'No root cause or contributing factors';
	if (answerKey && hasRc) {
		const expected = significantWords(answerKey.rootCause);
		const written = significantWords(`${rc} ${textOf(contributing)}`);
		const shared = [...expected].filter((w) => written.has(w));
		if (expected.size > 0 && shared.length / expected.size < L.rootCauseOverlap) {
			result = result === 'met' ? 'partly' : result;
			reason = `Root cause does not match what happened (expected: ${quote(answerKey.rootCause, 60)})`;
		}
	}
	return makeCheck(C.rootCause, result, reason);
}

function lessonsCheck(outline: Outline): Check {
	const well = textOf(under(outline, SECTIONS.wentWell));
	const poorly = textOf(under(outline, SECTIONS.wentPoorly, SECTIONS.wentWell));
	const lessons = textOf(under(outline, SECTIONS.lessons, /went|lucky/));
	if (wordCount(well) >= 3 && wordCount(poorly) >= 3)
		return makeCheck(C.lessons, 'met', `Went well: ${quote(well, 30)}; went poorly: ${quote(poorly, 30)}`);
	if (wordCount(well) >= 3)
		return makeCheck(C.lessons, 'partly', 'Says what went well but not what went poorly');
	if (wordCount(poorly) >= 3)
		return makeCheck(C.lessons, 'partly', 'Says what went poorly but not what went well');
	if (wordCount(lessons) >= 3)
		return makeCheck(C.lessons, 'partly', `Lessons learned only: ${quote(lessons, 50)}`);
	return makeCheck(C.lessons, 'not-met', 'Nothing on what went well or poorly');
}

const OWNER_RE =
	/\b(?:owner|owners|assignee|assigned(?: to)?|owned by|responsible|dri|who)\b\s*[:=-]?\s*\S+|@[\w-]+|\b[\w-]+ (?:team|squad|on-?call|sre|oncall)\b|\b(?:team|squad)\s*[:=-]?\s*[\w-]+/i;
const DUE_RE =
	/\b(?:due|by|deadline|target|eta|before|until|when)\b\s*[:=-]?\s*(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|q[1-4]\b|end of (?:the )?(?:week|month|quarter|sprint)|next (?:week|sprint|month|quarter)|sprint \d+|w(?:ee)?k ?\d+)|\b\d{4}-\d{2}-\d{2}\b/i;

interface ActionItem {
	text: string;
	owner: boolean;
	due: boolean;
	vague: boolean;
}

function actionItems(outline: Outline): ActionItem[] {
	const blocks = under(outline, SECTIONS.actionItems);
	const rows = blocks.filter((b) => b.kind === 'row');
	const items: ActionItem[] = [];
	if (rows.length >= 2) {
		const header = rows[0].text
			.split('|')
			.map((c) => normalise(c.trim()))
			.filter((c, i, all) => !(c === '' && (i === 0 || i === all.length - 1)));
		const ownerCol = header.findIndex((h) => /\b(owner|assignee|who|dri|team)\b/.test(h));
		const dueCol = header.findIndex((h) => /\b(due|deadline|date|by when|eta|target|when)\b/.test(h));
		for (const r of rows.slice(1)) {
			const cells = r.text
				.split('|')
				.map((c) => c.trim())
				.filter((c, i, all) => !(c === '' && (i === 0 || i === all.length - 1)));
			const text = plain(cells.join(' — '));
			const filled = (k: number) => k >= 0 && (cells[k] ?? '').replace(/[-–—?]|tbd|n\/a/gi, '').trim() !== '';
			items.push({
				text,
				owner: filled(ownerCol) || OWNER_RE.test(text),
				due: filled(dueCol) || DUE_RE.test(text),
				vague: VAGUE_ACTION_ITEM.test(normalise(cells[0] ?? text))
			});
		}
	}
	for (const b of blocks) {
		if (b.kind !== 'item') continue;
		const text = plain(b.text.replace(/^\[[ xX]\]\s*/, ''));
		if (wordCount(text) < 2) continue;
		items.push({
			text,
			owner: OWNER_RE.test(text),
			due: DUE_RE.test(text),
			vague: VAGUE_ACTION_ITEM.test(normalise(text))
		});
	}
	return items;
}

function actionItemsCheck(outline: Outline): Check {
	const items = actionItems(outline);
	if (items.length === 0) return makeCheck(C.actionItems, 'not-met', 'No action items');
	const complete = items.filter((i) => i.owner && i.due && !i.vague);
	const vague = items.find((i) => i.vague);
	const incomplete = items.find((i) => !(i.owner && i.due));
	if (items.length >= L.actionItemsMin && complete.length === items.length)
		return makeCheck(C.actionItems, 'met', `${items.length} action items, each with an owner and a due date`);
	const summary = `${complete.length}/${items.length} action items complete`;
	const detail = vague
		? `${quote(vague.text, 40)} is not actionable`
		: incomplete
			? `${quote(incomplete.text, 40)} lacks ${incomplete.owner ? 'a due date' : incomplete.due ? 'an owner' : 'an owner and a due date'}`
			: `add at least ${L.actionItemsMin}`;
	const result = complete.length >= 1 || items.length >= L.actionItemsMin ? 'partly' : 'not-met';
	return makeCheck(C.actionItems, result, `${summary}; ${detail}`);
}

function blamelessCheck(markdown: string): Check {
	const body = plain(markdown.replace(/```[\s\S]*?```/g, ' '));
	const blame = findBlame(body);
	if (blame)
		return makeCheck(
			C.blameless,
			'not-met',
			`${blame.named ? 'Blames a person' : 'Blaming language'}: ${quote(blame.phrase)} (caps the score)`
		);
	const hindsight = sentences(body).find((s) =>
		/\b(should have (?:known|checked|tested|noticed|caught|seen|been more careful)|obviously|failed to notice|did not bother|didn't bother)\b/.test(
			normalise(s)
		)
	);
	if (hindsight) return makeCheck(C.blameless, 'partly', `Hindsight judgement: ${quote(hindsight, 60)}`);
	return makeCheck(C.blameless, 'met', 'Describes systems and decisions, not people at fault');
}
