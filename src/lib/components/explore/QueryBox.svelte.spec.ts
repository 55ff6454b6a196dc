import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { parseLogQL } from '$lib/query/logql';
import { QueryError } from '$lib/query/types';
import { QueryBoxState } from '$lib/state/console/query-panel.svelte';
import QueryBox from './QueryBox.svelte';

function setup(attempt: (text: string) => void) {
	const query = new QueryBoxState({ attempt });
	const onrun = vi.fn(() => query.run());
	render(QueryBox, { query, label: 'LogQL query', onrun });
	return { query, onrun, box: screen.getByLabelText('LogQL query') };
}

describe('QueryBox', () => {
	it('shows a LogQL error at its position: underlined range, line:column and a caret', async () => {
		const user = userEvent.setup();
		const text = '{service="api"} |= "timeout" | logfmt | latency_ms > ';
		// A stub parser that rejects the dangling comparison.
		const { box } = setup(() => {
			throw new QueryError('expected a number after ">"', text.length - 2, text.length);
		});
		await user.type(
			box,
			text.replace(/[{[]/g, (c) => c + c)
		);
		await user.keyboard('{Enter}');

		const alert = screen.getByRole('alert');
		expect(alert).toHaveTextContent(`Syntax error at 1:${text.length - 1}`);
		expect(alert).toHaveTextContent('expected a number after ">"');
		expect(alert.querySelector('.caret')?.textContent).toBe(`${text}\n${' '.repeat(text.length - 2)}^~`);
		const mark = document.querySelector('mark');
		expect(mark?.textContent).toBe('> ');
		expect(box).toHaveAttribute('aria-invalid', 'true');
		expect(box).toHaveAccessibleDescription(expect.stringContaining('expected a number'));
	});

	it('points at the real LogQL parser’s error on the second line of a query', async () => {
		const user = userEvent.setup();
		const { box, query } = setup((t) => void parseLogQL(t));
		await user.type(box, '{{service="api"}');
		await user.keyboard('{Shift>}{Enter}{/Shift}');
		await user.type(box, '| json | status >= ');
		await user.keyboard('{Enter}');

		const error = query.error!;
		expect(error).toBeInstanceOf(QueryError);
		const { line, column } = error.position(query.text);
		expect(line).toBe(2);
		expect(screen.getByRole('alert')).toHaveTextContent(`at 2:${column}`);
		const mark = document.querySelector('mark')!;
		const before = mark.previousSibling?.textContent ?? '';
		expect(before.length).toBe(Math.min(error.from, query.text.length));
	});

	it('runs on Enter and Ctrl+Enter, adds a line on Shift+Enter, and clears the error after a good run', async () => {
		const user = userEvent.setup();
		let fail = true;
		const { box, onrun, query } = setup(() => {
			if (fail) throw new QueryError('bad', 0, 1);
		});
		await user.type(box, 'up');
		await user.keyboard('{Shift>}{Enter}{/Shift}');
		expect(onrun).not.toHaveBeenCalled();
		expect(query.text).toBe('up\n');
		await user.keyboard('{Control>}{Enter}{/Control}');
		expect(onrun).toHaveBeenCalledTimes(1);
		expect(screen.getByRole('alert')).toBeInTheDocument();

		fail = false;
		await user.keyboard('{Enter}');
		expect(onrun).toHaveBeenCalledTimes(2);
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
		expect(box).not.toHaveAttribute('aria-invalid');
	});

	it('stops underlining once the query is edited, but keeps the message', async () => {
		const user = userEvent.setup();
		const { box } = setup(() => {
			throw new QueryError('unknown function', 0, 3);
		});
		await user.type(box, 'rat(x)');
		await user.keyboard('{Enter}');
		expect(document.querySelector('mark')).not.toBeNull();
		await user.type(box, ' ');
		expect(document.querySelector('mark')).toBeNull();
		expect(screen.getByRole('alert')).toHaveTextContent('the query was edited since');
	});

	it('disables Run for a blank query', () => {
		setup(() => {});
		expect(screen.getByRole('button', { name: 'Run query' })).toBeDisabled();
	});
});
