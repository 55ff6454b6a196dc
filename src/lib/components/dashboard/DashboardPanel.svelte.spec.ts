import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestSession } from '$lib/components/common/testing/test-session';
import { fixtureScenarioInput } from '$lib/components/common/testing/fixture-scenario';
import type { QueryResult } from '$lib/query/types';
import { Scenario } from '$lib/sim/scenario/schema';
import DashboardPanel from './DashboardPanel.svelte';
import { DashboardState } from '$lib/state/console/dashboard-state.svelte';
import type { QueryWindow } from './panel-data';
import { FakeUPlot, resetCharts } from './testing/uplot-fake';

vi.mock('uplot', () => import('./testing/uplot-fake'));

const scenario = Scenario.parse({
	...fixtureScenarioInput,
	dashboards: [
		{
			id: 'checkout-overview',
			title: 'Checkout overview',
			panels: [
				{
					id: 'error-ratio',
					title: 'Error ratio',
					unit: 'percentunit',
					thresholds: [{ value: 0.05, label: 'SLO' }],
					queries: [{ expr: 'error_ratio', legend: '{{service}}' }]
				},
				{ id: 'p99', title: 'p99 latency', kind: 'stat', unit: 'ms', queries: [{ expr: 'p99_ms' }] }
			]
		},
		{
			id: 'payments',
			title: 'Payments',
			panels: [
				{ id: 'payments-rps', title: 'Payments requests', unit: 'reqps', queries: [{ expr: 'payments_rps' }] }
			]
		}
	]
});

/** A PromQL stand-in: one series per query, a value per step (error ratio grows 0.1% per step). */
function fakeEvaluate(calls: [string, QueryWindow][]) {
	return (expr: string, w: QueryWindow): QueryResult => {
		calls.push([expr, w]);
		const ts: number[] = [];
		for (let t = w.start; t <= w.end; t += w.stepMs) ts.push(t);
		const value = (t: number) =>
			expr === 'p99_ms' ? 250 : expr === 'payments_rps' ? 40 : ((t - w.start) / w.stepMs) * 0.001;
		return {
			resultType: 'matrix',
			result: [{ labels: { __name__: expr, service: 'checkout-api' }, ts, vs: ts.map(value) }]
		};
	};
}

function setup(onexplore?: (expr: string, panel: string) => void) {
	const test = createTestSession({ scenario });
	const calls: [string, QueryWindow][] = [];
	let tick: (() => void) | null = null;
	const state = new DashboardState(test.session, {
		evaluate: fakeEvaluate(calls),
		ticker: (fn) => {
			tick = fn;
			return () => (tick = null);
		}
	});
	render(DashboardPanel, { session: test.session, model: state, onexplore });
	const wallTick = () => {
		tick?.();
		flushSync();
	};
	return { ...test, calls, wallTick, state };
}

const views = (events: readonly { type: string }[]) =>
	events.filter((e) => e.type === 'view.open').map((e) => ('target' in e ? e.target : undefined));

beforeEach(() => resetCharts());

describe('DashboardPanel', () => {
	it('shows the panels of the first dashboard with legend values, stat values and change markers', () => {
		const { session } = setup();
		expect(screen.getByRole('heading', { name: 'Error ratio' })).toBeInTheDocument();
		const stat = screen.getByRole('article', { name: 'p99 latency' });
		expect(within(stat).getByTestId('stat-value')).toHaveTextContent('250 ms');
		const chart = screen.getByRole('article', { name: 'Error ratio' });
		// 1h window at 15 s steps: the last of 241 points is 240 steps × 0.1% = 24%.
		expect(within(chart).getByRole('button', { name: /checkout-api/ })).toHaveTextContent('24%');
		expect(within(chart).getByRole('img')).toHaveAccessibleName(/thresholds 5%/);
		expect(screen.getByText('deploy checkout-api v2.4.0 → v2.4.1')).toBeInTheDocument();
		expect(screen.getByText('flag new-retry-policy enabled (checkout-api)')).toBeInTheDocument();
		expect(views(session.events)).toEqual(['checkout-overview']);
	});

	it('updates live with setData, without re-creating charts, once sim time moved a whole step', () => {
		const { advance, calls, wallTick } = setup();
		expect(FakeUPlot.live()).toHaveLength(1);
		const chart = FakeUPlot.live()[0];
		const lastX = () => chart.data[0][chart.data[0].length - 1];
		const before = { calls: calls.length, setData: chart.setDataCalls, x: lastX() };

		advance(5_000);
		wallTick();
		expect(calls.length).toBe(before.calls);

		advance(10_000);
		expect(calls.length).toBe(before.calls);
		wallTick();
		expect(calls.length).toBe(before.calls + 2);
		expect(FakeUPlot.instances).toHaveLength(1);
		expect(chart.setDataCalls).toBe(before.setData + 1);
		expect(lastX()).toBe(before.x + 15);
	});

	it('re-queries the chosen range and keeps the chart', async () => {
		const user = userEvent.setup();
		const { calls } = setup();
		await user.selectOptions(screen.getByLabelText('Time range'), 'Last 6 hours');
		const [, w] = calls[calls.length - 1];
		expect(w.end - w.start).toBe(6 * 3600_000);
		expect(FakeUPlot.instances).toHaveLength(1);
	});

	it('shares a crosshair sync key between the charts and draws the thresholds', () => {
		setup();
		const opts = FakeUPlot.live()[0].opts;
		expect(opts.cursor?.sync?.key).toMatch(/^pagerdrill-dashboard-/);
		expect(opts.hooks?.draw).toHaveLength(2);
	});

	it('records opening a panel and opens its query in Explore', async () => {
		const user = userEvent.setup();
		const onexplore = vi.fn();
		const { session } = setup(onexplore);
		await user.click(screen.getByRole('button', { name: 'View Error ratio' }));
		expect(views(session.events)).toEqual(['checkout-overview', 'error-ratio']);
		expect(screen.getByText('error_ratio')).toBeInTheDocument();
		expect(FakeUPlot.live()[0].height).toBeGreaterThan(300);
		await user.click(screen.getByRole('button', { name: 'Explore Error ratio' }));
		expect(onexplore).toHaveBeenCalledWith('error_ratio', 'error-ratio');
	});

	it('switches dashboards with tabs (arrow keys too) and records the view', async () => {
		const { session } = setup();
		const tab = screen.getByRole('tab', { name: 'Payments' });
		await fireEvent.click(tab);
		expect(screen.getByRole('heading', { name: 'Payments requests' })).toBeInTheDocument();
		expect(screen.queryByRole('heading', { name: 'Error ratio' })).not.toBeInTheDocument();
		expect(FakeUPlot.live()).toHaveLength(1);
		await fireEvent.keyDown(screen.getByRole('tab', { name: 'Payments' }), { key: 'ArrowLeft' });
		expect(screen.getByRole('tab', { name: 'Checkout overview' })).toHaveAttribute('aria-selected', 'true');
		expect(views(session.events)).toEqual(['checkout-overview', 'payments', 'checkout-overview']);
	});

	it('hides a series when its legend entry is pressed', async () => {
		const user = userEvent.setup();
		setup();
		const entry = screen.getByRole('button', { name: /checkout-api/ });
		await user.click(entry);
		expect(entry).toHaveAttribute('aria-pressed', 'false');
		expect(FakeUPlot.live()[0].series[1].show).toBe(false);
	});
});
