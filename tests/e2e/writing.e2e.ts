/**
 * Writing and debrief, end to end: a finished drill of `checkout-deploy-regression` enters the app through the
 * profiles page's "Restore from a file" import; its debrief shows KPIs, per-criterion feedback and the SLI chart;
 * a runbook is typed into the real (lazily loaded) Monaco editor with live rubric feedback and submitted, which
 * re-scores the drill; a postmortem gets the drill's timeline; the standalone runbook exercise grades a runbook.
 * axe-core runs on every page, in both themes; screenshots go to /tmp/shots/.
 *
 * The drill itself is played here, in the test process, by the real simulator (seed 42) with the trainee events an
 * engineer would send from the console, scored by the real scorer and written by the app's own export code — so
 * the imported file is exactly what the app would have recorded and exported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { buildProgressFile } from '../../src/lib/persistence/export';
import { createMemoryDb } from '../../src/lib/persistence/memory-db';
import type { AttemptRecord } from '../../src/lib/persistence/records';
import { scoreDrill } from '../../src/lib/scoring/drill';
import { createDrill } from '../../src/lib/sim/drill';
import { loadScenarioOrThrow } from '../../src/lib/sim/scenario/load';
import type { TraineeEvent } from '../../src/lib/sim/types';
import { expect, expectNoSeriousA11yViolations, open, test, useTheme } from './helpers';

const DRILL = 'checkout-deploy-regression';
const PROFILE_ID = 'e2e-writer';
const ATTEMPT_ID = 'e2e-attempt-checkout';
const SHOTS = '/tmp/shots';
const MIN = 60_000;

/** Plays the drill like a trainee at the console and returns the progress file of a profile with that attempt. */
async function playedDrillFile(): Promise<string> {
	const file = join(process.cwd(), 'scenarios', `${DRILL}.yaml`);
	const { scenario, version } = loadScenarioOrThrow(readFileSync(file, 'utf8'), `${DRILL}.yaml`);
	const drill = createDrill(scenario, { seed: 42, version });
	const steps: [number, TraineeEvent][] = [
		[2.5 * MIN, { type: 'alert.ack', pageId: 'P001' }],
		[3 * MIN, { type: 'view.open', view: 'dashboard', target: 'error-rate' }],
		[3.5 * MIN, { type: 'query.logql', expr: '{service="checkout-api"} |= "502"' }],
		[
			4 * MIN,
			{
				type: 'status.post',
				status: 'investigating',
				components: ['Checkout'],
				text: 'Since 14:15 UTC about one in five card payments at checkout fails. Carts work. We are investigating. Next update by 14:45 UTC.'
			}
		],
		[
			5 * MIN,
			{
				type: 'action.run',
				action: 'rollback',
				params: { service: 'checkout-api' },
				reason: 'Payment 502s began right after v2.41.0; a rollback is reversible.'
			}
		],
		[
			12 * MIN,
			{
				type: 'escalation.page',
				target: 'payments-oncall',
				message:
					'Checkout pay route failed ~20% with 502 after v2.41.0; rolled back, errors falling. Please review the release.'
			}
		],
		[13 * MIN, { type: 'view.open', view: 'dashboard', target: 'error-rate' }],
		[14 * MIN, { type: 'incident.declareResolved', summary: 'Rolled back checkout-api v2.41.0' }]
	];
	for (const [at, event] of steps) {
		drill.advanceTo(at);
		drill.dispatch(event);
	}
	if (!drill.ended) throw new Error('the drill should have ended when it was declared resolved');
	const startEpochMs = drill.startEpochMs;
	const scorecard = scoreDrill({ scenario, events: drill.events, startEpochMs });
	const attempt: AttemptRecord = {
		id: ATTEMPT_ID,
		profileId: PROFILE_ID,
		scenarioId: DRILL,
		scenarioVersion: version,
		scenarioTitle: scenario.metadata.title,
		scenarioTheme: scenario.metadata.theme,
		scenarioSkills: [...scenario.metadata.skills],
		scenarioLevel: scenario.metadata.level,
		seed: 42,
		mode: 'practice',
		status: 'finished',
		startedAt: '2026-03-02T09:00:00.000Z',
		endedAt: '2026-03-02T09:20:00.000Z',
		durationMs: 20 * MIN,
		simNow: drill.now,
		speed: 10,
		hintsUsed: 0,
		traineeEvents: drill.traineeEvents(),
		eventLog: [...drill.events],
		artifacts: {
			statusUpdates: drill.events.flatMap((e) => (e.type === 'status.post' ? [e.text] : []))
		},
		artifactScores: { runbook: null, postmortem: null },
		scorecard,
		lockOwner: null,
		heartbeatAt: null,
		updatedAt: '2026-03-02T09:20:00.000Z'
	};
	const db = createMemoryDb({ env: { now: () => new Date('2026-03-02T09:30:00.000Z') } });
	await db.profiles.put({
		id: PROFILE_ID,
		name: 'E2E writer',
		createdAt: '2026-03-01T09:00:00.000Z',
		updatedAt: '2026-03-01T09:00:00.000Z',
		imported: false,
		sourceFileName: null,
		importedAt: null
	});
	await db.attempts.put(attempt);
	return JSON.stringify(await buildProgressFile(db, PROFILE_ID, { includeEventLogs: true }));
}

