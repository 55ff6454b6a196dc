import { describe, expect, it } from 'vitest';
import { scoreRunbook } from '../scoring/runbook';
import { compareReports } from './compare';
import { DIMENSION_IDS } from './dimensions';
import { parseReportFile, reportFileName, serializeReport } from './export';
import { buildFeed, feedTally } from './feed';
import { buildReport, timelineExcerpt, type BuildReportInput } from './report';
import {
	addNote,
	endRunbook,
	endTriage,
	newInterviewState,
	setRating,
	setTriageAttempt,
	startRunbook,
	startTriage,
	type InterviewState
} from './session';
import { suggestRatings } from './suggest';
import { checkout, GOOD_RUNBOOK, playthrough, SCENARIO_ID } from './test-fixtures';

const MINUTE = 60_000;
const T0 = '2026-03-17T15:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * MINUTE).toISOString();

/** A finished session of `name`'s playthrough, with every dimension rated as suggested except one override. */
function finishedInput(
	name: 'expert' | 'restart-loop',
	code: string,
	candidate: string,
	seed = 42
): BuildReportInput {
	const { scenario, version } = checkout();
	const run = playthrough(name);
	const runbook = scoreRunbook(GOOD_RUNBOOK, { alertName: 'CheckoutHighErrorRate' });
	let state: InterviewState = newInterviewState({
		scenarioVersion: version,
		scenarioTitle: scenario.metadata.title,
		interviewer: 'Priya Raman',
		triage: { timeBoxMs: 60 * MINUTE },
		runbook: {
			timeBoxMs: 30 * MINUTE,
			alertId: `${SCENARIO_ID}/CheckoutHighErrorRate`,
			alertName: 'CheckoutHighErrorRate'
		}
	});
	state = startTriage(state, at(0));
	state = setTriageAttempt(state, `attempt-${code}`);
	state = endTriage(state, { at: at(33), endedBy: 'incident-closed', simMs: 33 * MINUTE });
	state = startRunbook(state, at(40));
	state = endRunbook(state, { at: at(65), endedBy: 'candidate', text: GOOD_RUNBOOK });
	state = addNote(state, {
		id: 'n1',
		at: at(5),
		simMs: 5 * MINUTE,
		exercise: 'triage',
		text: 'Asked which release was live'
	});
	const suggestions = suggestRatings({ drill: run.scorecard, events: run.drill.events, runbook });
	for (const s of suggestions) {
		if (s.id === 'scripting-automation')
			state = setRating(state, s.id, {
				rating: 2,
				reason: 'Struggled with the log-parsing question',
				at: at(70)
			});
		else if (s.id === 'collaboration')
			state = setRating(state, s.id, {
				rating: 2,
				reason: 'Dismissive when asked about the postmortem',
				at: at(70)
			});
		else state = setRating(state, s.id, { rating: s.rating!, reason: '', at: at(70) });
	}
	return {
		session: { code, candidate, createdAt: at(-10), scenarioId: SCENARIO_ID, seed },
		state,
		scenario,
		triage: { scorecard: run.scorecard, events: run.drill.events, startEpochMs: run.drill.startEpochMs },
		runbook,
		generatedAt: at(75)
	};
}

