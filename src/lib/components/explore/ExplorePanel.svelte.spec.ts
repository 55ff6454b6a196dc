import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestSession } from '$lib/components/common/testing/test-session';
import { QueryError, type QueryResult } from '$lib/query/types';
import { FakeUPlot, resetCharts } from '../dashboard/testing/uplot-fake';
import ExplorePanel from './ExplorePanel.svelte';
import { ExploreState } from '$lib/state/console/explore-state.svelte';
import type { PromqlEngine } from './promql-engine';

vi.mock('uplot', () => import('../dashboard/testing/uplot-fake'));

const SERIES = [
	{ __name__: 'up', job: 'api' },
	{ __name__: 'up', job: 'db' }
];

/** A PromQL stand-in: knows `up` (api = 1, db = 0) and rejects the misspelt function `rat`. */
function fakeEngine(): PromqlEngine & { rangeCalls: number } {
	const engine = {
		rangeCalls: 0,
		check(expr: string) {
			const at = expr.indexOf('rat(');
			if (at >= 0) throw new QueryError('unknown function with name "rat"', at, at + 3);
		},
		instant: (_expr: string, t: number): QueryResult => ({
			resultType: 'vector',
			result: SERIES.map((labels, i) => ({ labels, t, value: i === 0 ? 1 : 0 }))
		}),
		range(_expr: string, w: { start: number; end: number; stepMs: number }): QueryResult {
			engine.rangeCalls++;
			const ts: number[] = [];
			for (let t = w.start; t <= w.end; t += w.stepMs) ts.push(t);
			return {
				resultType: 'matrix',
				result: SERIES.map((labels, i) => ({ labels, ts, vs: ts.map(() => (i === 0 ? 1 : 0)) }))
			};
		},
		metricNames: () => ['http_requests_total', 'up'],
		labelsOf: (metric: string) =>
			metric === 'up'
				? [{ name: 'job', values: ['api', 'db'] }]
				: [
						{ name: 'code', values: ['200', '500'] },
						{ name: 'service', values: ['checkout-api'] }
					]
	};
	return engine;
}

function setup() {
	const test = createTestSession();
	let tick: (() => void) | null = null;
	const engine = fakeEngine();
	const state = new ExploreState(test.session, {
		engine,
		ticker: (fn) => {
			tick = fn;
			return () => (tick = null);
		}
	});
	render(ExplorePanel, { model: state });
	return {
		...test,
		engine,
		state,
		box: screen.getByLabelText('PromQL query'),
		wallTick: () => {
			tick?.();
			flushSync();
		}
	};
}

const queries = (events: readonly { type: string }[]) =>
	events.filter((e) => e.type === 'query.promql').map((e) => ({ ...e }) as Record<string, unknown>);

beforeEach(() => resetCharts());

describe('ExplorePanel', () => {
	it('runs a query on Enter: graph, legend and table, and records it', async () => {
		const user = userEvent.setup();
		const { box, session } = setup();
		expect(box).toHaveAttribute('id', 'query-input');
		await user.type(box, 'up');
		await user.keyboard('{Enter}');

		expect(FakeUPlot.live()).toHaveLength(1);
		expect(FakeUPlot.live()[0].data).toHaveLength(3);
		const table = screen.getByRole('table');
		const rows = within(table).getAllByRole('row');
		expect(rows[1]).toHaveTextContent('up{job="api"}');
		expect(rows[1]).toHaveTextContent('1');
		expect(rows[2]).toHaveTextContent('up{job="db"}');
		expect(queries(session.events)).toMatchObject([{ expr: 'up' }]);
		expect(queries(session.events)[0].panel).toBeUndefined();
	});

	it('shows a bad query’s error at its position and does not record or run it', async () => {
		const user = userEvent.setup();
		const { box, session } = setup();
		await user.type(box, 'sum(rat(x[[5m]))');
		await user.keyboard('{Enter}');
		expect(screen.getByRole('alert')).toHaveTextContent('Syntax error at 1:5');
		expect(document.querySelector('mark')).toHaveTextContent('rat');
		expect(queries(session.events)).toEqual([]);
		expect(screen.queryByRole('table')).not.toBeInTheDocument();
	});

	it('follows sim time: new data is pushed into the same chart', async () => {
		const user = userEvent.setup();
		const { box, advance, wallTick } = setup();
		await user.type(box, 'up');
		await user.keyboard('{Enter}');
		const chart = FakeUPlot.live()[0];
		const calls = chart.setDataCalls;
		advance(15_000);
		wallTick();
		expect(FakeUPlot.instances).toHaveLength(1);
		expect(chart.setDataCalls).toBe(calls + 1);
	});

	it('evaluates a run once, not again for the first render', async () => {
		const user = userEvent.setup();
		const { box, engine } = setup();
		await user.type(box, 'up');
		await user.keyboard('{Enter}');
		expect(engine.rangeCalls).toBe(1);
	});

	it('inserts metric names and label selectors from the metrics browser at the caret', async () => {
		const user = userEvent.setup();
		const { state } = setup();
		await user.type(screen.getByLabelText('Filter metrics'), 'http');
		const list = screen.getByRole('list', { name: 'Metrics browser' });
		expect(
			within(list)
				.getAllByRole('button')
				.map((b) => b.textContent)
		).toEqual(['http_requests_total']);
		await user.click(within(list).getByRole('button', { name: 'http_requests_total' }));
		await user.click(screen.getByText('code'));
		await user.click(screen.getByRole('button', { name: 'Insert code="500"' }));
		expect(state.query.text).toBe('http_requests_total{code="500"}');
		expect(document.activeElement).toBe(screen.getByLabelText('PromQL query'));

		state.query.set('sum(rate([5m]))');
		state.query.selection = { start: 9, end: 9 };
		await user.click(screen.getByRole('button', { name: 'Insert metric name' }));
		expect(state.query.text).toBe('sum(rate(http_requests_total[5m]))');
	});

	it('records a query opened from a dashboard panel with the panel id', () => {
		const { state, session } = setup();
		expect(state.open('up', 'error-ratio')).toBe(true);
		flushSync();
		expect(queries(session.events)).toMatchObject([{ expr: 'up', panel: 'error-ratio' }]);
		expect(screen.getByLabelText('PromQL query')).toHaveValue('up');
	});
});
