/**
 * The scenario file format (`apiVersion: pagerdrill/v1`), as a zod schema. This module is the single source of truth
 * for what a scenario may contain: the JSON Schema that editors use is generated from it (`npm run schema`), and the
 * compiler, the console and the scorer read the parsed result.
 *
 * Durations are Prometheus-style strings (`30s`, `5m`, `1h30m`). Sim times are durations relative to the drill's
 * start (`-40m` is forty minutes before the trainee's shift starts).
 */
import { z } from 'zod';
import { parseDuration } from '../duration';

const idPattern = /^[a-z0-9][a-z0-9._-]*$/;

/** A lower-case identifier such as `checkout-api`. */
export const Id = z
	.string()
	.regex(idPattern, 'must be lower-case letters, digits, ".", "_" or "-", starting with a letter or digit');

/** A duration such as `30s`, `5m` or `-40m`. */
export const Duration = z
	.union([z.string(), z.number()])
	.refine((v) => typeof v === 'number' || parseDuration(v) !== null, {
		message: 'must be a duration such as 30s, 5m or 1h30m'
	});

/** The skill tags of the role profile. */
export const SKILL_TAGS = [
	'linux',
	'networking',
	'dns',
	'tls',
	'http',
	'kubernetes',
	'databases',
	'deploy-safety',
	'dependencies',
	'capacity',
	'security',
	'observability',
	'alerting',
	'communication',
	'escalation'
] as const;
export const SkillTag = z.enum(SKILL_TAGS);

const LabelMap = z.record(z.string(), z.string());

export const Team = z.strictObject({
	id: Id,
	name: z.string().min(1),
	oncall: z.string().min(1).describe('Name of the person on call for this team during the drill'),
	channel: z.string().optional(),
	description: z.string().optional()
});

export const Route = z.strictObject({
	path: z.string().min(1),
	method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']).default('GET'),
	share: z.number().positive().describe('Share of the service traffic (shares are normalised)')
});

export const Service = z.strictObject({
	id: Id,
	name: z.string().optional(),
	team: Id.describe('Owning team id'),
	tier: z.enum(['critical', 'high', 'medium', 'low']).default('medium'),
	description: z.string().optional(),
	dependsOn: z.array(Id).default([]),
	replicas: z.number().int().min(0).default(3),
	version: z.string().default('v1.0.0'),
	logFormat: z.enum(['logfmt', 'json']).default('logfmt'),
	runbook: z.string().optional().describe('Id of the runbook page for this service'),
	traffic: z
		.strictObject({
			rps: z.number().min(0).describe('Requests per second at the daily peak'),
			seasonality: z.number().min(0).max(1).default(0.3).describe('Daily swing, 0 = flat'),
			routes: z.array(Route).min(1),
			errorRatio: z.number().min(0).max(1).default(0.001),
			errorCode: z.number().int().min(400).max(599).default(500),
			latencyMs: z.number().positive().describe('Median latency in milliseconds'),
			latencySpread: z.number().positive().default(0.6).describe('Log-normal sigma of the latency'),
			accessLogSample: z
				.number()
				.min(0)
				.max(1)
				.default(0.01)
				.describe('Share of requests written to access logs')
		})
		.optional(),
	resources: z
		.strictObject({
			cpuCores: z.number().min(0).default(0.3).describe('CPU used per pod at peak, in cores'),
			cpuLimitCores: z.number().positive().default(1),
			memoryMiB: z.number().min(0).default(300),
			memoryLimitMiB: z.number().positive().default(1024)
		})
		.default({ cpuCores: 0.3, cpuLimitCores: 1, memoryMiB: 300, memoryLimitMiB: 1024 })
});

