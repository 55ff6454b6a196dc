import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installDialogPolyfill } from '../common/testing/dialog-polyfill';
import { createTestSession } from '../common/testing/test-session';
import PagerPanel from './PagerPanel.svelte';

beforeAll(installDialogPolyfill);

/** A session where the fixture's alert has fired and paged (at 60 s). */
function paged() {
	const t = createTestSession({ drill: { pageAt: 60_000 } });
	t.advance(90_000);
	return t;
}

describe('PagerPanel', () => {
	it('shows a quiet pager before anything fires', () => {
		const { session } = createTestSession();
		render(PagerPanel, { session });
		expect(screen.getByText(/No pages yet/)).toBeInTheDocument();
		expect(screen.getByText('0 open')).toBeInTheDocument();
	});

	it('renders an incoming page with severity, summary, labels and time', () => {
		const { session } = paged();
		render(PagerPanel, { session });
		const page = screen.getByRole('article', { name: 'CheckoutHighErrorRate' });
		expect(within(page).getByText('critical')).toBeInTheDocument();
		expect(within(page).getByText('Checkout 5xx ratio above 5%')).toBeInTheDocument();
		expect(within(page).getByText('checkout-api')).toBeInTheDocument();
		expect(within(page).getByText(/02:11:00 UTC · 30s ago/)).toBeInTheDocument();
		expect(screen.getByText('1 open')).toBeInTheDocument();
	});

	it('acknowledges through the session and shows who is on it', async () => {
		const user = userEvent.setup();
		const { session } = paged();
		const ack = vi.spyOn(session, 'ack');
		render(PagerPanel, { session });
		const page = screen.getByRole('article', { name: 'CheckoutHighErrorRate' });
		await user.click(within(page).getByRole('button', { name: 'Acknowledge' }));
		expect(ack).toHaveBeenCalledWith('page-1');
		expect(session.events.at(-1)).toMatchObject({ type: 'alert.ack', pageId: 'page-1' });
		expect(await within(page).findByText(/Acknowledged 02:11:30 UTC/)).toBeInTheDocument();
		expect(within(page).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
		expect(screen.getByText('0 open')).toBeInTheDocument();
	});

	it('opens the runbook the alert links to', async () => {
		const user = userEvent.setup();
		const { session } = paged();
		const onopenrunbook = vi.fn();
		render(PagerPanel, { session, onopenrunbook });
		await user.click(screen.getByRole('button', { name: 'Runbook' }));
		expect(onopenrunbook).toHaveBeenCalledWith('https://runbooks.example.com/checkout/high-errors');
	});

	it('will not create a silence without a real reason', async () => {
		const user = userEvent.setup();
		const { session } = paged();
		const silence = vi.spyOn(session, 'silence');
		render(PagerPanel, { session });
		const page = screen.getByRole('article', { name: 'CheckoutHighErrorRate' });
		await user.click(within(page).getByRole('button', { name: 'Silence…' }));

		const dialog = screen.getByRole('dialog', { name: 'Silence CheckoutHighErrorRate' });
		await user.click(within(dialog).getByRole('button', { name: 'Create silence' }));
		expect(within(dialog).getByText('Say why you are silencing this alert.')).toBeInTheDocument();
		expect(within(dialog).getByRole('textbox', { name: /Reason/ })).toHaveAttribute('aria-invalid', 'true');

		await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'noise');
		await user.click(within(dialog).getByRole('button', { name: 'Create silence' }));
		expect(within(dialog).getByText(/at least 10 characters/)).toBeInTheDocument();
		expect(silence).not.toHaveBeenCalled();
	});

	it('silences matching alertname and service for the chosen time', async () => {
		const user = userEvent.setup();
		const { session } = paged();
		const silence = vi.spyOn(session, 'silence');
		render(PagerPanel, { session });
		await user.click(
			within(screen.getByRole('article', { name: 'CheckoutHighErrorRate' })).getByRole('button', {
				name: 'Silence…'
			})
		);
		const dialog = screen.getByRole('dialog');
		expect(within(dialog).getByRole('checkbox', { name: 'alertname="CheckoutHighErrorRate"' })).toBeChecked();
		expect(within(dialog).getByRole('checkbox', { name: 'service="checkout-api"' })).toBeChecked();
		expect(within(dialog).getByRole('checkbox', { name: 'severity="critical"' })).not.toBeChecked();
		await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Duration' }), '30 minutes');
		await user.type(
			within(dialog).getByRole('textbox', { name: /Reason/ }),
			'  Known issue, tracked in INC-42 '
		);
		await user.click(within(dialog).getByRole('button', { name: 'Create silence' }));

		expect(silence).toHaveBeenCalledWith(
			[
				{ name: 'alertname', value: 'CheckoutHighErrorRate' },
				{ name: 'service', value: 'checkout-api' }
			],
			30 * 60_000,
			'Known issue, tracked in INC-42'
		);
		expect(screen.queryByRole('dialog')).toBeNull();
		expect(await screen.findByText(/Silenced until 02:41:30 UTC/)).toBeInTheDocument();
	});

	it('lists the alerts behind the pages by state', () => {
		const { session } = paged();
		render(PagerPanel, { session });
		const alerts = screen.getByRole('region', { name: 'Alerts' });
		expect(within(alerts).getByRole('heading', { name: /Firing 1/ })).toBeInTheDocument();
		expect(within(alerts).getByText('CheckoutHighErrorRate')).toBeInTheDocument();
	});
});
