/**
 * Smoke test of the app shell and the incident-response console, in both themes, with axe-core checks.
 * Uses the built-in scenario `checkout-deploy-regression` with a fixed seed so runs are reproducible.
 */
import { expect, expectNoSeriousA11yViolations, open, test, useTheme, waitForHydration } from './helpers';

const DRILL = 'checkout-deploy-regression';

test.describe('app shell', () => {
	test('home explains the app and leads to the drills', async ({ page }) => {
		await open(page, '/');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Practise on-call');
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
		await expect(page.getByText('Coming soon')).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Run an interview' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Open the team view' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('link', { name: 'Browse drills' }).click();
		await expect(page).toHaveURL(/\/drills$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Drills' })).toBeVisible();
	});

	test('the catalog filters by skill and difficulty and opens a briefing', async ({ page }) => {
		await open(page, '/drills');
		const card = page.getByRole('article', { name: 'Card payments failing after a checkout release' });
		await expect(card).toBeVisible();
		await expect(card).toContainText('about 30 min');
		await expectNoSeriousA11yViolations(page);

		await page.getByRole('combobox', { name: /^Skill/ }).selectOption('deploy-safety');
		await expect(card).toBeVisible();
		await page.getByRole('combobox', { name: /^Difficulty/ }).selectOption('advanced');
		const status = page.getByRole('status').filter({ hasText: /^Showing/ });
		await expect(status).toContainText(/^Showing \d+ of \d+$/);
		await page.getByRole('combobox', { name: /^Difficulty/ }).selectOption('intro');
		await expect(card).toBeVisible();

		await card.getByRole('link').click();
		await expect(page).toHaveURL(new RegExp(`/drills/${DRILL}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Card payments failing after a checkout release'
		);
	});

	test('the briefing renders its markdown and says what is expected', async ({ page }) => {
		await open(page, `/drills/${DRILL}`);
		const briefing = page.getByRole('region', { name: 'Briefing' });
		await expect(briefing.locator('strong', { hasText: 'SRE on-call' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'What is expected of you' })).toBeVisible();
		await expect(page.getByRole('complementary')).toContainText('checkout-api');
		await expect(page.getByRole('link', { name: 'Start drill' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('the theme choice applies before paint and survives a reload', async ({ page }) => {
		await useTheme(page, 'light');
		await open(page, '/');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('button', { name: /^Theme: Light/ }).click();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		await page.reload();
		await waitForHydration(page);
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	});

	test('? lists the keyboard shortcuts', async ({ page }) => {
		await open(page, '/');
		await page.keyboard.press('?');
		const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
		await expect(dialog).toBeVisible();
		await expect(dialog).toContainText('Acknowledge the newest open page');
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
	});
});

test.describe('drill console', () => {
	for (const theme of ['dark', 'light'] as const) {
		test(`a page can be worked end to end (${theme} theme)`, async ({ page }) => {
			await useTheme(page, theme);
			await open(page, `/drills/${DRILL}/play?seed=42`);
			await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });

			// Run the clock fast until the pager goes off.
			await page.getByRole('button', { name: '10×' }).click();
			const pager = page.getByRole('region', { name: 'Pager' });
			const incoming = pager.getByRole('article', { name: 'CheckoutHighErrorRate' });
			await expect(incoming).toBeVisible({ timeout: 45_000 });
			await page.getByRole('button', { name: 'Pause' }).click();
			await expectNoSeriousA11yViolations(page);

			// Keyboard: acknowledge the newest page, jump to Changes.
			await page.keyboard.press('a');
			await expect(incoming).toContainText(/Acknowledged \d\d:\d\d:\d\d UTC/);
			await page.keyboard.press('g');
			await page.keyboard.press('c');
			await expect(page.getByRole('tab', { name: 'Changes' })).toHaveAttribute('aria-selected', 'true');
			const changes = page.getByRole('tabpanel');
			await expect(changes).toContainText('v2.41.0');
			await expect(changes).toContainText('Switch payment client to pooled HTTP/2 transport');

			// `/` jumps to the query box of Explore.
			await page.keyboard.press('/');
			await expect(page.getByRole('tab', { name: 'Explore' })).toHaveAttribute('aria-selected', 'true');
			await expect(page.locator('#query-input')).toBeFocused();

			// The alert's runbook link opens the runbook page.
			await incoming.getByRole('button', { name: 'Runbook' }).click();
			await expect(page.getByRole('tab', { name: 'Runbooks' })).toHaveAttribute('aria-selected', 'true');
			await expect(
				page.getByRole('tabpanel').getByRole('heading', { name: 'CheckoutHighErrorRate' })
			).toBeVisible();

			// A note in the incident channel.
			const channel = page.getByRole('region', { name: /Incident channel/ });
			await channel.getByRole('textbox').fill('Errors on /api/checkout/pay began after v2.41.0');
			await channel.getByRole('textbox').press('Enter');
			await expect(channel.getByRole('log')).toContainText('Errors on /api/checkout/pay began after v2.41.0');

			// A risky action needs a reason.
			const actions = page.getByRole('region', { name: 'Actions' });
			const rollback = actions.locator('details').filter({ hasText: 'Roll back a deployment' });
			await rollback.locator('summary').click();
			await rollback.getByLabel('Service').selectOption('checkout-api');
			await rollback.getByRole('button', { name: 'Run…' }).click();
			const confirm = page.getByRole('dialog', { name: /Confirm: Roll back a deployment/ });
			await expect(confirm).toBeVisible();
			await expectNoSeriousA11yViolations(page);
			await confirm.getByLabel(/Reason/).fill('5xx began right after v2.41.0; rollback is reversible');
			await confirm.getByRole('button', { name: /^Run / }).click();
			await expect(confirm).toBeHidden();
			await expect(channel.getByRole('log')).toContainText(
				'Ran “Roll back a deployment” (service=checkout-api)'
			);

			// Escalate to the owners.
			await page.getByRole('button', { name: 'Escalate…' }).click();
			const escalate = page.getByRole('dialog', { name: 'Escalate' });
			await escalate.getByRole('radio', { name: /Payments on-call/ }).check();
			await escalate
				.getByLabel('Message')
				.fill('Checkout pay route failing ~20% with 502 since v2.41.0; rolling back');
			await escalate.getByRole('button', { name: 'Page' }).click();
			await expect(escalate).toBeHidden();
			await expect(channel.getByRole('log')).toContainText('Paged Payments on-call (Dana Okafor)');

			// A status update.
			await page.getByRole('button', { name: 'Write a status update' }).click();
			const composer = page.getByRole('form', { name: 'Status update' });
			await composer.getByRole('radio', { name: 'Identified' }).check();
			await composer.getByRole('checkbox', { name: 'Checkout', exact: true }).check();
			await composer
				.getByLabel('Message to customers')
				.fill(
					'Some card payments fail at checkout since 14:15 UTC. A fix is rolling out. Next update 14:45 UTC.'
				);
			await composer.getByRole('button', { name: 'Post update' }).click();
			await expect(composer.getByRole('status')).toContainText('Identified update posted');
			await expect(channel.getByRole('log')).toContainText('Status page · Identified');

			// Ending the drill shows the raw measures and the place for the debrief.
			await page.getByRole('button', { name: 'Declare resolved…' }).click();
			const declare = page.getByRole('dialog', { name: 'Declare the incident resolved?' });
			await declare.getByLabel(/Summary/).fill('Rolled back checkout-api v2.41.0');
			await declare.getByRole('button', { name: 'Declare resolved' }).click();
			const summary = page.getByRole('dialog', { name: 'Drill summary' });
			await expect(summary).toBeVisible();
			await expect(summary).toContainText('You declared the incident resolved.');
			await expect(summary.getByRole('row', { name: /Time to acknowledge/ })).not.toContainText('—');
			await expect(summary.getByRole('heading', { name: 'Debrief and score' })).toBeVisible();
			await expectNoSeriousA11yViolations(page);
		});
	}

	test('a drill started without a seed gets one in the URL, so a reload replays it', async ({ page }) => {
		await open(page, `/drills/${DRILL}/play?seed=7`);
		await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
		await expect(page).toHaveURL(/seed=7/);
		await open(page, `/drills/${DRILL}/play`);
		await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
		await expect(page).toHaveURL(/seed=\d+/);
	});
});
