/**
 * Interview mode end to end: an interviewer sets up a seeded, time-boxed session; the candidate works the incident
 * simulation in real time (no speed or pause), reloads, ends it early, writes a runbook until its time box runs out
 * and sees a neutral thank-you page; the interviewer unlocks their view, reads the live feed and the answer key,
 * takes a note, rates the six dimensions (overriding one with a reason) and produces the report, which is checked
 * for the weighted total and the evidence, exported as JSON and printed. axe-core runs on every page; screenshots go
 * to /tmp/shots for review.
 *
 * The browser clock is Playwright's: it runs normally, and `fastForward` skips the quiet minute before the page
 * fires (like closing a laptop lid) instead of waiting for it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, open, test, useTheme } from './helpers';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

const PASSPHRASE = 'correct horse battery';
const UPDATE =
	'Since 14:15 UTC about one in five card payments at checkout fails. We are rolling back a checkout release. Next update by 14:45 UTC.';
const RUNBOOK_LINES = [
	'# CheckoutHighErrorRate',
	'## Meaning',
	'Fires when more than 5% of checkout-api requests fail with 5xx for 5 minutes.',
	'## Diagnosis',
	'1. Run `sum by (route) (rate(http_requests_total{service="checkout-api",code=~"5.."}[5m]))` and note the failing route.',
	'## Mitigation',
	'- If a release started it: `kubectl rollout undo deploy/checkout-api`.',
	'## Verification',
	'The 5xx rate drops below 1% within 5 minutes and the alert resolves.'
];

async function shot(page: Page, name: string, fullPage = false) {
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** Sets up a session through the form and returns its code. */
async function setUp(page: Page): Promise<string> {
	await open(page, '/interview');
	await expect(page.getByRole('heading', { level: 1, name: 'Run an interview' })).toBeVisible();
	await expect(page.getByText(/a determined candidate/)).toBeVisible();
	await expectNoSeriousA11yViolations(page);
	await page.getByLabel('Candidate', { exact: true }).fill('Jane Doe');
	await page.getByLabel('Interviewer (optional)').fill('Priya Raman');
	await expect(page.getByLabel('Scenario')).toHaveValue('checkout-deploy-regression');
	await page.getByLabel('Seed').fill('42');
	await page.getByLabel('Time box (minutes)').first().fill('5');
	await page.getByLabel('Time box (minutes)').nth(1).fill('2');
	await expect(page.getByLabel('Alert to write the runbook for')).toHaveValue(
		'checkout-deploy-regression/CheckoutHighErrorRate'
	);
	// A mismatched passphrase is refused, field by field.
	await page.getByLabel('Interviewer passphrase').fill(PASSPHRASE);
	await page.getByLabel('Passphrase again').fill('something else');
	await page.getByRole('button', { name: 'Create session' }).click();
	await expect(page.getByLabel('Passphrase again')).toHaveAccessibleDescription(
		'The two passphrases differ.'
	);
	await page.getByLabel('Passphrase again').fill(PASSPHRASE);
	await shot(page, 'interview-1-setup', true);
	await page.getByRole('button', { name: 'Create session' }).click();
	const ready = page.getByRole('heading', { name: /^Session [A-Z]{3}-\d{3} is ready$/ });
	await expect(ready).toBeVisible({ timeout: 30_000 });
	const code = (await ready.textContent())?.match(/[A-Z]{3}-\d{3}/)?.[0];
	expect(code).toBeTruthy();
	await expect(page.getByRole('row', { name: new RegExp(code!) })).toContainText('Not started');
	return code!;
}

/** The candidate works the page: acknowledges it, looks at the changes, rolls back with a reason, posts an update. */
async function workTheIncident(cand: Page) {
	const pager = cand.getByRole('region', { name: 'Pager' });
	const incoming = pager.getByRole('article', { name: 'CheckoutHighErrorRate' });
	await expect(incoming).toBeVisible({ timeout: 30_000 });
	await cand.keyboard.press('a');
	await expect(incoming).toContainText(/Acknowledged \d\d:\d\d:\d\d UTC/);
	await cand.keyboard.press('g');
	await cand.keyboard.press('c');
	await expect(cand.getByRole('tabpanel')).toContainText('v2.41.0');

	const actions = cand.getByRole('region', { name: 'Actions' });
	const rollback = actions.locator('details').filter({ hasText: 'Roll back a deployment' });
	await rollback.locator('summary').click();
	await rollback.getByLabel('Service').selectOption('checkout-api');
	await rollback.getByRole('button', { name: 'Run…' }).click();
	const confirm = cand.getByRole('dialog', { name: /Confirm: Roll back a deployment/ });
	await confirm.getByLabel(/Reason/).fill('5xx began right after v2.41.0; rollback is reversible');
	await confirm.getByRole('button', { name: /^Run / }).click();
	await expect(confirm).toBeHidden();

	await cand.getByRole('button', { name: 'Write a status update' }).click();
	const composer = cand.getByRole('form', { name: 'Status update' });
	await composer.getByRole('radio', { name: 'Identified' }).check();
	await composer.getByRole('checkbox', { name: 'Checkout', exact: true }).check();
	await composer.getByLabel('Message to customers').fill(UPDATE);
	await composer.getByRole('button', { name: 'Post update' }).click();
	await expect(composer.getByRole('status')).toContainText('Identified update posted');
}