async function restore(page: Page, text: string) {
	await open(page, '/profiles');
	await page.getByLabel('Choose a progress file').setInputFiles({
		name: 'e2e-writer.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await expect(page.getByText(/E2E writer/).first()).toBeVisible();
}

/** Types into the Monaco editor of the page (the real one, not the textarea fallback). */
async function typeInMonaco(page: Page, text: string) {
	await page.locator('.monaco-editor .view-lines').first().click();
	await page.keyboard.type(text);
}

test.describe('writing and debrief', () => {
	test.describe.configure({ mode: 'serial' });
	let file = '';

	test.beforeAll(async () => {
		file = await playedDrillFile();
	});

	for (const theme of ['dark', 'light'] as const) {
		test(`the debrief explains the drill criterion by criterion (${theme} theme)`, async ({ page }) => {
			await useTheme(page, theme);
			await restore(page, file);
			await open(page, `/progress?profile=${PROFILE_ID}`);
			await page.getByRole('link', { name: /^Debrief of Card payments failing/ }).click();
			await expect(page).toHaveURL(new RegExp(`/drills/${DRILL}/debrief\\?attempt=${ATTEMPT_ID}`));
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Debrief: Card payments failing after a checkout release'
			);

			const kpis = page.getByRole('region', { name: 'KPIs against targets' });
			await expect(kpis.getByRole('row', { name: /Time to acknowledge 1m15s/ })).toContainText('Met');
			await expect(kpis.getByRole('row', { name: /Documentation score/ })).toContainText(
				'nothing written yet'
			);

			const feedback = page.getByRole('region', { name: 'Feedback by criterion' });
			const ack = feedback.getByRole('listitem').filter({ hasText: 'Acknowledged the page quickly' });
			await expect(ack).toContainText('Met');
			await expect(ack).toContainText('What good looks like:');
			const evidence = feedback.getByRole('listitem').filter({ hasText: 'Found the key evidence' });
			await expect(evidence).toContainText(
				'missed: v2.41.0 of checkout-api shipped minutes before the errors began.'
			);

			const what = page.getByRole('region', { name: 'What happened' });
			await expect(what).toContainText('pooled HTTP/2 transport');
			const evidenceSeen = what.getByRole('region', { name: 'Key evidence' }).getByRole('listitem');
			await expect(evidenceSeen.filter({ hasText: 'v2.41.0 of checkout-api shipped' })).toContainText(
				'you did not look at this'
			);
			await expect(evidenceSeen.filter({ hasText: 'concentrated on /api/checkout/pay' })).toContainText(
				'before your first change'
			);

			const chart = page.getByRole('region', { name: /Your response on the SLI chart/ });
			await expect(chart.getByRole('img', { name: /Error rate by route over the drill/ })).toBeVisible({
				timeout: 30_000
			});
			await expect(chart.locator('canvas').first()).toBeVisible();
			await expect(
				chart.getByRole('listitem').filter({ hasText: 'Mitigation: Roll back a deployment' })
			).toBeVisible();
			await expect(chart.getByRole('listitem').filter({ hasText: /Par.*Mitigated/ })).toBeVisible();
			await chart.screenshot({ path: `${SHOTS}/debrief-chart-${theme}.png` });

			await expect(page.getByRole('link', { name: 'Try again with another seed' })).toHaveAttribute(
				'href',
				new RegExp(`/drills/${DRILL}/play\\?seed=\\d+$`)
			);
			await expectNoSeriousA11yViolations(page);
			await page.screenshot({ path: `${SHOTS}/debrief-${theme}.png`, fullPage: true });
		});
	}

	test('a runbook typed into Monaco is graded live, and submitting it re-scores the drill', async ({
		page
	}) => {
		await useTheme(page, 'dark');
		await restore(page, file);
		await open(page, `/drills/${DRILL}/debrief?attempt=${ATTEMPT_ID}`);
		const docs = page
			.getByRole('region', { name: 'KPIs against targets' })
			.getByRole('row', { name: /Documentation score/ });
		await expect(docs).toContainText('nothing written yet');
		await page.getByRole('link', { name: 'Write the runbook' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Write the runbook');
		await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
		await expect(page.locator('[data-engine="monaco"]')).toHaveCount(1);

		const meaning = page.getByRole('listitem').filter({ hasText: 'Names the alert and what it means' });
		await expect(meaning).toContainText('Partly');
		// Replace the template with a runbook of our own, typed key by key.
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('ControlOrMeta+A');
		await page.keyboard.press('Delete');
		await typeInMonaco(
			page,
			[
				'# CheckoutHighErrorRate',
				'',
				'## Meaning',
				'Fires when more than 2% of checkout-api requests fail with 5xx for 2 minutes.',
				'',
				'## Impact',
				'Customers cannot pay at checkout; every minute loses orders.',
				'',
				'## Diagnosis',
				'1. Open the checkout overview dashboard and check the error rate by route panel to see which route fails.',
				'2. Run kubectl rollout history deploy/checkout-api and compare the last release time with the first errors.',
				'',
				'## Mitigation',
				'- If a release started it: run kubectl rollout undo deploy/checkout-api to go back one version.',
				'- If the payment provider is down: enable the payments fallback flag.',
				'',
				'## Verify',
				'The error rate panel is back under 1% within 5 minutes and the alert resolves.',
				'',
				'## Escalate',
				'If errors persist 15 minutes after the rollback, page the payments on-call in the payments channel.',
				''
			].join('\n')
		);
		await expect(meaning).toContainText('Met');
		await expect(page.getByRole('tab', { name: /^Rubric feedback · \d+$/ })).toBeVisible();
		await expect(page.getByText(/^Draft saved \d\d:\d\d:\d\d UTC$/)).toBeVisible();
		await expectNoSeriousA11yViolations(page);
		await page.screenshot({ path: `${SHOTS}/write-runbook-dark.png` });

		await page.getByRole('tab', { name: 'Preview' }).click();
		await expect(
			page.getByRole('tabpanel', { name: 'Preview' }).getByRole('heading', { name: 'Mitigation' })
		).toBeVisible();
		await page.screenshot({ path: `${SHOTS}/write-runbook-preview.png` });

		await page.getByRole('button', { name: 'Submit runbook' }).click();
		const done = page.getByRole('status').filter({ hasText: /^Submitted: this runbook scored/ });
		await expect(done).toContainText(/The drill’s score is now \d+\/100 \(was \d+\)/);
		await done.getByRole('link', { name: 'Back to the debrief' }).click();

		await expect(page.getByRole('link', { name: /^Edit the runbook · \d+\/100$/ })).toBeVisible();
		const runbook = page
			.getByRole('region', { name: 'Feedback by criterion' })
			.getByRole('listitem')
			.filter({ hasText: 'Runbook quality' });
		await expect(runbook).toContainText(/Runbook scored \d+\/100/);
		await expect(docs).toContainText(/\d+\/100 \((strong|meets the bar)\)/);
	});

	test('a postmortem starts from the drill’s own timeline', async ({ page }) => {
		await useTheme(page, 'light');
		await restore(page, file);
		await open(page, `/drills/${DRILL}/write?attempt=${ATTEMPT_ID}&kind=postmortem`);
		await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
		const timeline = page.getByRole('listitem').filter({ hasText: 'Timeline with times' });
		await expect(timeline).toContainText('Not met');
		await page.getByRole('button', { name: 'Insert the drill’s timeline' }).click();
		await expect(timeline).toContainText('Met');
		await expect(
			page.getByRole('listitem').filter({ hasText: 'Timeline matches what happened' })
		).toContainText('Met');
		await expect(page.locator('.monaco-editor .view-lines')).toContainText(
			'CheckoutHighErrorRate paged the on-call'
		);
		await expectNoSeriousA11yViolations(page);
		await page.screenshot({ path: `${SHOTS}/write-postmortem-light.png` });
	});

	test('the standalone runbook exercise grades a runbook for a chosen alert', async ({ page }) => {
		await useTheme(page, 'dark');
		await open(page, '/runbook-exercise');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Runbook writing exercise');
		await page.getByLabel('Alert', { exact: true }).selectOption(`${DRILL}/CheckoutHighErrorRate`);
		await expect(page.getByText(/^Expression/)).toBeVisible();
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('button', { name: /Start the 30-minute clock|Continue writing/ }).click();
		await expect(page.getByRole('timer', { name: 'Time left' })).toContainText(/\d+:\d\d left/);
		await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
		const rollback = page.getByRole('listitem').filter({ hasText: 'How to undo, and the risks' });
		await expect(rollback).toContainText('Not met');
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('ControlOrMeta+A');
		await page.keyboard.press('Delete');
		await page.keyboard.type(
			[
				'# CheckoutHighErrorRate',
				'',
				'## Mitigation',
				'- If a release started it: run kubectl rollout undo deploy/checkout-api.',
				'',
				'## Rollback',
				'To undo the rollback, redeploy the newer release once it is fixed; the errors may come back, so watch the error rate.',
				''
			].join('\n')
		);
		await expect(rollback).toHaveAttribute('data-result', 'met');
		await expect(rollback).toContainText('✓Met');
		await page.screenshot({ path: `${SHOTS}/runbook-exercise-dark.png` });
		await page.getByRole('button', { name: 'Submit runbook' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: /^Submitted: this runbook scored \d+\/100/ })
		).toBeVisible();
	});
});
