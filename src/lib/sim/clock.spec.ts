import { describe, expect, it } from 'vitest';
import { PRIORITY, SimClock } from './clock';

describe('SimClock', () => {
	it('runs jobs at their due time, in time then priority then insertion order', () => {
		const clock = new SimClock(0);
		const seen: string[] = [];
		clock.scheduleAt(() => seen.push(`eval@${clock.now()}`), 15_000, PRIORITY.evaluate);
		clock.scheduleAt(() => seen.push(`scrape@${clock.now()}`), 15_000, PRIORITY.scrape);
		clock.scheduleAt(() => seen.push(`timer@${clock.now()}`), 7_000);
		clock.runUntil(20_000);
		expect(seen).toEqual(['timer@7000', 'scrape@15000', 'eval@15000']);
		expect(clock.now()).toBe(20_000);
	});

	it('lets a job schedule another one that runs in the same advance', () => {
		const clock = new SimClock(-30_000);
		const ticks: number[] = [];
		const tick = () => {
			ticks.push(clock.now());
			clock.schedule(tick, 10_000);
		};
		clock.scheduleAt(tick, -30_000);
		clock.runUntil(0);
		expect(ticks).toEqual([-30_000, -20_000, -10_000, 0]);
	});

	it('cancels jobs and stops early when asked', () => {
		const clock = new SimClock();
		const seen: number[] = [];
		const id = clock.schedule(() => seen.push(1), 1000);
		clock.schedule(() => seen.push(2), 2000);
		clock.schedule(() => seen.push(3), 3000);
		clock.cancel(id);
		clock.runUntil(10_000, () => seen.includes(2));
		expect(seen).toEqual([2]);
		expect(clock.now()).toBe(2000);
	});

	it('drives XState-style timers through its clock adapter', () => {
		const clock = new SimClock();
		const adapter = clock.xstateClock();
		let fired = 0;
		adapter.setTimeout(() => fired++, 500);
		const cancelled = adapter.setTimeout(() => (fired += 10), 600);
		adapter.clearTimeout(cancelled);
		clock.runUntil(1000);
		expect(fired).toBe(1);
	});
});
