import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { scoreDrill } from '../../scoring/drill';
import { naiveLog, expertLog, fixtureScenario, START_EPOCH_MS } from '../../scoring/fixtures/drill-scenario';
import CheckList from './CheckList.svelte';

const scenario = fixtureScenario();
const card = (events = naiveLog()) => scoreDrill({ scenario, events, startEpochMs: START_EPOCH_MS });

describe('CheckList', () => {
	it('groups the criteria under their category with the category score', () => {
		const c = card();
		render(CheckList, { checks: c.checks, scores: c.categories });
		const headings = screen
			.getAllByRole('heading', { level: 3 })
			.map((h) => h.textContent?.replace(/\s+/g, ' ').trim());
		expect(headings).toEqual([
			`Response ${c.categories.response}/100`,
			`Triage and judgement ${c.categories.triage}/100`,
			`Communication ${c.categories.communication}/100`,
			'Documentation not assessed'
		]);
		const response = screen.getByRole('region', { name: /^Response/ });
		expect(within(response).getAllByRole('listitem')).toHaveLength(3);
	});

	it('shows for each criterion the result, what was found and what good looks like', () => {
		const c = card();
		render(CheckList, { checks: c.checks, scores: c.categories });
		const ack = screen.getByText('Acknowledged the page quickly').closest('li')!;
		expect(ack).toHaveTextContent('Not met');
		expect(ack).toHaveTextContent('Acknowledged 12m after the page (target 5m, at most 10m)');
		expect(ack).toHaveTextContent(
			'What good looks like: Acknowledge within 5 minutes, before starting to dig.'
		);
		const loop = screen.getByText('No restart loop').closest('li')!;
		expect(loop).toHaveTextContent(/Restarted checkout-api 4 times: treating the symptom/);
	});

	it('can hide what was already met', async () => {
		// The expert's drill with a late acknowledgement: one gap, in Response.
		const c = card(expertLog().map((e) => (e.type === 'alert.ack' ? { ...e, at: 8 * 60_000 } : e)));
		render(CheckList, { checks: c.checks, scores: c.categories });
		const user = userEvent.setup();
		const gaps = c.checks.filter((x) => x.result === 'partly' || x.result === 'not-met').length;
		const toggle = screen.getByRole('checkbox', { name: `Only what needs work (${gaps})` });
		expect(screen.getAllByRole('listitem')).toHaveLength(c.checks.length);

		expect(gaps).toBe(1);
		await user.click(toggle);
		const shown = screen.getAllByRole('listitem');
		expect(shown).toHaveLength(1);
		expect(shown[0]).toHaveTextContent('Acknowledged the page quickly');
		expect(shown[0]).toHaveTextContent('Partly');
		const triage = screen.getByRole('region', { name: /^Triage/ });
		expect(within(triage).getByText('Everything here was met.')).toBeInTheDocument();
	});
});
