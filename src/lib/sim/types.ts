/**
 * Shared data types of the simulation core. Everything here is plain data (JSON-serialisable unless noted),
 * so the event log, attempts and exports can carry it unchanged.
 *
 * Time conventions used everywhere in Pagerdrill:
 * - `SimMs`: milliseconds of simulated time since the drill started (t = 0 is the drill's start; history before the
 *   start is negative).
 * - `EpochMs`: absolute Unix milliseconds (UTC). Metric and log stores use EpochMs so PromQL's `time()` and UTC
 *   displays are realistic. `epochMs = scenario.startsAt + simMs`.
 */

/** Milliseconds of simulated time since the drill started. */
export type SimMs = number;
/** Absolute Unix time in milliseconds (UTC). */
export type EpochMs = number;

/** A Prometheus label set. `__name__` holds the metric name. */
export type Labels = Record<string, string>;

/** One structured log record produced by the simulator. */
export interface LogRecord {
	/** Absolute time of the record, in Unix milliseconds. */
	t: EpochMs;
	service: string;
	pod: string;
	level: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
	/** The rendered log line exactly as a log shipper would store it (logfmt or JSON, per service). */
	line: string;
	/** Structured fields (trace_id, route, status, latency_ms, …) that the line was rendered from. */
	fields: Record<string, string>;
}

/** Stream labels a log record is indexed under (what a LogQL stream selector matches). */
export function logStreamLabels(r: LogRecord, namespace = 'prod'): Labels {
	return { namespace, service: r.service, app: r.service, pod: r.pod, level: r.level };
}

export type AlertStateName = 'inactive' | 'pending' | 'firing' | 'resolved';

/** One alert instance (a rule plus the labels of one result series). */
export interface AlertInstance {
	/** Stable id: rule name + sorted labels. */
	id: string;
	alertname: string;
	group: string;
	state: AlertStateName;
	labels: Labels;
	annotations: Record<string, string>;
	/** Sim time the instance became pending (null when inactive). */
	activeSince: SimMs | null;
	/** Sim time the instance started firing (null when not firing). */
	firingSince: SimMs | null;
	/** Sim time it last resolved, when it did. */
	resolvedAt: SimMs | null;
	/** Last value of the rule expression for this series. */
	value: number;
}

/** A page that the router sent to the trainee: a group of firing alerts. */
export interface Page {
	id: string;
	/** Router group key, e.g. `{alertname="CheckoutHighErrorRate",service="checkout-api"}`. */
	groupKey: string;
	alertIds: string[];
	title: string;
	severity: string;
	summary: string;
	labels: Labels;
	runbookUrl?: string;
	at: SimMs;
	ackedAt: SimMs | null;
	resolvedAt: SimMs | null;
}

export interface Silence {
	id: string;
	matchers: { name: string; value: string; isRegex?: boolean }[];
	startsAt: SimMs;
	endsAt: SimMs;
	reason: string;
	createdBy: 'trainee' | 'scenario';
}

/** Incident states a status update can declare (statuspage vocabulary). */
export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

/**
 * Trainee input. These are the only things a person can do in a drill; replaying the same seed with the same list
 * of trainee events reproduces the drill byte for byte.
 */
export type TraineeEvent =
	| { type: 'alert.ack'; pageId: string }
	| { type: 'alert.silence'; matchers: Silence['matchers']; durationMs: number; reason: string }
	| { type: 'query.promql'; expr: string; panel?: string }
	| { type: 'query.logql'; expr: string }
	| { type: 'view.open'; view: string; target?: string }
	| { type: 'action.run'; action: string; params: Record<string, string | number | boolean>; reason?: string }
	| { type: 'escalation.page'; target: string; message: string }
	| {
			type: 'status.post';
			status: IncidentStatus;
			components: string[];
			text: string;
	  }
	| { type: 'note.add'; text: string }
	| { type: 'incident.declareResolved'; summary?: string };

/** A trainee event stamped with the sim time it happened at. */
export type TimedTraineeEvent = TraineeEvent & { at: SimMs };

/** Things the simulation itself records. */
export type SystemEvent =
	| { type: 'drill.start'; scenarioId: string; scenarioVersion: string; seed: number }
	| {
			type: 'alert.state';
			alertId: string;
			alertname: string;
			from: AlertStateName;
			to: AlertStateName;
			labels: Labels;
			value: number;
	  }
	| { type: 'page.sent'; pageId: string; alertname: string; severity: string; summary: string }
	| { type: 'page.resolved'; pageId: string }
	| { type: 'phase.enter'; phase: string }
	| { type: 'world.change'; description: string; service?: string; kind: string }
	| { type: 'action.result'; action: string; outcome: 'applied' | 'rejected'; detail: string }
	| { type: 'chat.message'; from: string; text: string }
	| { type: 'escalation.ack'; target: string; who: string }
	| { type: 'incident.mitigated' }
	| { type: 'drill.end'; reason: 'resolved' | 'declared' | 'timeout' | 'abandoned' };

export type DrillEventBody = TraineeEvent | SystemEvent;

/** One entry of the append-only event log. `seq` is the entry's index; `at` the sim time. */
export type DrillEvent = DrillEventBody & { seq: number; at: SimMs; actor: 'trainee' | 'system' };

/** Event types a trainee can produce. */
export const TRAINEE_EVENT_TYPES = [
	'alert.ack',
	'alert.silence',
	'query.promql',
	'query.logql',
	'view.open',
	'action.run',
	'escalation.page',
	'status.post',
	'note.add',
	'incident.declareResolved'
] as const satisfies readonly TraineeEvent['type'][];

/** True when the event body is one a trainee produces. */
export function isTraineeEvent(e: DrillEventBody): e is TraineeEvent {
	return (TRAINEE_EVENT_TYPES as readonly string[]).includes(e.type);
}
