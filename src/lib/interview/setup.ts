/**
 * Validation of the interview set-up form: who, which exercises, which scenario and seed, how long, and the
 * interviewer's passphrase. Returns either clean values or one message per field, worded for the form. Pure.
 */
import { EXERCISES } from './exercises';
import { passphraseProblem } from './passphrase';

/** Seeds are unsigned 32-bit integers (as the drill console's `?seed=`). */
export const MAX_SEED = 0xffffffff;
const MINUTE = 60_000;

/** The form's raw values. */
export interface SetupInput {
	candidate: string;
	interviewer: string;
	scenarioId: string;
	seed: string;
	triage: boolean;
	triageMinutes: string;
	runbook: boolean;
	runbookMinutes: string;
	alertId: string;
	passphrase: string;
	confirm: string;
}

export type SetupField = keyof SetupInput | 'exercises';
export type SetupErrors = Partial<Record<SetupField, string>>;

export interface ValidSetup {
	candidate: string;
	interviewer: string;
	scenarioId: string;
	seed: number;
	/** Simulation time box in wall ms, already capped by the scenario's own limit; null without the simulation. */
	triageTimeBoxMs: number | null;
	runbook: { timeBoxMs: number; alertId: string } | null;
	passphrase: string;
}

export interface SetupContext {
	/** Ids of the scenarios that exist. */
	scenarioIds: readonly string[];
	/** The chosen scenario's own time limit (ms), when it exists. */
	scenarioLimitMs: number | null;
	/** Alert ids the runbook exercise may use for the chosen scenario. */
	alertIds: readonly string[];
}

/** Parses a whole number of minutes in `[minMs, maxMs]`; returns ms or an error message. */
function minutes(text: string, minMs: number, maxMs: number): number | string {
	const t = text.trim();
	if (!/^\d{1,3}$/.test(t)) return 'Enter a whole number of minutes.';
	const ms = Number(t) * MINUTE;
	if (ms < minMs || ms > maxMs) return `Choose between ${minMs / MINUTE} and ${maxMs / MINUTE} minutes.`;
	return ms;
}

/** Parses a seed: a whole number from 0 to {@link MAX_SEED}. */
export function parseSeed(text: string): number | null {
	const t = text.trim();
	if (!/^\d{1,10}$/.test(t)) return null;
	const n = Number(t);
	return n <= MAX_SEED ? n : null;
}

/** A seed from a `[0, 1)` random source. */
export function randomSeed(random: () => number): number {
	return Math.floor(random() * (MAX_SEED + 1)) >>> 0;
}

/** Validates the set-up form (see the module comment). */
export function validateSetup(
	input: SetupInput,
	ctx: SetupContext
): { ok: true; value: ValidSetup } | { ok: false; errors: SetupErrors } {
	const errors: SetupErrors = {};
	const candidate = input.candidate.trim();
	if (!candidate) errors.candidate = "Enter the candidate's name.";
	else if (candidate.length > 80) errors.candidate = 'Keep the name under 80 characters.';
	const interviewer = input.interviewer.trim();
	if (interviewer.length > 80) errors.interviewer = 'Keep the name under 80 characters.';
	if (!ctx.scenarioIds.includes(input.scenarioId)) errors.scenarioId = 'Choose a scenario.';
	const seed = parseSeed(input.seed);
	if (seed === null) errors.seed = `Enter a whole number from 0 to ${MAX_SEED}.`;
	if (!input.triage && !input.runbook) errors.exercises = 'Choose at least one exercise.';

	let triageTimeBoxMs: number | null = null;
	if (input.triage) {
		const t = EXERCISES.triage;
		const ms = minutes(input.triageMinutes, t.minTimeBoxMs, t.maxTimeBoxMs);
		if (typeof ms === 'string') errors.triageMinutes = ms;
		else triageTimeBoxMs = ctx.scenarioLimitMs === null ? ms : Math.min(ms, ctx.scenarioLimitMs);
	}
	let runbook: ValidSetup['runbook'] = null;
	if (input.runbook) {
		const r = EXERCISES.runbook;
		const ms = minutes(input.runbookMinutes, r.minTimeBoxMs, r.maxTimeBoxMs);
		if (typeof ms === 'string') errors.runbookMinutes = ms;
		if (!ctx.alertIds.includes(input.alertId)) errors.alertId = 'Choose the alert the runbook is for.';
		if (typeof ms === 'number' && !errors.alertId) runbook = { timeBoxMs: ms, alertId: input.alertId };
	}
	const weak = passphraseProblem(input.passphrase);
	if (weak) errors.passphrase = weak;
	else if (input.confirm !== input.passphrase) errors.confirm = 'The two passphrases differ.';

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			candidate,
			interviewer,
			scenarioId: input.scenarioId,
			seed: seed as number,
			triageTimeBoxMs,
			runbook,
			passphrase: input.passphrase
		}
	};
}
