/**
 * Progress end to end: a trainee's history (loaded by importing a progress file generated here from synthetic
 * attempts) shows as KPI trends and the 30/60/90-day plan; it survives export → clearing site data → import; a
 * manager imports two trainees and prints the team report. axe-core runs on every page, in both themes.
 * Screenshots go to /tmp/shots for review.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createMemoryDb } from '../../src/lib/persistence/memory-db';
import { putAttempts } from '../../src/lib/persistence/attempts';
import { exportProfile } from '../../src/lib/persistence/export';
import { createProfile } from '../../src/lib/persistence/profiles';
import { savePlan } from '../../src/lib/persistence/plans';
import { seedSyntheticAttempts } from '../../src/lib/progress/synthetic';
import { expect, expectNoSeriousA11yViolations, open, test, useTheme } from './helpers';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

interface UploadFile {
	name: string;
	mimeType: string;
	buffer: Buffer;
}

/** The progress file of a synthetic trainee with `n` drills, exactly as Pagerdrill exports it. */
async function progressFile(name: string, n: number, seed: number): Promise<UploadFile> {
	const db = createMemoryDb({ env: { now: () => new Date('2026-05-09T18:00:00.000Z') } });
	const profile = await createProfile(db, name);
	await putAttempts(db, seedSyntheticAttempts(n, { profileId: profile.id, seed, startDate: '2026-01-05' }));
	await savePlan(db, profile.id, '2026-01-05');
	const { fileName, text } = await exportProfile(db, profile.id);
	return { name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) };
}

/** Deletes this site's IndexedDB database and storage, as "Clear site data" does, then reloads. */
async function clearSiteData(page: Page): Promise<void> {
	await page.context().clearCookies();
	await page.evaluate(async () => {
		localStorage.clear();
		sessionStorage.clear();
		const names = (await indexedDB.databases()).map((d) => d.name).filter((n): n is string => !!n);
		await Promise.all(
			names.map(
				(name) =>
					new Promise<void>((resolve, reject) => {
						// The app closes its connection when asked (versionchange), so the delete is not blocked.
						const request = indexedDB.deleteDatabase(name);
						request.onsuccess = () => resolve();
						request.onerror = () => reject(request.error);
					})
			)
		);
	});
	await page.reload();
}

async function restore(page: Page, file: UploadFile, profileName: string) {
	await open(page, '/profiles');
	await page.getByLabel('Choose a progress file').setInputFiles(file);
	await expect(page.getByRole('list', { name: 'Import results' })).toContainText(
		`Imported "${profileName}" as a local profile`
	);
	await page.getByRole('button', { name: `Switch to ${profileName}` }).click();
	await expect(page.getByRole('status').filter({ hasText: `Switched to "${profileName}".` })).toBeVisible();
}

