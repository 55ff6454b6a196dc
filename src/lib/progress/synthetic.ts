/**
 * Synthetic attempts for benchmarks and demos: a plausible trainee who starts slow and improves, moving from
 * shadow to secondary to primary drills, across a fixed sample catalog. Deterministic in the seed; no clock (dates
 * count from `startDate`). The rows are complete `AttemptRecord`s, ready for `putAttempts`.
 */
import { Rng } from '../sim/rng';
import type { Check, DimensionScore, DrillScorecard } from '../scoring/types';
import type { TimedTraineeEvent } from '../sim/types';
import type { AttemptRecord, ScenarioLevel } from '../persistence/records';
import type { CatalogEntry } from './trends';

export interface SyntheticScenario extends CatalogEntry {
	title: string;
	theme: string;
}

/** The sample catalog the synthetic trainee plays. */
export const SYNTHETIC_CATALOG: readonly SyntheticScenario[] = [
	{
		id: 'checkout-bad-deploy',
		title: 'Checkout errors after a deploy',
		theme: 'deploy-regression',
		skills: ['deploy-safety', 'http', 'observability'],
		level: 'shadow'
	},
	{
		id: 'orders-db-pool',
		title: 'Orders database connection pool exhausted',
		theme: 'database-saturation',
		skills: ['databases', 'capacity'],
		level: 'shadow'
	},
	{
		id: 'edge-dns-failures',
		title: 'Intermittent DNS resolution failures',
		theme: 'dns',
		skills: ['dns', 'networking'],
		level: 'secondary'
	},
	{
		id: 'edge-cert-expiry',
		title: 'TLS certificate expired on the edge',
		theme: 'certificates',
		skills: ['tls', 'security'],
		level: 'secondary'
	},
	{
		id: 'node-disk-pressure',
		title: 'Node disk pressure evicts pods',
		theme: 'kubernetes',
		skills: ['kubernetes', 'linux', 'capacity'],
		level: 'secondary'
	},
	{
		id: 'payments-provider-latency',
		title: 'Payment provider latency',
		theme: 'third-party-dependency',
		skills: ['dependencies', 'escalation', 'communication'],
		level: 'primary'
	},
	{
		id: 'alert-storm',
		title: 'Alert storm hiding a real outage',
		theme: 'alert-noise',
		skills: ['alerting', 'observability', 'communication'],
		level: 'primary'
	}
];

