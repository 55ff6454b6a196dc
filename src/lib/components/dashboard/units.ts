/**
 * Value formatting for the units a scenario panel may declare (`Panel.unit` in the scenario schema), in the style of
 * Grafana: a value is shown in the largest unit step that keeps it ≥ 1 (1 234 ms → `1.23 s`, 1 536 bytes →
 * `1.5 KiB`). Pure; no DOM.
 */
import type { PanelSpec } from '../../sim/scenario/schema';

/** The units a panel may declare. */
export type PanelUnit = PanelSpec['unit'];

/** One step of a unit ladder: a displayed number is `value / factor` followed by `suffix`. */
interface UnitStep {
	factor: number;
	suffix: string;
}

/** A unit's ladder, smallest step first, and the index of the step used for zero. */
interface UnitLadder {
	steps: UnitStep[];
	base: number;
}

const SI_STEPS = (unit: string): UnitStep[] => [
	{ factor: 1, suffix: unit ? ` ${unit}` : '' },
	{ factor: 1e3, suffix: unit ? `K ${unit}` : 'K' },
	{ factor: 1e6, suffix: unit ? `M ${unit}` : 'M' },
	{ factor: 1e9, suffix: unit ? `B ${unit}` : 'B' },
	{ factor: 1e12, suffix: unit ? `T ${unit}` : 'T' }
];

/** Time ladder with factors in milliseconds; `scale` converts from the panel's unit to ms (1 for ms, 1000 for s). */
const timeSteps = (msPerUnit: number): UnitStep[] =>
	[
		{ factor: 1e-3, suffix: ' µs' },
		{ factor: 1, suffix: ' ms' },
		{ factor: 1e3, suffix: ' s' },
		{ factor: 60e3, suffix: ' min' },
		{ factor: 3600e3, suffix: ' h' },
		{ factor: 86400e3, suffix: ' d' }
	].map((s) => ({ factor: s.factor / msPerUnit, suffix: s.suffix }));

const LADDERS: Record<PanelUnit, UnitLadder> = {
	short: { steps: SI_STEPS(''), base: 0 },
	reqps: { steps: SI_STEPS('req/s'), base: 0 },
	cores: { steps: [{ factor: 1, suffix: ' cores' }], base: 0 },
	percent: { steps: [{ factor: 1, suffix: '%' }], base: 0 },
	percentunit: { steps: [{ factor: 0.01, suffix: '%' }], base: 0 },
	ms: { steps: timeSteps(1), base: 1 },
	s: { steps: timeSteps(1000), base: 2 },
	bytes: {
		steps: ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'].map((suffix, i) => ({
			factor: 1024 ** i,
			suffix: ` ${suffix}`
		})),
		base: 0
	},
	days: {
		steps: [
			{ factor: 1 / 1440, suffix: ' min' },
			{ factor: 1 / 24, suffix: ' h' },
			{ factor: 1, suffix: ' days' }
		],
		base: 2
	}
};

/** Every unit a panel may declare. */
export const PANEL_UNITS = Object.keys(LADDERS) as PanelUnit[];

/** The ladder step for a magnitude: the largest step whose factor is ≤ |magnitude| (the base step for 0). */
function stepFor(unit: PanelUnit, magnitude: number): UnitStep {
	const { steps, base } = LADDERS[unit] ?? LADDERS.short;
	const m = Math.abs(magnitude);
	if (m === 0 || !Number.isFinite(m)) return steps[base];
	let chosen = steps[0];
	for (const step of steps) if (step.factor <= m * (1 + 1e-9)) chosen = step;
	return chosen;
}

/** Trims trailing zeros of a fixed-point string: `1.50` → `1.5`, `2.00` → `2`. */
function trimZeros(s: string): string {
	return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** A number with about three significant digits, trailing zeros removed. */
function readable(n: number): string {
	const a = Math.abs(n);
	if (a >= 100) return trimZeros(n.toFixed(0));
	if (a >= 10) return trimZeros(n.toFixed(1));
	if (a >= 1) return trimZeros(n.toFixed(2));
	if (a === 0) return '0';
	return trimZeros(n.toPrecision(3));
}

function nonFinite(value: number): string | null {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return '+Inf';
	if (value === -Infinity) return '-Inf';
	return null;
}

/**
 * Formats one value for a legend, a stat panel or a table: `formatValue(0.0523, 'percentunit')` → `5.23%`,
 * `formatValue(1234, 'ms')` → `1.23 s`, `formatValue(1536, 'bytes')` → `1.5 KiB`. `null` (no data) gives `–`;
 * NaN and ±Inf are spelled as Prometheus does (`NaN`, `+Inf`, `-Inf`).
 */
export function formatValue(value: number | null | undefined, unit: PanelUnit): string {
	if (value === null || value === undefined) return '–';
	const special = nonFinite(value);
	if (special) return special;
	const step = stepFor(unit, value);
	return readable(value / step.factor) + step.suffix;
}

/**
 * Decimals needed to show ticks `increment` apart: enough to write the increment exactly (0.25 → 2), but at most
 * one digit finer than its magnitude (190.7 → 0), so odd increments from binary units do not print noise.
 */
function tickDecimals(increment: number): number {
	if (!(increment > 0) || !Number.isFinite(increment)) return 0;
	const cap = Math.max(0, Math.min(6, Math.ceil(-Math.log10(increment) - 1e-9) + 1));
	for (let d = 0; d < cap; d++) {
		const scaled = increment * 10 ** d;
		if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d;
	}
	return cap;
}

/**
 * Formats the tick values of one axis with a single ladder step and a fixed number of decimals, so ticks line up
 * (`0 ms, 250 ms, 500 ms` / `0.5 s, 1.0 s, 1.5 s`). `splits` are the tick values in the panel's unit.
 */
export function formatTicks(splits: readonly number[], unit: PanelUnit): string[] {
	const finite = splits.filter((v) => Number.isFinite(v));
	if (finite.length === 0) return splits.map(() => '');
	const magnitude = Math.max(...finite.map(Math.abs));
	const step = stepFor(unit, magnitude);
	let increment = Infinity;
	for (let i = 1; i < finite.length; i++) {
		const d = Math.abs(finite[i] - finite[i - 1]);
		if (d > 0) increment = Math.min(increment, d);
	}
	const scaledIncrement = Number.isFinite(increment)
		? increment / step.factor
		: Math.abs(magnitude / step.factor);
	const decimals = tickDecimals(scaledIncrement);
	return splits.map((v) => {
		if (!Number.isFinite(v)) return nonFinite(v) ?? '';
		const text = (v / step.factor).toFixed(decimals);
		return (Object.is(Number(text), -0) ? text.replace(/^-/, '') : text) + step.suffix;
	});
}
