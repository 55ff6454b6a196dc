/**
 * The Drill console's acceptance test: checkout-deploy-regression played through the UI alone, from the page to
 * resolution, the way a trainee would. Screenshots of three moments go to tests/e2e/screenshots/.
 */
import { expect, expectNoSeriousA11yViolations, open, test } from './helpers';

const SHOTS = 'tests/e2e/screenshots';

test('a trainee works checkout-deploy-regression from the page to resolution', async ({ page }) => {
	test.setTimeout(240_000);
	await open(page, '/drills/checkout-deploy-regression/play?seed=42');
	await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
	await page.getByRole('button', { name: '10×' }).click();

	// 1. Paged: acknowledge.
	const pager = page.getByRole('region', { name: 'Pager' });
	const incoming = pager.getByRole('article', { name: 'CheckoutHighErrorRate' });
	await expect(incoming).toBeVisible({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Pause' }).click();
	await incoming.getByRole('button', { name: /^Acknowledge/ }).click();
	await expect(incoming).toContainText(/Acknowledged/);

	// 2. The error-rate panel: the /pay route is the one failing.
	await page.getByRole('tab', { name: 'Dashboards' }).click();
	await page.getByRole('button', { name: 'View Error rate by route' }).click();
	await expect(page.getByRole('heading', { name: 'Error rate by route' })).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/1-paged-dashboard.png` });

	// 3. Logs: the 502s and what they say.
	await page.getByRole('tab', { name: 'Logs' }).click();
	const logql = page.getByLabel('LogQL query');
	await logql.fill('{service="checkout-api"} |= "502"');
	await page.getByRole('button', { name: 'Run query' }).click();
	const lines = page.getByRole('list', { name: 'Log lines, newest first' });
	await expect(lines.getByRole('listitem').first()).toContainText('502');
	await expect(lines).toContainText('pool exhausted');
	await page.screenshot({ path: `${SHOTS}/2-logs-502.png` });

	// 4. What changed: the deploy history.
	await page.getByRole('tab', { name: 'Changes' }).click();
	await expect(page.getByRole('tabpanel')).toContainText('v2.41.0');

	// 5. First status update.
	const channel = page.getByRole('region', { name: /Incident channel/ });
	await page.getByRole('button', { name: 'Write a status update' }).click();
	let composer = page.getByRole('form', { name: 'Status update' });
	await composer.getByRole('radio', { name: 'Investigating' }).check();
	await composer.getByRole('checkbox', { name: 'Checkout', exact: true }).check();
	await composer
		.getByLabel('Message to customers')
		.fill(
			'14:23 UTC: About one in five card payments fails at checkout since 14:15 UTC. Carts and browsing work. We are investigating a recent release. Next update by 14:45 UTC.'
		);
	await composer.getByRole('button', { name: 'Post update' }).click();
	await expect(channel.getByRole('log')).toContainText('Status page · Investigating');

	// 6. Roll back (a risky action: confirmation and a reason).
	const actions = page.getByRole('region', { name: 'Actions' });
	const rollback = actions.locator('details').filter({ hasText: 'Roll back a deployment' });
	await rollback.locator('summary').click();
	await rollback.getByLabel('Service').selectOption('checkout-api');
	await rollback.getByRole('button', { name: 'Run…' }).click();
	const confirm = page.getByRole('dialog', { name: /Confirm: Roll back a deployment/ });
	await confirm
		.getByLabel(/Reason/)
		.fill('Payment 502s began right after v2.41.0; the rollback is reversible');
	await confirm.getByRole('button', { name: /^Run / }).click();
	await expect(confirm).toBeHidden();

	// 7. Escalate to the owning team.
	await page.getByRole('button', { name: 'Escalate…' }).click();
	const escalate = page.getByRole('dialog', { name: 'Escalate' });
	await escalate.getByRole('radio', { name: /Payments on-call/ }).check();
	await escalate
		.getByLabel('Message')
		.fill('/api/checkout/pay fails ~20% with 502 (pool exhausted) since v2.41.0; rolling back now');
	await escalate.getByRole('button', { name: 'Page' }).click();
	await expect(channel.getByRole('log')).toContainText('Paged Payments on-call (Dana Okafor)');

	// 8. Let time run: the rollback lands, Payments answers, the alert resolves.
	await page.getByRole('button', { name: 'Resume' }).click();
	await expect(channel.getByRole('log')).toContainText('Dana here', { timeout: 60_000 });
	await page.screenshot({ path: `${SHOTS}/3-mitigated-channel.png` });

	// 9. Second status update while the fix is verified (the composer is still open).
	composer = page.getByRole('form', { name: 'Status update' });
	await expect(composer).toBeVisible();
	await composer.getByRole('radio', { name: 'Monitoring' }).check();
	await composer.getByRole('checkbox', { name: 'Checkout', exact: true }).check();
	await composer
		.getByLabel('Message to customers')
		.fill(
			'14:30 UTC: We rolled back the checkout release and payment errors are falling. Customers can retry failed payments. Next update by 14:50 UTC.'
		);
	await composer.getByRole('button', { name: 'Post update' }).click();
	await expect(channel.getByRole('log')).toContainText('Status page · Monitoring');

	// 10. The recovery checks turn green; close the incident.
	await expect(channel.getByRole('log')).toContainText('Recovery checks are green', { timeout: 150_000 });
	await page.getByRole('button', { name: 'Declare resolved…' }).click();
	const declare = page.getByRole('dialog', { name: 'Declare the incident resolved?' });
	await declare.getByLabel(/Summary/).fill('Rolled back checkout-api v2.41.0; errors normal since.');
	await declare.getByRole('button', { name: 'Declare resolved' }).click();
	const summary = page.getByRole('dialog', { name: 'Drill summary' });
	await expect(summary).toBeVisible();
	await expect(summary.getByRole('row', { name: /Time to acknowledge/ })).not.toContainText('—');
	await expect(summary.getByRole('row', { name: /Time to mitigate/ })).not.toContainText('—');
	await expectNoSeriousA11yViolations(page);
});
