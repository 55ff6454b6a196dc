/**
 * Builds the interview report from a session: the interviewer's ratings against the suggestions, the weighted
 * total, and the evidence behind them — KPIs, status updates quoted in full, an excerpt of the timeline marked
 * against the answer key, the runbook and its checks — plus the interviewer's notes. Pure.
 */
import type { Check, DrillScorecard, ScoreReport } from '../scoring/types';
import type { Scenario } from '../sim/scenario/schema';
import type { DrillEvent, EpochMs } from '../sim/types';
import { dimensionById } from './dimensions';
import { EXERCISES } from './exercises';
import { buildFeed, type FeedEntry, type FeedMark } from './feed';
import { ratingStatus, weightedTotal } from './rating';
import { REPORT_FORMAT, REPORT_VERSION, type InterviewReport, type ReportDimension } from './report-schema';
import { exercisesOf, timeBoxOf, type InterviewState } from './session';
import { suggestRatings } from './suggest';

/** Most timeline lines a report quotes; the rest are counted as omitted. */
export const TIMELINE_MAX = 60;

export interface BuildReportInput {
	session: {
		code: string;
		candidate: string;
		createdAt: string;
		scenarioId: string;
		seed: number;
	};
	state: InterviewState;
	/** The scenario (labels and answer key for the timeline); null when it is no longer in the app. */
	scenario: Scenario | null;
	/** The recorded simulation, when it ran. */
	triage: {
		scorecard: DrillScorecard | null;
		/** The full event log (null while the drill is still running). */
		events: readonly DrillEvent[] | null;
		startEpochMs: EpochMs;
	} | null;
	/** The runbook's report, when one was handed in. */
	runbook: ScoreReport | null;
	/** When the report is made (ISO-8601). */
	generatedAt: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `HH:MM:SS` UTC of a Unix-ms time. */
function utcClock(ms: EpochMs): string {
	const d = new Date(ms);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function markText(m: FeedMark): string {
	const label = {
		evidence: 'Key evidence',
		mitigation: 'Correct mitigation',
		'red-herring': 'Red herring',
		harmful: 'Harmful'
	}[m.kind];
	return `${label}: ${m.text}`;
}

const ALWAYS_KEPT = new Set([
	'alert.ack',
	'alert.silence',
	'action.run',
	'escalation.page',
	'status.post',
	'incident.declareResolved',
	'page.sent',
	'incident.mitigated',
	'drill.end'
]);

/**
 * The timeline lines worth quoting, oldest first: everything the candidate did that changed something or told
 * someone something, every line marked against the answer key, and the milestones; looks (queries, views) that
 * found nothing of note are left out first. At most `max` lines.
 */
export function timelineExcerpt(
	feed: readonly FeedEntry[],
	max = TIMELINE_MAX
): { kept: FeedEntry[]; omitted: number } {
	const important = feed.filter((e) => ALWAYS_KEPT.has(e.type) || e.marks.length > 0);
	const kept = important.slice(0, max);
	return { kept, omitted: feed.length - kept.length };
}

function checkLines(checks: readonly Check[]) {
	return checks.map((c) => ({ id: c.id, label: c.label, result: c.result, reason: c.reason }));
}

/** The report of one session (see the module comment). */
export function buildReport(input: BuildReportInput): InterviewReport {
	const { state, scenario, triage } = input;
	const suggestions = suggestRatings({
		drill: triage?.scorecard ?? null,
		events: triage?.events ?? null,
		runbook: input.runbook
	});
	const dimensions: ReportDimension[] = suggestions.map((s) => {
		const dim = dimensionById(s.id);
		const entry = state.review.ratings[s.id];
		const status = ratingStatus(entry, s.rating);
		const rating = entry?.rating ?? null;
		return {
			id: s.id,
			label: s.label,
			weightPct: s.weightPct,
			meetsBar: dim.meetsBar,
			suggested: s.rating,
			suggestedScore: s.score,
			sources: s.sources,
			rating,
			status,
			overridden: rating !== null && s.rating !== null && rating !== s.rating,
			reason: entry?.reason.trim() ?? '',
			anchor: rating === null ? null : dim.anchors[rating],
			evidence: s.evidence,
			redFlags: s.redFlags.map((f) => f.text),
			notAssessed: s.notAssessed
		};
	});
	const total = weightedTotal(
		suggestions.map((s, i) => ({
			id: s.id,
			weightPct: s.weightPct,
			rating: dimensions[i].status === 'rated' ? dimensions[i].rating : null
		}))
	);
	const t = state.candidate.triage;
	const r = state.candidate.runbook;
	return {
		format: REPORT_FORMAT,
		version: REPORT_VERSION,
		generatedAt: input.generatedAt,
		session: {
			code: input.session.code,
			candidate: input.session.candidate,
			interviewer: state.config.interviewer,
			createdAt: input.session.createdAt,
			scenario: {
				id: input.session.scenarioId,
				title: state.config.scenarioTitle,
				version: state.config.scenarioVersion
			},
			seed: input.session.seed
		},
		exercises: exercisesOf(state).map((id) => ({
			id,
			label: EXERCISES[id].label,
			timeBoxMs: timeBoxOf(state, id),
			startedAt: state.candidate[id].startedAt,
			endedAt: state.candidate[id].endedAt,
			endedBy: state.candidate[id].endedBy
		})),
		total: {
			value: total.total,
			complete: total.complete,
			rated: total.rated,
			ratedWeightPct: total.ratedWeightPct,
			belowBar: total.belowBar
		},
		dimensions,
		redFlags: suggestions.flatMap((s) => s.redFlags.map((f) => f.text)),
		triage: state.config.triage && triage ? triageSection(triage, scenario, t.endedBy) : null,
		runbook: state.config.runbook
			? {
					alertName: state.config.runbook.alertName,
					score: r.endedAt ? (input.runbook?.score ?? null) : null,
					text: r.text,
					checks: r.endedAt && input.runbook ? checkLines(input.runbook.checks) : []
				}
			: null,
		notes: [...state.review.notes]
			.sort((a, b) => a.at.localeCompare(b.at))
			.map((n) => ({ at: n.at, simMs: n.simMs, exercise: n.exercise, text: n.text }))
	};
}

function triageSection(
	triage: NonNullable<BuildReportInput['triage']>,
	scenario: Scenario | null,
	endedBy: InterviewReport['exercises'][number]['endedBy']
): NonNullable<InterviewReport['triage']> {
	const events = triage.events ?? [];
	const feed = scenario ? buildFeed({ events }, scenario, { endedBy }) : [];
	const { kept, omitted } = timelineExcerpt(feed);
	const sc = triage.scorecard;
	return {
		score: sc?.score ?? null,
		endedBy,
		kpis: sc?.kpis ?? {
			ackMs: null,
			engageOwnerMs: null,
			mitigateMs: null,
			firstUpdateMs: null,
			resolveMs: null,
			statusUpdates: 0,
			actions: 0,
			queries: 0
		},
		statusUpdates: events.flatMap((e) =>
			e.type === 'status.post'
				? [
						{
							atMs: e.at,
							utc: utcClock(triage.startEpochMs + e.at),
							status: e.status,
							components: [...e.components],
							text: e.text
						}
					]
				: []
		),
		timeline: kept.map((e) => ({
			atMs: e.at,
			utc: utcClock(triage.startEpochMs + e.at),
			who: e.who,
			text: e.text,
			marks: e.marks.map(markText)
		})),
		omitted,
		checks: sc ? checkLines(sc.checks) : []
	};
}
