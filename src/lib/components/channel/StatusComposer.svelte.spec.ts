import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createTestSession } from '../common/testing/test-session';
import StatusComposer from './StatusComposer.svelte';

const UPDATE = 'Card payments are failing for about 20% of customers since 02:05 UTC. Next update 02:45 UTC.';

describe('StatusComposer', () => {
	it('refuses to post an incomplete update and says what is missing', async () => {
		const user = userEvent.setup();
		const { session } = createTestSession();
		const post = vi.spyOn(session, 'postStatus');
		render(StatusComposer, { session });

		await user.click(screen.getByRole('button', { name: 'Post update' }));
		expect(screen.getByText('Choose the incident state.')).toBeInTheDocument();
		expect(screen.getByText('Pick the components customers see affected.')).toBeInTheDocument();
		expect(screen.getByText(/^Write the update/)).toBeInTheDocument();
		expect(screen.getByRole('group', { name: 'State' })).toHaveFocus();

		await user.click(screen.getByRole('radio', { name: 'Investigating' }));
		await user.click(screen.getByRole('checkbox', { name: 'Checkout API' }));
		expect(screen.queryByText('Choose the incident state.')).toBeNull();
		await user.type(screen.getByRole('textbox', { name: 'Message to customers' }), 'Investigating.');
		await user.click(screen.getByRole('button', { name: 'Post update' }));
		expect(screen.getByText(/at least 20 characters/)).toBeInTheDocument();
		expect(screen.getByRole('textbox', { name: 'Message to customers' })).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		expect(post).not.toHaveBeenCalled();
	});

	it('posts the chosen state, components in page order and trimmed text', async () => {
		const user = userEvent.setup();
		const { session, advance } = createTestSession();
		advance(150_000);
		const post = vi.spyOn(session, 'postStatus');
		render(StatusComposer, { session });

		await user.click(screen.getByRole('radio', { name: 'Identified' }));
		await user.click(screen.getByRole('checkbox', { name: 'postgres' }));
		await user.click(screen.getByRole('checkbox', { name: 'Checkout API' }));
		await user.type(screen.getByRole('textbox', { name: 'Message to customers' }), `  ${UPDATE}  `);
		await user.click(screen.getByRole('button', { name: 'Post update' }));

		expect(post).toHaveBeenCalledWith('identified', ['Checkout API', 'postgres'], UPDATE);
		expect(session.events.at(-1)).toMatchObject({
			type: 'status.post',
			status: 'identified',
			components: ['Checkout API', 'postgres'],
			text: UPDATE,
			at: 150_000
		});
		expect(screen.getByRole('status')).toHaveTextContent('Identified update posted at 02:12:30 UTC.');
		expect(screen.getByRole('textbox', { name: 'Message to customers' })).toHaveValue('');
		expect(screen.getByText(/Last: Identified, just now/)).toBeInTheDocument();
	});

	it('allows a resolved update without components', async () => {
		const user = userEvent.setup();
		const { session } = createTestSession();
		const post = vi.spyOn(session, 'postStatus');
		render(StatusComposer, { session });
		const form = screen.getByRole('form', { name: 'Status update' });
		await user.click(within(form).getByRole('radio', { name: 'Resolved' }));
		await user.type(within(form).getByRole('textbox'), 'Payments have worked normally since 02:40 UTC.');
		await user.click(within(form).getByRole('button', { name: 'Post update' }));
		expect(post).toHaveBeenCalledWith('resolved', [], 'Payments have worked normally since 02:40 UTC.');
	});
});
