/**
 * The simulated world: services (owners, replicas, pods, versions), deploy history, feature flags and numeric world
 * variables with time-shaped effects. The incident machine changes the world; telemetry generators only read it.
 *
 * World variables are addressed by path:
 * - `<service>.traffic`      traffic multiplier (1 = normal)
 * - `<service>.errorRatio`   share of requests that fail (0..1); `<service>.errorRatio@<route>` for one route
 * - `<service>.errorCode`    HTTP status of failures (e.g. 502)
 * - `<service>.latencyMs`    median latency in ms; `<service>.latencyMs@<route>` for one route
 * - `<service>.cpu`          CPU per pod at peak traffic, in cores
 * - `<service>.memoryMiB`    working set per pod, in MiB
 * - `<service>.unready`      pods that are not ready
 * - `var.<gauge id>`         a scenario gauge (disk free, queue depth, certificate expiry, …)
 */
import type { DeployRecord, FlagState, ServiceState } from './drill-api';
import type { Rng } from './rng';
import type { Scenario, ServiceSpec } from './scenario/schema';
import type { SimMs } from './types';
import { durationMs } from './duration';

export type EffectOp = 'set' | 'add' | 'mul';
export type EffectShape = 'step' | 'ramp' | 'linear' | 'sawtooth' | 'spike';

/** A change applied to one world variable from `start` on. */
export interface Effect {
	id: string;
	target: string;
	op: EffectOp;
	shape: EffectShape;
	/** The effect's size: the value to set/add/multiply by, or for `linear` the change per minute. */
	value: number;
	/** Sim time the effect starts. */
	start: SimMs;
	/** Ramp duration (ramp), decay time constant (spike). */
	overMs: number;
	/** Period of a sawtooth. */
	periodMs: number;
	/** Sim time the effect stops applying, if any. */
	until: SimMs | null;
}

export const SERVICE_VARS = [
	'traffic',
	'errorRatio',
	'errorCode',
	'latencyMs',
	'cpu',
	'memoryMiB',
	'unready'
];

interface PodSet {
	names: string[];
	/** Container restarts per pod, parallel to names. */
	restarts: number[];
}

export class World {
	private readonly base = new Map<string, number>();
	private effects: Effect[] = [];
	private readonly pods = new Map<string, PodSet>();
	private readonly replicas = new Map<string, number>();
	private readonly versions = new Map<string, string>();
	private readonly deployLog: DeployRecord[] = [];
	private readonly flagStates = new Map<string, FlagState>();
	private readonly serviceSpecs: Map<string, ServiceSpec>;
	private readonly podRng: Rng;
	private readonly podHash = new Map<string, string>();

	constructor(
		readonly scenario: Scenario,
		rng: Rng
	) {
		this.podRng = rng.fork('pods');
		this.serviceSpecs = new Map(scenario.topology.services.map((s) => [s.id, s]));
		for (const s of scenario.topology.services) {
			const t = s.traffic;
			this.base.set(`${s.id}.traffic`, 1);
			this.base.set(`${s.id}.errorRatio`, t?.errorRatio ?? 0);
			this.base.set(`${s.id}.errorCode`, t?.errorCode ?? 500);
			this.base.set(`${s.id}.latencyMs`, t?.latencyMs ?? 50);
			this.base.set(`${s.id}.cpu`, s.resources.cpuCores);
			this.base.set(`${s.id}.memoryMiB`, s.resources.memoryMiB);
			this.base.set(`${s.id}.unready`, 0);
			this.replicas.set(s.id, s.replicas);
			this.podHash.set(
				s.id,
				this.podRng
					.hex(10)
					.slice(0, 9)
					.replace(/^[0-9]/, 'c')
			);
			this.pods.set(s.id, { names: [], restarts: [] });
			this.resizePods(s.id, s.replicas);
		}
		for (const g of scenario.topology.gauges) this.base.set(`var.${g.id}`, g.base);
		// Deploy history: versions before each deploy, in time order.
		const deploys = [...scenario.deploys].sort((a, b) => durationMs(a.at) - durationMs(b.at));
		for (const d of deploys) {
			this.deployLog.push({
				service: d.service,
				version: d.version,
				previous: d.previous,
				author: d.author,
				at: durationMs(d.at),
				message: d.message,
				commit: d.commit,
				kind: 'deploy'
			});
		}
		for (const s of scenario.topology.services) {
			const last = [...this.deployLog].reverse().find((d) => d.service === s.id);
			this.versions.set(s.id, last ? last.version : s.version);
		}
		for (const f of scenario.flags) {
			this.flagStates.set(f.id, {
				id: f.id,
				service: f.service,
				enabled: f.enabled,
				description: f.description,
				changedAt: f.changedAt === undefined ? null : durationMs(f.changedAt),
				changedBy: f.changedBy ?? null
			});
		}
	}

	/** True when `path` names a variable of this world (with or without a `@route` suffix). */
	hasVariable(path: string): boolean {
		return this.base.has(path.split('@')[0]);
	}

	/** The value of a world variable at sim time `t`, with every effect applied. Unknown paths give NaN. */
	value(path: string, t: SimMs): number {
		const at = path.indexOf('@');
		let v: number;
		if (at >= 0) {
			// A route-scoped variable starts from the service-wide value, then route effects apply.
			v = this.value(path.slice(0, at), t);
		} else {
			const b = this.base.get(path);
			if (b === undefined) return NaN;
			v = b;
		}
		for (const e of this.effects) {
			if (e.target !== path || t < e.start || (e.until !== null && t >= e.until)) continue;
			v = applyEffect(v, e, t);
		}
		return v;
	}

