import { describe, expect, it } from 'vitest';
import type { PlanRecord, ProfileRecord } from '../../persistence/records';
import { seedSyntheticAttempts, SYNTHETIC_CATALOG } from '../../progress/synthetic';
import { lastActivity, planStartDate, summarizeProgress, teamRow } from './summary';

const profile: ProfileRecord = {
	id: 'p1',
	name: 'Ana',
	createdAt: '2026-01-02T08:00:00.000Z',
	updatedAt: '2026-01-02T08:00:00.000Z',
	imported: true,
	sourceFileName: 'ana.json',
	importedAt: '2026-05-10T08:00:00.000Z'
};
const attempts = seedSyntheticAttempts(60, { profileId: 'p1', seed: 4, startDate: '2026-01-05' });

describe('progress summary', () => {
	it('starts a default plan on the day the profile was created or first played, whichever is first', () => {
		expect(planStartDate(profile, attempts)).toBe('2026-01-02');
		const firstDrillDay = attempts[0].startedAt.slice(0, 10);
		expect(firstDrillDay > '2026-01-02').toBe(true);
		expect(planStartDate({ createdAt: '2026-02-01T00:00:00Z' }, attempts)).toBe(firstDrillDay);
	});

	it('finds the last activity of a trainee', () => {
		expect(lastActivity([])).toBeNull();
		expect(lastActivity(attempts)).toBe(attempts.at(-1)?.endedAt);
	});

	it('summarises a trainee for the progress page', () => {
		const s = summarizeProgress({ profile, attempts, plan: null }, '2026-05-10', SYNTHETIC_CATALOG);
		expect(s.counts.total).toBe(60);
		expect(s.counts.finished + s.counts.abandoned + s.counts.inProgress).toBe(60);
		expect(s.plan.startDate).toBe('2026-01-02');
		expect(s.evaluation.milestones.map((m) => m.id)).toEqual(['d30', 'd60', 'd90']);
		expect(s.kpis.map((k) => k.id)).toEqual([
			'ack',
			'engageOwner',
			'mitigate',
			'communication',
			'documentation'
		]);
		expect(s.suggestion?.scenarioId).toBeTruthy();
	});

	it('makes the team row with KPI cells against targets and the stored plan', () => {
		const plan: PlanRecord = {
			profileId: 'p1',
			startDate: '2026-01-05',
			overrides: { targets: { 'd30.ack-p50': 1 } },
			updatedAt: '2026-05-01T00:00:00.000Z'
		};
		const row = teamRow({ profile, attempts, plan }, '2026-05-10');
		expect(row.planAdjusted).toBe(true);
		expect(row.drills).toBe(60);
		const ack = row.kpis.find((k) => k.id === 'ack')!;
		expect(ack.value).toBe(ack.series.recent);
		expect(ack.meets).toBe(ack.value !== null && ack.value <= 5);
		expect(row.milestones.map((m) => m.dueDate)).toEqual(['2026-02-04', '2026-03-06', '2026-04-05']);
		// An ack P50 target of 1 min is out of reach for this trainee, so the 30-day milestone is overdue.
		expect(row.milestones[0].status).toBe('overdue');
		expect(teamRow({ profile, attempts, plan: null }, '2026-05-10').planAdjusted).toBe(false);
	});
});