test.describe('progress', () => {
	test('a trainee sees KPI trends and the plan, and keeps their history through export, clear and import', async ({
		page
	}) => {
		await useTheme(page, 'dark');
		const ana = await progressFile('Ana', 48, 11);
		await restore(page, ana, 'Ana');
		await expectNoSeriousA11yViolations(page);
		await page.screenshot({ path: `${SHOTS}/profiles.png`, fullPage: true });

		await page.getByRole('link', { name: 'Progress of Ana' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Progress — Ana');
		const kpis = page.getByRole('region', { name: 'KPI trends' });
		await expect(kpis.getByRole('figure')).toHaveCount(5);
		await expect(kpis.locator('canvas')).toHaveCount(5);
		await expect(
			kpis.getByRole('img', { name: /^Acknowledge per drill over time\. Median of the last 5 drills/ })
		).toBeVisible();
		const plan = page.getByRole('region', { name: '30/60/90-day plan' });
		await expect(plan.getByRole('heading', { level: 3 })).toHaveText([
			'30 days: onboarding and baseline',
			'60 days: independent execution',
			'90 days: operational ownership'
		]);
		await expect(plan).toContainText('Started 2026-01-05');
		await expect(plan.getByText(/^(Met|Not met):$/)).toHaveCount(10);
		await expect(
			page.getByRole('region', { name: 'Next drill' }).getByRole('link', { name: 'Start drill' })
		).toHaveAttribute('href', /\/drills\/[a-z0-9-]+\/play$/);
		const history = page.getByRole('region', { name: 'Attempts' });
		await expect(history.getByRole('button', { name: 'Show all 48 attempts' })).toBeVisible();
		const debrief = history.getByRole('link', { name: /^Debrief of / }).first();
		await expect(debrief).toHaveAttribute('href', /\/drills\/[a-z0-9-]+\/debrief\?attempt=syn-11-\d{5}$/);
		const summaryBefore = await page.locator('main header p').first().textContent();
		const firstRowsBefore = await history.getByRole('row').allTextContents();
		await expectNoSeriousA11yViolations(page);
		await page.screenshot({ path: `${SHOTS}/progress.png`, fullPage: true });

		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export progress of Ana (JSON)' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(/^pagerdrill-progress-ana-\d{4}-\d{2}-\d{2}\.json$/);
		const exported = readFileSync(await download.path());

		await clearSiteData(page);
		await open(page, '/progress');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Progress — Me');
		await expect(page.getByText('No drills yet.')).toBeVisible();

		await restore(
			page,
			{ name: download.suggestedFilename(), mimeType: 'application/json', buffer: exported },
			'Ana'
		);
		await open(page, '/progress');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Progress — Ana');
		await expect(
			page.getByRole('region', { name: 'Attempts' }).getByRole('button', { name: 'Show all 48 attempts' })
		).toBeVisible();
		expect(await page.locator('main header p').first().textContent()).toBe(summaryBefore);
		expect(await page.getByRole('region', { name: 'Attempts' }).getByRole('row').allTextContents()).toEqual(
			firstRowsBefore
		);
	});

	test('a manager imports two trainees, drills into one and prints the team report', async ({ page }) => {
		await useTheme(page, 'dark');
		await open(page, '/team');
		await expect(page.getByText('No trainee imported yet.')).toBeVisible();
		await page.getByLabel('Choose progress files').setInputFiles([
			await progressFile('Priya', 60, 21),
			await progressFile('Sam', 14, 22),
			{
				name: 'notes.json',
				mimeType: 'application/json',
				buffer: Buffer.from('{"format":"something-else"}')
			}
		]);
		const results = page.getByRole('list', { name: 'Import results' });
		await expect(results.getByRole('listitem')).toHaveCount(3);
		await expect(results).toContainText('Imported "Priya" for review: 60 attempts added, plan added.');
		await expect(results).toContainText('Imported "Sam" for review: 14 attempts added, plan added.');
		await expect(results).toContainText(
			'notes.json — not imported. This is not a Pagerdrill progress file (format is "something-else", expected "pagerdrill-progress").'
		);

		const table = page.getByRole('table', { name: /KPIs are the median/ });
		await expect(table.getByRole('row')).toHaveCount(3);
		await expect(table.getByRole('rowheader')).toHaveText([/^Priya/, /^Sam/]);
		await expectNoSeriousA11yViolations(page);
		await page.screenshot({ path: `${SHOTS}/team.png`, fullPage: true });

		await table.getByRole('button', { name: 'Sam' }).click();
		const detail = page.getByRole('region', { name: 'Sam' });
		await expect(detail.getByRole('heading', { level: 2, name: 'Sam' })).toBeFocused();
		await expect(detail.getByRole('table', { name: 'Attempts of Sam, newest first' })).toBeVisible();
		await detail.getByText('Adjust the plan (targets, due dates)').click();
		await detail.getByLabel('Target for: Acknowledge P50 under 5 min', { exact: true }).fill('4');
		await detail.getByRole('button', { name: 'Save plan' }).click();
		await expect(detail.getByText('Plan saved.')).toBeVisible();
		await expect(detail.getByText(/Acknowledge P50 under 4 min/).first()).toBeVisible();
		await expect(table.getByRole('row').nth(2)).toContainText('plan adjusted');
		await expectNoSeriousA11yViolations(page);
		await page.screenshot({ path: `${SHOTS}/team-detail.png`, fullPage: true });

		await page.getByRole('link', { name: 'Printable report' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Team report' })).toBeVisible();
		await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Summary', 'Priya', 'Sam']);
		await expectNoSeriousA11yViolations(page);
		await page.screenshot({ path: `${SHOTS}/team-report.png`, fullPage: true });
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
		await expect(page.locator('.app-header')).toBeHidden();
		await page.screenshot({ path: `${SHOTS}/team-report-print.png`, fullPage: true });
	});

	test('the progress pages pass axe in the light theme too', async ({ page }) => {
		await useTheme(page, 'light');
		await open(page, '/team');
		await page.getByLabel('Choose progress files').setInputFiles([await progressFile('Lee', 30, 31)]);
		await expect(page.getByRole('table', { name: /KPIs are the median/ }).getByRole('row')).toHaveCount(2);
		await page.getByRole('button', { name: 'Lee' }).click();
		await expectNoSeriousA11yViolations(page);
		await page.screenshot({ path: `${SHOTS}/team-light.png`, fullPage: true });

		await restore(page, await progressFile('Kim', 36, 32), 'Kim');
		await expectNoSeriousA11yViolations(page);
		await open(page, '/progress');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Progress — Kim');
		await expect(page.getByRole('region', { name: 'KPI trends' }).locator('canvas')).toHaveCount(5);
		await expectNoSeriousA11yViolations(page);
		await page.screenshot({ path: `${SHOTS}/progress-light.png`, fullPage: true });
		await open(page, '/team/report');
		await expectNoSeriousA11yViolations(page);
	});

	test('without IndexedDB the profiles page says progress is not being saved', async ({ page }) => {
		await page.addInitScript(() => {
			Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => undefined });
		});
		await open(page, '/profiles');
		await expect(page.getByText(/^Not saved: progress lives in this tab only/)).toBeVisible();
		await expect(page.getByRole('table', { name: 'Local profiles' })).toContainText('Me');
		await expectNoSeriousA11yViolations(page);
	});
});

test('a reload mid-drill resumes it with the same clock, alerts and channel', async ({ page }) => {
	await page.goto('/drills/checkout-deploy-regression/play?seed=42');
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
	await page.getByRole('button', { name: '10×' }).click();
	const incoming = page
		.getByRole('region', { name: 'Pager' })
		.getByRole('article', { name: 'CheckoutHighErrorRate' });
	await expect(incoming).toBeVisible({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Pause' }).click();
	await incoming.getByRole('button', { name: /^Acknowledge/ }).click();
	const channel = page.getByRole('region', { name: /Incident channel/ });
	await channel.getByRole('textbox').fill('Errors began after v2.41.0');
	await channel.getByRole('textbox').press('Enter');
	await expect(page).toHaveURL(/attempt=/, { timeout: 15_000 });
	const clock = await page.getByRole('group', { name: 'Drill clock' }).innerText();
	await page.waitForTimeout(2500); // let the 2 s autosave land
	await page.reload();
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('region', { name: /Incident channel/ }).getByRole('log')).toContainText(
		'Errors began after v2.41.0'
	);
	await expect(
		page.getByRole('region', { name: 'Pager' }).getByRole('article', { name: 'CheckoutHighErrorRate' })
	).toContainText(/Acknowledged/);
	const resumedClock = await page.getByRole('group', { name: 'Drill clock' }).innerText();
	expect(resumedClock.match(/T\+[\d:]+/)?.[0]).toBe(clock.match(/T\+[\d:]+/)?.[0]);
});
