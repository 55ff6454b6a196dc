import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '$lib/query/types';
import LogList from './LogList.svelte';
import { LogRows } from './log-rows';

const T0 = Date.UTC(2026, 2, 14, 2, 10, 0);
const LEVELS = ['info', 'info', 'warn', 'error', 'debug'] as const;

/** `n` lines, newest first, one every 10 ms. */
function lines(n: number): LogLine[] {
	return Array.from({ length: n }, (_, i) => {
		const level = LEVELS[i % LEVELS.length];
		return {
			record: {
				t: T0 - i * 10,
				service: 'checkout-api',
				pod: `checkout-api-${i % 3}`,
				level,
				line: `level=${level} msg="request ${i}" trace_id=t${i}`,
				fields: { trace_id: `t${i}`, route: '/checkout' }
			},
			labels: { service: 'checkout-api', pod: `checkout-api-${i % 3}`, level }
		};
	});
}

beforeAll(() => {
	// jsdom has no ResizeObserver (used by bind:clientHeight); it has no layout either, so nothing would fire.
	vi.stubGlobal(
		'ResizeObserver',
		class {
			observe() {}
			unobserve() {}
			disconnect() {}
		}
	);
});

describe('LogList', () => {
	it('renders only a window of rows for 100k lines, newest first', () => {
		const rows = new LogRows(lines(100_000));
		render(LogList, { rows, label: 'Log lines' });
		const items = within(screen.getByRole('list', { name: 'Log lines' })).getAllByRole('listitem');
		expect(items.length).toBeGreaterThan(10);
		expect(items.length).toBeLessThan(60);
		expect(items[0]).toHaveAttribute('aria-setsize', '100000');
		expect(items[0]).toHaveAttribute('aria-posinset', '1');
		expect(items[0]).toHaveTextContent('2026-03-14 02:10:00.000');
		expect(items[0]).toHaveTextContent('request 0');
		// The model formatted only what was drawn.
		expect(rows.formattedCount).toBe(items.length);
	});

	it('expands a row to show its labels and fields, and pushes the next rows down', async () => {
		const user = userEvent.setup();
		render(LogList, { rows: new LogRows(lines(100_000)), label: 'Log lines' });
		const first = screen.getAllByRole('button')[0];
		const secondItem = () => screen.getAllByRole('listitem')[1];
		const topBefore = secondItem().style.top;
		expect(first).toHaveAttribute('aria-expanded', 'false');

		await user.click(first);
		expect(first).toHaveAttribute('aria-expanded', 'true');
		const details = document.getElementById(first.getAttribute('aria-controls')!)!;
		expect(details).toHaveTextContent('Labels');
		expect(within(details).getByText('pod')).toBeInTheDocument();
		expect(within(details).getByText('checkout-api-0')).toBeInTheDocument();
		expect(within(details).getByText('route')).toBeInTheDocument();
		expect(within(details).getByText('/checkout')).toBeInTheDocument();
		expect(parseFloat(secondItem().style.top)).toBeGreaterThan(parseFloat(topBefore) + 50);

		await user.keyboard('{Enter}');
		expect(first).toHaveAttribute('aria-expanded', 'false');
	});

	it('moves through the list with the keyboard, keeping the focused row rendered', async () => {
		const user = userEvent.setup();
		render(LogList, { rows: new LogRows(lines(100_000)), label: 'Log lines' });
		await user.tab();
		expect(document.activeElement).toHaveTextContent('request 0');
		await user.keyboard('{ArrowDown}{ArrowDown}');
		expect(document.activeElement).toHaveTextContent('request 2');
		await user.keyboard('{End}');
		expect(document.activeElement).toHaveTextContent('request 99999');
		expect(document.activeElement?.closest('[role="listitem"]')).toHaveAttribute('aria-posinset', '100000');
		expect(screen.getAllByRole('listitem').length).toBeLessThan(60);
		await user.keyboard('{PageUp}');
		expect(document.activeElement?.textContent).toMatch(/request 999\d\d/);
		await user.keyboard('{Home}');
		expect(document.activeElement).toHaveTextContent('request 0');
	});
});
