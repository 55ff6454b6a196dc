import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CreateEditorOptions, EditorHandle } from './editor-handle';
import MonacoEditor from './MonacoEditor.svelte';

function fakeMonaco() {
	const created: { el: HTMLElement; options: CreateEditorOptions; handle: EditorHandle }[] = [];
	const load = vi.fn(async () => ({
		createMarkdownEditor: (el: HTMLElement, options: CreateEditorOptions) => {
			let value = options.value;
			const handle: EditorHandle = {
				getValue: () => value,
				setValue: vi.fn((t: string) => (value = t)),
				replaceAll: vi.fn(),
				insertAt: vi.fn((offset: number, text: string) => {
					value = value.slice(0, offset) + text + value.slice(offset);
					options.onChange(value);
				}),
				insertAtCursor: vi.fn(),
				focus: vi.fn(),
				setReadOnly: vi.fn(),
				dispose: vi.fn()
			};
			created.push({ el, options, handle });
			return handle;
		}
	}));
	return { load, created };
}

describe('MonacoEditor', () => {
	it('is a labelled textarea in jsdom, with the same insert API', async () => {
		const oninput = vi.fn();
		const { component } = render(MonacoEditor, { value: 'ab', label: 'Runbook', oninput });
		const box = screen.getByRole('textbox', { name: 'Runbook' });
		expect(box).toHaveValue('ab');
		component.insertAt(1, 'XY');
		expect(box).toHaveValue('aXYb');
		expect(oninput).toHaveBeenLastCalledWith('aXYb');
		await userEvent.setup().type(box, '!');
		expect(oninput).toHaveBeenLastCalledWith('aXYb!');
	});

	it('loads Monaco lazily once, hands it the text, and disposes it on unmount', async () => {
		const { load, created } = fakeMonaco();
		const oninput = vi.fn();
		const { component, unmount } = render(MonacoEditor, {
			value: '# Title',
			label: 'Postmortem',
			engine: 'monaco',
			load,
			oninput
		});
		expect(screen.getByRole('status')).toHaveTextContent('Loading the editor…');
		await vi.waitFor(() => expect(created).toHaveLength(1));
		expect(load).toHaveBeenCalledTimes(1);
		expect(created[0].options).toMatchObject({ value: '# Title', ariaLabel: 'Postmortem', readOnly: false });
		await vi.waitFor(() => expect(screen.queryByRole('status')).toBeNull());

		component.insertAt(7, '\n\nBody');
		expect(created[0].handle.insertAt).toHaveBeenCalledWith(7, '\n\nBody');
		expect(oninput).toHaveBeenLastCalledWith('# Title\n\nBody');

		unmount();
		expect(created[0].handle.dispose).toHaveBeenCalledTimes(1);
	});

	it('falls back to the textarea and says so when Monaco fails to load', async () => {
		const load = vi.fn(async () => {
			throw new Error('chunk failed');
		});
		render(MonacoEditor, { value: 'draft text', label: 'Runbook', engine: 'monaco', load });
		expect(await screen.findByRole('textbox', { name: 'Runbook' })).toHaveValue('draft text');
		expect(screen.getByRole('status')).toHaveTextContent('The full editor could not load (chunk failed)');
	});
});
