import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createTestSession } from '../common/testing/test-session';
import { StatusDraft, type StatusDraftStore } from '$lib/state/status-draft.svelte';
import StatusComposer from './StatusComposer.svelte';

/** Drafts kept in a map, as the drafts table would keep them across a reload. */
function mapStore(): StatusDraftStore {
	const rows = new Map<string, string>();
	return {
		load: async (id) => rows.get(id),
		save: async (id, text) => void rows.set(id, text)
	};
}

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
		expect(screen.getByRole('textbox', { name: 'Message to customers' })).toHaveAccessibleDescription(
			/at least 20 characters/
		);
		expect(screen.getByRole('alert')).toHaveTextContent(/Not posted yet: Too short/);
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

	it('says why a post cannot go next to the button, and keeps the text', async () => {
		const user = userEvent.setup();
		const { session } = createTestSession();
		render(StatusComposer, { session });
		const box = screen.getByRole('textbox', { name: 'Message to customers' });
		await user.click(screen.getByRole('radio', { name: 'Investigating' }));
		await user.type(box, UPDATE);
		await user.click(screen.getByRole('button', { name: 'Post update' }));

		expect(screen.getByRole('alert')).toHaveTextContent(
			'Not posted yet: Pick the components customers see affected.'
		);
		expect(screen.getByRole('button', { name: 'Post update' })).toHaveAccessibleDescription(
			/Not posted yet: Pick the components/
		);
		expect(box).toHaveValue(UPDATE);
		expect(session.events.some((e) => e.type === 'status.post')).toBe(false);

		await user.click(screen.getByRole('checkbox', { name: 'Checkout API' }));
		expect(screen.queryByRole('alert')).toBeNull();
		await user.click(screen.getByRole('button', { name: 'Post update' }));
		expect(session.events.at(-1)).toMatchObject({ type: 'status.post', components: ['Checkout API'] });
	});

	it('brings back the state, components and text after a reload, and the update then posts', async () => {
		const user = userEvent.setup();
		const store = mapStore();
		const { session } = createTestSession();
		const first = new StatusDraft({ store });
		await first.attach('attempt-1');
		const view = render(StatusComposer, { session, draft: first });
		await user.click(screen.getByRole('radio', { name: 'Identified' }));
		await user.click(screen.getByRole('checkbox', { name: 'postgres' }));
		await user.type(screen.getByRole('textbox', { name: 'Message to customers' }), UPDATE);
		await first.flush();
		view.unmount();

		const again = new StatusDraft({ store });
		await again.attach('attempt-1');
		render(StatusComposer, { session, draft: again });
		expect(screen.getByRole('radio', { name: 'Identified' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'postgres' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'Checkout API' })).not.toBeChecked();
		expect(screen.getByRole('textbox', { name: 'Message to customers' })).toHaveValue(UPDATE);
		await user.click(screen.getByRole('button', { name: 'Post update' }));
		expect(session.events.at(-1)).toMatchObject({
			type: 'status.post',
			status: 'identified',
			components: ['postgres'],
			text: UPDATE
		});
	});
});
