/**
 * A small but complete scenario for component and session tests, parsed through the real schema so it has every
 * default the console relies on.
 */
import { Scenario, type ScenarioInput } from '../../../sim/scenario/schema';

/** The raw (input) form of the fixture, for tests that want to tweak it before parsing. */
export const fixtureScenarioInput: ScenarioInput = {
	apiVersion: 'pagerdrill/v1',
	metadata: {
		id: 'checkout-errors',
		title: 'Checkout errors after a deploy',
		summary: 'Checkout starts returning 500s shortly after a routine deploy.',
		difficulty: 'intro',
		estimatedMinutes: 20,
		skills: ['deploy-safety', 'observability', 'communication'],
		theme: 'Bad deploy'
	},
	briefing: {
		markdown: '## Your shift\n\nYou are **primary** for the checkout path tonight.',
		oncallFor: ['checkout-api'],
		yourTeam: 'web'
	},
	clock: { startsAt: '2026-03-14T02:10:00Z', timeLimit: '60m' },
	topology: {
		teams: [
			{ id: 'web', name: 'Web Platform', oncall: 'You', channel: '#web-oncall' },
			{ id: 'payments', name: 'Payments', oncall: 'Priya Raman', channel: '#payments' }
		],
		services: [
			{
				id: 'checkout-api',
				name: 'Checkout API',
				team: 'web',
				tier: 'critical',
				dependsOn: ['payments-api', 'postgres'],
				runbook: 'checkout-high-errors',
				version: 'v2.4.1'
			},
			{
				id: 'payments-api',
				name: 'Payments API',
				team: 'payments',
				tier: 'critical',
				dependsOn: ['postgres']
			},
			{ id: 'postgres', team: 'payments', tier: 'high' }
		]
	},
	deploys: [
		{
			service: 'checkout-api',
			version: 'v2.4.1',
			previous: 'v2.4.0',
			author: 'dana',
			at: '-12m',
			message: 'Switch payment client to new retry policy',
			commit: 'a1b2c3d'
		},
		{ service: 'payments-api', version: 'v7.1.0', author: 'li', at: '-3h', message: 'Bump TLS library' }
	],
	flags: [
		{
			id: 'new-retry-policy',
			service: 'checkout-api',
			enabled: true,
			description: 'Use the exponential retry policy for payment calls',
			changedAt: '-12m',
			changedBy: 'dana'
		}
	],
	alerting: {
		groups: [
			{
				name: 'checkout',
				rules: [
					{
						alert: 'CheckoutHighErrorRate',
						expr: 'sum(rate(http_requests_total{service="checkout-api",code=~"5.."}[5m])) > 1',
						for: '2m',
						labels: { severity: 'critical', service: 'checkout-api' },
						annotations: {
							summary: 'Checkout 5xx ratio above 5%',
							runbook_url: 'https://runbooks.example.com/checkout/high-errors'
						}
					}
				]
			}
		]
	},
	dashboards: [
		{
			id: 'checkout-overview',
			title: 'Checkout overview',
			panels: [{ id: 'rps', title: 'Requests', queries: [{ expr: 'sum(rate(http_requests_total[1m]))' }] }]
		}
	],
	runbooks: [
		{
			id: 'checkout-high-errors',
			title: 'Checkout: high error rate',
			url: 'https://runbooks.example.com/checkout/high-errors',
			markdown: '# Checkout: high error rate\n\n1. Check recent deploys.\n2. Roll back if needed.'
		},
		{
			id: 'payments-overview',
			title: 'Payments overview',
			outdated: true,
			markdown: 'Payments talks to the bank.'
		}
	],
	actions: [
		{
			id: 'rollback',
			label: 'Roll back a service',
			kind: 'rollback',
			description: 'Deploy the previous version of a service.',
			risk: 'medium',
			params: [{ name: 'service', label: 'Service', type: 'service' }]
		},
		{
			id: 'restart',
			label: 'Restart pods',
			kind: 'restart',
			description: 'Rolling restart of every pod of a service.',
			params: [{ name: 'service', label: 'Service', type: 'service' }]
		},
		{
			id: 'scale',
			label: 'Scale a service',
			kind: 'scale',
			description: 'Change the replica count.',
			params: [
				{ name: 'service', label: 'Service', type: 'service' },
				{ name: 'replicas', label: 'Replicas', type: 'number', min: 1, max: 20, default: 6 }
			]
		},
		{
			id: 'drop-db',
			label: 'Drop the orders table',
			kind: 'custom',
			description: 'Irreversible.',
			risk: 'high'
		}
	],
	escalation: [
		{
			id: 'payments-oncall',
			label: 'Payments on-call',
			team: 'payments',
			who: 'Priya Raman',
			responseDelay: '2m',
			reply: 'Priya here, looking at payments now.'
		},
		{
			id: 'incident-commander',
			label: 'Incident commander',
			who: 'Sam Ortiz',
			kind: 'manager',
			reply: 'Sam here. What is the customer impact?'
		}
	],
	incident: {
		initial: 'degraded',
		states: {
			degraded: { on: { 'action.rollback': 'recovering' } },
			recovering: { type: 'final' }
		}
	},
	answerKey: {
		rootCause: 'The v2.4.1 retry policy exhausts the payment connection pool.',
		owner: 'payments-oncall',
		keyEvidence: [
			{
				id: 'deploy',
				description: 'Looked at recent deploys',
				match: [{ type: 'view.open', view: 'changes' }]
			}
		],
		correctMitigation: [
			{ description: 'Roll back checkout-api', match: { type: 'action.run', action: 'rollback' } }
		],
		affectedComponents: ['checkout-api'],
		par: { mitigate: '20m' },
		expertSummary: 'Correlate the error spike with the deploy, roll back, then tell payments.'
	}
};

/** The fixture scenario, parsed (all defaults filled in). */
export function fixtureScenario(): Scenario {
	return Scenario.parse(fixtureScenarioInput);
}
