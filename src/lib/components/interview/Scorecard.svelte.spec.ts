import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { DimensionId, Rating } from '$lib/interview/dimensions';
import { weightedTotal, type RatingEntry } from '$lib/interview/rating';
import { suggestRatings } from '$lib/interview/suggest';
import type { DrillScorecard } from '$lib/scoring/types';
import { DIMENSIONS } from '$lib/scoring/rubric';
import Scorecard from './Scorecard.svelte';

const AT = '2026-05-10T12:00:00.000Z';

/** Suggestions as if the simulation scored troubleshooting 80 and communication 30. */
function suggestions() {
	const drill: DrillScorecard = {
		score: 60,
		categories: { response: null, triage: null, communication: null, documentation: null },
		kpis: {
			ackMs: null,
			engageOwnerMs: null,
			mitigateMs: null,
			resolveMs: null,
			firstUpdateMs: null,
			statusUpdates: 0,
			actions: 0,
			queries: 0
		},
		checks: [],
		dimensions: DIMENSIONS.map((d) => {
			const score = d.id === 'troubleshooting' ? 80 : d.id === 'communication' ? 30 : null;
			return {
				id: d.id,
				label: d.label,
				weight: d.weight,
				score,
				rating: null,
				evidence: [score === null ? d.notAssessed : 'fixture']
			};
		})
	};
	return suggestRatings({ drill });
}

function setup(ratings: Partial<Record<DimensionId, RatingEntry>> = {}) {
	const s = suggestions();
	const onrate = vi.fn<(d: DimensionId, r: Rating) => void>();
	const onreason = vi.fn<(d: DimensionId, text: string) => void>();
	const total = weightedTotal(
		s.map((x) => ({ id: x.id, weightPct: x.weightPct, rating: ratings[x.id]?.rating ?? null }))
	);
	render(Scorecard, { suggestions: s, ratings, total, onrate, onreason });
	return { onrate, onreason };
}

describe('Scorecard', () => {
	it('shows the six dimensions with their weights, the 1–4 anchors and the suggestions', () => {
		setup();
		const cards = screen.getAllByRole('article');
		expect(cards).toHaveLength(6);
		const t = screen.getByRole('article', { name: /Troubleshooting/ });
		expect(within(t).getByRole('heading')).toHaveTextContent('25%');
		expect(within(t).getByText(/Suggested:/)).toHaveTextContent('4 · Above the bar');
		expect(within(t).getAllByRole('radio')).toHaveLength(4);
		expect(within(t).getByRole('radio', { name: /3 · Meets the bar/ })).toBeInTheDocument();
		const scripting = screen.getByRole('article', { name: /Scripting/ });
		expect(within(scripting).getByText(/No suggestion/)).toHaveTextContent(/scripting task/);
	});

	it('accepts a suggestion or takes another rating', async () => {
		const user = userEvent.setup();
		const { onrate } = setup();
		const t = screen.getByRole('article', { name: /Troubleshooting/ });
		await user.click(within(t).getByRole('button', { name: 'Accept 4' }));
		expect(onrate).toHaveBeenLastCalledWith('troubleshooting', 4);
		await user.click(within(t).getByRole('radio', { name: /2 · Below the bar/ }));
		expect(onrate).toHaveBeenLastCalledWith('troubleshooting', 2);
	});

	it('asks for a reason when the rating differs from the suggestion, and saves it', async () => {
		const user = userEvent.setup();
		const { onreason } = setup({ troubleshooting: { rating: 2, reason: '', at: AT } });
		const t = screen.getByRole('article', { name: /Troubleshooting/ });
		const reason = within(t).getByRole('textbox', { name: 'Reason (required)' });
		expect(reason).toHaveAccessibleDescription(/suggestion was 4/);
		await user.type(reason, 'Guessed at the cause twice');
		await user.tab();
		expect(onreason).toHaveBeenLastCalledWith('troubleshooting', 'Guessed at the cause twice');
		expect(reason).not.toHaveAttribute('aria-invalid', 'true');
	});

	it('adds up the weighted total of what is rated', () => {
		setup({
			troubleshooting: { rating: 4, reason: '', at: AT },
			communication: { rating: 2, reason: '', at: AT }
		});
		// (25×4 + 15×2) / 40 = 3.25
		expect(screen.getByRole('status')).toHaveTextContent(/Weighted total 3\.25 \/ 4/);
		expect(screen.getByRole('status')).toHaveTextContent(/2 of 6 dimensions rated \(40% of the weight\)/);
		expect(screen.getByRole('status')).toHaveTextContent(/Below the bar: Communication during incidents/);
	});
});
