import { describe, expect, it } from 'vitest';
import { fixtureScenario } from '../common/testing/fixture-scenario';
import {
	defaultValues,
	needsConfirmation,
	paramOptions,
	toActionParams,
	validateParams
} from './action-form';

const scenario = fixtureScenario();
const services = scenario.topology.services.map((s) => s.id);
const action = (id: string) => scenario.actions.find((a) => a.id === id)!;

describe('action forms', () => {
	it('asks for confirmation for medium and high risk only', () => {
		expect(needsConfirmation(action('rollback'))).toBe(true);
		expect(needsConfirmation(action('drop-db'))).toBe(true);
		expect(needsConfirmation(action('restart'))).toBe(false);
	});

	it('starts with defaults and leaves targets for the trainee to pick', () => {
		expect(defaultValues(action('scale'))).toEqual({ service: '', replicas: '6' });
		expect(paramOptions(action('scale').params[0], services)).toEqual(services);
	});

	it('validates choices and number ranges', () => {
		expect(validateParams(action('scale'), { service: '', replicas: '6' }, services)).toEqual({
			service: 'Choose service.'
		});
		expect(validateParams(action('scale'), { service: 'nope', replicas: '0' }, services)).toEqual({
			service: 'nope is not one of the choices.',
			replicas: 'Replicas must be at least 1.'
		});
		expect(validateParams(action('scale'), { service: 'postgres', replicas: '21' }, services).replicas).toBe(
			'Replicas must be at most 20.'
		);
		expect(validateParams(action('scale'), { service: 'postgres', replicas: 'x' }, services).replicas).toBe(
			'Replicas must be a number.'
		);
		expect(validateParams(action('scale'), { service: 'postgres', replicas: '8' }, services)).toEqual({});
	});

	it('sends numbers as numbers', () => {
		expect(toActionParams(action('scale'), { service: 'postgres', replicas: ' 8 ' })).toEqual({
			service: 'postgres',
			replicas: 8
		});
	});
});
