import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
	analyseMachineGraph,
	bindIncidentMachine,
	compileIncidentMachine,
	type IncidentHost
} from './incident-machine';
import { loadScenarioOrThrow } from './scenario/load';
import type { Scenario } from './scenario/schema';
import { validateScenario } from './scenario/validate';

const path = fileURLToPath(new URL('../../../scenarios/checkout-deploy-regression.yaml', import.meta.url));
const base = loadScenarioOrThrow(readFileSync(path, 'utf8'), 'checkout.yaml').scenario;

function withIncident(states: Scenario['incident']['states'], initial = 'a'): Scenario {
	return { ...base, incident: { ...base.incident, initial, states } };
}

function host(vars: Record<string, number> = {}): IncidentHost & { calls: string[] } {
	const calls: string[] = [];
	return {
		calls,
		act: (name, params) => calls.push(`${name} ${JSON.stringify(params)}`),
		variable: (t) => vars[t] ?? NaN,
		flagEnabled: () => false
	};
}

const rollback = { type: 'action.run', action: 'rollback', params: { service: 'checkout-api' } };

describe('the incident machine', () => {
	it('transitions on guarded trainee actions and runs entry actions through the host', () => {
		const h = host();
		const scenario = withIncident({
			a: {
				on: {
					'action.run': [
						{
							guard: { type: 'action.is', params: { action: 'rollback', service: 'checkout-api' } },
							target: 'b'
						}
					]
				}
			},
			b: { type: 'final', entry: [{ type: 'chat.say', params: { from: 'x', text: 'y' } }] }
		});
		const actor = createActor(bindIncidentMachine(compileIncidentMachine(scenario), h)).start();
		actor.send({ type: 'action.run', action: 'rollback', params: { service: 'payment-gateway' } });
		expect(actor.getSnapshot().value).toBe('a');
		actor.send(rollback);
		expect(actor.getSnapshot().value).toBe('b');
		expect(h.calls).toEqual(['chat.say {"from":"x","text":"y"}']);
	});

	it('combines guards with all / any / not', () => {
		const scenario = withIncident({
			a: {
				on: {
					'action.run': [
						{
							guard: {
								type: 'all',
								params: {
									guards: [
										{ type: 'action.is', params: { action: 'rollback' } },
										{ type: 'var.above', params: { target: 'var.gateway_pool_max', value: 10 } }
									]
								}
							},
							target: 'both'
						},
						{
							guard: {
								type: 'any',
								params: {
									guards: [
										{ type: 'action.is', params: { action: 'restart' } },
										{ type: 'action.is', params: { action: 'scale' } }
									]
								}
							},
							target: 'either'
						},
						{
							guard: {
								type: 'not',
								params: { guard: { type: 'action.is', params: { action: 'rollback' } } }
							},
							target: 'other'
						}
					]
				}
			},
			both: { type: 'final' },
			either: { type: 'final' },
			other: { type: 'final' }
		});
		expect(validateScenario(scenario)).toEqual([]);
		const run = (vars: Record<string, number>, event: object) => {
			const actor = createActor(bindIncidentMachine(compileIncidentMachine(scenario), host(vars))).start();
			actor.send(event as never);
			return actor.getSnapshot().value;
		};
		expect(run({ 'var.gateway_pool_max': 64 }, rollback)).toBe('both');
		expect(run({ 'var.gateway_pool_max': 4 }, rollback)).toBe('a');
		expect(run({}, { type: 'action.run', action: 'scale', params: {} })).toBe('either');
		expect(run({}, { type: 'action.run', action: 'toggle-flag', params: {} })).toBe('other');
	});

	it('reports unknown guards nested in all / any / not', () => {
		const scenario = withIncident({
			a: {
				on: {
					'action.run': {
						guard: { type: 'all', params: { guards: [{ type: 'action.iz', params: {} }] } },
						target: 'b'
					}
				}
			},
			b: { type: 'final' }
		});
		const problems = validateScenario(scenario);
		expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^unknown guard "action.iz"/)]);
		expect(problems[0].path).toEqual([
			'incident',
			'states',
			'a',
			'on',
			'action.run',
			'guard',
			'params',
			'guards',
			0,
			'type'
		]);
	});

	it('finds unreachable states and dead ends', () => {
		const scenario = withIncident({
			a: { on: { 'action.run': 'loop' } },
			loop: { after: { '1m': 'a' } },
			orphan: { on: { 'telemetry.stable': 'done' } },
			done: { type: 'final' }
		});
		expect(analyseMachineGraph(scenario)).toEqual({
			unreachable: ['orphan', 'done'],
			deadEnds: ['a', 'loop']
		});
	});
});