export const Gauge = z.strictObject({
	id: Id.describe('World variable id; effects target it as `var.<id>`'),
	metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a valid Prometheus metric name'),
	help: z.string().optional(),
	type: z.enum(['gauge', 'counter']).default('gauge'),
	labels: LabelMap.default({}),
	base: z.number().describe('Baseline value (for counters: increase per second)'),
	noise: z.number().min(0).default(0).describe('Relative noise, e.g. 0.02 = ±2%'),
	seasonality: z.number().min(0).max(1).default(0),
	min: z.number().optional(),
	max: z.number().optional(),
	integer: z.boolean().default(false),
	timestamp: z
		.boolean()
		.default(false)
		.describe(
			'The value is seconds relative to the drill start, exported as Unix seconds (e.g. certificate expiry)'
		)
});

export const Deploy = z.strictObject({
	service: Id,
	version: z.string(),
	previous: z.string().optional(),
	author: z.string(),
	at: Duration.describe('Sim time of the deploy, e.g. -25m'),
	message: z.string(),
	commit: z.string().optional()
});

export const Flag = z.strictObject({
	id: Id,
	service: Id,
	enabled: z.boolean(),
	description: z.string(),
	changedAt: Duration.optional(),
	changedBy: z.string().optional()
});

export const AlertRule = z.strictObject({
	alert: z.string().min(1),
	expr: z.union([z.string(), z.number()]).transform(String),
	for: Duration.optional(),
	keep_firing_for: Duration.optional(),
	labels: LabelMap.optional(),
	annotations: LabelMap.optional()
});
export const RecordingRule = z.strictObject({
	record: z.string().min(1),
	expr: z.union([z.string(), z.number()]).transform(String),
	labels: LabelMap.optional()
});
export const RuleGroup = z.strictObject({
	name: z.string().min(1),
	interval: Duration.optional(),
	limit: z.number().optional(),
	rules: z.array(z.union([AlertRule, RecordingRule]))
});

export const Matcher = z.strictObject({
	name: z.string(),
	value: z.string(),
	isRegex: z.boolean().optional()
});

export const Alerting = z.strictObject({
	route: z
		.strictObject({
			pageSeverities: z.array(z.string()).default(['critical']),
			groupBy: z.array(z.string()).default(['alertname', 'service']),
			groupWait: Duration.default('30s'),
			repeatInterval: Duration.default('4h')
		})
		.default({
			pageSeverities: ['critical'],
			groupBy: ['alertname', 'service'],
			groupWait: '30s',
			repeatInterval: '4h'
		}),
	groups: z.array(RuleGroup).min(1),
	silences: z
		.array(
			z.strictObject({
				matchers: z.array(Matcher).min(1),
				startsAt: Duration,
				endsAt: Duration,
				reason: z.string(),
				createdBy: z.string().default('someone')
			})
		)
		.default([])
});

export const Panel = z.strictObject({
	id: Id,
	title: z.string(),
	kind: z.enum(['timeseries', 'stat']).default('timeseries'),
	unit: z
		.enum(['percent', 'percentunit', 'ms', 's', 'reqps', 'bytes', 'short', 'cores', 'days'])
		.default('short'),
	description: z.string().optional(),
	queries: z.array(z.strictObject({ expr: z.string().min(1), legend: z.string().optional() })).min(1),
	thresholds: z.array(z.strictObject({ value: z.number(), label: z.string().optional() })).default([]),
	sli: z.boolean().default(false).describe('The main SLI chart of the drill (debrief draws actions on it)')
});

export const Dashboard = z.strictObject({
	id: Id,
	title: z.string(),
	panels: z.array(Panel).min(1)
});

export const LogTemplate = z.strictObject({
	service: Id,
	level: z.enum(['debug', 'info', 'warn', 'error', 'fatal']),
	message: z
		.string()
		.min(1)
		.describe('Message text; {{name}} is replaced by a field, {{pod}}, {{trace_id}} or a pick'),
	fields: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
	pick: z.record(z.string(), z.array(z.string()).min(1)).default({}),
	perMinute: z.number().min(0).describe('Lines per minute when the scale is 1'),
	scaleBy: z
		.string()
		.optional()
		.describe('World variable that multiplies the rate, e.g. checkout-api.errorRatio or var.queue_depth'),
	scaleDivisor: z.number().positive().default(1)
});

