import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioOrThrow } from '../../sim/scenario/load';
import { alertBriefs, exerciseAlerts } from './alert-brief';

const dir = join(process.cwd(), 'scenarios');
const scenarios = readdirSync(dir)
	.filter((f) => f.endsWith('.yaml') && !f.includes('.playthrough.'))
	.map((f) => loadScenarioOrThrow(readFileSync(join(dir, f), 'utf8'), f).scenario);
const checkout = scenarios.find((s) => s.metadata.id === 'checkout-deploy-regression')!;

describe('alertBriefs', () => {
	it('gives the paged alert’s rule, severity, annotations, service and owning team', () => {
		const brief = alertBriefs(checkout).find((a) => a.alert === 'CheckoutHighErrorRate');
		expect(brief).toMatchObject({
			id: 'checkout-deploy-regression/CheckoutHighErrorRate',
			severity: 'critical',
			service: 'checkout-api',
			team: 'Payments',
			serviceDescription: 'Takes the basket, reserves stock and charges the card.'
		});
		expect(brief?.expr).toContain('http_requests_total');
		expect(brief?.summary).toBeTruthy();
	});

	it('skips recording rules', () => {
		for (const s of scenarios) {
			const alerts = s.alerting.groups.flatMap((g) => g.rules.filter((r) => 'alert' in r));
			expect(alertBriefs(s)).toHaveLength(alerts.length);
		}
	});
});

describe('exerciseAlerts', () => {
	it('lists every shipped alert once, by name', () => {
		const list = exerciseAlerts(scenarios);
		expect(list.length).toBeGreaterThanOrEqual(scenarios.length);
		expect(new Set(list.map((a) => a.id)).size).toBe(list.length);
		const names = list.map((a) => a.alert);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(exerciseAlerts([checkout, checkout])).toEqual(exerciseAlerts([checkout]));
	});
});
