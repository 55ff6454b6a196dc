import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateInstant } from '../query/promql';
import { createDrill } from './drill';
import { loadScenarioOrThrow } from './scenario/load';
import type { TimedTraineeEvent } from './types';

const path = fileURLToPath(new URL('../../../scenarios/checkout-deploy-regression.yaml', import.meta.url));
const { scenario } = loadScenarioOrThrow(readFileSync(path, 'utf8'), 'checkout.yaml');

const actions: TimedTraineeEvent[] = [
	{ at: 150_000, type: 'alert.ack', pageId: 'P001' },
	{ at: 200_000, type: 'view.open', view: 'changes' },
	{
		at: 240_000,
		type: 'action.run',
		action: 'rollback',
		params: { service: 'checkout-api' },
		reason: 'errors began with v2.41.0'
	},
	{
		at: 260_000,
		type: 'escalation.page',
		target: 'payments-oncall',
		message: 'checkout 502s after v2.41.0, rolling back'
	}
];

function fingerprint(seed: number, events = actions) {
	const d = createDrill(scenario, { seed, events });
	d.advanceTo(12 * 60_000);
	const series = d.metrics.select(
		[{ name: '__name__', op: '=~', value: 'http_requests_total|container_memory_working_set_bytes' }],
		-Infinity,
		Infinity
	);
	return {
		events: JSON.stringify(d.events),
		series: JSON.stringify(series.map((s) => [s.labels, Array.from(s.ts), Array.from(s.vs)])),
		logs: JSON.stringify(d.logs.range(-Infinity, Infinity))
	};
}

describe('a drill of checkout-deploy-regression', { timeout: 60_000 }, () => {
	it('is byte-identical for the same seed and actions, and differs for another seed', () => {
		const a = fingerprint(7);
		const b = fingerprint(7);
		expect(b.events).toBe(a.events);
		expect(b.series).toBe(a.series);
		expect(b.logs).toBe(a.logs);
		const c = fingerprint(8);
		expect(c.series).not.toBe(a.series);
		expect(c.logs).not.toBe(a.logs);
	});

	it('replays from seed + trainee events to the same state as the live drill', () => {
		const live = createDrill(scenario, { seed: 3 });
		for (const e of actions) {
			live.advanceTo(e.at);
			const { at: _at, ...body } = e;
			live.dispatch(body as never);
		}
		live.advanceTo(15 * 60_000);
		const replayed = createDrill(scenario, { seed: 3, events: live.traineeEvents() });
		replayed.advanceTo(15 * 60_000);
		expect(JSON.stringify(replayed.events)).toBe(JSON.stringify(live.events));
		expect(replayed.phase).toBe(live.phase);
	});

	it('pages CheckoutHighErrorRate within the first minutes, and not the noisy warning', () => {
		const d = createDrill(scenario, { seed: 1 });
		d.advanceTo(5 * 60_000);
		const pages = d.pages();
		expect(pages.map((p) => p.title)).toEqual(['CheckoutHighErrorRate']);
		expect(pages[0].at).toBeLessThan(4 * 60_000);
		expect(pages[0].summary).toMatch(/^checkout-api is failing \d+(\.\d+)?% of requests$/);
		const warnings = d.alerts().filter((a) => a.labels.severity === 'warning' && a.state === 'firing');
		expect(warnings.map((a) => a.alertname)).toContain('InventoryCPUThrottlingHigh');
	});

	it('shows the errors in metrics and logs: /pay fails with 502, the cart route does not', () => {
		const d = createDrill(scenario, { seed: 1 });
		d.advanceTo(6 * 60_000);
		const t = d.startEpochMs + d.now;
		const r = evaluateInstant(
			d.metrics,
			'sum by (route) (rate(http_requests_total{service="checkout-api",code="502"}[5m])) / sum by (route) (rate(http_requests_total{service="checkout-api"}[5m]))',
			t
		);
		if (r.resultType !== 'vector') throw new Error('expected a vector');
		const byRoute = Object.fromEntries(r.result.map((s) => [s.labels.route, s.value]));
		expect(byRoute['/api/checkout/pay']).toBeGreaterThan(0.15);
		expect(byRoute['/api/checkout/cart'] ?? 0).toBeLessThan(0.01);
		const errors = d.logs
			.range(t - 60_000, t)
			.filter((l) => l.service === 'checkout-api' && l.line.includes('502'));
		expect(errors.length).toBeGreaterThan(20);
	});

	it('has 6 hours of metric history before the shift starts', () => {
		const d = createDrill(scenario, { seed: 1 });
		const [s] = d.metrics.select(
			[
				{ name: '__name__', op: '=', value: 'http_requests_total' },
				{ name: 'route', op: '=', value: '/api/checkout/cart' },
				{ name: 'code', op: '=', value: '200' }
			],
			-Infinity,
			Infinity
		);
		expect(d.startEpochMs - s.ts[0]).toBeGreaterThanOrEqual(6 * 3_600_000 - 15_000);
	});

	it('recovers after a rollback, and errors come back after a restart', () => {
		const rolled = createDrill(scenario, {
			seed: 1,
			events: [{ at: 120_000, type: 'action.run', action: 'rollback', params: { service: 'checkout-api' } }]
		});
		rolled.advanceTo(30 * 60_000);
		expect(rolled.events.some((e) => e.type === 'incident.mitigated')).toBe(true);
		expect(rolled.phase).toBe('resolved');
		expect(rolled.deploys().at(-1)).toMatchObject({
			service: 'checkout-api',
			version: 'v2.40.3',
			kind: 'rollback'
		});

		const restarted = createDrill(scenario, {
			seed: 1,
			events: [{ at: 120_000, type: 'action.run', action: 'restart', params: { service: 'checkout-api' } }]
		});
		restarted.advanceTo(4 * 60_000);
		expect(restarted.phase).toBe('restarted');
		restarted.advanceTo(12 * 60_000);
		expect(restarted.phase).toBe('degraded');
		expect(restarted.events.some((e) => e.type === 'incident.mitigated')).toBe(false);
	});

	it('answers an escalation after the responder delay and ends on time-out', () => {
		const d = createDrill(scenario, {
			seed: 1,
			events: [{ at: 60_000, type: 'escalation.page', target: 'payments-oncall', message: 'help' }]
		});
		d.advanceTo(60 * 60_000 + 1);
		const ack = d.events.find((e) => e.type === 'escalation.ack');
		expect(ack?.at).toBe(60_000 + 180_000);
		expect(d.events.some((e) => e.type === 'chat.message' && e.from === 'Dana Okafor')).toBe(true);
		expect(d.ended).toEqual({ reason: 'timeout', at: 60 * 60_000 });
	});
});
