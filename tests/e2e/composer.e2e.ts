/**
 * The status composer keeps its draft: what a trainee chose and typed survives a reload of the drill, and the update
 * then posts. A post that cannot go says why next to the button.
 */
import type { Page } from '@playwright/test';
import { expect, open, test } from './helpers';

const UPDATE =
	'About one in five card payments fails at checkout since 14:15 UTC. We are investigating. Next update by 14:45 UTC.';

/** The saved status-update draft of the attempt in the address, read from the browser's IndexedDB. */
async function savedDraft(page: Page): Promise<string | null> {
	const attempt = new URL(page.url()).searchParams.get('attempt');
	if (!attempt) return null;
	return page.evaluate(
		(id) =>
			new Promise<string | null>((resolve) => {
				const req = indexedDB.open('pagerdrill');
				req.onsuccess = () => {
					const get = req.result.transaction('drafts').objectStore('drafts').get([id, 'status-update']);
					get.onsuccess = () => resolve((get.result as { text?: string } | undefined)?.text ?? null);
					get.onerror = () => resolve(null);
				};
				req.onerror = () => resolve(null);
			}),
		attempt
	);
}

test('the status composer keeps state, components and text across a reload, and then posts', async ({
	page
}) => {
	test.setTimeout(120_000);
	await open(page, '/drills/checkout-deploy-regression/play?seed=7');
	await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
	await expect(page).toHaveURL(/attempt=/, { timeout: 15_000 });

	await page.getByRole('button', { name: 'Write a status update' }).click();
	let composer = page.getByRole('form', { name: 'Status update' });
	await composer.getByRole('radio', { name: 'Investigating' }).check();
	await composer.getByLabel('Message to customers').fill(UPDATE);

	// Without a component the post cannot go: the reason is next to the button, and the text stays.
	await composer.getByRole('button', { name: 'Post update' }).click();
	await expect(composer.getByRole('alert')).toContainText(
		'Not posted yet: Pick the components customers see affected.'
	);
	await expect(composer.getByRole('button', { name: 'Post update' })).toHaveAccessibleDescription(
		/Pick the components/
	);
	await expect(composer.getByLabel('Message to customers')).toHaveValue(UPDATE);

	await composer.getByRole('checkbox', { name: 'Checkout', exact: true }).check();
	await expect.poll(() => savedDraft(page), { timeout: 10_000 }).toContain('"Checkout"');

	await page.reload();
	await expect(page.getByRole('group', { name: 'Drill clock' })).toBeVisible({ timeout: 30_000 });
	await page.getByRole('button', { name: 'Write a status update' }).click();
	composer = page.getByRole('form', { name: 'Status update' });
	await expect(composer.getByRole('radio', { name: 'Investigating' })).toBeChecked();
	await expect(composer.getByRole('checkbox', { name: 'Checkout', exact: true })).toBeChecked();
	await expect(composer.getByLabel('Message to customers')).toHaveValue(UPDATE);

	await composer.getByRole('button', { name: 'Post update' }).click();
	const channel = page.getByRole('region', { name: /Incident channel/ });
	await expect(channel.getByRole('log')).toContainText('Status page · Investigating');
	await expect(channel.getByRole('log')).toContainText('About one in five card payments');
	await expect(composer.getByLabel('Message to customers')).toHaveValue('');
	await expect(composer.getByRole('alert')).toHaveCount(0);
});