	/** Adds an effect (replacing any effect with the same id). */
	addEffect(effect: Effect): void {
		this.effects = this.effects.filter((e) => e.id !== effect.id);
		this.effects.push(effect);
	}

	/** Removes effects by id, or every effect on a target; returns how many were removed. */
	clearEffects(match: { id?: string; target?: string }): number {
		const before = this.effects.length;
		this.effects = this.effects.filter(
			(e) =>
				!(
					(match.id !== undefined && e.id === match.id) ||
					(match.target !== undefined && e.target === match.target)
				)
		);
		return before - this.effects.length;
	}

	activeEffects(): readonly Effect[] {
		return this.effects;
	}

	serviceSpec(id: string): ServiceSpec | undefined {
		return this.serviceSpecs.get(id);
	}

	podsOf(service: string): readonly string[] {
		return this.pods.get(service)?.names ?? [];
	}

	podRestarts(service: string): readonly number[] {
		return this.pods.get(service)?.restarts ?? [];
	}

	replicasOf(service: string): number {
		return this.replicas.get(service) ?? 0;
	}

	versionOf(service: string): string {
		return this.versions.get(service) ?? 'unknown';
	}

	/** Sets the replica count, creating or removing pods. */
	scale(service: string, replicas: number): void {
		this.replicas.set(service, replicas);
		this.resizePods(service, replicas);
	}

	/** Replaces every pod of a service with new ones (a rollout restart or a new version). */
	replacePods(service: string): void {
		if (!this.pods.has(service)) return;
		this.podHash.set(service, this.podRng.hex(9).replace(/^[0-9]/, 'c'));
		this.pods.set(service, { names: [], restarts: [] });
		this.resizePods(service, this.replicasOf(service));
	}

	/** Container restarts in place (crash, OOMKill): the pods keep their names, their restart counters go up. */
	restartContainers(service: string, count: number): string[] {
		const set = this.pods.get(service);
		if (!set || set.names.length === 0) return [];
		const hit: string[] = [];
		for (let i = 0; i < Math.min(count, set.names.length); i++) {
			const k = this.podRng.int(0, set.names.length - 1);
			set.restarts[k]++;
			hit.push(set.names[k]);
		}
		return hit;
	}

	/** Records a deploy or rollback and switches the running version. */
	recordDeploy(record: DeployRecord): void {
		this.deployLog.push(record);
		this.versions.set(record.service, record.version);
		this.replacePods(record.service);
	}

	/** The version a rollback of `service` returns to: the one before the current deploy. */
	previousVersion(service: string): string | null {
		const current = this.versionOf(service);
		const last = [...this.deployLog].reverse().find((d) => d.service === service && d.version === current);
		return last?.previous ?? null;
	}

	setFlag(id: string, enabled: boolean, at: SimMs, by: string): boolean {
		const f = this.flagStates.get(id);
		if (!f) return false;
		this.flagStates.set(id, { ...f, enabled, changedAt: at, changedBy: by });
		return true;
	}

	flag(id: string): FlagState | undefined {
		return this.flagStates.get(id);
	}

	flags(): FlagState[] {
		return [...this.flagStates.values()];
	}

	deploys(): DeployRecord[] {
		return [...this.deployLog];
	}

	/** A snapshot of every service for the console. */
	services(t: SimMs): ServiceState[] {
		return this.scenario.topology.services.map((s) => {
			const replicas = this.replicasOf(s.id);
			const unready = Math.max(0, Math.min(replicas, Math.round(this.value(`${s.id}.unready`, t))));
			return {
				id: s.id,
				name: s.name ?? s.id,
				team: s.team,
				tier: s.tier,
				dependsOn: s.dependsOn,
				version: this.versionOf(s.id),
				replicas,
				readyReplicas: replicas - unready,
				pods: [...this.podsOf(s.id)],
				restarts: this.podRestarts(s.id).reduce((a, b) => a + b, 0)
			};
		});
	}

	private resizePods(service: string, replicas: number): void {
		const set = this.pods.get(service)!;
		const hash = this.podHash.get(service)!;
		while (set.names.length < replicas) {
			set.names.push(`${service}-${hash}-${this.podRng.podSuffix()}`);
			set.restarts.push(0);
		}
		set.names.length = replicas;
		set.restarts.length = replicas;
	}
}

/** Applies one effect to a value at time `t` (t >= effect.start). */
export function applyEffect(v: number, e: Effect, t: SimMs): number {
	const dt = t - e.start;
	switch (e.shape) {
		case 'step':
			return combine(v, e.op, e.value, 1);
		case 'ramp': {
			const p = e.overMs <= 0 ? 1 : Math.min(1, dt / e.overMs);
			return combine(v, e.op, e.value, p);
		}
		case 'linear':
			// value is the change per minute; op 'mul' compounds per minute.
			if (e.op === 'mul') return v * Math.pow(e.value, dt / 60_000);
			return v + (e.value * dt) / 60_000;
		case 'sawtooth': {
			const period = e.periodMs > 0 ? e.periodMs : 600_000;
			const p = (dt % period) / period;
			return combine(v, e.op, e.value, p);
		}
		case 'spike': {
			const tau = e.overMs > 0 ? e.overMs : 60_000;
			return combine(v, e.op, e.value, Math.exp(-dt / tau));
		}
	}
}

/** Blends toward the effect: p = 0 leaves v unchanged, p = 1 applies it fully. */
function combine(v: number, op: EffectOp, value: number, p: number): number {
	switch (op) {
		case 'set':
			return v + (value - v) * p;
		case 'add':
			return v + value * p;
		case 'mul':
			return v * (1 + (value - 1) * p);
	}
}
