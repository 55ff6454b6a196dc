/**
 * Panels keep following the drill clock however often the trainee switches tabs: at 10× speed, after each round
 * through every centre tab (and the dashboards' own tabs and the status composer beside them), the dashboards'
 * "to HH:MM:SS" and an Explore instant query's evaluation time stay within one refresh of the clock bar.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, open, test } from './helpers';

const CENTRE_TABS = ['Dashboards', 'Explore', 'Logs', 'Changes', 'Services', 'Runbooks'] as const;
const ROUNDS = 3;
/** Wall ms spent on each tab, as a trainee reading it would (20 sim seconds at 10×). */
const DWELL_MS = 2_000;

/**
 * One refresh, in sim seconds at 10×: the 1 h window's 15 s step (the end is rounded down to it), plus one
 * live-panel tick (1 s of wall time, 10 sim seconds), plus the clock bar's own 250 ms tick and reading skew.
 */
const ONE_REFRESH_S = 30;

/** Seconds since midnight of an `HH:MM:SS` in `text`. */
function secondsOfDay(text: string | null): number {
	const m = /(\d\d):(\d\d):(\d\d)/.exec(text ?? '');
	if (!m) throw new Error(`no HH:MM:SS in ${JSON.stringify(text)}`);
	return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** How many sim seconds the time shown in `shown` is behind the clock bar (negative: ahead). */
async function lagBehindClock(page: Page, shown: Locator): Promise<number> {
	const clock = page.getByRole('group', { name: 'Drill clock' }).locator('time').first();
	const [c, s] = await Promise.all([clock.textContent(), shown.textContent()]);
	const lag = (secondsOfDay(c) - secondsOfDay(s) + 86_400) % 86_400;
	return lag > 43_200 ? lag - 86_400 : lag;
}

/** Waits (a few refreshes at most) until `shown` is within one refresh of the clock; fails with the lag seen. */
async function expectInStep(page: Page, shown: Locator, what: string, lags: number[]): Promise<void> {
	let last = Number.NaN;
	await expect
		.poll(
			async () => {
				last = await lagBehindClock(page, shown);
				return last >= -3 && last <= ONE_REFRESH_S ? 'in step' : `${last} s behind the clock`;
			},
			{ message: `${what} follows the drill clock`, timeout: 5_000 }
		)
		.toBe('in step');
	lags.push(last);
}

test('dashboards and Explore keep following the clock across tab switches', async ({ page }) => {
	test.setTimeout(180_000);
	await open(page, '/drills/checkout-deploy-regression/play?seed=42');
	await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
	await page.getByRole('button', { name: '10×' }).click();

	const tab = (name: string) => page.getByRole('tab', { name, exact: true });
	const dashboards = page.getByRole('region', { name: 'Dashboards' });
	const dashboardEnd = dashboards.locator('p', { hasText: /^\s*to \d\d:\d\d:\d\d UTC\s*$/ });
	const explore = page.getByRole('region', { name: 'Explore' });
	const exploreEnd = explore.locator('p', { hasText: /^\s*to \d\d:\d\d:\d\d UTC\s*$/ });
	const instantAt = explore.locator('caption', { hasText: /Instant vector at/ });

	// An instant query whose evaluation time the table caption shows.
	await tab('Explore').click();
	await page.getByLabel('PromQL query').fill('sum(rate(http_requests_total[5m]))');
	await explore.getByRole('button', { name: 'Run query' }).click();
	await expect(instantAt).toBeVisible();

	const dashboardLags: number[] = [];
	const exploreLags: number[] = [];
	for (let round = 1; round <= ROUNDS; round++) {
		for (const name of CENTRE_TABS) {
			await tab(name).click();
			await expect(tab(name)).toHaveAttribute('aria-selected', 'true');
			// Reading the tab while sim time moves on (a stale panel falls behind by this much each time).
			await page.waitForTimeout(DWELL_MS);
			if (name === 'Dashboards') {
				// The dashboards' own tabs remount the panels too.
				await dashboards.getByRole('tab', { name: 'Dependencies' }).click();
				await dashboards.getByRole('tab', { name: 'Checkout overview' }).click();
			}
		}
		// The side column: open and close the status composer.
		await page.getByRole('button', { name: 'Write a status update' }).click();
		await page.getByRole('button', { name: 'Hide status update' }).click();

		await tab('Dashboards').click();
		await expectInStep(page, dashboardEnd, `round ${round}: the dashboards' end time`, dashboardLags);
		await tab('Explore').click();
		await expectInStep(page, exploreEnd, `round ${round}: Explore's end time`, exploreLags);
		await expectInStep(page, instantAt, `round ${round}: the instant query's time`, exploreLags);
	}
	console.log(
		`lag behind the clock (sim s): dashboards ${dashboardLags.join(', ')}; explore ${exploreLags.join(', ')}`
	);
	test.info().annotations.push({
		type: 'lag (sim s behind the clock)',
		description: `dashboards ${dashboardLags.join(', ')}; explore ${exploreLags.join(', ')}`
	});
});
