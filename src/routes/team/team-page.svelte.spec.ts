import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { testProgress, traineeFile } from '$lib/components/progress/testing/test-progress';
import TeamPage from './+page.svelte';

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

describe('team page', () => {
	it('imports trainees, tabulates them against targets and drills into one to adjust the plan', async () => {
		const user = userEvent.setup();
		const progress = testProgress();
		state.progress = progress;
		render(TeamPage);
		expect(
			await screen.findByText('No trainee imported yet. Drop their progress files above.')
		).toBeInTheDocument();

		await user.upload(screen.getByLabelText('Choose progress files'), [
			await traineeFile('Ana', 40, 1),
			await traineeFile('Ben', 25, 2)
		]);
		const table = within(await screen.findByRole('table', { name: /KPIs are the median/ }));
		const rows = table.getAllByRole('row').slice(1);
		expect(rows.map((r) => within(r).getByRole('button').textContent)).toEqual(['Ana', 'Ben']);
		expect(table.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
			'Trainee',
			'Drills',
			'Acknowledge≤ 5 min',
			'Engage correct owner≤ 15 min',
			'Mitigate≤ 30 min',
			'Communication≥ 70',
			'Documentation≥ 70',
			'30 d',
			'60 d',
			'90 d',
			'Last activity'
		]);
		expect(rows[0]).toHaveTextContent(/meets target|misses target/);

		await user.click(within(rows[1]).getByRole('button', { name: 'Ben' }));
		const detail = within(await screen.findByRole('region', { name: 'Ben' }));
		expect(detail.getByRole('heading', { name: 'Ben', level: 2 })).toHaveFocus();
		expect(detail.getByRole('table', { name: 'Attempts of Ben, newest first' })).toBeInTheDocument();
		expect(
			detail.getByRole('heading', { name: '30 days: onboarding and baseline', level: 4 })
		).toBeInTheDocument();

		await user.click(detail.getByText('Adjust the plan (targets, due dates)'));
		const target = detail.getByLabelText('Target for: Acknowledge P50 under 5 min');
		await user.clear(target);
		await user.type(target, '3');
		await user.click(detail.getByRole('button', { name: 'Save plan' }));
		expect(await detail.findByText('Plan saved.')).toBeInTheDocument();
		expect(
			await detail.findByText(/Acknowledge P50 under 3 min/, { selector: '.criterion' })
		).toHaveTextContent('(adjusted)');
		expect(within(table.getAllByRole('row')[2]).getByText(/plan adjusted/)).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Printable report' })).toHaveAttribute('href', '/team/report');
	});
});
