import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestSession } from '../common/testing/test-session';
import ClockBar from './ClockBar.svelte';

describe('ClockBar', () => {
	it('shows simulated UTC time, elapsed and remaining time', async () => {
		const { session, advance } = createTestSession();
		render(ClockBar, { session });
		expect(screen.getByText(/^02:10:00/)).toBeInTheDocument();
		advance(75_000);
		expect(await screen.findByText(/^02:11:15/)).toBeInTheDocument();
		expect(screen.getByText('T+01:15')).toBeInTheDocument();
		expect(screen.getByText('58:45 left')).toBeInTheDocument();
	});

	it('changes speed and pauses in practice mode', async () => {
		const user = userEvent.setup();
		const { session, advance } = createTestSession();
		render(ClockBar, { session });
		await user.click(screen.getByRole('button', { name: '5×' }));
		expect(screen.getByRole('button', { name: '5×' })).toHaveAttribute('aria-pressed', 'true');
		expect(screen.getByRole('button', { name: '1×' })).toHaveAttribute('aria-pressed', 'false');
		advance(1_000);
		expect(session.now).toBe(5_000);
		await user.click(screen.getByRole('button', { name: 'Pause' }));
		expect(screen.getByText('Paused')).toBeInTheDocument();
		advance(10_000);
		expect(session.now).toBe(5_000);
		await user.click(screen.getByRole('button', { name: 'Resume' }));
		expect(session.paused).toBe(false);
	});

	it('offers no speed or pause controls in interview mode', () => {
		const { session } = createTestSession({ session: { mode: 'interview' } });
		render(ClockBar, { session });
		expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
		expect(screen.queryByRole('group', { name: 'Clock speed' })).toBeNull();
		expect(screen.getByText('Real time · no pause')).toBeInTheDocument();
	});
});
