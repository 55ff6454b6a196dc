import { describe, expect, it, vi } from 'vitest';
import { getAttempt } from '../../persistence/attempts';
import { getDraft } from '../../persistence/drafts';
import { createMemoryDb } from '../../persistence/memory-db';
import type { AttemptRecord } from '../../persistence/records';
import { sampleAttempt } from '../../persistence/test-support';
import { scoreDrill } from '../../scoring/drill';
import { expertLog, fixtureScenario, START_EPOCH_MS } from '../../scoring/fixtures/drill-scenario';
import { attemptWritingStore, saveScorecard } from './attempt-store';
import { scoreArtifact } from './writing';

const scenario = fixtureScenario();
const RUNBOOK = `# CheckoutHighErrorRate

## Meaning
Fires when more than 2% of checkout-api requests fail with 5xx for 2 minutes.

## Diagnosis
1. Run \`sum by (route) (rate(http_requests_total{service="checkout-api",code=~"5.."}[5m]))\` and note the route.
2. Run \`kubectl rollout history deploy/checkout-api\` and compare the last release time with the first errors.

## Mitigation
- If a release started it: \`kubectl rollout undo deploy/checkout-api\`.

## Verify
The error-rate panel is back under 1% within 5 minutes and the alert resolves.
`;

async function setup(status: AttemptRecord['status']) {
	const db = createMemoryDb();
	await db.attempts.put(
		sampleAttempt({
			status,
			eventLog: expertLog(),
			scorecard: status === 'finished' ? sampleAttempt().scorecard : null
		})
	);
	const rescore = vi.fn((a: AttemptRecord) =>
		scoreDrill({
			scenario,
			events: a.eventLog ?? [],
			startEpochMs: START_EPOCH_MS,
			artifacts: { runbook: a.artifacts.runbook, postmortem: a.artifacts.postmortem }
		})
	);
	const onStored = vi.fn();
	const store = attemptWritingStore({ db, attemptId: 'attempt-1', kind: 'runbook', rescore, onStored });
	return { db, store, rescore, onStored };
}

describe('attemptWritingStore', () => {
	it('saves drafts on the attempt', async () => {
		const { db, store } = await setup('finished');
		await store.saveDraft('# Draft');
		expect((await getDraft(db, 'attempt-1', 'runbook'))?.text).toBe('# Draft');
	});

	it('records a submitted runbook with its score and re-scores the finished drill with it', async () => {
		const { db, store, onStored } = await setup('finished');
		await store.saveDraft(RUNBOOK);
		const report = scoreArtifact('runbook', RUNBOOK, { alertName: 'CheckoutHighErrorRate' });
		const result = await store.submit(RUNBOOK, report);

		const stored = await getAttempt(db, 'attempt-1');
		expect(stored?.artifacts.runbook).toBe(RUNBOOK);
		expect(stored?.artifactScores.runbook).toBe(report.score);
		const doc = stored?.scorecard?.checks.find((c) => c.id === 'documentation.runbook');
		expect(doc?.result).not.toBe('not-assessed');
		expect(doc?.reason).toContain(`Runbook scored ${report.score}/100`);
		expect(result).toEqual({
			artifactScore: report.score,
			drill: { before: 81, after: stored?.scorecard?.score }
		});
		expect(await getDraft(db, 'attempt-1', 'runbook')).toBeUndefined();
		expect(onStored).toHaveBeenCalledWith(stored);
	});

	it('only records the document on a drill still in progress (it is scored when it ends)', async () => {
		const { db, store, rescore } = await setup('in-progress');
		const result = await store.submit(RUNBOOK, { score: 40, checks: [] });
		expect(rescore).not.toHaveBeenCalled();
		expect(result.drill).toBeNull();
		expect((await getAttempt(db, 'attempt-1'))?.artifactScores.runbook).toBe(40);
		expect((await getAttempt(db, 'attempt-1'))?.scorecard).toBeNull();
	});
});

describe('saveScorecard', () => {
	it('refuses attempts that are not finished', async () => {
		const { db } = await setup('abandoned');
		await expect(saveScorecard(db, 'attempt-1', sampleAttempt().scorecard!)).rejects.toThrow(/finished/);
		await expect(saveScorecard(db, 'missing', sampleAttempt().scorecard!)).rejects.toThrow(
			/no longer exists/
		);
	});
});
