/**
 * The drill runner: one simulated incident, driven by a scenario and a seed, advanced by whoever holds it (the
 * browser at 1×–10×, the CLI at full speed). Everything that happens is appended to one event log; replaying the
 * same seed with the same trainee events reproduces the drill byte for byte.
 */
import { createActor, type AnyActorRef } from 'xstate';
import { evaluateInstant } from '../query/promql';
import { AlertRouter } from './router';
import { RuleEvaluator } from './alerts';
import { PRIORITY, SimClock } from './clock';
import type { DeployRecord, Drill, DrillEnd, FlagState, ServiceState } from './drill-api';
import { durationMs, formatDuration } from './duration';
import { bindIncidentMachine, compileIncidentMachine, type IncidentHost } from './incident-machine';
import { LogStore } from './log-store';
import { LogsGenerator } from './logs-generator';
import { MetricsGenerator } from './metrics-generator';
import { Rng } from './rng';
import { EffectParamsSchema, type EngineActionName } from './scenario/engine-vocabulary';
import type { Scenario } from './scenario/schema';
import { SeriesStore } from './tsdb';
import type {
	AlertInstance,
	DrillEvent,
	DrillEventBody,
	LogRecord,
	Page,
	SimMs,
	Silence,
	TimedTraineeEvent,
	TraineeEvent
} from './types';
import { isTraineeEvent } from './types';
import { World, type Effect } from './world';

export interface CreateDrillOptions {
	seed: number;
	/** Content hash of the scenario file, recorded in the log. */
	version?: string;
	/** Trainee events to replay (e.g. after a reload); the drill is advanced to the last one's time. */
	events?: readonly TimedTraineeEvent[];
}

/** Who announces in the channel that the system has recovered. */
export const INCIDENT_BOT = 'Incident bot';

/** How long before the drill the alert rules start evaluating, so `for:` clauses are warm at t = 0. */
const RULE_WARMUP_MS = 30 * 60_000;

/** Creates a drill at sim time 0 with its history generated. */
export function createDrill(scenario: Scenario, opts: CreateDrillOptions): Drill {
	const drill = new DrillRunner(scenario, opts.seed, opts.version ?? 'unversioned');
	for (const e of opts.events ?? []) {
		drill.advanceTo(e.at);
		const { at: _at, ...body } = e;
		drill.dispatch(body as TraineeEvent);
	}
	return drill;
}

class DrillRunner implements Drill, IncidentHost {
	readonly startEpochMs: number;
	readonly metrics = new SeriesStore();
	readonly logs = new LogStore();
	private readonly log: DrillEvent[] = [];
	private readonly clock: SimClock;
	private readonly world: World;
	private readonly metricsGen: MetricsGenerator;
	private readonly logsGen: LogsGenerator;
	private readonly rules: RuleEvaluator;
	private readonly router: AlertRouter;
	private readonly actor: AnyActorRef;
	private readonly rng: Rng;
	private endState: DrillEnd | null = null;
	private mitigatedLogged = false;
	private stableSince: SimMs | null = null;
	private stableSent = false;
	private pendingLogs: LogRecord[] = [];
	private silenceCounter = 0;
	private resolvedAnnounced = false;

