/**
 * Change markers for charts: deploys, rollbacks and feature-flag changes from the drill, placed on the chart's
 * time axis (Unix seconds). Pure.
 */
import type { DeployRecord, FlagState } from '../../sim/drill-api';

export type AnnotationKind = 'deploy' | 'rollback' | 'flag';

/** One vertical marker. */
export interface ChartAnnotation {
	/** Time of the change, Unix seconds (uPlot's x unit). */
	t: number;
	kind: AnnotationKind;
	/** Short text, e.g. `deploy checkout-api v1.8.0`. */
	title: string;
	/** Who and why, e.g. `by alice: bump payment client`. */
	detail: string;
}

/**
 * Markers for every deploy/rollback and every flag that has a recorded change, sorted by time (ties keep deploys
 * before flags). Sim times are converted with `startEpochMs` (Unix ms of sim time 0).
 */
export function buildAnnotations(
	deploys: readonly DeployRecord[],
	flags: readonly FlagState[],
	startEpochMs: number
): ChartAnnotation[] {
	const toSec = (sim: number) => (startEpochMs + sim) / 1000;
	const out: ChartAnnotation[] = deploys.map((d) => ({
		t: toSec(d.at),
		kind: d.kind,
		title: `${d.kind} ${d.service} ${d.previous ? `${d.previous} → ` : ''}${d.version}`,
		detail: `by ${d.author}: ${d.message}`
	}));
	for (const f of flags) {
		if (f.changedAt === null) continue;
		out.push({
			t: toSec(f.changedAt),
			kind: 'flag',
			title: `flag ${f.id} ${f.enabled ? 'enabled' : 'disabled'} (${f.service})`,
			detail: `${f.changedBy ? `by ${f.changedBy}: ` : ''}${f.description}`
		});
	}
	return out
		.map((a, i) => ({ a, i }))
		.sort((x, y) => x.a.t - y.a.t || x.i - y.i)
		.map(({ a }) => a);
}

/** The markers with `startSec ≤ t ≤ endSec`. */
export function annotationsInRange(
	list: readonly ChartAnnotation[],
	startSec: number,
	endSec: number
): ChartAnnotation[] {
	return list.filter((a) => a.t >= startSec && a.t <= endSec);
}
