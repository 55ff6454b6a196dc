/**
 * Compiles a scenario's `incident` section into an XState v5 machine. The file may only name the engine's actions and
 * guards (see `scenario/engine-vocabulary.ts`); `compileIncidentMachine` builds the machine with inert implementations
 * (for graph analysis and tests), and `bindIncidentMachine` swaps in the ones that act on a live drill via
 * `.provide()`.
 */
import { setup, type AnyStateMachine } from 'xstate';
import { durationMs } from './duration';
import { ENGINE_ACTIONS, type EngineActionName, type EngineGuardName } from './scenario/engine-vocabulary';
import type { Scenario } from './scenario/schema';

/** What the engine's actions and guards need from a running drill. */
export interface IncidentHost {
	act(name: EngineActionName, params: Record<string, unknown>): void;
	variable(target: string): number;
	flagEnabled(flag: string): boolean;
}

type MachineEvent = { type: string } & Record<string, unknown>;
type ParamRecord = Record<string, unknown>;

const inertActions = Object.fromEntries(
	Object.keys(ENGINE_ACTIONS).map((name) => [name, () => {}])
) as Record<EngineActionName, () => void>;

type GuardRef = string | { type: string; params?: ParamRecord };

function guardImplementations(host: IncidentHost | null) {
	const check = (ref: GuardRef, args: { event: MachineEvent }): boolean => {
		const type = (typeof ref === 'string' ? ref : ref.type) as EngineGuardName;
		const params = typeof ref === 'string' ? {} : (ref.params ?? {});
		const fn = impl[type];
		return fn ? fn(args, params) : false;
	};
	const impl: Record<EngineGuardName, (args: { event: MachineEvent }, params: ParamRecord) => boolean> = {
		all: (args, params) => (params.guards as GuardRef[]).every((g) => check(g, args)),
		any: (args, params) => (params.guards as GuardRef[]).some((g) => check(g, args)),
		not: (args, params) => !check(params.guard as GuardRef, args),
		'action.is': ({ event }, params) => {
			if (event.type !== 'action.run' || event.action !== params.action) return false;
			const actual = (event.params ?? {}) as Record<string, unknown>;
			return Object.entries(params).every(([k, v]) => k === 'action' || String(actual[k]) === String(v));
		},
		'escalation.to': ({ event }, params) =>
			(event.type === 'escalation.page' || event.type === 'escalation.ack') && event.target === params.target,
		'flag.is': (_args, params) => (host ? host.flagEnabled(String(params.flag)) === params.enabled : false),
		'var.above': (_args, params) =>
			host ? host.variable(String(params.target)) > Number(params.value) : false,
		'var.below': (_args, params) =>
			host ? host.variable(String(params.target)) < Number(params.value) : false,
		'silence.reasoned': ({ event }, params) => {
			if (event.type !== 'alert.silence') return false;
			const reason = typeof event.reason === 'string' ? event.reason.trim() : '';
			const max = params.maxDuration === undefined ? Infinity : durationMs(params.maxDuration as string);
			return reason.length >= 8 && Number(event.durationMs) <= max;
		}
	};
	return impl;
}

/** Converts the scenario's machine section to an XState config (durations in `after` become milliseconds). */
export function incidentMachineConfig(scenario: Scenario): Record<string, unknown> {
	const states: Record<string, unknown> = {};
	for (const [name, st] of Object.entries(scenario.incident.states)) {
		const after: Record<number, unknown> = {};
		for (const [delay, t] of Object.entries(st.after ?? {})) after[durationMs(delay)] = t;
		states[name] = {
			...(st.description ? { description: st.description } : {}),
			...(st.type ? { type: st.type } : {}),
			...(st.tags ? { tags: st.tags } : {}),
			...(st.entry ? { entry: st.entry } : {}),
			...(st.exit ? { exit: st.exit } : {}),
			...(st.on ? { on: st.on } : {}),
			...(st.after ? { after } : {})
		};
	}
	return { id: scenario.metadata.id, initial: scenario.incident.initial, states };
}

/** The incident machine with inert action implementations. */
export function compileIncidentMachine(scenario: Scenario): AnyStateMachine {
	return setup({
		types: {} as { events: MachineEvent },
		actions: inertActions,
		guards: guardImplementations(null)
	}).createMachine(incidentMachineConfig(scenario) as never) as unknown as AnyStateMachine;
}

/** The same machine with actions and guards bound to a running drill. */
export function bindIncidentMachine(machine: AnyStateMachine, host: IncidentHost): AnyStateMachine {
	const actions = Object.fromEntries(
		(Object.keys(ENGINE_ACTIONS) as EngineActionName[]).map((name) => [
			name,
			(_args: unknown, params: ParamRecord | undefined) => host.act(name, params ?? {})
		])
	);
	return machine.provide({ actions, guards: guardImplementations(host) } as never) as AnyStateMachine;
}

export interface MachineGraphReport {
	unreachable: string[];
	/** Reachable states from which no final state can be reached. */
	deadEnds: string[];
}

/**
 * Static graph analysis of the incident machine (guards assumed satisfiable): every state must be reachable from the
 * initial state, and from every reachable state a final state must remain reachable.
 */
export function analyseMachineGraph(scenario: Scenario): MachineGraphReport {
	const edges = new Map<string, Set<string>>();
	const finals = new Set<string>();
	for (const [name, st] of Object.entries(scenario.incident.states)) {
		const out = new Set<string>();
		const collect = (t: unknown) => {
			for (const item of Array.isArray(t) ? t : [t]) {
				if (typeof item === 'string') out.add(item);
				else if (item && typeof item === 'object' && 'target' in item && typeof item.target === 'string')
					out.add(item.target);
			}
		};
		for (const t of Object.values(st.on ?? {})) collect(t);
		for (const t of Object.values(st.after ?? {})) collect(t);
		edges.set(name, out);
		if (st.type === 'final') finals.add(name);
	}
	const reachable = new Set<string>([scenario.incident.initial]);
	const queue = [scenario.incident.initial];
	while (queue.length > 0) {
		const s = queue.shift()!;
		for (const n of edges.get(s) ?? []) {
			if (!reachable.has(n)) {
				reachable.add(n);
				queue.push(n);
			}
		}
	}
	const canFinish = new Set<string>(finals);
	let changed = true;
	while (changed) {
		changed = false;
		for (const [s, out] of edges) {
			if (canFinish.has(s)) continue;
			if ([...out].some((n) => canFinish.has(n))) {
				canFinish.add(s);
				changed = true;
			}
		}
	}
	return {
		unreachable: [...edges.keys()].filter((s) => !reachable.has(s)),
		deadEnds: [...reachable].filter((s) => !canFinish.has(s))
	};
}
