import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { testProgress, traineeFile } from '../progress/testing/test-progress';
import ImportFiles from './ImportFiles.svelte';

describe('ImportFiles', () => {
	it('imports several files and reports each one, saying what is wrong with a bad one', async () => {
		const user = userEvent.setup();
		const progress = testProgress();
		const onimported = vi.fn();
		render(ImportFiles, { mode: 'review', label: 'Choose progress files', progress, onimported });
		const ana = await traineeFile('Ana', 12, 1);
		const ben = await traineeFile('Ben', 8, 2);
		const broken = new File(['{"format": "pagerdrill-progress", "schemaVersion": 1'], 'broken.json');
		await user.upload(screen.getByLabelText('Choose progress files'), [ana, broken, ben]);

		await screen.findByText(/broken\.json/);
		const results = screen.getByRole('list', { name: 'Import results' });
		const items = within(results).getAllByRole('listitem');
		expect(items).toHaveLength(3);
		expect(items[0]).toHaveTextContent(/Imported "Ana" for review: 12 attempts added/);
		expect(items[1]).toHaveTextContent(/broken\.json — not imported\. The file is not valid JSON/);
		expect(items[2]).toHaveTextContent(/Imported "Ben" for review: 8 attempts added/);
		expect(onimported).toHaveBeenCalledOnce();
		expect(progress.importedProfiles.map((p) => p.name)).toEqual(['Ana', 'Ben']);
	});

	it('lists every problem of a file that is not a valid progress file', async () => {
		const user = userEvent.setup();
		const progress = testProgress();
		render(ImportFiles, { mode: 'restore', label: 'Choose a progress file', multiple: false, progress });
		const good = JSON.parse(await (await traineeFile('Cy', 2)).text());
		good.attempts[0].seed = 'forty-two';
		delete good.attempts[1].scenarioTitle;
		const bad = new File([JSON.stringify(good)], 'cy.json');
		await user.upload(screen.getByLabelText('Choose a progress file'), bad);
		const item = await screen.findByText(/cy\.json/);
		const line = item.closest('li') as HTMLElement;
		expect(line).toHaveTextContent('not imported. The file is not a valid progress file');
		expect(line).toHaveTextContent('attempts[0].seed: expected a number, got text');
		expect(line).toHaveTextContent('attempts[1].scenarioTitle: missing (expected text)');
		expect(progress.localProfiles.map((p) => p.name)).toEqual(['Me']);
	});
});
