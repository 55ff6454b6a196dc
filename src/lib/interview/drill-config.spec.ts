import { describe, expect, it } from 'vitest';
import { createDrill } from '../sim/drill';
import type { Drill } from '../sim/drill-api';
import type { DrillEvent } from '../sim/types';
import { catchUpSimMs, closeLogAt, effectiveTimeBoxMs, interviewScenario } from './drill-config';
import { checkout } from './test-fixtures';

const MINUTE = 60_000;

/** Every metric sample and log line the drill has generated up to sim time `t`, as one comparable string. */
function telemetry(drill: Drill, t: number): string {
	const end = drill.startEpochMs + t;
	const series = drill.metrics.select([{ name: '__name__', op: '=~', value: '.+' }], 0, end);
	const metrics = series.map((s) => `${JSON.stringify(s.labels)}:${Array.from(s.vs).join(',')}`);
	const logs = drill.logs.range(0, end).map((r) => `${r.t} ${r.pod} ${r.line}`);
	return `${metrics.join('\n')}\n${logs.join('\n')}`;
}

describe('the interview scenario', () => {
	const { scenario, version } = checkout();

	it('names nothing about the incident, but keeps what scoring reads', () => {
		const s = interviewScenario(scenario, 3 * MINUTE);
		expect(s.metadata).toMatchObject({ id: '20260317-1420', title: 'Incident simulation', theme: 'On call' });
		const { id, title, summary, theme } = s.metadata;
		expect(JSON.stringify({ id, title, summary, theme })).not.toMatch(/deploy|checkout|release|payment/i);
		expect(s.metadata.skills).toEqual(scenario.metadata.skills);
		expect(s.answerKey).toBe(scenario.answerKey);
	});

	it('ends the drill at the time box, capped by the scenario’s own limit, without touching the original', () => {
		expect(interviewScenario(scenario, 3 * MINUTE).clock.timeLimit).toBe('3m');
		expect(effectiveTimeBoxMs(scenario, 90 * MINUTE)).toBe(60 * MINUTE);
		expect(interviewScenario(scenario, 90 * MINUTE).clock.timeLimit).toBe('1h');
		expect(scenario.clock.timeLimit).toBe('60m');
		expect(() => interviewScenario(scenario, 0)).toThrow(/positive/);
	});

	// Generating a drill's six hours of history takes about a second per drill on a busy machine.
	it(
		'gives every candidate with the same seed the same telemetry, whatever the time box',
		{ timeout: 30_000 },
		() => {
			const a = createDrill(interviewScenario(scenario, 3 * MINUTE), { seed: 42, version });
			const b = createDrill(interviewScenario(scenario, 45 * MINUTE), { seed: 42, version });
			const practice = createDrill(scenario, { seed: 42, version });
			const other = createDrill(interviewScenario(scenario, 3 * MINUTE), { seed: 43, version });
			for (const d of [a, b, practice, other]) d.advanceTo(2 * MINUTE);
			const fingerprint = telemetry(a, 2 * MINUTE);
			expect(fingerprint.length).toBeGreaterThan(10_000);
			expect(telemetry(b, 2 * MINUTE)).toBe(fingerprint);
			// The neutral identity changes nothing the candidate measures.
			expect(telemetry(practice, 2 * MINUTE)).toBe(fingerprint);
			expect(telemetry(other, 2 * MINUTE)).not.toBe(fingerprint);
			// The same page at the same moment for everyone.
			const page = (d: Drill) => d.events.find((e) => e.type === 'page.sent');
			expect(page(a)).toEqual(page(b));
		}
	);

	it('times out exactly at the time box', { timeout: 30_000 }, () => {
		const d = createDrill(interviewScenario(scenario, 3 * MINUTE), { seed: 42, version });
		d.advanceTo(2 * MINUTE);
		d.dispatch({ type: 'alert.ack', pageId: 'P001' });
		d.advanceTo(3 * MINUTE);
		expect(d.ended).toEqual({ reason: 'timeout', at: 3 * MINUTE });
	});

	it(
		'rebuilds a reloaded drill exactly from the seed and the candidate’s events',
		{ timeout: 30_000 },
		() => {
			const s = interviewScenario(scenario, 10 * MINUTE);
			const live = createDrill(s, { seed: 42, version });
			live.advanceTo(90_000);
			live.dispatch({ type: 'alert.ack', pageId: 'P001' });
			live.advanceTo(100_000);
			live.dispatch({ type: 'view.open', view: 'changes' });
			live.advanceTo(4 * MINUTE);
			const rebuilt = createDrill(s, { seed: 42, version, events: live.traineeEvents() });
			rebuilt.advanceTo(
				catchUpSimMs({ startedAtMs: 0, nowMs: 4 * MINUTE, savedSimMs: 100_000, limitMs: 10 * MINUTE })
			);
			expect(rebuilt.events).toEqual(live.events);
		}
	);
});

describe('catching up after a reload', () => {
	it('follows the wall clock, never goes back and stops at the limit', () => {
		const base = { startedAtMs: 1_000_000, limitMs: 10 * MINUTE };
		expect(catchUpSimMs({ ...base, nowMs: 1_000_000 + 5 * MINUTE, savedSimMs: 4 * MINUTE })).toBe(5 * MINUTE);
		expect(catchUpSimMs({ ...base, nowMs: 1_000_000 + MINUTE, savedSimMs: 2 * MINUTE })).toBe(2 * MINUTE);
		expect(catchUpSimMs({ ...base, nowMs: 1_000_000 + 60 * MINUTE, savedSimMs: 0 })).toBe(10 * MINUTE);
		expect(catchUpSimMs({ ...base, nowMs: 0, savedSimMs: 0 })).toBe(0);
	});
});

describe('closing a handed-in log', () => {
	const log: DrillEvent[] = [
		{ type: 'drill.start', scenarioId: 'x', scenarioVersion: 'v', seed: 1, seq: 0, at: 0, actor: 'system' },
		{ type: 'alert.ack', pageId: 'P001', seq: 1, at: 90_000, actor: 'trainee' }
	];

	it('ends it at the hand-in time so silences are measured to the real end', () => {
		const closed = closeLogAt(log, 150_000);
		expect(closed.at(-1)).toEqual({
			type: 'drill.end',
			reason: 'timeout',
			seq: 2,
			at: 150_000,
			actor: 'system'
		});
		expect(log).toHaveLength(2);
	});

	it('leaves a log that already ended alone', () => {
		const ended = closeLogAt(log, 150_000);
		expect(closeLogAt(ended, 200_000)).toEqual(ended);
	});
});
