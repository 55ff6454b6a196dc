/**
 * Aggregates over many drills for the progress pages: percentiles of KPI times and the KPI targets of the role
 * profile (acknowledge P50 < 5 min and P90 < 10 min, owner engaged < 15 min).
 */
import { KPI_TARGETS } from './rubric';
import type { DrillKpis } from './types';

/**
 * The `p`-th percentile (0–100) of the finite values, by linear interpolation between closest ranks (the method of
 * spreadsheets' PERCENTILE.INC and NumPy's default): P0 is the minimum, P100 the maximum, P50 the median. Returns
 * null when there are no finite values. Does not modify `values`. Throws a RangeError when `p` is outside 0–100.
 */
export function percentile(values: number[], p: number): number | null {
	if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	const rank = (p / 100) * (sorted.length - 1);
	const lo = Math.floor(rank);
	const hi = Math.ceil(rank);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** One KPI over many drills: how many measured, P50, P90, and whether the targets are met (null without data). */
export interface KpiStat {
	count: number;
	p50: number | null;
	p90: number | null;
	meetsTarget: boolean | null;
}

export interface KpiSummary {
	ack: KpiStat;
	engageOwner: KpiStat;
	mitigate: KpiStat;
	firstUpdate: KpiStat;
}

function stat(values: (number | null)[], meets: (p50: number, p90: number) => boolean | null): KpiStat {
	const measured = values.filter((v): v is number => v !== null);
	const p50 = percentile(measured, 50);
	const p90 = percentile(measured, 90);
	return {
		count: measured.length,
		p50,
		p90,
		meetsTarget: p50 === null || p90 === null ? null : meets(p50, p90)
	};
}

/**
 * Summarises the KPIs of several drills (times in ms). Drills where a step never happened are left out of that
 * step's percentiles (they show in `count`). Targets: acknowledge P50 ≤ 5 min and P90 ≤ 10 min; owner engaged
 * P90 ≤ 15 min. Mitigation and first update have no fixed target (they depend on the scenario's par).
 */
export function summariseKpis(kpis: readonly DrillKpis[]): KpiSummary {
	return {
		ack: stat(
			kpis.map((k) => k.ackMs),
			(p50, p90) => p50 <= KPI_TARGETS.ackP50Ms && p90 <= KPI_TARGETS.ackP90Ms
		),
		engageOwner: stat(
			kpis.map((k) => k.engageOwnerMs),
			(_p50, p90) => p90 <= KPI_TARGETS.engageOwnerMs
		),
		mitigate: stat(
			kpis.map((k) => k.mitigateMs),
			() => null
		),
		firstUpdate: stat(
			kpis.map((k) => k.firstUpdateMs),
			() => null
		)
	};
}
