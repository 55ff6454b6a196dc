import { describe, expect, it } from 'vitest';
import { parseSeed, randomSeed, validateSetup, type SetupContext, type SetupInput } from './setup';

const MINUTE = 60_000;
const ALERT = 'checkout-deploy-regression/CheckoutHighErrorRate';
const CTX: SetupContext = {
	scenarioIds: ['checkout-deploy-regression'],
	scenarioLimitMs: 60 * MINUTE,
	alertIds: [ALERT]
};
const INPUT: SetupInput = {
	candidate: '  Jane Doe ',
	interviewer: 'Priya Raman',
	scenarioId: 'checkout-deploy-regression',
	seed: '42',
	triage: true,
	triageMinutes: '60',
	runbook: true,
	runbookMinutes: '30',
	alertId: ALERT,
	passphrase: 'correct horse',
	confirm: 'correct horse'
};

describe('interview set-up', () => {
	it('accepts a complete form and returns clean values', () => {
		expect(validateSetup(INPUT, CTX)).toEqual({
			ok: true,
			value: {
				candidate: 'Jane Doe',
				interviewer: 'Priya Raman',
				scenarioId: 'checkout-deploy-regression',
				seed: 42,
				triageTimeBoxMs: 60 * MINUTE,
				runbook: { timeBoxMs: 30 * MINUTE, alertId: ALERT },
				passphrase: 'correct horse'
			}
		});
	});

	it('caps the simulation at the scenario’s own time limit', () => {
		const r = validateSetup({ ...INPUT, triageMinutes: '90' }, CTX);
		expect(r.ok && r.value.triageTimeBoxMs).toBe(60 * MINUTE);
	});

	it('says what is wrong, field by field', () => {
		const r = validateSetup(
			{
				...INPUT,
				candidate: ' ',
				seed: '-1',
				triageMinutes: '1',
				runbookMinutes: 'half an hour',
				alertId: 'nope',
				passphrase: 'short',
				confirm: 'short'
			},
			CTX
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(
			['alertId', 'candidate', 'passphrase', 'runbookMinutes', 'seed', 'triageMinutes'].sort()
		);
		expect(r.errors.triageMinutes).toMatch(/between 2 and 120/);
	});

	it('needs an exercise and matching passphrases', () => {
		const r = validateSetup({ ...INPUT, triage: false, runbook: false, confirm: 'correct horsE' }, CTX);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.exercises).toMatch(/at least one/);
		expect(r.errors.confirm).toMatch(/differ/);
	});

	it('reads seeds as unsigned 32-bit integers', () => {
		expect(parseSeed(' 4294967295 ')).toBe(4294967295);
		expect(parseSeed('4294967296')).toBeNull();
		expect(parseSeed('1e3')).toBeNull();
		expect(randomSeed(() => 0.5)).toBe(2147483648);
	});
});
