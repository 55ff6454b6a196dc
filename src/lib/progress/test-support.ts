/** Builders of progress attempts for this folder's specs. */
import type { DrillScorecard } from '../scoring/types';
import type { ProgressAttempt } from './types';

const MIN = 60_000;

export interface DrillSpec {
	id?: string;
	/** Day the drill ended, `YYYY-MM-DD` (ends at 10:00 UTC). */
	day?: string;
	theme?: string;
	skills?: string[];
	level?: ProgressAttempt['scenarioLevel'];
	status?: ProgressAttempt['status'];
	score?: number;
	/** Minutes; null = never acknowledged. */
	ack?: number | null;
	/** Minutes; null = owner never engaged. */
	engage?: number | null;
	mitigate?: number | null;
	communication?: number | null;
	documentation?: number | null;
	response?: number | null;
	hints?: number;
	runbook?: number | null;
	postmortem?: number | null;
	scenarioId?: string;
}

let counter = 0;

/** A finished drill with a scorecard built from `spec` (defaults: a decent shadow drill). */
export function drill(spec: DrillSpec = {}): ProgressAttempt {
	const id = spec.id ?? `d${++counter}`;
	const day = spec.day ?? '2026-01-10';
	const min = (v: number | null | undefined, fallback: number | null) =>
		v === undefined ? (fallback === null ? null : fallback * MIN) : v === null ? null : v * MIN;
	const scorecard: DrillScorecard = {
		score: spec.score ?? 75,
		categories: {
			response: spec.response ?? 75,
			triage: 75,
			communication: spec.communication === undefined ? 75 : spec.communication,
			documentation: spec.documentation === undefined ? 75 : spec.documentation
		},
		kpis: {
			ackMs: min(spec.ack, 3),
			engageOwnerMs: min(spec.engage, 10),
			mitigateMs: min(spec.mitigate, 20),
			resolveMs: 40 * MIN,
			firstUpdateMs: 8 * MIN,
			statusUpdates: 2,
			actions: 2,
			queries: 6
		},
		checks: [],
		dimensions: []
	};
	return {
		id,
		scenarioId: spec.scenarioId ?? `scenario-${spec.theme ?? 'deploy'}`,
		scenarioTitle: `Drill ${id}`,
		scenarioTheme: spec.theme ?? 'deploy',
		scenarioSkills: spec.skills ?? ['deploy-safety'],
		scenarioLevel: spec.level ?? 'shadow',
		mode: 'practice',
		status: spec.status ?? 'finished',
		startedAt: `${day}T09:00:00.000Z`,
		endedAt: spec.status === 'in-progress' ? null : `${day}T10:00:00.000Z`,
		hintsUsed: spec.hints ?? 0,
		artifactScores: { runbook: spec.runbook ?? null, postmortem: spec.postmortem ?? null },
		scorecard: spec.status === 'in-progress' || spec.status === 'abandoned' ? null : scorecard
	};
}

/** `YYYY-MM-DD` of day `n` of January 2026 onwards (n = 1 → 2026-01-01). */
export function jan(n: number): string {
	return new Date(Date.UTC(2026, 0, n)).toISOString().slice(0, 10);
}