export const RunbookPage = z.strictObject({
	id: Id,
	title: z.string(),
	url: z.string().optional().describe('The runbook_url alerts link to'),
	outdated: z.boolean().default(false),
	markdown: z.string()
});

export const ACTION_KINDS = [
	'rollback',
	'restart',
	'scale',
	'flag',
	'failover',
	'renew-certificate',
	'drain-node',
	'cordon-node',
	'cleanup-disk',
	'revert-dns',
	'flush-dns-cache',
	'kill-query',
	'rotate-credentials',
	'block-ip',
	'raise-quota',
	'pause-consumer',
	'run-check',
	'custom'
] as const;

export const ActionParam = z.strictObject({
	name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
	label: z.string(),
	type: z.enum(['service', 'select', 'number', 'text']),
	options: z.array(z.string()).optional(),
	min: z.number().optional(),
	max: z.number().optional(),
	default: z.union([z.string(), z.number()]).optional()
});

export const Action = z.strictObject({
	id: Id,
	label: z.string(),
	kind: z.enum(ACTION_KINDS),
	description: z.string(),
	risk: z.enum(['low', 'medium', 'high']).default('low'),
	params: z.array(ActionParam).default([]),
	durationMs: Duration.default('30s').describe('How long the action takes before its effect starts')
});

export const EscalationTarget = z.strictObject({
	id: Id,
	label: z.string(),
	team: Id.optional(),
	who: z.string(),
	responseDelay: Duration.default('3m'),
	reply: z.string().describe('What they say in the channel when they join'),
	kind: z.enum(['team', 'person', 'security', 'vendor', 'manager']).default('team')
});

/** An engine action reference in the incident machine: `{ type, params }`. */
export const MachineActionRef = z.union([
	z.string(),
	z.strictObject({ type: z.string(), params: z.record(z.string(), z.unknown()).optional() })
]);
export const MachineGuardRef = z.union([
	z.string(),
	z.strictObject({ type: z.string(), params: z.record(z.string(), z.unknown()).optional() })
]);

export const MachineTransition = z.strictObject({
	target: z.string().optional(),
	guard: MachineGuardRef.optional(),
	actions: z.array(MachineActionRef).optional(),
	description: z.string().optional()
});
const TransitionList = z.union([z.string(), MachineTransition, z.array(MachineTransition)]);

export const MachineState = z.strictObject({
	description: z.string().optional(),
	type: z.enum(['final']).optional(),
	tags: z.array(z.string()).optional(),
	entry: z.array(MachineActionRef).optional(),
	exit: z.array(MachineActionRef).optional(),
	on: z.record(z.string(), TransitionList).optional(),
	after: z.record(z.string(), TransitionList).optional()
});

export const Incident = z.strictObject({
	background: z
		.array(z.record(z.string(), z.unknown()))
		.default([])
		.describe(
			'world.effect params applied before the drill starts (history included), e.g. a disk filling for hours'
		),
	initial: z.string(),
	states: z.record(z.string(), MachineState),
	resolveWhen: z
		.strictObject({
			expr: z
				.string()
				.describe('PromQL expression that returns a non-empty result while the system is healthy'),
			for: Duration.describe(
				'How long the expression must hold; then the machine receives `telemetry.stable`'
			)
		})
		.optional()
});

/** Matches trainee events in the event log, for evidence, red herrings and expected actions. */
export const EventMatcher = z.strictObject({
	type: z.enum([
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
	]),
	pattern: z
		.string()
		.optional()
		.describe('Regular expression tested against the query, view, reason or text'),
	action: Id.optional(),
	params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
	target: Id.optional(),
	view: z.string().optional()
});

