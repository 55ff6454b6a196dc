/**
 * Parameter forms of the scenario's actions: defaults, validation and the typed values sent to the runner. Pure.
 */
import { DRILL_LIMITS, reasonExpectation } from '../../scoring/rubric';
import type { ActionSpec } from '../../sim/scenario/schema';

type ParamSpec = ActionSpec['params'][number];

/** Form values as the inputs hold them (number inputs bind numbers, or null when empty). */
export type ParamValues = Record<string, string | number | null>;

function rawValue(values: ParamValues, name: string): string {
	const v = values[name];
	return v === null || v === undefined ? '' : String(v).trim();
}

/** Fewest words a reason must have: the drill rubric's own minimum, so a reason the form accepts also counts. */
export const MIN_REASON_WORDS = DRILL_LIMITS.reasonMinWords;

/** Whether running the action asks for confirmation and a reason first. */
export function needsConfirmation(action: Pick<ActionSpec, 'risk'>): boolean {
	return action.risk === 'medium' || action.risk === 'high';
}

/**
 * The reason field the form offers for an action: `required` in the confirmation of a medium or high risk action,
 * `optional` on the card of a low-risk change (renewing a certificate or reloading a proxy still changes
 * production, and saying why belongs in the timeline), `none` for diagnostic checks, which change nothing.
 * Follows the drill rubric's {@link reasonExpectation}, so the trainee is never marked down for a reason the form
 * does not ask for.
 */
export type ReasonField = 'required' | 'optional' | 'none';

/** The {@link ReasonField} of an action. */
export function reasonField(action: Pick<ActionSpec, 'risk' | 'kind'>): ReasonField {
	if (needsConfirmation(action)) return 'required';
	return reasonExpectation(action) === 'none' ? 'none' : 'optional';
}

/** Why a reason cannot be sent, or '' when it can (an optional reason may be empty, not a single word). */
export function validateReason(text: string, field: ReasonField): string {
	const words = text.trim().split(/\s+/).filter(Boolean).length;
	if (words === 0)
		return field === 'required' ? 'Say why you are doing this; it goes into the incident timeline.' : '';
	if (words < MIN_REASON_WORDS)
		return field === 'required'
			? `Give a little more detail (at least ${MIN_REASON_WORDS} words).`
			: `Give a little more detail (at least ${MIN_REASON_WORDS} words), or leave it empty.`;
	return '';
}

/** The choices of a select-like parameter (`service` lists the scenario's services). */
export function paramOptions(param: ParamSpec, serviceIds: string[]): string[] {
	if (param.type === 'service') return param.options ?? serviceIds;
	if (param.type === 'select') return param.options ?? [];
	return [];
}

/**
 * Initial form values: the parameter's default, else nothing chosen for selects (the trainee must pick a target
 * deliberately), else empty.
 */
export function defaultValues(action: ActionSpec): ParamValues {
	const out: ParamValues = {};
	for (const p of action.params) out[p.name] = p.default === undefined ? '' : String(p.default);
	return out;
}

/** Errors per parameter name; empty when the values can be sent. */
export function validateParams(
	action: ActionSpec,
	values: ParamValues,
	serviceIds: string[]
): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const p of action.params) {
		const raw = rawValue(values, p.name);
		if (raw === '') {
			errors[p.name] =
				p.type === 'service' || p.type === 'select'
					? `Choose ${p.label.toLowerCase()}.`
					: `Enter ${p.label.toLowerCase()}.`;
			continue;
		}
		if (p.type === 'number') {
			const n = Number(raw);
			if (!Number.isFinite(n)) errors[p.name] = `${p.label} must be a number.`;
			else if (p.min !== undefined && n < p.min) errors[p.name] = `${p.label} must be at least ${p.min}.`;
			else if (p.max !== undefined && n > p.max) errors[p.name] = `${p.label} must be at most ${p.max}.`;
		} else if (p.type === 'service' || p.type === 'select') {
			if (!paramOptions(p, serviceIds).includes(raw)) errors[p.name] = `${raw} is not one of the choices.`;
		}
	}
	return errors;
}

/** The values as the runner receives them: numbers for number parameters, trimmed strings otherwise. */
export function toActionParams(action: ActionSpec, values: ParamValues): Record<string, string | number> {
	const out: Record<string, string | number> = {};
	for (const p of action.params) {
		const raw = rawValue(values, p.name);
		out[p.name] = p.type === 'number' ? Number(raw) : raw;
	}
	return out;
}

/** `service=checkout-api, replicas=8` for confirmations and history. */
export function describeParams(params: Record<string, string | number | boolean>): string {
	return Object.entries(params)
		.map(([k, v]) => `${k}=${String(v)}`)
		.join(', ');
}
