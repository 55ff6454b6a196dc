import { describe, expect, it } from 'vitest';
import { Scenario } from '../../sim/scenario/schema';
import { fixtureScenario, fixtureScenarioInput } from '../common/testing/fixture-scenario';
import { statusComponents, validateStatus } from './status';

describe('statusComponents', () => {
	it('mixes affected components with service names so none stands out', () => {
		const s = Scenario.parse({
			...fixtureScenarioInput,
			answerKey: { ...fixtureScenarioInput.answerKey, affectedComponents: ['Checkout', 'Payments'] }
		});
		expect(statusComponents(s)).toEqual(['Checkout', 'Checkout API', 'Payments', 'Payments API', 'postgres']);
	});

	it('does not repeat names', () => {
		expect(statusComponents(fixtureScenario())).toEqual([
			'Checkout API',
			'checkout-api',
			'Payments API',
			'postgres'
		]);
	});
});

describe('validateStatus', () => {
	const ok = {
		status: 'investigating' as const,
		components: ['Checkout'],
		text: 'Card payments are failing for some users.'
	};

	it('accepts a complete update', () => {
		expect(validateStatus(ok)).toEqual({});
	});

	it('needs a state, components and a useful text', () => {
		expect(validateStatus({ status: null, components: [], text: ' ' })).toEqual({
			status: 'Choose the incident state.',
			components: 'Pick the components customers see affected.',
			text: expect.stringMatching(/^Write the update/)
		});
		expect(validateStatus({ ...ok, text: 'Investigating.' }).text).toMatch(/at least 20/);
		expect(validateStatus({ ...ok, text: 'x'.repeat(2001) }).text).toMatch(/under 2000/);
	});

	it('lets a resolved update omit components', () => {
		expect(validateStatus({ ...ok, status: 'resolved', components: [] })).toEqual({});
	});
});
