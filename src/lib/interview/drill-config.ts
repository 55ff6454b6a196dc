/**
 * How an interview runs the incident simulation so that it is the same for every candidate and its clock is the
 * wall clock:
 * - the scenario and seed fix the telemetry (the simulator is deterministic in them); the time box only moves the
 *   drill's time limit, which draws no randomness, so it changes when the drill ends and nothing else;
 * - the drill runs at 1× with no pause, so sim time follows wall time; after a reload the rebuilt drill catches up
 *   to the wall time that passed (the incident did not wait for the candidate), and a drill reopened after its time
 *   box ends at the time box.
 * Pure.
 */
import { durationMs, formatDuration } from '../sim/duration';
import type { Scenario } from '../sim/scenario/schema';
import type { DrillEvent, SimMs } from '../sim/types';
import type { EndedBy } from './session';

/** The scenario's own time limit in ms. */
export function scenarioLimitMs(scenario: Scenario): number {
	return durationMs(scenario.clock.timeLimit);
}

/** The time box the simulation really gets: the requested one, capped by the scenario's own time limit (ms). */
export function effectiveTimeBoxMs(scenario: Scenario, requestedMs: number): number {
	return Math.min(requestedMs, scenarioLimitMs(scenario));
}

/** `20260317-1420`: the shift's start (UTC) as an incident id, naming nothing about the incident. */
function shiftStamp(startsAt: string): string {
	const d = new Date(Date.parse(startsAt));
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

/**
 * The scenario as an interview runs it: the drill times out at the time box (capped by the scenario's own limit),
 * and its identity says nothing about the incident — the console and the incident channel (`#inc-<id>`) show the
 * scenario's id and title, and "checkout-deploy-regression" would give the answer away. Id, title, summary and
 * theme are replaced by neutral ones; skills (which scoring reads) and everything that generates telemetry are
 * kept. The attempt record keeps the real scenario id and version. The input is not modified.
 */
export function interviewScenario(scenario: Scenario, timeBoxMs: number): Scenario {
	if (!Number.isFinite(timeBoxMs) || timeBoxMs <= 0)
		throw new Error('The time box must be a positive duration');
	const limit = effectiveTimeBoxMs(scenario, Math.round(timeBoxMs));
	return {
		...scenario,
		metadata: {
			...scenario.metadata,
			id: shiftStamp(scenario.clock.startsAt),
			title: 'Incident simulation',
			summary: 'An on-call shift.',
			theme: 'On call'
		},
		clock: { ...scenario.clock, timeLimit: formatDuration(limit) }
	};
}

/**
 * Sim time (ms) a resumed interview drill should be advanced to: the wall time elapsed since the exercise started,
 * never less than what was already saved and never past the time limit (the drill ends there).
 * @param startedAtMs Unix ms the exercise started.
 * @param nowMs Unix ms now.
 * @param savedSimMs Sim time the attempt had reached when last saved.
 * @param limitMs The drill's time limit (sim ms).
 */
export function catchUpSimMs(input: {
	startedAtMs: number;
	nowMs: number;
	savedSimMs: number;
	limitMs: number;
}): number {
	const elapsed = Math.max(0, input.nowMs - input.startedAtMs);
	return Math.min(input.limitMs, Math.max(input.savedSimMs, elapsed));
}

/**
 * The event log of a simulation the candidate handed in before its time box ran out, closed the way the time box
 * would have closed it: a `drill.end` (`timeout`) at the hand-in time, so scoring measures silences up to the real
 * end. The interview record says who ended it. A log that already ended is returned unchanged (as a copy).
 * @param atMs Sim time of the hand-in.
 */
export function closeLogAt(events: readonly DrillEvent[], atMs: SimMs): DrillEvent[] {
	if (events.some((e) => e.type === 'drill.end')) return [...events];
	const last = events.at(-1);
	const end: DrillEvent = {
		type: 'drill.end',
		reason: 'timeout',
		seq: (last?.seq ?? -1) + 1,
		at: Math.max(atMs, last?.at ?? 0),
		actor: 'system'
	};
	return [...events, end];
}

/**
 * Who ended a recorded simulation, read from its closed event log: the incident closing (resolved or declared), the
 * time box (a timeout at the limit), or the candidate (a timeout before the limit: see {@link closeLogAt}). Null
 * when the log has not ended.
 * @param limitMs The drill's time limit (sim ms).
 */
export function endedByFromLog(events: readonly DrillEvent[], limitMs: SimMs): EndedBy | null {
	const end = events.findLast((e) => e.type === 'drill.end');
	if (!end || end.type !== 'drill.end') return null;
	if (end.reason === 'resolved' || end.reason === 'declared') return 'incident-closed';
	return end.at < limitMs ? 'candidate' : 'time-box';
}