	constructor(
		readonly scenario: Scenario,
		readonly seed: number,
		version: string
	) {
		this.startEpochMs = Date.parse(scenario.clock.startsAt);
		this.rng = new Rng(seed);
		const historyMs = durationMs(scenario.clock.history);
		const logHistoryMs = durationMs(scenario.clock.logHistory);
		const scrapeMs = durationMs(scenario.clock.scrapeInterval);
		const evalMs = durationMs(scenario.clock.evaluationInterval);
		this.clock = new SimClock(-historyMs);
		this.world = new World(scenario, this.rng);
		this.metricsGen = new MetricsGenerator(scenario, this.world, this.metrics, this.rng, this.startEpochMs);
		this.logsGen = new LogsGenerator(scenario, this.world, this.logs, this.rng, this.startEpochMs);
		this.rules = new RuleEvaluator(scenario.alerting.groups, this.metrics, this.startEpochMs);
		const route = scenario.alerting.route;
		this.router = new AlertRouter({
			pageSeverities: route.pageSeverities,
			groupBy: route.groupBy,
			groupWaitMs: durationMs(route.groupWait)
		});
		for (const s of scenario.alerting.silences) {
			this.router.addSilence({
				id: `S${++this.silenceCounter}`,
				matchers: s.matchers.map((m) => ({ ...m })),
				startsAt: durationMs(s.startsAt),
				endsAt: durationMs(s.endsAt),
				reason: s.reason,
				createdBy: 'scenario'
			});
		}
		for (const b of scenario.incident.background) this.act('world.effect', b);

		// Recurring jobs: scrapes (metrics + logs) and rule evaluations.
		const scrape = () => {
			const t = this.clock.now();
			this.metricsGen.scrape(t, scrapeMs);
			if (t > -logHistoryMs) this.flushLogs(t, scrapeMs);
			this.clock.schedule(scrape, scrapeMs, PRIORITY.scrape);
		};
		this.clock.scheduleAt(scrape, -historyMs + scrapeMs, PRIORITY.scrape);
		const evaluate = () => {
			this.evaluateRules(this.clock.now());
			this.clock.schedule(evaluate, evalMs, PRIORITY.evaluate);
		};
		const firstEval = Math.max(-historyMs + scrapeMs, -RULE_WARMUP_MS);
		this.clock.scheduleAt(evaluate, Math.ceil(firstEval / evalMs) * evalMs, PRIORITY.evaluate);
		this.clock.scheduleAt(
			() => this.end('timeout'),
			durationMs(scenario.clock.timeLimit),
			PRIORITY.evaluate + 1
		);

		// History up to the start of the shift; jobs due at t = 0 run once the incident machine is listening.
		this.clock.runUntil(-1);
		this.clock.moveTo(0);

		const machine = bindIncidentMachine(compileIncidentMachine(scenario), this);
		this.actor = createActor(machine, { clock: this.clock.xstateClock() });
		this.record(
			{ type: 'drill.start', scenarioId: scenario.metadata.id, scenarioVersion: version, seed },
			'system'
		);
		let lastPhase = '';
		this.actor.subscribe((snap) => {
			const phase = phaseOf(snap.value);
			if (phase !== lastPhase) {
				lastPhase = phase;
				this.record({ type: 'phase.enter', phase }, 'system');
			}
			if (snap.status === 'done') this.onMachineDone();
		});
		this.actor.start();
	}

	get now(): SimMs {
		return this.clock.now();
	}

	get ended(): DrillEnd | null {
		return this.endState;
	}

	get events(): readonly DrillEvent[] {
		return this.log;
	}

	get phase(): string {
		return phaseOf(this.actor.getSnapshot().value);
	}

	advanceTo(t: SimMs): void {
		if (this.endState || t <= this.clock.now()) return;
		this.clock.runUntil(t, () => this.endState !== null);
	}

	dispatch(event: TraineeEvent): DrillEvent {
		if (!isTraineeEvent(event))
			throw new Error(`"${(event as { type: string }).type}" is not a trainee event`);
		const logged = this.record(structuredCloneEvent(event), 'trainee');
		if (this.endState) return logged;
		switch (event.type) {
			case 'alert.ack':
				this.router.ack(event.pageId, this.now);
				break;
			case 'alert.silence':
				this.router.addSilence({
					id: `S${++this.silenceCounter}`,
					matchers: event.matchers.map((m) => ({ ...m })),
					startsAt: this.now,
					endsAt: this.now + Math.max(0, event.durationMs),
					reason: event.reason,
					createdBy: 'trainee'
				});
				break;
			case 'action.run':
				this.startAction(event);
				return logged;
			case 'escalation.page':
				this.startEscalation(event);
				break;
			case 'incident.declareResolved':
				this.sendToMachine(event);
				this.end(this.actor.getSnapshot().status === 'done' ? 'resolved' : 'declared');
				return logged;
			default:
				break;
		}
		this.sendToMachine(event);
		return logged;
	}

	alerts(): AlertInstance[] {
		return this.rules.alerts();
	}

	pages(): Page[] {
		return this.router.pages();
	}

	silences(): Silence[] {
		return this.router.silences();
	}

