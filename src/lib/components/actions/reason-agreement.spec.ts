/**
 * The action form and the drill rubric agree about reasons, for every action of every built-in scenario: a trainee
 * is never marked down for leaving out a reason the form does not ask for, and a reason the form insists on is one
 * the rubric checks (and accepts once the form accepts it).
 */
import { describe, expect, it } from 'vitest';
import { builtInScenarioFiles, loadScenarioFile } from '../../../cli/scenario-files';
import { scoreDrill } from '../../scoring/drill';
import type { ActionSpec, Scenario } from '../../sim/scenario/schema';
import type { DrillEvent } from '../../sim/types';
import { reasonField, validateReason } from './action-form';

const MINUTE = 60_000;

/** The reason check of a drill whose only change is one run of `action`, with `reason` (or none). */
function reasonCheck(scenario: Scenario, action: ActionSpec, reason?: string) {
	const base = { actor: 'system' as const };
	const events: DrillEvent[] = [
		{
			...base,
			seq: 0,
			at: 0,
			type: 'drill.start',
			scenarioId: scenario.metadata.id,
			scenarioVersion: 'test',
			seed: 1
		},
		{
			seq: 1,
			at: 5 * MINUTE,
			actor: 'trainee',
			type: 'action.run',
			action: action.id,
			params: {},
			...(reason === undefined ? {} : { reason })
		}
	];
	const card = scoreDrill({ scenario, events, startEpochMs: Date.UTC(2026, 0, 1) });
	const check = card.checks.find((c) => c.id === 'triage.action-reasons');
	if (!check) throw new Error('the drill rubric has no reason check');
	return check;
}

const scenarios = builtInScenarioFiles().map((file) => {
	const loaded = loadScenarioFile(file);
	if (!loaded.ok) throw new Error(`${file} does not load`);
	return loaded.scenario;
});

describe('reasons for actions: the form and the rubric agree', () => {
	it('covers every built-in scenario, with low-risk and risky changes among them', () => {
		const fields = new Set(scenarios.flatMap((s) => s.actions.map(reasonField)));
		expect(scenarios.length).toBeGreaterThanOrEqual(12);
		expect(fields).toContain('required');
		expect(fields).toContain('optional');
	});

	for (const scenario of scenarios) {
		describe(scenario.metadata.id, () => {
			for (const action of scenario.actions) {
				const field = reasonField(action);
				it(`${action.id} (${action.risk} risk): the form's reason is ${field}, and the rubric agrees`, () => {
					const without = reasonCheck(scenario, action);
					// A short but form-valid reason, exactly at the form's minimum.
					const minimal = 'errors since deploy';
					expect(validateReason(minimal, field === 'none' ? 'optional' : field)).toBe('');
					const withReason = reasonCheck(scenario, action, minimal);
					if (field === 'required') {
						expect(without.result).toBe('not-met');
						expect(validateReason('', 'required')).not.toBe('');
						expect(withReason.result).toBe('met');
					} else {
						// The form lets this run without a reason: the rubric must not mark it down.
						expect(['met', 'not-assessed']).toContain(without.result);
						expect(['met', 'not-assessed']).toContain(withReason.result);
						expect(validateReason('', field)).toBe('');
					}
				});
			}
		});
	}
});
