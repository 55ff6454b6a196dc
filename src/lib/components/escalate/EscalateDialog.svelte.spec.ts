import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installDialogPolyfill } from '../common/testing/dialog-polyfill';
import { createTestSession } from '../common/testing/test-session';
import EscalateDialog from './EscalateDialog.svelte';

beforeAll(installDialogPolyfill);

describe('EscalateDialog', () => {
	it('needs a target and a useful message, then pages through the session', async () => {
		const user = userEvent.setup();
		const { session, advance } = createTestSession();
		const escalate = vi.spyOn(session, 'escalate');
		render(EscalateDialog, { session, open: true });
		const dialog = screen.getByRole('dialog', { name: 'Escalate' });

		await user.click(within(dialog).getByRole('button', { name: 'Page' }));
		expect(within(dialog).getByText('Choose who to page.')).toBeInTheDocument();
		expect(within(dialog).getByText('Tell them what you see and what you need.')).toBeInTheDocument();

		await user.click(within(dialog).getByRole('radio', { name: /Payments on-call/ }));
		expect(within(dialog).getByText(/Priya Raman · Payments · team/)).toBeInTheDocument();
		await user.type(
			within(dialog).getByRole('textbox', { name: 'Message' }),
			'Checkout 5xx since 02:05, pool errors'
		);
		await user.click(within(dialog).getByRole('button', { name: 'Page' }));

		expect(escalate).toHaveBeenCalledWith('payments-oncall', 'Checkout 5xx since 02:05, pool errors');
		expect(screen.queryByRole('dialog')).toBeNull();
		advance(130_000);
		expect(session.events.some((e) => e.type === 'chat.message')).toBe(true);
	});
});