/** The number N of "Suggested: N · …" in a dimension card, or null. */
async function suggested(card: Locator): Promise<number | null> {
	const text =
		(await card
			.getByText(/^Suggested:/)
			.textContent()
			.catch(() => null)) ?? '';
	const m = /Suggested:\s*(\d)/.exec(text);
	return m ? Number(m[1]) : null;
}

test('an interview from set-up to printed report', async ({ page, context }) => {
	test.setTimeout(300_000);
	await context.clock.install();

	// ── Set-up (interviewer's tab) ──────────────────────────────────────────────────────────────────────────────
	const code = await setUp(page);

	// ── Candidate ───────────────────────────────────────────────────────────────────────────────────────────────
	// The candidate's pages in the dark theme, the interviewer's in the light one: axe checks both palettes.
	const cand = await context.newPage();
	await useTheme(cand, 'dark');
	await open(cand, `/interview/candidate?code=${code}`);
	await expect(cand.getByRole('navigation', { name: 'Main' })).toBeHidden();
	await expect(cand.getByRole('heading', { level: 1, name: 'Welcome, Jane Doe' })).toBeVisible();
	await expect(cand.getByRole('main')).not.toContainText('Card payments failing');
	await expectNoSeriousA11yViolations(cand);
	await shot(cand, 'interview-2-candidate-welcome', true);
	await cand.getByRole('button', { name: 'Start the incident simulation' }).click();
	await expect(cand.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
	await expect(cand.getByRole('heading', { level: 1 })).toHaveText('Incident simulation');
	await expect(cand.getByRole('main')).not.toContainText(/deploy-regression|Card payments failing/);
	await expect(cand.getByRole('timer', { name: /^Time left: 0[45]:\d\d$/ })).toBeVisible();
	await expect(cand.getByRole('button', { name: '10×' })).toHaveCount(0);
	await expect(cand.getByRole('button', { name: 'Pause' })).toHaveCount(0);

	// The page fires about 75 s into the shift.
	await context.clock.fastForward('01:20');
	await workTheIncident(cand);
	await expectNoSeriousA11yViolations(cand);
	await shot(cand, 'interview-3-candidate-console');

	// A reload picks the simulation up where it was. Playwright's fake clock also fakes `performance`, whose
	// navigation entry is how the app tells a reload from a new tab; so here the reloaded page may see the drill as
	// held by another tab and offer to continue in this one (the path a duplicated tab takes).
	await cand.reload();
	const drillClock = cand.getByRole('group', { name: 'Drill clock' });
	const takeOver = cand.getByRole('button', { name: 'Continue in this tab' });
	await expect(drillClock.or(takeOver)).toBeVisible({ timeout: 30_000 });
	if (await takeOver.isVisible()) await takeOver.click();
	await expect(drillClock).toBeVisible({ timeout: 30_000 });
	const pager = cand.getByRole('region', { name: 'Pager' });
	await expect(pager.getByRole('article', { name: 'CheckoutHighErrorRate' })).toContainText(/Acknowledged/);
	await expect(cand.getByRole('region', { name: /Incident channel/ }).getByRole('log')).toContainText(
		'Status page · Identified'
	);

	// The candidate ends the simulation early.
	await cand.getByRole('button', { name: 'End exercise…' }).click();
	const end = cand.getByRole('dialog', { name: 'End the incident simulation?' });
	await end.getByRole('button', { name: 'End exercise' }).click();
	await expect(cand.getByRole('heading', { level: 1, name: /Part 2: runbook writing exercise/ })).toBeVisible(
		{
			timeout: 30_000
		}
	);
	await expect(cand.getByRole('main')).not.toContainText(/score|\/100/i);

	// The runbook exercise, handed in when its two-minute time box runs out.
	await cand.getByRole('button', { name: 'Start the runbook exercise' }).click();
	await expect(cand.getByRole('heading', { level: 1, name: 'Runbook: CheckoutHighErrorRate' })).toBeVisible();
	await expect(cand.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
	await cand.locator('.monaco-editor .view-lines').first().click();
	for (const line of RUNBOOK_LINES) {
		await cand.keyboard.type(line);
		await cand.keyboard.press('Enter');
	}
	await expect(cand.getByRole('timer', { name: /^Time left: 0[12]:\d\d$/ })).toBeVisible();
	await expectNoSeriousA11yViolations(cand, { exclude: ['.monaco-editor'] });
	await shot(cand, 'interview-4-candidate-runbook');
	await context.clock.fastForward('02:05');
	await expect(cand.getByRole('heading', { level: 1, name: 'Thank you, Jane Doe' })).toBeVisible({
		timeout: 30_000
	});
	await expect(cand.getByRole('main')).not.toContainText(/score|rating|\/100|bar/i);
	await expectNoSeriousA11yViolations(cand);
	await shot(cand, 'interview-5-thank-you');

	// ── Interviewer (a fresh tab in the light theme: it has to unlock) ───────────────────────────────────────────────
	const desk = await context.newPage();
	// The candidate's tab saved "dark" for the whole browser; this tab chooses light for itself.
	await desk.addInitScript(() => localStorage.setItem('pagerdrill.theme', 'light'));
	await open(desk, `/interview/interviewer?code=${code}`);
	await expect(desk.getByRole('heading', { name: 'Interviewer unlock' })).toBeVisible();
	await expect(desk.getByText('Root cause')).toHaveCount(0);
	await expectNoSeriousA11yViolations(desk);
	await desk.getByLabel('Passphrase').fill('not the passphrase');
	await desk.getByRole('button', { name: 'Unlock' }).click();
	await expect(desk.getByRole('alert')).toHaveText('That passphrase does not match.', { timeout: 30_000 });
	await desk.getByLabel('Passphrase').fill(PASSPHRASE);
	await desk.getByRole('button', { name: 'Unlock' }).click();

	const feed = desk.getByRole('log', { name: /Candidate activity/ });
	await expect(feed).toContainText('Acknowledged page P001', { timeout: 30_000 });
	await expect(feed).toContainText('Ran “Roll back a deployment” (service=checkout-api)');
	await expect(feed.getByText('Correct mitigation')).toBeVisible();
	await expect(feed).toContainText('The simulation ended: the candidate ended the exercise');
	await expect(desk.getByText(/Runbook \(handed in\) · \d+ words/)).toBeVisible();

	await desk.getByText('Answer key', { exact: true }).click();
	await expect(desk.getByText(/checkout-api v2\.41\.0 switched the payment client/)).toBeVisible();
	await expect(desk.getByText(/Rolling back payment-gateway, which is healthy/)).toBeVisible();

	await desk.getByLabel('New note').fill('Went to the change list right after acknowledging.');
	await desk.getByRole('button', { name: 'Add note' }).click();
	await expect(desk.getByRole('list', { name: 'Notes, oldest first' })).toContainText(
		'Went to the change list'
	);

	// Rate: accept every suggestion, rate scripting (nothing measured it) and override observability, with reasons.
	const cards = desk.getByRole('article');
	await expect(cards).toHaveCount(6);
	for (const name of ['Troubleshooting', 'Linux', 'Observability', 'Communication', 'Collaboration']) {
		const card = desk.getByRole('article', { name: new RegExp(`^${name}`) });
		const accept = card.getByRole('button', { name: /^Accept \d$/ });
		await expect(accept).toBeVisible();
		await accept.click();
		await expect(accept).toBeHidden();
	}
	const scripting = desk.getByRole('article', { name: /^Scripting/ });
	await expect(scripting).toContainText('No suggestion');
	await scripting.getByRole('radio', { name: /^2 · Below the bar/ }).check();
	await scripting.getByLabel('Reason (required)').fill('Could not outline a log-parsing script when asked.');
	const observability = desk.getByRole('article', { name: /^Observability/ });
	const suggestion = await suggested(observability);
	expect(suggestion).not.toBeNull();
	const override = suggestion === 1 ? 2 : suggestion! - 1;
	await observability.getByRole('radio', { name: new RegExp(`^${override} · `) }).check();
	const reason = observability.getByLabel('Reason (required)');
	await expect(reason).toHaveAccessibleDescription(new RegExp(`suggestion was ${suggestion}`));
	await reason.fill('Never checked the error-rate panel after the rollback.');
	await reason.blur();
	await expect(desk.getByText(/6 of 6 dimensions rated/)).toBeVisible();
	await expectNoSeriousA11yViolations(desk);
	await shot(desk, 'interview-6-interviewer', true);

	// ── Report ──────────────────────────────────────────────────────────────────────────────────────────────────
	await desk.getByRole('link', { name: 'Report' }).click();
	await expect(desk.getByRole('heading', { level: 1, name: `Jane Doe · ${code}` })).toBeVisible({
		timeout: 30_000
	});
	const rows = desk.getByRole('table').first().getByRole('row');
	await expect(rows).toHaveCount(7);
	let weighted = 0;
	for (let i = 1; i < 7; i++) {
		const cells = await rows.nth(i).locator('td').allTextContents();
		const weight = Number(cells[0].replace('%', ''));
		const rating = Number(/^\s*(\d)/.exec(cells[2])?.[1]);
		weighted += weight * rating;
	}
	const total = (Math.round(weighted) / 100).toFixed(2);
	await expect(desk.getByTestId('weighted-total')).toHaveText(total);
	await expect(desk.getByText('all six dimensions rated')).toBeVisible();
	await expect(desk.getByRole('row', { name: /^Observability/ })).toContainText('(override)');
	await expect(desk.getByRole('row', { name: /^Observability/ })).toContainText(
		'Never checked the error-rate panel'
	);
	await expect(desk.locator('blockquote')).toHaveText(UPDATE);
	await expect(desk.getByRole('table', { name: 'What happened, oldest first' })).toContainText(
		'Acknowledged page P001'
	);
	await expect(desk.getByRole('table', { name: 'What happened, oldest first' })).toContainText(
		'Key evidence'
	);
	await expect(desk.getByRole('row', { name: /Time to acknowledge/ })).not.toContainText('—');
	await expect(desk.getByRole('region', { name: /Runbook for/ })).toContainText(/Score: \d+\/100/);
	await expect(desk.getByRole('region', { name: 'Interviewer notes' })).toContainText(
		'Went to the change list'
	);
	await expect(desk.getByText(/Version · seed/).locator('xpath=following-sibling::dd[1]')).toContainText(
		'· 42'
	);
	await expectNoSeriousA11yViolations(desk);
	await shot(desk, 'interview-7-report', true);

	const [download] = await Promise.all([
		desk.waitForEvent('download'),
		desk.getByRole('button', { name: 'Download JSON' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`interview-${code}-jane-doe.json`);
	const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
	expect(exported).toMatchObject({
		format: 'pagerdrill-interview-report',
		session: { code, candidate: 'Jane Doe', seed: 42, scenario: { id: 'checkout-deploy-regression' } },
		total: { value: Number(total), complete: true }
	});

	await desk.emulateMedia({ media: 'print' });
	await expect(desk.locator('.app-header')).toBeHidden();
	await expect(desk.getByRole('button', { name: 'Download JSON' })).toBeHidden();
	await shot(desk, 'interview-8-report-print', true);
	await desk.emulateMedia({ media: 'screen' });

	// ── Compare: the session (unlocked in this tab) plus its own exported report, counted once ──────────────────
	await open(desk, `/interview/compare?codes=${code}`);
	const table = desk.getByRole('table', { name: 'Candidates compared' });
	await expect(table.getByRole('columnheader', { name: /Jane Doe/ })).toBeVisible({ timeout: 30_000 });
	await desk.getByLabel('Add exported reports (JSON)').setInputFiles((await download.path())!);
	await expect(table.getByRole('columnheader')).toHaveCount(2);
	await expect(table.getByRole('row', { name: /^Weighted total/ })).toContainText(total);
	await expectNoSeriousA11yViolations(desk);
	await shot(desk, 'interview-9-compare', true);

	// ── The set-up page lists the finished session; the home page leads here ─────────────────────────────────────
	await open(page, '/interview');
	await expect(page.getByRole('row', { name: new RegExp(code) })).toContainText('Finished');
	await open(page, '/');
	await page.getByRole('link', { name: 'Run an interview' }).click();
	await expect(page).toHaveURL(/\/interview$/);
});
