/**
 * Test fixtures of the interview specs (Node only): the built-in checkout scenario and its scripted playthroughs
 * (an expert response and a restart loop), run headless, plus hand-written runbooks and a scorecard builder.
 */
import { readFileSync } from 'node:fs';
import { loadBuiltIn, playthroughFileFor } from '../../cli/scenario-files';
import { parsePlaythroughFile, runPlaythrough, type PlaythroughResult } from '../scenarios/playthrough';
import type { Scenario } from '../sim/scenario/schema';
import type { DrillScorecard } from '../scoring/types';
import { DIMENSIONS } from '../scoring/rubric';

export const SCENARIO_ID = 'checkout-deploy-regression';

let cached: { scenario: Scenario; version: string; file: string } | null = null;

/** The built-in checkout scenario (parsed once). */
export function checkout(): { scenario: Scenario; version: string } {
	if (!cached) {
		const loaded = loadBuiltIn(SCENARIO_ID);
		cached = { scenario: loaded.scenario, version: loaded.version, file: loaded.file };
	}
	return cached;
}

const runs = new Map<string, PlaythroughResult>();

/** Runs one of the scenario's scripted playthroughs (`expert` or `restart-loop`) and scores it (cached). */
export function playthrough(name: 'expert' | 'restart-loop'): PlaythroughResult {
	const hit = runs.get(name);
	if (hit) return hit;
	const { scenario, version } = checkout();
	const file = playthroughFileFor(cached!.file);
	if (!file) throw new Error('the checkout scenario has no playthrough file');
	const spec = parsePlaythroughFile(readFileSync(file, 'utf8'), file).playthroughs.find(
		(p) => p.name === name
	);
	if (!spec) throw new Error(`no playthrough "${name}"`);
	const result = runPlaythrough(scenario, spec, version);
	runs.set(name, result);
	return result;
}

/** A complete runbook for the checkout alert: meaning, impact, diagnosis, mitigation, verification, rollback, escalation. */
export const GOOD_RUNBOOK = `# CheckoutHighErrorRate

## Meaning
Fires when more than 5% of checkout-api requests fail with a 5xx status for 5 minutes.

## Impact
Customers cannot pay for their basket; every minute of errors loses orders.

## Diagnosis
1. Run \`sum by (route, code) (rate(http_requests_total{service="checkout-api",code=~"5.."}[5m]))\` and note which route fails.
2. Run \`{service="checkout-api"} |= "502"\` in Logs and look for pool or upstream errors.
3. Check the Changes tab or \`kubectl rollout history deploy/checkout-api\` for a release in the last hour.

## Mitigation
- If a release started the errors: \`kubectl rollout undo deploy/checkout-api\` to the previous version.
- If payment-gateway is failing instead, fail over to the secondary processor with the payments on-call.

## Verification
The 5xx query drops below 1% within 5 minutes and the alert resolves.

## Rollback
To undo the rollback, redeploy the newer version with \`kubectl rollout undo\` again once it is fixed.

## Escalation
If errors persist 15 minutes after the rollback, page the Payments on-call in #team-payments with what you saw.
`;

/** A runbook that says almost nothing useful. */
export const WEAK_RUNBOOK = `# CheckoutHighErrorRate

Check if things look ok. Restart it if needed. TODO.
`;

/** A scorecard with the given drill dimension scores (null = not assessed) and no checks. */
export function scorecardWith(scores: Partial<Record<string, number | null>>): DrillScorecard {
	return {
		score: 0,
		categories: { response: null, triage: null, communication: null, documentation: null },
		kpis: {
			ackMs: null,
			engageOwnerMs: null,
			mitigateMs: null,
			resolveMs: null,
			firstUpdateMs: null,
			statusUpdates: 0,
			actions: 0,
			queries: 0
		},
		checks: [],
		dimensions: DIMENSIONS.map((d) => {
			const score = scores[d.id] ?? null;
			return {
				id: d.id,
				label: d.label,
				weight: d.weight,
				score,
				rating: null,
				evidence: score === null ? [d.notAssessed] : [`fixture score ${score}`]
			};
		})
	};
}
