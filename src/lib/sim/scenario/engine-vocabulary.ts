/**
 * The actions and guards a scenario's incident machine may name. Scenario files can only use these; each has a zod
 * schema for its params, checked by `pagerdrill check`. Their implementations live in `../incident-machine.ts`.
 */
import { z } from 'zod';
import { Duration } from './schema';

const EffectParams = z.strictObject({
	id: z.string().min(1).describe('Effect id; world.clear removes it by this id'),
	target: z.string().min(1).describe('World variable, e.g. checkout-api.errorRatio or var.disk_free'),
	op: z.enum(['set', 'add', 'mul']).default('set'),
	shape: z.enum(['step', 'ramp', 'linear', 'sawtooth', 'spike']).default('step'),
	value: z.number(),
	over: Duration.optional().describe('Ramp duration or spike decay'),
	period: Duration.optional().describe('Sawtooth period'),
	for: Duration.optional().describe('Stop applying after this long'),
	at: Duration.optional().describe(
		'Sim time the effect starts (default: now); may be negative in `background`'
	),
	in: Duration.optional().describe('Start this long after now (instead of `at`)')
});

/** Params of one `world.effect`; also the shape of `incident.background` entries. */
export const EffectParamsSchema = EffectParams;

export const ENGINE_ACTIONS = {
	'world.effect': EffectParams,
	'world.clear': z
		.strictObject({ id: z.string().optional(), target: z.string().optional() })
		.refine((p) => p.id !== undefined || p.target !== undefined, { message: 'needs an id or a target' }),
	'world.hold': z.strictObject({
		id: z.string().min(1),
		target: z.string().min(1).describe('World variable to keep at its current value from now on')
	}),
	'world.deploy': z.strictObject({
		service: z.string(),
		version: z.string(),
		author: z.string(),
		message: z.string()
	}),
	'world.restartContainers': z.strictObject({
		service: z.string(),
		count: z.number().int().positive().default(1),
		reason: z.string().default('Error')
	}),
	'world.flag': z.strictObject({
		flag: z.string(),
		enabled: z.boolean(),
		by: z.string().default('automation')
	}),
	'world.scale': z.strictObject({ service: z.string(), replicas: z.number().int().min(0) }),
	'chat.say': z.strictObject({ from: z.string().min(1), text: z.string().min(1) }),
	'incident.mitigated': z.strictObject({}).optional(),
	'log.burst': z.strictObject({
		service: z.string(),
		level: z.enum(['debug', 'info', 'warn', 'error', 'fatal']),
		message: z.string(),
		count: z.number().int().positive().max(500).default(1)
	})
} as const;

/** A guard reference nested inside `all` / `any` / `not`. */
const GuardRef = z.union([
	z.string(),
	z.strictObject({ type: z.string(), params: z.record(z.string(), z.unknown()).optional() })
]);

export const ENGINE_GUARDS = {
	/** The event is `action.run` of this action id, and every other param equals the action's param. */
	'action.is': z.looseObject({ action: z.string() }),
	/** The event is `escalation.page` to this target. */
	'escalation.to': z.strictObject({ target: z.string() }),
	/** The named flag currently has this value. */
	'flag.is': z.strictObject({ flag: z.string(), enabled: z.boolean() }),
	/** A world variable is above / below a value right now. */
	'var.above': z.strictObject({ target: z.string(), value: z.number() }),
	'var.below': z.strictObject({ target: z.string(), value: z.number() }),
	/** The event is a silence whose reason is not empty and whose duration is at most `maxDuration`. */
	'silence.reasoned': z.strictObject({ maxDuration: Duration.optional() }),
	/** Every listed guard holds. */
	all: z.strictObject({ guards: z.array(GuardRef).min(1) }),
	/** At least one listed guard holds. */
	any: z.strictObject({ guards: z.array(GuardRef).min(1) }),
	/** The guard does not hold. */
	not: z.strictObject({ guard: GuardRef })
} as const;

export type EngineActionName = keyof typeof ENGINE_ACTIONS;
export type EngineGuardName = keyof typeof ENGINE_GUARDS;

/** Events the incident machine may react to, besides trainee events. */
export const SYSTEM_MACHINE_EVENTS = ['telemetry.stable', 'telemetry.unstable', 'escalation.ack'] as const;