export const AnswerKey = z.strictObject({
	rootCause: z.string(),
	contributingFactors: z.array(z.string()).default([]),
	owner: Id.describe('Escalation target id of the correct owner'),
	ownerRequired: z.boolean().default(true).describe('Whether engaging the owner is expected in this drill'),
	keyEvidence: z
		.array(z.strictObject({ id: Id, description: z.string(), match: z.array(EventMatcher).min(1) }))
		.min(1),
	correctMitigation: z.array(z.strictObject({ description: z.string(), match: EventMatcher })).min(1),
	redHerrings: z
		.array(z.strictObject({ id: Id, description: z.string(), match: z.array(EventMatcher).min(1) }))
		.default([]),
	harmfulActions: z
		.array(z.strictObject({ description: z.string(), match: EventMatcher }))
		.default([])
		.describe('Actions that make things worse or destroy evidence'),
	noiseAlerts: z.array(z.string()).default([]).describe('Alert names that are noise in this drill'),
	affectedComponents: z.array(z.string()).default([]),
	par: z.strictObject({
		ack: Duration.default('5m'),
		engageOwner: Duration.default('15m'),
		mitigate: Duration
	}),
	expertSummary: z.string().describe('How an experienced engineer works this incident, in a few sentences')
});

export const Metadata = z.strictObject({
	id: Id,
	title: z.string().min(3),
	summary: z.string().min(10),
	difficulty: z.enum(['intro', 'standard', 'advanced']),
	estimatedMinutes: z.number().int().positive(),
	skills: z.array(SkillTag).min(1),
	theme: z.string().min(1),
	level: z.enum(['shadow', 'secondary', 'primary']).default('shadow')
});

export const Scenario = z.strictObject({
	apiVersion: z.literal('pagerdrill/v1'),
	kind: z.literal('Scenario').default('Scenario'),
	metadata: Metadata,
	briefing: z.strictObject({
		markdown: z.string().min(1),
		oncallFor: z.array(Id).min(1),
		yourTeam: Id
	}),
	clock: z.strictObject({
		startsAt: z.iso.datetime({ message: 'must be an ISO-8601 UTC time such as 2026-03-14T02:10:00Z' }),
		history: Duration.default('6h'),
		logHistory: Duration.default('1h'),
		timeLimit: Duration.default('90m'),
		scrapeInterval: Duration.default('15s'),
		evaluationInterval: Duration.default('15s')
	}),
	topology: z.strictObject({
		teams: z.array(Team).min(1),
		services: z.array(Service).min(1),
		gauges: z.array(Gauge).default([])
	}),
	deploys: z.array(Deploy).default([]),
	flags: z.array(Flag).default([]),
	alerting: Alerting,
	statusPage: z
		.strictObject({
			components: z
				.array(z.string().min(1))
				.min(1)
				.describe('Components the public status page lists, in display order')
		})
		.optional(),
	dashboards: z.array(Dashboard).min(1),
	logs: z.array(LogTemplate).default([]),
	runbooks: z.array(RunbookPage).default([]),
	actions: z.array(Action).min(1),
	escalation: z.array(EscalationTarget).min(1),
	incident: Incident,
	answerKey: AnswerKey
});

export type ScenarioInput = z.input<typeof Scenario>;
export type Scenario = z.output<typeof Scenario>;
export type ServiceSpec = z.output<typeof Service>;
export type GaugeSpec = z.output<typeof Gauge>;
export type PanelSpec = z.output<typeof Panel>;
export type DashboardSpec = z.output<typeof Dashboard>;
export type ActionSpec = z.output<typeof Action>;
export type EscalationTargetSpec = z.output<typeof EscalationTarget>;
export type AnswerKeySpec = z.output<typeof AnswerKey>;
export type EventMatcherSpec = z.output<typeof EventMatcher>;
export type LogTemplateSpec = z.output<typeof LogTemplate>;
export type RuleGroupSpec = z.output<typeof RuleGroup>;
export type RunbookPageSpec = z.output<typeof RunbookPage>;
export type MachineStateSpec = z.output<typeof MachineState>;
