/**
 * Side-by-side comparison of candidates who ran the same scenario with the same seed, so they saw the same
 * telemetry: weighted total, the six ratings, the response KPIs and the exercise scores. Reports of another
 * scenario or seed are left out with the reason; a different scenario version (the app was updated between
 * interviews) is kept but flagged, because its telemetry may differ. Pure.
 */
import { formatDuration } from '../sim/duration';
import { INTERVIEW_DIMENSIONS } from './dimensions';
import { formatTotal } from './rating';
import type { InterviewReport } from './report-schema';

export interface CompareCell {
	/** The number compared (null when missing). */
	value: number | null;
	text: string;
}

export interface CompareRow {
	id: string;
	label: string;
	group: 'summary' | 'dimension' | 'kpi' | 'exercise';
	/** Which way is better, for highlighting; null when neither. */
	better: 'higher' | 'lower' | null;
	cells: CompareCell[];
}

export interface CompareColumn {
	code: string;
	candidate: string;
	interviewer: string;
	/** False when the scenario version differs from the first report's. */
	versionMatches: boolean;
	/** All six dimensions are rated. */
	complete: boolean;
}

export interface Comparison {
	scenario: InterviewReport['session']['scenario'] | null;
	seed: number | null;
	columns: CompareColumn[];
	excluded: { code: string; candidate: string; reason: string }[];
	rows: CompareRow[];
}

function ms(value: number | null): CompareCell {
	return { value, text: value === null ? '—' : formatDuration(Math.round(value / 1000) * 1000) };
}

function num(value: number | null, suffix = ''): CompareCell {
	return { value, text: value === null ? '—' : `${value}${suffix}` };
}

/**
 * Compares reports against the first one's scenario and seed (see the module comment). A session that appears
 * more than once (the same code) counts once, the most recently generated report winning.
 */
export function compareReports(reports: readonly InterviewReport[]): Comparison {
	const latest = new Map<string, InterviewReport>();
	for (const r of reports) {
		const seen = latest.get(r.session.code);
		if (!seen || seen.generatedAt <= r.generatedAt) latest.set(r.session.code, r);
	}
	const unique = [...latest.values()];
	const base = unique[0];
	if (!base) return { scenario: null, seed: null, columns: [], excluded: [], rows: [] };
	const excluded: Comparison['excluded'] = [];
	const included = unique.filter((r) => {
		const s = r.session;
		const reason =
			s.scenario.id !== base.session.scenario.id
				? `a different scenario (${s.scenario.title})`
				: s.seed !== base.session.seed
					? `a different seed (${s.seed}), so different telemetry`
					: null;
		if (reason) excluded.push({ code: s.code, candidate: s.candidate, reason });
		return reason === null;
	});
	const columns = included.map((r) => ({
		code: r.session.code,
		candidate: r.session.candidate,
		interviewer: r.session.interviewer,
		versionMatches: r.session.scenario.version === base.session.scenario.version,
		complete: r.total.complete
	}));
	const row = (
		id: string,
		label: string,
		group: CompareRow['group'],
		better: CompareRow['better'],
		cell: (r: InterviewReport) => CompareCell
	): CompareRow => ({ id, label, group, better, cells: included.map(cell) });
	const rows: CompareRow[] = [
		row('total', 'Weighted total (1–4)', 'summary', 'higher', (r) => ({
			value: r.total.value,
			text: `${formatTotal(r.total.value)}${r.total.complete ? '' : ' (incomplete)'}`
		})),
		row('red-flags', 'Red flags', 'summary', 'lower', (r) => num(r.redFlags.length)),
		...INTERVIEW_DIMENSIONS.map((dim) =>
			row(`dim.${dim.id}`, `${dim.label} (${dim.weightPct}%)`, 'dimension', 'higher', (r) => {
				const d = r.dimensions.find((x) => x.id === dim.id);
				const rating = d?.status === 'rated' ? d.rating : null;
				const suggested = d?.suggested ?? null;
				const text =
					rating === null
						? 'not rated'
						: `${rating}${suggested !== null && suggested !== rating ? ` (suggested ${suggested})` : ''}`;
				return { value: rating, text };
			})
		),
		row('kpi.ack', 'Time to acknowledge', 'kpi', 'lower', (r) => ms(r.triage?.kpis.ackMs ?? null)),
		row('kpi.owner', 'Time to engage the owner', 'kpi', 'lower', (r) =>
			ms(r.triage?.kpis.engageOwnerMs ?? null)
		),
		row('kpi.mitigate', 'Time to mitigate', 'kpi', 'lower', (r) => ms(r.triage?.kpis.mitigateMs ?? null)),
		row('kpi.first-update', 'Time to first status update', 'kpi', 'lower', (r) =>
			ms(r.triage?.kpis.firstUpdateMs ?? null)
		),
		row('kpi.updates', 'Status updates posted', 'kpi', null, (r) =>
			num(r.triage ? r.triage.kpis.statusUpdates : null)
		),
		row('kpi.actions', 'Actions taken', 'kpi', null, (r) => num(r.triage ? r.triage.kpis.actions : null)),
		row('exercise.triage', 'Simulation score', 'exercise', 'higher', (r) =>
			num(r.triage?.score ?? null, '/100')
		),
		row('exercise.runbook', 'Runbook score', 'exercise', 'higher', (r) =>
			num(r.runbook?.score ?? null, '/100')
		)
	];
	return { scenario: base.session.scenario, seed: base.session.seed, columns, excluded, rows };
}
