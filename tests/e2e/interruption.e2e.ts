/**
 * Nothing the trainee saw done is lost when the page goes away right after: for each kind of trainee event
 * (acknowledgement, action, status update, note, escalation) the spec acts, waits until the channel shows it, then
 * interrupts — a reload 0, 200 or 1,000 ms later, closing the tab, or killing the browser with SIGKILL — and checks
 * that the reopened drill still shows it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { expect, test, waitForHydration } from './helpers';

type Interruption = 'reload 0 ms' | 'reload 200 ms' | 'reload 1000 ms' | 'close tab' | 'kill browser';

interface Step {
	kind: string;
	/** Does the act; resolves once the channel shows it done. */
	act: (page: Page) => Promise<void>;
	/** Text the channel shows for the act. */
	shows: string;
}

const channelLog = (page: Page): Locator =>
	page.getByRole('region', { name: /Incident channel/ }).getByRole('log');

async function openDrill(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await waitForHydration(page);
	await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
}

const steps: Step[] = [
	{
		kind: 'acknowledgement',
		shows: 'Acknowledged CheckoutHighErrorRate',
		act: async (page) => {
			await page.getByRole('button', { name: '10×' }).click();
			const incoming = page
				.getByRole('region', { name: 'Pager' })
				.getByRole('article', { name: 'CheckoutHighErrorRate' });
			await expect(incoming).toBeVisible({ timeout: 60_000 });
			await page.getByRole('button', { name: 'Pause' }).click();
			await incoming.getByRole('button', { name: /^Acknowledge/ }).click();
			await expect(channelLog(page)).toContainText('Acknowledged CheckoutHighErrorRate');
		}
	},
	{
		kind: 'note',
		shows: 'Payment errors only on the pay route',
		act: async (page) => {
			const note = page.getByPlaceholder(/Note for the timeline/);
			await note.fill('Payment errors only on the pay route');
			await note.press('Enter');
			await expect(channelLog(page)).toContainText('Payment errors only on the pay route');
		}
	},
	{
		kind: 'status update',
		shows: 'Status page · Investigating',
		act: async (page) => {
			await page.getByRole('button', { name: 'Write a status update' }).click();
			const composer = page.getByRole('form', { name: 'Status update' });
			await composer.getByRole('radio', { name: 'Investigating' }).check();
			await composer.getByRole('checkbox', { name: 'Checkout', exact: true }).check();
			await composer
				.getByLabel('Message to customers')
				.fill('Some card payments fail at checkout. We are investigating and will update within 30 minutes.');
			await composer.getByRole('button', { name: 'Post update' }).click();
			await expect(channelLog(page)).toContainText('Status page · Investigating');
		}
	},
	{
		kind: 'action',
		shows: 'Ran “Roll back',
		act: async (page) => {
			const rollback = page
				.getByRole('region', { name: 'Actions' })
				.locator('details')
				.filter({ hasText: 'Roll back a deployment' });
			await rollback.locator('summary').click();
			await rollback.getByLabel('Service').selectOption('checkout-api');
			await rollback.getByRole('button', { name: 'Run…' }).click();
			const confirm = page.getByRole('dialog', { name: /Confirm: Roll back a deployment/ });
			await confirm.getByLabel(/Reason/).fill('Payment 502s began right after v2.41.0; reversible');
			await confirm.getByRole('button', { name: /^Run / }).click();
			await expect(confirm).toBeHidden();
			await expect(channelLog(page)).toContainText('Ran “Roll back');
		}
	},
	{
		kind: 'escalation',
		shows: 'Paged Payments on-call',
		act: async (page) => {
			await page.getByRole('button', { name: 'Escalate…' }).click();
			const escalate = page.getByRole('dialog', { name: 'Escalate' });
			await escalate.getByRole('radio', { name: /Payments on-call/ }).check();
			await escalate
				.getByLabel('Message')
				.fill('Pay route fails with 502 since v2.41.0; rolled back, please check the pool');
			await escalate.getByRole('button', { name: 'Page' }).click();
			await expect(channelLog(page)).toContainText('Paged Payments on-call');
		}
	}
];

const launchArgs = config.use?.launchOptions?.args ?? [];
const executablePath = config.use?.launchOptions?.executablePath;
const baseURL = config.use?.baseURL ?? '';

const interruptions: Interruption[] = [
	'reload 0 ms',
	'reload 200 ms',
	'reload 1000 ms',
	'close tab',
	'kill browser'
];

for (const interruption of interruptions) {
	test(`after ${interruption}, every act the channel showed is still there`, async () => {
		test.setTimeout(240_000);
		const userDataDir = mkdtempSync(join(tmpdir(), 'pagerdrill-e2e-'));
		const launch = () =>
			chromium.launchPersistentContext(userDataDir, {
				executablePath,
				args: launchArgs,
				baseURL,
				viewport: { width: 1366, height: 768 }
			});
		let context: BrowserContext = await launch();
		try {
			let page = context.pages()[0] ?? (await context.newPage());
			await openDrill(page, '/drills/checkout-deploy-regression/play?seed=42');
			await expect(page).toHaveURL(/attempt=/, { timeout: 15_000 });
			const url = page.url();
			const done: string[] = [];
			for (const step of steps) {
				await step.act(page);
				done.push(step.shows);
				if (interruption.startsWith('reload')) {
					await page.waitForTimeout(Number(interruption.split(' ')[1]));
					await page.reload();
					await waitForHydration(page);
					await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
				} else if (interruption === 'close tab') {
					const next = await context.newPage();
					await page.close({ runBeforeUnload: false });
					page = next;
					await openDrill(page, url);
				} else {
					execFileSync('pkill', ['-KILL', '-f', '--', `user-data-dir=${userDataDir}`]);
					await context.close().catch(() => undefined);
					context = await launch();
					page = context.pages()[0] ?? (await context.newPage());
					await openDrill(page, url);
				}
				for (const text of done) {
					await expect(channelLog(page), `${text} after ${interruption}`).toContainText(text);
				}
				await expect(page.getByText(/open in another tab/i)).toHaveCount(0);
			}
		} finally {
			await context.close().catch(() => undefined);
			rmSync(userDataDir, { recursive: true, force: true });
		}
	});
}
