/**
 * The public face of a running drill: what the browser console, the CLI, scoring and interview mode may read and
 * do. The implementation is `createDrill()` in `drill.ts`.
 */
import type { Scenario } from './scenario/schema';
import type {
	AlertInstance,
	DrillEvent,
	Page,
	SimMs,
	Silence,
	TraineeEvent,
	TimedTraineeEvent
} from './types';
import type { SeriesStore } from './tsdb';
import type { LogStore } from './log-store';

export interface DeployRecord {
	service: string;
	version: string;
	previous?: string;
	author: string;
	/** Sim time of the deploy. */
	at: SimMs;
	message: string;
	commit?: string;
	kind: 'deploy' | 'rollback';
}

export interface FlagState {
	id: string;
	service: string;
	enabled: boolean;
	description: string;
	changedAt: SimMs | null;
	changedBy: string | null;
}

export interface ServiceState {
	id: string;
	name: string;
	team: string;
	tier: string;
	dependsOn: string[];
	version: string;
	replicas: number;
	readyReplicas: number;
	pods: string[];
	restarts: number;
}

export interface DrillEnd {
	reason: 'resolved' | 'declared' | 'timeout' | 'abandoned';
	at: SimMs;
}

export interface Drill {
	readonly scenario: Scenario;
	readonly seed: number;
	/** Unix ms of sim time 0. */
	readonly startEpochMs: number;
	/** Current sim time. */
	readonly now: SimMs;
	/** Set once the drill has ended. */
	readonly ended: DrillEnd | null;
	/** The append-only event log. */
	readonly events: readonly DrillEvent[];
	readonly metrics: SeriesStore;
	readonly logs: LogStore;
	/** Current phase (state of the incident machine). */
	readonly phase: string;
	/** Runs the simulation forward to sim time `t` (no-op if `t <= now`; stops early when the drill ends). */
	advanceTo(t: SimMs): void;
	/** Records a trainee event at the current sim time and applies it; returns the logged event. */
	dispatch(event: TraineeEvent): DrillEvent;
	alerts(): AlertInstance[];
	pages(): Page[];
	silences(): Silence[];
	services(): ServiceState[];
	deploys(): DeployRecord[];
	flags(): FlagState[];
	/** The trainee events so far with their times: seed + this list replays the drill exactly. */
	traineeEvents(): TimedTraineeEvent[];
}
