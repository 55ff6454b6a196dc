import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { expertLog, fixtureScenario, START_EPOCH_MS } from '../../scoring/fixtures/drill-scenario';
import { installDialogPolyfill } from '../common/testing/dialog-polyfill';
import { postmortemTemplate, runbookTemplate } from './templates';
import { drillTimeline, timelineMarkdown } from './timeline';
import WritingWorkspace from './WritingWorkspace.svelte';
import { WritingSession, type SubmitResult, type WritingStore } from './writing-session.svelte';

beforeAll(installDialogPolyfill);

const ALERT = 'CheckoutHighErrorRate';

function fakeStore(result: SubmitResult = { artifactScore: 0, drill: null }) {
	const drafts: string[] = [];
	const store: WritingStore = {
		saveDraft: vi.fn(async (text: string) => {
			drafts.push(text);
		}),
		submit: vi.fn(async (_text: string, report) => ({ ...result, artifactScore: report.score }))
	};
	return { store, drafts };
}

function setup(kind: 'runbook' | 'postmortem', options: { initialText?: string; timeline?: string } = {}) {
	const scenario = fixtureScenario();
	const { store, drafts } = fakeStore({ artifactScore: 0, drill: { before: 70, after: 74 } });
	const template = kind === 'runbook' ? runbookTemplate({ alertName: ALERT }) : postmortemTemplate();
	const session = new WritingSession({
		kind,
		initialText: options.initialText ?? template,
		store,
		context: {
			alertName: ALERT,
			events: expertLog(),
			startEpochMs: START_EPOCH_MS,
			answerKey: scenario.answerKey
		},
		draftDelayMs: 50
	});
	render(WritingWorkspace, { session, template, timeline: options.timeline ?? null });
	const editor = screen.getByRole('textbox', {
		name: `${kind === 'runbook' ? 'Runbook' : 'Postmortem'} (Markdown)`
	});
	return { session, store, drafts, editor, user: userEvent.setup() };
}

const criterion = (label: string) => {
	const item = screen.getByText(label, { selector: '.label' }).closest('li');
	if (!item) throw new Error(`no criterion ${label}`);
	return item;
};

describe('WritingWorkspace (textarea editor)', () => {
	it('grades the runbook live as the trainee writes, with what good looks like', async () => {
		const { editor, user } = setup('runbook');
		const meaning = () => criterion('Names the alert and what it means');
		expect(within(meaning()).getByText('Partly')).toBeInTheDocument();
		expect(meaning()).toHaveTextContent('What good looks like:');
		const before = Number(screen.getByText(/^\d+$/, { selector: '.value' }).textContent);

		// Write a meaning paragraph right under the "## Meaning" heading.
		const at = (editor as HTMLTextAreaElement).value.indexOf('## Meaning') + '## Meaning'.length;
		await user.type(editor, '\nFires when more than 2% of checkout requests fail for 2 minutes.', {
			initialSelectionStart: at,
			initialSelectionEnd: at
		});

		expect(await within(meaning()).findByText('Met')).toBeInTheDocument();
		expect(meaning()).toHaveTextContent(/explains it/);
		const after = Number(screen.getByText(/^\d+$/, { selector: '.value' }).textContent);
		expect(after).toBeGreaterThan(before);
		expect(screen.getByRole('tab', { name: `Rubric feedback · ${after}` })).toHaveAttribute(
			'aria-selected',
			'true'
		);
	});

	it('shows the rendered preview in its own tab, without the template’s guidance comments', async () => {
		const { user } = setup('runbook');
		await user.click(screen.getByRole('tab', { name: 'Preview' }));
		const panel = screen.getByRole('tabpanel', { name: 'Preview' });
		expect(within(panel).getByRole('heading', { name: ALERT })).toBeInTheDocument();
		expect(within(panel).getByRole('heading', { name: 'Mitigation' })).toBeInTheDocument();
		expect(panel).not.toHaveTextContent('Write for the on-call engineer');
	});

	it('inserts the drill’s timeline under the Timeline heading and the timeline checks pass', async () => {
		const table = timelineMarkdown(drillTimeline(expertLog(), fixtureScenario(), START_EPOCH_MS));
		const { session, user } = setup('postmortem', { timeline: table });
		expect(within(criterion('Timeline with times')).getByText('Not met')).toBeInTheDocument();

		await user.click(screen.getByRole('button', { name: 'Insert the drill’s timeline' }));

		expect(session.text).toContain('## Timeline (UTC)\n<!--');
		expect(session.text).toContain('| 14:10 UTC | CheckoutHighErrorRate paged the on-call');
		expect(await within(criterion('Timeline with times')).findByText('Met')).toBeInTheDocument();
		expect(within(criterion('Timeline matches what happened')).getByText('Met')).toBeInTheDocument();
	});

	it('saves a draft once typing stops', async () => {
		const { editor, drafts, user } = setup('runbook', { initialText: '' });
		await user.type(editor, '# DiskFull');
		expect(await screen.findByText(/^Draft saved \d\d:\d\d:\d\d UTC$/)).toBeInTheDocument();
		expect(drafts.at(-1)).toBe('# DiskFull');
	});

	it('asks before replacing the trainee’s own text with the template', async () => {
		const { editor, session, user } = setup('runbook', { initialText: '' });
		await user.type(editor, 'My notes on this alert.');
		await user.click(screen.getByRole('button', { name: 'Start from the template' }));
		const dialog = screen.getByRole('dialog', { name: 'Start over from the template?' });
		await user.click(within(dialog).getByRole('button', { name: 'Keep my text' }));
		expect(session.text).toBe('My notes on this alert.');

		await user.click(screen.getByRole('button', { name: 'Start from the template' }));
		await user.click(screen.getByRole('button', { name: 'Replace with the template' }));
		expect(session.text).toBe(runbookTemplate({ alertName: ALERT }));
	});

	it('submits the text with its score and reports the drill’s new score', async () => {
		const { store, user } = setup('runbook');
		await user.click(screen.getByRole('button', { name: 'Submit runbook' }));
		expect(store.submit).toHaveBeenCalledWith(
			runbookTemplate({ alertName: ALERT }),
			expect.objectContaining({ score: expect.any(Number) })
		);
		const status = await screen.findByText(/^Submitted: this runbook scored/);
		expect(status).toHaveTextContent(
			/scored \d+\/100 \(weak\)\. The drill’s score is now 74\/100 \(was 70\)\./
		);
	});

	it('is read only without a store', () => {
		const session = new WritingSession({ kind: 'runbook', initialText: 'x', store: null });
		render(WritingWorkspace, { session, template: runbookTemplate() });
		expect(screen.getByRole('textbox', { name: 'Runbook (Markdown)' })).toHaveAttribute('readonly');
		expect(screen.getByRole('button', { name: 'Submit runbook' })).toBeDisabled();
		expect(screen.getByText('Read only: nothing here is saved')).toBeInTheDocument();
	});
});
