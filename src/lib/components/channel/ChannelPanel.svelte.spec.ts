import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestSession } from '../common/testing/test-session';
import ChannelPanel from './ChannelPanel.svelte';

describe('ChannelPanel', () => {
	it('shows pages, notes and replies as they happen', async () => {
		const user = userEvent.setup();
		const { session, advance } = createTestSession();
		render(ChannelPanel, { session });
		const log = screen.getByRole('log', { name: 'Channel messages' });
		expect(within(log).getByText('Your shift has started. You are on call.')).toBeInTheDocument();

		advance(61_000);
		expect(await within(log).findByText(/Paged: CheckoutHighErrorRate \[critical\]/)).toBeInTheDocument();

		const box = screen.getByRole('textbox', { name: 'Message #inc-checkout-errors' });
		await user.type(box, 'Looking at the error-rate panel{Enter}');
		expect(within(log).getByText('Looking at the error-rate panel')).toBeInTheDocument();
		expect(box).toHaveValue('');
		expect(session.events.at(-1)).toMatchObject({
			type: 'note.add',
			text: 'Looking at the error-rate panel'
		});

		session.escalate('payments-oncall', 'Checkout is failing');
		advance(120_000);
		expect(await within(log).findByText('Priya here, looking at payments now.')).toBeInTheDocument();
	});

	it('does not send empty notes and keeps Shift+Enter for new lines', async () => {
		const user = userEvent.setup();
		const { session } = createTestSession();
		render(ChannelPanel, { session });
		const box = screen.getByRole('textbox');
		await user.type(box, '   {Enter}');
		expect(session.events.filter((e) => e.type === 'note.add')).toHaveLength(0);
		expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
		await user.clear(box);
		await user.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
		await user.click(screen.getByRole('button', { name: 'Send' }));
		expect(session.events.at(-1)).toMatchObject({ type: 'note.add', text: 'line one\nline two' });
	});
});
