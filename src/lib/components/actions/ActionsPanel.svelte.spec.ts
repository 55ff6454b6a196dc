import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installDialogPolyfill } from '../common/testing/dialog-polyfill';
import { createTestSession } from '../common/testing/test-session';
import ActionsPanel from './ActionsPanel.svelte';

beforeAll(installDialogPolyfill);

function card(name: RegExp) {
	return screen.getByText(name).closest('details') as HTMLElement;
}

describe('ActionsPanel', () => {
	it('runs a low-risk action straight away with typed parameters', async () => {
		const user = userEvent.setup();
		const { session } = createTestSession();
		const runAction = vi.spyOn(session, 'runAction');
		render(ActionsPanel, { session });
		const scale = card(/^Scale a service$/);
		await user.click(within(scale).getByText('Scale a service'));
		await user.click(within(scale).getByRole('button', { name: 'Run' }));
		expect(within(scale).getByText('Choose service.')).toBeInTheDocument();
		await user.selectOptions(within(scale).getByRole('combobox', { name: 'Service' }), 'payments-api');
		await user.clear(within(scale).getByRole('spinbutton', { name: 'Replicas' }));
		await user.type(within(scale).getByRole('spinbutton', { name: 'Replicas' }), '9');
		await user.click(within(scale).getByRole('button', { name: 'Run' }));
		expect(runAction).toHaveBeenCalledWith('scale', { service: 'payments-api', replicas: 9 }, undefined);
		expect(screen.getByRole('status')).toHaveTextContent(/Scale a service requested at 02:10:00 UTC/);
		expect(screen.queryByText(/correct/i)).toBeNull();
	});

	it('offers an optional reason on a low-risk change and puts it in the timeline', async () => {
		const user = userEvent.setup();
		const { session } = createTestSession();
		const runAction = vi.spyOn(session, 'runAction');
		render(ActionsPanel, { session });
		const scale = card(/^Scale a service$/);
		await user.click(within(scale).getByText('Scale a service'));
		await user.selectOptions(within(scale).getByRole('combobox', { name: 'Service' }), 'payments-api');
		const reason = within(scale).getByRole('textbox', { name: /Reason \(optional\)/ });
		await user.type(reason, 'busy');
		await user.click(within(scale).getByRole('button', { name: 'Run' }));
		expect(within(scale).getByText(/at least 3 words/)).toBeInTheDocument();
		expect(runAction).not.toHaveBeenCalled();
		await user.type(reason, ' queue grows past capacity');
		await user.click(within(scale).getByRole('button', { name: 'Run' }));
		expect(runAction).toHaveBeenCalledWith(
			'scale',
			{ service: 'payments-api', replicas: 6 },
			'busy queue grows past capacity'
		);
		expect(reason).toHaveValue('');
	});

	it('asks for confirmation and a reason before a risky action', async () => {
		const user = userEvent.setup();
		const { session } = createTestSession();
		const runAction = vi.spyOn(session, 'runAction');
		render(ActionsPanel, { session });
		const rollback = card(/^Roll back a service$/);
		await user.click(within(rollback).getByText('Roll back a service'));
		await user.selectOptions(within(rollback).getByRole('combobox', { name: 'Service' }), 'checkout-api');
		await user.click(within(rollback).getByRole('button', { name: 'Run…' }));

		const dialog = screen.getByRole('dialog', { name: 'Confirm: Roll back a service' });
		expect(within(dialog).getByText('service=checkout-api')).toBeInTheDocument();
		await user.click(within(dialog).getByRole('button', { name: 'Run roll back a service' }));
		expect(within(dialog).getByText(/Say why you are doing this/)).toBeInTheDocument();
		expect(runAction).not.toHaveBeenCalled();

		await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Errors began with v2.4.1');
		await user.click(within(dialog).getByRole('button', { name: 'Run roll back a service' }));
		expect(runAction).toHaveBeenCalledWith(
			'rollback',
			{ service: 'checkout-api' },
			'Errors began with v2.4.1'
		);
		expect(screen.queryByRole('dialog')).toBeNull();
		expect(
			within(rollback).getByText(/Last requested 02:10:00 UTC \(service=checkout-api\)/)
		).toBeInTheDocument();
	});

	it('cancelling a risky action runs nothing', async () => {
		const user = userEvent.setup();
		const { session } = createTestSession();
		const runAction = vi.spyOn(session, 'runAction');
		render(ActionsPanel, { session });
		const drop = card(/^Drop the orders table$/);
		await user.click(within(drop).getByText('Drop the orders table'));
		await user.click(within(drop).getByRole('button', { name: 'Run…' }));
		await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
		expect(screen.queryByRole('dialog')).toBeNull();
		expect(runAction).not.toHaveBeenCalled();
	});
});
