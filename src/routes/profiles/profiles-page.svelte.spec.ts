import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installDialogPolyfill } from '$lib/components/common/testing/dialog-polyfill';
import { testProgress } from '$lib/components/progress/testing/test-progress';
import ProfilesPage from './+page.svelte';

const state = vi.hoisted(() => ({ progress: null as unknown }));
vi.mock('$lib/state/progress.svelte', async (importOriginal) => {
	const actual = await importOriginal<typeof import('$lib/state/progress.svelte')>();
	return {
		...actual,
		get progress() {
			return state.progress;
		}
	};
});

beforeAll(installDialogPolyfill);

function localTable() {
	return within(screen.getByRole('table', { name: 'Local profiles' }));
}

describe('profiles page', () => {
	it('creates, switches, renames and deletes profiles with confirmation', async () => {
		const user = userEvent.setup();
		const progress = testProgress();
		state.progress = progress;
		render(ProfilesPage);
		await screen.findByRole('table', { name: 'Local profiles' });
		expect(await localTable().findByText('Active')).toBeInTheDocument();
		expect(screen.getByText(/Stored in this browser/)).toBeInTheDocument();

		await user.type(screen.getByLabelText('New profile'), 'Ana');
		await user.click(screen.getByRole('button', { name: 'Create profile' }));
		expect(await screen.findByText('Created "Ana"; new drills are recorded for it.')).toBeInTheDocument();
		const anaRow = () => localTable().getByRole('rowheader', { name: /^Ana/ }).closest('tr') as HTMLElement;
		expect(within(anaRow()).getByText('Active')).toBeInTheDocument();

		await user.click(screen.getByRole('button', { name: 'Switch to Me' }));
		expect(await screen.findByText('Switched to "Me".')).toBeInTheDocument();
		expect(progress.activeProfile?.name).toBe('Me');

		await user.click(screen.getByRole('button', { name: 'Rename Ana' }));
		const dialog = within(screen.getByRole('dialog', { name: 'Rename profile' }));
		await user.clear(dialog.getByLabelText('Name'));
		await user.type(dialog.getByLabelText('Name'), 'me');
		await user.click(dialog.getByRole('button', { name: 'Save' }));
		expect(await dialog.findByRole('alert')).toHaveTextContent('A profile named "Me" already exists.');
		await user.clear(dialog.getByLabelText('Name'));
		await user.type(dialog.getByLabelText('Name'), 'Ana María');
		await user.click(dialog.getByRole('button', { name: 'Save' }));
		expect(await localTable().findByRole('rowheader', { name: /^Ana María/ })).toBeInTheDocument();

		await user.click(screen.getByRole('button', { name: 'Delete Ana María' }));
		const confirm = within(screen.getByRole('dialog', { name: 'Delete profile?' }));
		expect(confirm.getByText(/It cannot be undone/)).toBeInTheDocument();
		await user.click(confirm.getByRole('button', { name: 'Delete profile' }));
		expect(await screen.findByText('Deleted "Ana María" with 0 attempts.')).toBeInTheDocument();
		expect(localTable().queryByRole('rowheader', { name: /^Ana María/ })).toBeNull();
	});
});
