import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestSession } from '$lib/components/common/testing/test-session';
import { LogStore } from '$lib/sim/log-store';
import type { LogRecord } from '$lib/sim/types';
import { FakeUPlot, resetCharts } from '../dashboard/testing/uplot-fake';
import LogsPanel from './LogsPanel.svelte';
import { logqlEngine } from './logql-engine';
import { LogsState } from '$lib/state/console/logs-state.svelte';

vi.mock('uplot', () => import('../dashboard/testing/uplot-fake'));

beforeAll(() => {
	vi.stubGlobal(
		'ResizeObserver',
		class {
			observe() {}
			unobserve() {}
			disconnect() {}
		}
	);
});

/** 30 minutes of checkout and payments logs, one line per second each; every 10th checkout line is a timeout. */
function store(startEpochMs: number): LogStore {
	const s = new LogStore();
	for (let k = 1800; k >= 1; k--) {
		const t = startEpochMs - k * 1000;
		const timeout = k % 10 === 0;
		const checkout: LogRecord = {
			t,
			service: 'checkout-api',
			pod: `checkout-api-${k % 3}`,
			level: timeout ? 'error' : 'info',
			line: timeout
				? `level=error msg="payment timeout" route=/pay status=502 latency_ms=${1000 + k}`
				: `level=info msg="request done" route=/cart status=200 latency_ms=${20 + (k % 7)}`,
			fields: { route: timeout ? '/pay' : '/cart', status: timeout ? '502' : '200' }
		};
		s.append(checkout);
		s.append({
			...checkout,
			t: t + 1,
			service: 'payments-api',
			pod: 'payments-api-0',
			level: 'info',
			line: 'level=info msg=ok'
		});
	}
	return s;
}

function setup() {
	const test = createTestSession();
	let tick: (() => void) | null = null;
	const model = new LogsState(test.session, {
		engine: logqlEngine(store(test.session.startEpochMs)),
		ticker: (fn) => {
			tick = fn;
			return () => (tick = null);
		}
	});
	render(LogsPanel, { model });
	return {
		...test,
		model,
		box: screen.getByLabelText('LogQL query'),
		wallTick: () => {
			tick?.();
			flushSync();
		}
	};
}

const logQueries = (events: readonly { type: string }[]) =>
	events.filter((e) => e.type === 'query.logql').map((e) => ('expr' in e ? e.expr : ''));

beforeEach(() => resetCharts());

describe('LogsPanel', () => {
	it('runs a log query: newest lines first, level colours, volume by level, and records it', async () => {
		const user = userEvent.setup();
		const { box, session } = setup();
		await user.type(box, '{{service="checkout-api"} |= "timeout"');
		await user.keyboard('{Enter}');

		expect(screen.getByText(/^180 lines, newest first/)).toBeInTheDocument();
		const items = within(screen.getByRole('list', { name: 'Log lines, newest first' })).getAllByRole(
			'listitem'
		);
		expect(items[0]).toHaveTextContent('02:09:50.000');
		expect(items[0]).toHaveTextContent('latency_ms=1010');
		expect(items[0]).toHaveClass('level-error');
		expect(items[1]).toHaveTextContent('02:09:40.000');

		expect(FakeUPlot.live()).toHaveLength(1);
		// The histogram counts the same lines as the list.
		expect(screen.getByRole('list', { name: 'Lines per level' })).toHaveTextContent('error 180');
		expect(screen.getByRole('list', { name: 'Lines per level' })).toHaveTextContent('total 180');
		expect(logQueries(session.events)).toEqual(['{service="checkout-api"} |= "timeout"']);
	});

	it('shows a bad LogQL query’s error at its position and records nothing', async () => {
		const user = userEvent.setup();
		const { box, model, session } = setup();
		await user.type(box, '{{service="checkout-api"} | logfmt | status >');
		await user.keyboard('{Enter}');
		const error = model.query.error!;
		const { line, column } = error.position(model.query.text);
		expect(screen.getByRole('alert')).toHaveTextContent(`at ${line}:${column}`);
		expect(box).toHaveAttribute('aria-invalid', 'true');
		expect(logQueries(session.events)).toEqual([]);
		expect(screen.queryByRole('list', { name: /Log lines/ })).not.toBeInTheDocument();
	});

	it('draws a metric query as a graph', async () => {
		const user = userEvent.setup();
		const { box } = setup();
		await user.type(box, 'sum by (level) (count_over_time({{service="checkout-api"}[[5m]))');
		await user.keyboard('{Enter}');
		expect(screen.getByRole('heading', { name: 'Graph' })).toBeInTheDocument();
		expect(FakeUPlot.live()[0].data).toHaveLength(3);
		expect(screen.getByRole('button', { name: /\{level="error"\}/ })).toBeInTheDocument();
	});

	it('keeps the result still as sim time moves, says how far behind it is, and refreshes on demand', async () => {
		const user = userEvent.setup();
		const { box, model, advance, wallTick } = setup();
		await user.type(box, '{{service="payments-api"}');
		await user.keyboard('{Enter}');
		const first = model.result!;
		advance(30_000);
		wallTick();
		expect(model.result).toBe(first);
		expect(screen.getByText(/sim time is 30s ahead/)).toBeInTheDocument();
		await user.click(screen.getByRole('button', { name: 'Refresh' }));
		expect(model.result!.at).toBe(first.at + 30_000);
		expect(screen.queryByText(/ahead/)).not.toBeInTheDocument();
	});

	it('applies the line limit and says how many more matched', async () => {
		const user = userEvent.setup();
		const { box } = setup();
		await user.type(box, '{{service=~".+"}');
		await user.keyboard('{Enter}');
		expect(screen.getByText(/^3,600 lines/)).toBeInTheDocument();
		await user.selectOptions(screen.getByLabelText('Line limit'), '1,000');
		expect(screen.getByText(/^1,000 lines, newest first/)).toHaveTextContent('3,600 matched');
	});

	it('re-runs the shown query when the range changes', async () => {
		const user = userEvent.setup();
		const { box, session } = setup();
		await user.type(box, '{{service="checkout-api"} |= "timeout"');
		await user.keyboard('{Enter}');
		await user.selectOptions(screen.getByLabelText('Time range'), 'Last 15 minutes');
		// (now − 15m, now] holds the timeouts 10 s … 890 s before now; the re-run is not recorded as a new query.
		expect(screen.getByText(/^89 lines, newest first/)).toBeInTheDocument();
		expect(logQueries(session.events)).toHaveLength(1);
	});
});
