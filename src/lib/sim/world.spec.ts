import { describe, expect, it } from 'vitest';
import { applyEffect, type Effect } from './world';

const base: Omit<Effect, 'shape' | 'op' | 'value'> = {
	id: 'e',
	target: 'x',
	start: 0,
	overMs: 60_000,
	periodMs: 600_000,
	until: null
};

describe('world effects', () => {
	it('steps, ramps and multiplies toward their value', () => {
		expect(applyEffect(0.001, { ...base, op: 'set', shape: 'step', value: 0.2 }, 10)).toBe(0.2);
		expect(applyEffect(0, { ...base, op: 'set', shape: 'ramp', value: 0.2 }, 30_000)).toBeCloseTo(0.1);
		expect(applyEffect(0, { ...base, op: 'set', shape: 'ramp', value: 0.2 }, 120_000)).toBeCloseTo(0.2);
		expect(applyEffect(100, { ...base, op: 'mul', shape: 'ramp', value: 3 }, 30_000)).toBeCloseTo(200);
		expect(applyEffect(100, { ...base, op: 'add', shape: 'step', value: -40 }, 1)).toBe(60);
	});

	it('fills linearly per minute, repeats a sawtooth, and decays a spike', () => {
		expect(applyEffect(50e9, { ...base, op: 'add', shape: 'linear', value: -1e9 }, 10 * 60_000)).toBe(40e9);
		const saw = { ...base, op: 'add' as const, shape: 'sawtooth' as const, value: 600 };
		expect(applyEffect(300, saw, 300_000)).toBeCloseTo(600);
		expect(applyEffect(300, saw, 600_000)).toBeCloseTo(300);
		const spike = { ...base, op: 'add' as const, shape: 'spike' as const, value: 10 };
		expect(applyEffect(0, spike, 0)).toBeCloseTo(10);
		expect(applyEffect(0, spike, 60_000)).toBeCloseTo(10 / Math.E);
	});
});
