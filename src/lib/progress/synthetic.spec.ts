import { describe, expect, it } from 'vitest';
import { FileAttemptSchema } from '../persistence/file-schema';
import { median } from './stats';
import { evaluatePlan, defaultPlan } from './plan';
import { seedSyntheticAttempts } from './synthetic';
import { kpiSeries, readyLevel } from './trends';

describe('seedSyntheticAttempts', () => {
	it('is deterministic in its seed', () => {
		expect(seedSyntheticAttempts(30, { seed: 4 })).toEqual(seedSyntheticAttempts(30, { seed: 4 }));
		expect(seedSyntheticAttempts(30, { seed: 5 })).not.toEqual(seedSyntheticAttempts(30, { seed: 4 }));
		expect(seedSyntheticAttempts(0)).toEqual([]);
		expect(() => seedSyntheticAttempts(-1)).toThrow(RangeError);
	});

	it('produces 500 valid, exportable attempts of a trainee who improves', () => {
		const attempts = seedSyntheticAttempts(500, { seed: 1, profileId: 'p1', lastInProgress: true });
		expect(new Set(attempts.map((a) => a.id)).size).toBe(500);
		expect(attempts.every((a, i) => i === 0 || attempts[i - 1].startedAt < a.startedAt)).toBe(true);
		for (const a of attempts) {
			const { lockOwner: _l, heartbeatAt: _h, ...fileAttempt } = a;
			expect(FileAttemptSchema.safeParse(fileAttempt).success).toBe(true);
		}
		expect(attempts[499].status).toBe('in-progress');

		const finished = attempts.filter((a) => a.scorecard !== null);
		const ack = (from: number, to: number) =>
			median(
				finished.slice(from, to).flatMap((a) => (a.scorecard?.kpis.ackMs ? [a.scorecard.kpis.ackMs] : []))
			);
		expect(ack(-50, finished.length)!).toBeLessThan(ack(0, 50)!);
		expect(readyLevel(attempts)).toBe('primary');
		expect(kpiSeries(attempts).find((s) => s.id === 'ack')?.points).toHaveLength(finished.length);

		const lastDay = attempts[498].endedAt!.slice(0, 10);
		const result = evaluatePlan(defaultPlan(attempts[0].startedAt.slice(0, 10)), attempts, lastDay);
		expect(result.drillsCounted).toBe(attempts.filter((a) => a.status === 'finished').length);
		expect(result.milestones[0].status).toBe('met');
	});
});
