/** Every built-in drill is playable: the console starts it and its first page arrives. */
import { readdirSync } from 'node:fs';
import { expect, open, test } from './helpers';

const ids = readdirSync('scenarios')
	.filter((f) => f.endsWith('.yaml') && !f.endsWith('.playthrough.yaml'))
	.map((f) => f.slice(0, -'.yaml'.length));

test('the catalog lists every built-in drill', async ({ page }) => {
	await open(page, '/drills');
	for (const id of ids) await expect(page.locator(`a[href$="/drills/${id}"]`).first()).toBeVisible();
});

for (const id of ids) {
	test(`${id}: the console starts and the first page arrives`, async ({ page }) => {
		await open(page, `/drills/${id}/play?seed=1`);
		await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
		await page.getByRole('button', { name: '10×' }).click();
		await expect(page.getByRole('region', { name: 'Pager' }).getByRole('article').first()).toBeVisible({
			timeout: 45_000
		});
	});
}