// Each playthrough generates six hours of history first (about a second on a busy machine).
describe('the interview report', { timeout: 30_000 }, () => {
	it('has the weighted total of the interviewer’s ratings, with overrides and their reasons', () => {
		const input = finishedInput('expert', 'KWT-482', 'Jane Doe');
		const report = buildReport(input);
		const expected = report.dimensions.reduce((sum, d) => sum + d.weightPct * d.rating!, 0) / 100;
		expect(report.total.complete).toBe(true);
		expect(report.total.value).toBe(Math.round(expected * 100) / 100);
		const collab = report.dimensions.find((d) => d.id === 'collaboration')!;
		expect(collab).toMatchObject({
			rating: 2,
			overridden: true,
			reason: 'Dismissive when asked about the postmortem'
		});
		expect(collab.suggested).toBeGreaterThanOrEqual(3);
		expect(collab.anchor).toMatch(/Escalates late/);
		const scripting = report.dimensions.find((d) => d.id === 'scripting-automation')!;
		expect(scripting).toMatchObject({ suggested: null, rating: 2, overridden: false, status: 'rated' });
		expect(report.total.belowBar).toEqual(['scripting-automation', 'collaboration']);
	});

	it('quotes the evidence: scenario version, KPIs, status updates, a marked timeline, the runbook and notes', () => {
		const report = buildReport(finishedInput('expert', 'KWT-482', 'Jane Doe'));
		expect(report.session).toMatchObject({
			seed: 42,
			scenario: { id: SCENARIO_ID, version: checkout().version }
		});
		expect(report.exercises.map((e) => [e.id, e.endedBy])).toEqual([
			['triage', 'incident-closed'],
			['runbook', 'candidate']
		]);
		expect(report.triage?.kpis.ackMs).toBe(150_000 - 75_000);
		expect(report.triage?.statusUpdates.map((u) => u.status)).toEqual([
			'investigating',
			'monitoring',
			'resolved'
		]);
		expect(report.triage?.statusUpdates[0].text).toMatch(/one in five card payments/);
		expect(report.triage?.statusUpdates[0].utc).toBe('14:24:10');
		const lines = report.triage!.timeline;
		expect(lines.find((l) => l.text.startsWith('Ran “'))?.marks).toContain(
			'Correct mitigation: Roll checkout-api back to v2.40.3.'
		);
		expect(lines.some((l) => l.marks.some((m) => m.startsWith('Key evidence')))).toBe(true);
		expect(lines.some((l) => l.who === 'system' && /Page P001 sent/.test(l.text))).toBe(true);
		expect(report.runbook).toMatchObject({ alertName: 'CheckoutHighErrorRate', text: GOOD_RUNBOOK });
		expect(report.runbook!.score).toBeGreaterThanOrEqual(75);
		expect(report.notes).toEqual([
			{ at: at(5), simMs: 5 * MINUTE, exercise: 'triage', text: 'Asked which release was live' }
		]);
		const troubleshooting = report.dimensions.find((d) => d.id === 'troubleshooting')!;
		expect(troubleshooting.evidence.some((e) => e.startsWith('Simulation · '))).toBe(true);
		expect(troubleshooting.evidence.some((e) => e.startsWith('Runbook · '))).toBe(true);
	});

	it('is incomplete until every dimension is rated, and an override without a reason does not count', () => {
		const input = finishedInput('expert', 'KWT-482', 'Jane Doe');
		const ratings = { ...input.state.review.ratings };
		delete ratings.observability;
		ratings.collaboration = { rating: 1, reason: 'no', at: at(70) };
		const report = buildReport({
			...input,
			state: { ...input.state, review: { ...input.state.review, ratings } }
		});
		expect(report.total).toMatchObject({ complete: false, rated: 4, ratedWeightPct: 70 });
		expect(report.dimensions.find((d) => d.id === 'collaboration')?.status).toBe('needs-reason');
		expect(report.dimensions.find((d) => d.id === 'observability')?.status).toBe('unrated');
	});

	it('keeps the timeline excerpt short, dropping plain looks first', () => {
		const { scenario } = checkout();
		const feed = buildFeed({ events: playthrough('restart-loop').drill.events }, scenario);
		const { kept, omitted } = timelineExcerpt(feed, 3);
		expect(kept).toHaveLength(3);
		expect(omitted).toBe(feed.length - 3);
		expect(feedTally(feed, scenario)).toMatchObject({
			evidenceFound: 0,
			evidenceTotal: 3,
			mitigationApplied: false
		});
	});
});

describe('JSON export', { timeout: 30_000 }, () => {
	it('round-trips through the schema', () => {
		const report = buildReport(finishedInput('expert', 'KWT-482', 'Jane Doé'));
		const text = serializeReport(report);
		expect(parseReportFile(text)).toEqual({ ok: true, report });
		expect(reportFileName(report)).toBe('interview-KWT-482-jane-doe.json');
	});

	it('refuses other files with a reason', () => {
		const report = buildReport(finishedInput('expert', 'KWT-482', 'Jane Doe'));
		expect(parseReportFile('not json')).toEqual({ ok: false, message: 'The file is not JSON.' });
		expect(parseReportFile('{"format":"pagerdrill-progress"}')).toMatchObject({
			ok: false,
			message: /not a Pagerdrill interview report/
		});
		const damaged = JSON.parse(serializeReport(report));
		damaged.dimensions[0].rating = 9;
		expect(parseReportFile(JSON.stringify(damaged))).toMatchObject({
			ok: false,
			message: /dimensions\.0\.rating/
		});
	});
});

describe('comparing candidates', { timeout: 30_000 }, () => {
	it('puts candidates of the same scenario and seed side by side and leaves the others out', () => {
		const jane = buildReport(finishedInput('expert', 'KWT-482', 'Jane Doe'));
		const sam = buildReport(finishedInput('restart-loop', 'PRM-735', 'Sam Roe'));
		const otherSeed = buildReport(finishedInput('expert', 'ZXC-234', 'Alex Poe', 7));
		const c = compareReports([jane, sam, otherSeed]);
		expect(c.scenario?.id).toBe(SCENARIO_ID);
		expect(c.columns.map((col) => col.candidate)).toEqual(['Jane Doe', 'Sam Roe']);
		expect(c.excluded).toEqual([
			{ code: 'ZXC-234', candidate: 'Alex Poe', reason: 'a different seed (7), so different telemetry' }
		]);
		const total = c.rows.find((r) => r.id === 'total')!;
		expect(total.cells.map((x) => x.value)).toEqual([jane.total.value, sam.total.value]);
		expect(jane.total.value!).toBeGreaterThan(sam.total.value!);
		const mitigate = c.rows.find((r) => r.id === 'kpi.mitigate')!;
		expect(mitigate.cells[1].text).toBe('—');
		expect(c.rows.filter((r) => r.group === 'dimension')).toHaveLength(DIMENSION_IDS.length);
	});

	it('flags a different scenario version and counts a session once', () => {
		const jane = buildReport(finishedInput('expert', 'KWT-482', 'Jane Doe'));
		const later = { ...jane, generatedAt: at(90) };
		const sam = buildReport(finishedInput('expert', 'PRM-735', 'Sam Roe'));
		const changed = {
			...sam,
			session: { ...sam.session, scenario: { ...sam.session.scenario, version: 'other' } }
		};
		const c = compareReports([jane, later, changed]);
		expect(c.columns.map((col) => [col.code, col.versionMatches])).toEqual([
			['KWT-482', true],
			['PRM-735', false]
		]);
	});
});