	services(): ServiceState[] {
		return this.world.services(this.now);
	}

	deploys(): DeployRecord[] {
		return this.world.deploys();
	}

	flags(): FlagState[] {
		return this.world.flags();
	}

	traineeEvents(): TimedTraineeEvent[] {
		return this.log
			.filter((e) => e.actor === 'trainee')
			.map((e) => {
				const { seq: _seq, actor: _actor, ...rest } = e;
				return rest as TimedTraineeEvent;
			});
	}

	// IncidentHost: the engine's actions, as the incident machine calls them.
	act(name: EngineActionName, params: Record<string, unknown>): void {
		const now = this.clock.now();
		switch (name) {
			case 'world.effect': {
				const p = EffectParamsSchema.parse(params);
				const start =
					p.at !== undefined ? durationMs(p.at) : p.in !== undefined ? now + durationMs(p.in) : now;
				const effect: Effect = {
					id: p.id,
					target: p.target,
					op: p.op,
					shape: p.shape,
					value: p.value,
					start,
					overMs: p.over === undefined ? 0 : durationMs(p.over),
					periodMs: p.period === undefined ? 0 : durationMs(p.period),
					until: p.for === undefined ? null : start + durationMs(p.for)
				};
				this.world.addEffect(effect);
				break;
			}
			case 'world.hold': {
				const target = String(params.target);
				const value = this.world.value(target, now);
				this.world.addEffect({
					id: String(params.id),
					target,
					op: 'set',
					shape: 'step',
					value,
					start: now,
					overMs: 0,
					periodMs: 0,
					until: null
				});
				break;
			}
			case 'world.clear':
				this.world.clearEffects({
					id: params.id as string | undefined,
					target: params.target as string | undefined
				});
				break;
			case 'world.deploy': {
				const service = String(params.service);
				const record: DeployRecord = {
					service,
					version: String(params.version),
					previous: this.world.versionOf(service),
					author: String(params.author),
					at: now,
					message: String(params.message),
					kind: 'deploy'
				};
				this.world.recordDeploy(record);
				this.record(
					{
						type: 'world.change',
						kind: 'deploy',
						service,
						description: `${service} ${record.version} deployed by ${record.author}`
					},
					'system'
				);
				break;
			}
			case 'world.restartContainers': {
				const service = String(params.service);
				const pods = this.world.restartContainers(service, Number(params.count ?? 1));
				const reason = String(params.reason ?? 'Error');
				for (const pod of pods) {
					this.pendingLogs.push(
						this.systemLog(service, pod, 'warn', `container ${service} restarted (reason: ${reason})`, now)
					);
				}
				this.record(
					{
						type: 'world.change',
						kind: 'container.restart',
						service,
						description: `${pods.length} container restart(s) in ${service}: ${reason}`
					},
					'system'
				);
				break;
			}
			case 'world.flag': {
				const flag = String(params.flag);
				this.world.setFlag(flag, Boolean(params.enabled), now, String(params.by ?? 'automation'));
				this.record(
					{
						type: 'world.change',
						kind: 'flag',
						description: `flag ${flag} set to ${Boolean(params.enabled)}`
					},
					'system'
				);
				break;
			}
			case 'world.scale':
				this.world.scale(String(params.service), Number(params.replicas));
				this.record(
					{
						type: 'world.change',
						kind: 'scale',
						service: String(params.service),
						description: `${String(params.service)} scaled to ${Number(params.replicas)}`
					},
					'system'
				);
				break;
			case 'chat.say':
				this.record({ type: 'chat.message', from: String(params.from), text: String(params.text) }, 'system');
				break;
			case 'incident.mitigated':
				if (!this.mitigatedLogged) {
					this.mitigatedLogged = true;
					this.record({ type: 'incident.mitigated' }, 'system');
				}
				break;
			case 'log.burst': {
				const service = String(params.service);
				const pods = this.world.podsOf(service);
				const count = Number(params.count ?? 1);
				for (let i = 0; i < count; i++) {
					const pod = pods.length > 0 ? this.rng.pick(pods) : `${service}-0`;
					this.pendingLogs.push(
						this.systemLog(service, pod, params.level as LogRecord['level'], String(params.message), now + i)
					);
				}
				break;
			}
		}
	}

