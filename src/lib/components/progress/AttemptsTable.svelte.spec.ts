import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { seedSyntheticAttempts } from '../../progress/synthetic';
import AttemptsTable from './AttemptsTable.svelte';

describe('AttemptsTable', () => {
	const attempts = seedSyntheticAttempts(20, { profileId: 'p1', seed: 2, lastInProgress: true });

	it('lists the newest attempts first, linking to debriefs and resuming a drill in progress', () => {
		render(AttemptsTable, { attempts, pageSize: 5 });
		const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
		expect(rows).toHaveLength(5);
		const newest = attempts[19];
		expect(rows[0]).toHaveTextContent(newest.scenarioTitle);
		expect(rows[0]).toHaveTextContent('In progress');
		expect(within(rows[0]).getByRole('link', { name: /^Resume/ })).toHaveAttribute(
			'href',
			`/drills/${newest.scenarioId}/play?attempt=${newest.id}`
		);
		const finished = attempts[18];
		const link = within(rows[1]).getByRole('link', { name: /^Debrief/ });
		expect(link).toHaveAttribute('href', `/drills/${finished.scenarioId}/debrief?attempt=${finished.id}`);
		expect(rows[1]).toHaveTextContent(String(finished.scorecard?.score ?? '—'));
	});

	it('shows every attempt on request and offers no resume for an imported trainee', async () => {
		const user = userEvent.setup();
		render(AttemptsTable, { attempts, pageSize: 5, canResume: false });
		expect(screen.queryByRole('link', { name: /^Resume/ })).toBeNull();
		await user.click(screen.getByRole('button', { name: 'Show all 20 attempts' }));
		expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(21);
		expect(screen.getByRole('button', { name: 'Show the latest 5' })).toHaveAttribute(
			'aria-expanded',
			'true'
		);
	});
});