export interface SyntheticOptions {
	/** Seed of the generator (default 1). */
	seed?: number;
	profileId?: string;
	/** Day the first drill is played, `YYYY-MM-DD` (default 2026-01-05). */
	startDate?: string;
	/** Days the attempts are spread over (default 120: a trainee's first four months). */
	spanDays?: number;
	/** Leave the last attempt in progress (default false). */
	lastInProgress?: boolean;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const LEVELS: ScenarioLevel[] = ['shadow', 'secondary', 'primary'];

function clamp(v: number, lo = 0, hi = 100): number {
	return Math.min(hi, Math.max(lo, v));
}

/** A score around `100·skill` with some spread, 0–100 and whole. */
function scoreFor(rng: Rng, skill: number, spread = 10): number {
	return Math.round(clamp(100 * skill + spread * rng.normal()));
}

function dimensions(rng: Rng, skill: number): DimensionScore[] {
	const dims: [string, string, number][] = [
		['troubleshooting', 'Troubleshooting & incident reasoning', 0.25],
		['fundamentals', 'Linux/networking fundamentals', 0.15],
		['observability', 'Observability', 0.15],
		['automation', 'Scripting/automation', 0.15],
		['communication', 'Communication during incidents', 0.15],
		['collaboration', 'Collaboration & learning agility', 0.15]
	];
	return dims.map(([id, label, weight]) => {
		const assessed = id !== 'automation';
		const score = assessed ? scoreFor(rng, skill) : null;
		return {
			id,
			label,
			weight,
			score,
			rating: score === null ? null : score >= 85 ? 4 : score >= 70 ? 3 : score >= 50 ? 2 : 1,
			evidence: []
		};
	});
}

function check(id: string, label: string, category: string, met: boolean, reason: string): Check {
	return { id, label, category, weight: 1, result: met ? 'met' : 'not-met', reason, good: '' };
}

/**
 * `n` synthetic attempts of one trainee, oldest first, deterministic in `options.seed`. About 4% are abandoned;
 * the rest finished with a scorecard whose KPIs improve over time.
 */
export function seedSyntheticAttempts(n: number, options: SyntheticOptions = {}): AttemptRecord[] {
	if (!(Number.isInteger(n) && n >= 0)) throw new RangeError('n must be a non-negative integer');
	const seed = options.seed ?? 1;
	const rng = new Rng(seed);
	const profileId = options.profileId ?? 'synthetic-trainee';
	let cursorMs = Date.parse(`${options.startDate ?? '2026-01-05'}T09:00:00Z`);
	if (!Number.isFinite(cursorMs)) throw new RangeError('startDate must be a YYYY-MM-DD date');
	const spanDays = options.spanDays ?? 120;
	if (!(spanDays > 0)) throw new RangeError('spanDays must be positive');
	/** Mean wall-clock gap between the starts of two drills. */
	const meanGapMs = (spanDays * 24 * HOUR) / Math.max(1, n);
	const out: AttemptRecord[] = [];
	for (let i = 0; i < n; i++) {
		const f = n > 1 ? i / (n - 1) : 1;
		const skill = clamp(0.42 + 0.5 * f + 0.06 * rng.normal(), 0.05, 0.98);
		const levelIndex = f < 0.3 ? 0 : f < 0.6 ? 1 : 2;
		const pool = SYNTHETIC_CATALOG.filter((s) => LEVELS.indexOf(s.level) <= levelIndex);
		const atLevel = pool.filter((s) => LEVELS.indexOf(s.level) === levelIndex);
		const scenario = rng.next() < 0.7 ? rng.pick(atLevel) : rng.pick(pool);

		const wallMs = rng.int(15, 80) * MIN;
		const startMs = cursorMs + Math.round((meanGapMs * (0.5 + rng.next())) / MIN) * MIN;
		const startedAt = new Date(startMs).toISOString();
		const inProgress = options.lastInProgress === true && i === n - 1;
		const abandoned = !inProgress && rng.next() < 0.04;
		const ended = !inProgress;
		const endedAt = ended ? new Date(startMs + (abandoned ? wallMs / 3 : wallMs)).toISOString() : null;

		const ackMs =
			rng.next() < 0.02 ? null : Math.round((1 + 10 * (1 - skill) * Math.exp(0.4 * rng.normal())) * MIN);
		const needsOwner = scenario.skills.includes('escalation') || rng.next() < 0.6;
		const engageOwnerMs =
			needsOwner && ackMs !== null
				? ackMs + Math.round((2 + 22 * (1 - skill) * Math.exp(0.3 * rng.normal())) * MIN)
				: null;
		const mitigateMs =
			ackMs === null ? null : ackMs + Math.round((8 + 45 * (1 - skill) * Math.exp(0.3 * rng.normal())) * MIN);
		const resolveMs = mitigateMs === null ? null : mitigateMs + rng.int(5, 20) * MIN;
		const firstUpdateMs = ackMs === null ? null : ackMs + Math.round((2 + 12 * (1 - skill)) * MIN);

		const categories = {
			response: scoreFor(rng, skill),
			triage: scoreFor(rng, skill),
			communication: scoreFor(rng, skill, 12),
			documentation: rng.next() < 0.1 ? null : scoreFor(rng, skill + 0.05, 12)
		};
		const assessed = Object.values(categories).filter((v): v is number => v !== null);
		const score = Math.round(assessed.reduce((s, v) => s + v, 0) / assessed.length);

		const events: TimedTraineeEvent[] = [];
		const pageId = 'page-1';
		if (ackMs !== null) events.push({ type: 'alert.ack', pageId, at: ackMs });
		events.push({
			type: 'query.promql',
			expr: 'sum(rate(http_requests_total{code=~"5.."}[5m])) by (service)',
			at: (ackMs ?? 0) + MIN
		});
		events.push({
			type: 'query.logql',
			expr: '{service="checkout-api"} |= "error"',
			at: (ackMs ?? 0) + 2 * MIN
		});
		if (engageOwnerMs !== null) {
			events.push({
				type: 'escalation.page',
				target: 'owning-team',
				message: 'Customer-facing errors; need the owner.',
				at: engageOwnerMs
			});
		}
		if (firstUpdateMs !== null) {
			events.push({
				type: 'status.post',
				status: 'investigating',
				components: ['checkout'],
				text: 'We are investigating elevated errors for some customers.',
				at: firstUpdateMs
			});
		}
		if (resolveMs !== null && !abandoned) events.push({ type: 'incident.declareResolved', at: resolveMs });
		events.sort((a, b) => a.at - b.at);

		const scorecard: DrillScorecard | null =
			ended && !abandoned
				? {
						score,
						categories,
						kpis: {
							ackMs,
							engageOwnerMs,
							mitigateMs,
							resolveMs,
							firstUpdateMs,
							statusUpdates: firstUpdateMs === null ? 0 : rng.int(1, 4),
							actions: rng.int(1, 6),
							queries: rng.int(3, 25)
						},
						checks: [
							check(
								'response.ack-time',
								'Acknowledged within 5 min',
								'response',
								ackMs !== null && ackMs < 5 * MIN,
								'From the event log.'
							),
							check(
								'communication.first-update',
								'First status update',
								'communication',
								firstUpdateMs !== null,
								'From the event log.'
							)
						],
						dimensions: dimensions(rng, skill)
					}
				: null;
		const runbookScore = scorecard && rng.next() < 0.3 ? scoreFor(rng, skill) : null;
		const postmortemScore = scorecard && rng.next() < 0.35 ? scoreFor(rng, skill) : null;
		const updatedAt = endedAt ?? startedAt;
		out.push({
			id: `syn-${seed}-${String(i).padStart(5, '0')}`,
			profileId,
			scenarioId: scenario.id,
			scenarioVersion: `sha256-synthetic-${scenario.id}`,
			scenarioTitle: scenario.title,
			scenarioTheme: scenario.theme,
			scenarioSkills: [...scenario.skills],
			scenarioLevel: scenario.level,
			seed: rng.int(1, 2 ** 31 - 1),
			mode: 'practice',
			status: inProgress ? 'in-progress' : abandoned ? 'abandoned' : 'finished',
			startedAt,
			endedAt,
			durationMs: endedAt === null ? null : Date.parse(endedAt) - startMs,
			simNow: events.length ? events[events.length - 1].at : 0,
			speed: rng.pick([1, 2, 4]),
			hintsUsed: Math.min(5, rng.poisson(2.5 * (1 - skill))),
			traineeEvents: events,
			artifacts: {
				...(runbookScore !== null
					? {
							runbook: `# Runbook: ${scenario.title}\n\n1. Check the SLI dashboard.\n2. Roll back if a deploy correlates.`
						}
					: {}),
				...(postmortemScore !== null
					? { postmortem: `# Postmortem: ${scenario.title}\n\n## Impact\n## Timeline\n## Action items` }
					: {})
			},
			artifactScores: { runbook: runbookScore, postmortem: postmortemScore },
			scorecard,
			lockOwner: null,
			heartbeatAt: null,
			updatedAt
		});
		// The next drill starts after this one ended.
		cursorMs = startMs + wallMs;
	}
	return out;
}