	variable(target: string): number {
		return this.world.value(target, this.clock.now());
	}

	flagEnabled(flag: string): boolean {
		return this.world.flag(flag)?.enabled ?? false;
	}

	// Internals.

	private record(body: DrillEventBody, actor: 'trainee' | 'system'): DrillEvent {
		const e = { ...body, seq: this.log.length, at: this.clock.now(), actor } as DrillEvent;
		this.log.push(e);
		return e;
	}

	private sendToMachine(event: TraineeEvent | { type: string; [k: string]: unknown }): void {
		if (this.actor.getSnapshot().status !== 'active') return;
		this.actor.send(event);
	}

	private onMachineDone(): void {
		// The system is resolved; the drill stays open for the wrap-up until the trainee closes it or time runs out.
		if (this.resolvedAnnounced) return;
		this.resolvedAnnounced = true;
		if (!this.mitigatedLogged) this.act('incident.mitigated', {});
		const held = this.scenario.incident.resolveWhen
			? ` for ${formatDuration(durationMs(this.scenario.incident.resolveWhen.for))}`
			: '';
		this.record(
			{
				type: 'chat.message',
				from: INCIDENT_BOT,
				text: `Recovery checks are green: the service has stayed healthy${held}. Post a resolution update, then close the incident.`
			},
			'system'
		);
	}

	private startAction(event: Extract<TraineeEvent, { type: 'action.run' }>): void {
		const spec = this.scenario.actions.find((a) => a.id === event.action);
		if (!spec) {
			this.record(
				{
					type: 'action.result',
					action: event.action,
					outcome: 'rejected',
					detail: `no such action "${event.action}"`
				},
				'system'
			);
			return;
		}
		this.clock.schedule(
			() => {
				if (this.endState) return;
				const detail = this.applyActionKind(spec.kind, event.params);
				this.record(
					{
						type: 'action.result',
						action: spec.id,
						outcome: detail.ok ? 'applied' : 'rejected',
						detail: detail.text
					},
					'system'
				);
				if (detail.ok) this.sendToMachine(event);
			},
			durationMs(spec.durationMs),
			PRIORITY.action
		);
	}

	/** The generic, scenario-independent effect of an action on the world. */
	private applyActionKind(
		kind: string,
		params: Record<string, string | number | boolean>
	): { ok: boolean; text: string } {
		const service = params.service === undefined ? undefined : String(params.service);
		const now = this.clock.now();
		if (service !== undefined && !this.world.serviceSpec(service))
			return { ok: false, text: `unknown service "${service}"` };
		switch (kind) {
			case 'rollback': {
				if (!service) return { ok: false, text: 'no service given' };
				const previous = this.world.previousVersion(service);
				if (!previous) return { ok: false, text: `${service} has no earlier version to roll back to` };
				const current = this.world.versionOf(service);
				this.world.recordDeploy({
					service,
					version: previous,
					previous: current,
					author: 'you',
					at: now,
					message: `Rollback of ${current}`,
					kind: 'rollback'
				});
				return {
					ok: true,
					text: `${service} rolled back from ${current} to ${previous}; new pods are running`
				};
			}
			case 'restart': {
				if (!service) return { ok: false, text: 'no service given' };
				this.world.replacePods(service);
				this.world.addEffect({
					id: `restart-${service}-${now}`,
					target: `${service}.unready`,
					op: 'add',
					shape: 'spike',
					value: Math.ceil(this.world.replicasOf(service) / 3),
					start: now,
					overMs: 20_000,
					periodMs: 0,
					until: now + 90_000
				});
				return { ok: true, text: `${service} pods restarted (rolling)` };
			}
			case 'scale': {
				if (!service) return { ok: false, text: 'no service given' };
				const replicas = Number(params.replicas);
				if (!Number.isInteger(replicas) || replicas < 0 || replicas > 200)
					return { ok: false, text: `invalid replica count "${String(params.replicas)}"` };
				const before = this.world.replicasOf(service);
				this.world.scale(service, replicas);
				return { ok: true, text: `${service} scaled from ${before} to ${replicas} replicas` };
			}
			case 'flag': {
				const flag = String(params.flag ?? '');
				const enabled = params.enabled === true || params.enabled === 'true' || params.enabled === 'on';
				if (!this.world.setFlag(flag, enabled, now, 'you'))
					return { ok: false, text: `unknown flag "${flag}"` };
				return { ok: true, text: `flag ${flag} turned ${enabled ? 'on' : 'off'}` };
			}
			default: {
				const target = service ?? Object.values(params).map(String).join(' ');
				return { ok: true, text: `${kind}${target ? ` on ${target}` : ''} completed` };
			}
		}
	}

