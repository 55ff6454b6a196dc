import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { ScoreReport } from '../../scoring/types';
import FeedbackPanel from './FeedbackPanel.svelte';

const report: ScoreReport = {
	score: 62,
	checks: [
		{
			id: 'runbook.alert-meaning',
			label: 'Names the alert and what it means',
			category: 'runbook',
			weight: 15,
			result: 'met',
			reason: 'Names "DiskFull" and explains it',
			good: '# DiskFull — fires when the disk is above 90% for 5 minutes.'
		},
		{
			id: 'runbook.rollback',
			label: 'How to undo, and the risks',
			category: 'runbook',
			weight: 5,
			result: 'not-met',
			reason: 'No undo or rollback path, and no note of risk',
			good: 'To undo: restore the previous config.'
		},
		{
			id: 'runbook.testable-steps',
			label: 'Steps are testable',
			category: 'runbook',
			weight: 10,
			result: 'not-assessed',
			reason: 'No steps to judge',
			good: '"Run X and expect Y".'
		}
	]
};

describe('FeedbackPanel', () => {
	it('announces the score with its band and counts the criteria met', () => {
		render(FeedbackPanel, { report, noun: 'runbook' });
		const score = screen.getByText('62').closest('p');
		expect(score).toHaveAttribute('aria-live', 'polite');
		expect(score).toHaveTextContent('62/100 Meets the bar for this runbook');
		expect(screen.getByText(/1 of 2 criteria met/)).toBeInTheDocument();
	});

	it('lists every criterion with its result, the reason and what good looks like', () => {
		render(FeedbackPanel, { report, noun: 'runbook' });
		const items = within(screen.getByRole('list', { name: 'Rubric criteria' })).getAllByRole('listitem');
		expect(items.map((li) => li.querySelector('.label')?.textContent)).toEqual([
			'Names the alert and what it means',
			'How to undo, and the risks',
			'Steps are testable'
		]);
		expect(items[1]).toHaveTextContent('Not met');
		expect(items[1]).toHaveTextContent('No undo or rollback path, and no note of risk');
		expect(items[1]).toHaveTextContent('What good looks like: To undo: restore the previous config.');
		expect(items[2]).toHaveTextContent('Not assessed');
	});

	it('says when the feedback is catching up with the text', () => {
		render(FeedbackPanel, { report, noun: 'runbook', stale: true });
		expect(screen.getByText(/updating…/)).toBeInTheDocument();
	});
});
