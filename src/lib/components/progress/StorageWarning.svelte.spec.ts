import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import StorageWarning from './StorageWarning.svelte';
import { testProgress } from './testing/test-progress';

describe('StorageWarning', () => {
	it('says progress is not being saved and offers an export when storage is memory only', async () => {
		const progress = testProgress({
			kind: 'unavailable',
			reason: 'IndexedDB refused to open: SecurityError'
		});
		render(StorageWarning, { progress });
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('Progress is not being saved — export before closing.');
		expect(alert).toHaveTextContent('SecurityError');
		expect(screen.getByRole('button', { name: /^Export progress of Me/ })).toBeEnabled();
	});

	it('shows nothing when progress is stored', async () => {
		const progress = testProgress();
		render(StorageWarning, { progress });
		await progress.open();
		expect(screen.queryByRole('alert')).toBeNull();
	});

	it('asks for a reload after another tab upgraded the database', async () => {
		const progress = testProgress();
		render(StorageWarning, { progress });
		await progress.open();
		progress.versionChanged = true;
		expect(await screen.findByRole('alert')).toHaveTextContent('Pagerdrill was updated in another tab.');
		expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
	});
});