	private startEscalation(event: Extract<TraineeEvent, { type: 'escalation.page' }>): void {
		const target = this.scenario.escalation.find((t) => t.id === event.target);
		if (!target) return;
		this.clock.schedule(
			() => {
				if (this.endState) return;
				this.record({ type: 'escalation.ack', target: target.id, who: target.who }, 'system');
				this.record({ type: 'chat.message', from: target.who, text: target.reply }, 'system');
				this.sendToMachine({ type: 'escalation.ack', target: target.id });
			},
			durationMs(target.responseDelay),
			PRIORITY.action
		);
	}

	private evaluateRules(t: SimMs): void {
		const changes = this.rules.evaluate(t);
		if (t < 0) return;
		for (const c of changes) {
			this.record(
				{
					type: 'alert.state',
					alertId: c.alert.id,
					alertname: c.alert.alertname,
					from: c.from,
					to: c.to,
					labels: c.alert.labels,
					value: c.alert.value
				},
				'system'
			);
		}
		for (const r of this.router.route(this.rules.alerts(), t)) {
			if (r.kind === 'page.sent') {
				this.record(
					{
						type: 'page.sent',
						pageId: r.page.id,
						alertname: r.page.title,
						severity: r.page.severity,
						summary: r.page.summary
					},
					'system'
				);
			} else {
				this.record({ type: 'page.resolved', pageId: r.page.id }, 'system');
			}
		}
		this.checkResolution(t);
	}

	private checkResolution(t: SimMs): void {
		const rw = this.scenario.incident.resolveWhen;
		if (!rw || this.actor.getSnapshot().status !== 'active') return;
		// Only phases that react to recovery need the check (it is a PromQL evaluation every interval).
		const snap = this.actor.getSnapshot();
		if (
			!snap.can({ type: 'telemetry.stable' }) &&
			!(this.stableSent && snap.can({ type: 'telemetry.unstable' }))
		) {
			this.stableSince = null;
			this.stableSent = false;
			return;
		}
		let healthy: boolean;
		try {
			const r = evaluateInstant(this.metrics, rw.expr, this.startEpochMs + t);
			healthy =
				r.resultType === 'vector' ? r.result.length > 0 : r.resultType === 'scalar' ? r.value !== 0 : false;
		} catch {
			healthy = false;
		}
		if (!healthy) {
			if (this.stableSent) this.sendToMachine({ type: 'telemetry.unstable' });
			this.stableSince = null;
			this.stableSent = false;
			return;
		}
		if (this.stableSince === null) this.stableSince = t;
		if (!this.stableSent && t - this.stableSince >= durationMs(rw.for)) {
			this.stableSent = true;
			this.sendToMachine({ type: 'telemetry.stable', heldFor: formatDuration(t - this.stableSince) });
		}
	}

	private flushLogs(t: SimMs, intervalMs: number): void {
		this.logsGen.generate(t, intervalMs, this.pendingLogs);
		this.pendingLogs = [];
	}

	private systemLog(
		service: string,
		pod: string,
		level: LogRecord['level'],
		msg: string,
		at: SimMs
	): LogRecord {
		return this.logsGen.render(service, pod, level, this.startEpochMs + at, { msg });
	}

	private end(reason: DrillEnd['reason']): void {
		if (this.endState) return;
		this.endState = { reason, at: this.clock.now() };
		this.record({ type: 'drill.end', reason }, 'system');
	}
}

function phaseOf(value: unknown): string {
	if (typeof value === 'string') return value;
	return JSON.stringify(value);
}

function structuredCloneEvent<T>(e: T): T {
	return JSON.parse(JSON.stringify(e)) as T;
}
