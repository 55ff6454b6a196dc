import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, scenarioVersion } from './load';

const goodPath = fileURLToPath(
	new URL('../../../../scenarios/checkout-deploy-regression.yaml', import.meta.url)
);
const good = readFileSync(goodPath, 'utf8');

/** Replaces the first occurrence of `from` and returns the 1-based line where the change landed. */
function broken(from: string, to: string): { text: string; line: number } {
	const i = good.indexOf(from);
	if (i < 0) throw new Error(`fixture text not found: ${from}`);
	return {
		text: good.slice(0, i) + to + good.slice(i + from.length),
		line: good.slice(0, i).split('\n').length
	};
}

function problemsOf(text: string) {
	const r = loadScenario(text, 'scenarios/broken.yaml');
	if (r.ok) throw new Error('expected the scenario to be rejected');
	return r.problems;
}

describe('loading scenario files', () => {
	it('accepts the built-in checkout scenario and gives it a content version', () => {
		const r = loadScenario(good, 'checkout.yaml');
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.version).toBe(scenarioVersion(good));
		expect(scenarioVersion(good + ' ')).not.toBe(scenarioVersion(good));
	});

	it('reports YAML syntax errors with their line', () => {
		const { text, line } = broken('  timeLimit: 60m', '  timeLimit: [60m');
		const [p] = problemsOf(text);
		expect(p.message).toMatch(/^YAML:/);
		expect(p.line).toBeGreaterThanOrEqual(line);
	});

	it('names the field, line and column of a wrong type', () => {
		const { text, line } = broken('estimatedMinutes: 30', 'estimatedMinutes: thirty');
		const [p] = problemsOf(text);
		expect(p.path).toBe('metadata.estimatedMinutes');
		expect(p.line).toBe(line);
		expect(formatProblem(p)).toMatch(/^scenarios\/broken\.yaml:\d+:\d+: metadata\.estimatedMinutes: /);
	});

	it('reports unknown fields at the key, so typos are found', () => {
		const { text, line } = broken('    responseDelay: 3m', '    responceDelay: 3m');
		const problems = problemsOf(text);
		const p = problems.find((x) => x.message.startsWith('unknown field'));
		expect(p?.message).toBe('unknown field "responceDelay"');
		expect(p?.line).toBe(line);
		expect(p?.path).toBe('escalation[0].responceDelay');
	});

	it('checks references between sections and suggests the right name', () => {
		const { text, line } = broken(
			'      team: payments\n      tier: critical',
			'      team: paymnets\n      tier: critical'
		);
		const [p] = problemsOf(text);
		expect(p.path).toBe('topology.services[0].team');
		expect(p.message).toContain('unknown team "paymnets"');
		expect(p.message).toContain('did you mean "payments"');
		expect(p.line).toBe(line);
	});

	it('rejects unknown incident-machine actions, guards and target states', () => {
		const a = problemsOf(broken('        - incident.mitigated', '        - incident.fixed').text);
		expect(a[0].message).toMatch(/unknown action "incident.fixed"/);
		const g = problemsOf(
			broken('type: action.is, params: { action: rollback', 'type: action.iz, params: { action: rollback')
				.text
		);
		expect(g[0].message).toMatch(/unknown guard "action.iz"/);
		const t = problemsOf(broken('            target: rolled-back', '            target: rolledback').text);
		expect(t[0].message).toMatch(/unknown state "rolledback"/);
		expect(t[0].path).toBe('incident.states.degraded.on.action.run[0].target');
	});

	it('rejects PromQL that does not parse, with the position inside the expression', () => {
		const { text } = broken(
			'expr: checkout_payment_client_pool_connections{service="checkout-api"}',
			'expr: sum(rate(http_requests_total[5m])'
		);
		const [p] = problemsOf(text);
		expect(p.path).toMatch(/^dashboards\[0\]\.panels\[4\]\.queries\[0\]\.expr$/);
		expect(p.message).toMatch(/^PromQL error at 1:\d+/);
	});

	it('rejects effects on world variables that do not exist', () => {
		const { text } = broken('target: var.gateway_pool_max', 'target: var.gateway_pool_maximum');
		const problems = problemsOf(text);
		expect(problems.some((p) => p.message === 'unknown world variable "var.gateway_pool_maximum"')).toBe(
			true
		);
	});
});
