/**
 * Helpers for this folder's specs: a manual clock, predictable ids, both storage backends and sample rows.
 * Specs that use the IndexedDB backend must `import 'fake-indexeddb/auto'` first; this module never does.
 */
import { openIndexedDb } from './db';
import { createMemoryDb } from './memory-db';
import type { AttemptRecord } from './records';
import type { DbEnv, ProgressDb } from './store';

/** A wall clock that only moves when told to. */
export interface ManualClock {
	now: () => Date;
	advance(ms: number): void;
	set(iso: string): void;
}

export function manualClock(start = '2026-03-02T09:00:00.000Z'): ManualClock {
	let t = Date.parse(start);
	return {
		now: () => new Date(t),
		advance: (ms) => {
			t += ms;
		},
		set: (iso) => {
			t = Date.parse(iso);
		}
	};
}

/** Ids `prefix-1`, `prefix-2`, … */
export function sequentialIds(prefix = 'id'): () => string {
	let n = 0;
	return () => `${prefix}-${++n}`;
}

let dbCounter = 0;

/** The two backends every repository spec runs against. */
export const BACKENDS: { name: 'indexeddb' | 'memory'; open: (env?: DbEnv) => Promise<ProgressDb> }[] = [
	{ name: 'indexeddb', open: (env) => openIndexedDb({ name: `pagerdrill-spec-${++dbCounter}`, env }) },
	{ name: 'memory', open: async (env) => createMemoryDb({ env }) }
];

/** A finished attempt with a scorecard; override any field. */
export function sampleAttempt(overrides: Partial<AttemptRecord> = {}): AttemptRecord {
	return {
		id: 'attempt-1',
		profileId: 'profile-1',
		scenarioId: 'checkout-deploy-regression',
		scenarioVersion: 'sha256-abc',
		scenarioTitle: 'Checkout errors after a deploy',
		scenarioTheme: 'deploy-regression',
		scenarioSkills: ['deploy-safety', 'http'],
		scenarioLevel: 'shadow',
		seed: 42,
		mode: 'practice',
		status: 'finished',
		startedAt: '2026-03-02T09:00:00.000Z',
		endedAt: '2026-03-02T09:40:00.000Z',
		durationMs: 2_400_000,
		simNow: 1_800_000,
		speed: 2,
		hintsUsed: 0,
		traineeEvents: [
			{ type: 'alert.ack', pageId: 'page-1', at: 120_000 },
			{ type: 'query.promql', expr: 'sum(rate(http_requests_total[5m]))', at: 180_000 },
			{
				type: 'action.run',
				action: 'rollback',
				params: { service: 'checkout-api', to: 'v1.4.1' },
				at: 600_000
			},
			{
				type: 'status.post',
				status: 'identified',
				components: ['checkout'],
				text: 'Rolled back the 14:02 deploy.',
				at: 660_000
			}
		],
		artifacts: { runbook: '# Runbook\n1. Check the deploy log.', statusUpdates: ['Investigating.'] },
		artifactScores: { runbook: 78, postmortem: null },
		scorecard: {
			score: 81,
			categories: { response: 90, triage: 80, communication: 75, documentation: null },
			kpis: {
				ackMs: 120_000,
				engageOwnerMs: 420_000,
				mitigateMs: 600_000,
				resolveMs: 900_000,
				firstUpdateMs: 660_000,
				statusUpdates: 1,
				actions: 1,
				queries: 1
			},
			checks: [
				{
					id: 'response.ack-time',
					label: 'Acknowledged quickly',
					category: 'response',
					weight: 2,
					result: 'met',
					reason: 'Acked at 2 min.',
					good: 'Ack within 5 min.'
				}
			],
			dimensions: [
				{
					id: 'troubleshooting',
					label: 'Troubleshooting',
					weight: 0.25,
					score: 80,
					rating: 3,
					evidence: ['Checked the deploy log first.']
				}
			]
		},
		lockOwner: null,
		heartbeatAt: null,
		updatedAt: '2026-03-02T09:40:00.000Z',
		...overrides
	};
}
