import { render, screen, within } from '@testing-library/svelte';
import { onMount } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { testProgress, traineeFile } from '$lib/components/progress/testing/test-progress';
import { SYNTHETIC_CATALOG } from '$lib/progress/synthetic';
import { FakeUPlot } from '$lib/components/dashboard/testing/uplot-fake';
import ProgressPage from './+page.svelte';

const state = vi.hoisted(() => ({ progress: null as unknown, url: new URL('http://localhost/progress') }));
vi.mock('$lib/state/progress.svelte', async (importOriginal) => {
	const actual = await importOriginal<typeof import('$lib/state/progress.svelte')>();
	return {
		...actual,
		get progress() {
			return state.progress;
		}
	};
});
vi.mock('$app/state', () => ({
	page: {
		get url() {
			return state.url;
		}
	}
}));
vi.mock('$app/navigation', () => ({ afterNavigate: (fn: () => void) => onMount(fn) }));
vi.mock('uplot', () => import('$lib/components/dashboard/testing/uplot-fake'));

const catalog = SYNTHETIC_CATALOG.map((s) => ({
	id: s.id,
	title: s.title,
	skills: s.skills,
	level: s.level
}));

describe('progress page', () => {
	it('shows KPI trends, skills, the 30/60/90 plan, the next drill and the attempts of the active profile', async () => {
		const progress = testProgress();
		state.progress = progress;
		const [result] = await progress.importFiles([await traineeFile('Ana', 40, 3)], 'restore');
		expect(result.ok).toBe(true);
		await progress.switchProfile(progress.localProfiles.find((p) => p.name === 'Ana')!.id);
		FakeUPlot.instances = [];
		render(ProgressPage, { data: { catalog } } as never);

		expect(await screen.findByRole('heading', { level: 1, name: 'Progress — Ana' })).toBeInTheDocument();
		const kpis = within(screen.getByRole('region', { name: 'KPI trends' }));
		expect(kpis.getAllByRole('figure').map((f) => f.querySelector('.title')?.textContent)).toEqual([
			'Acknowledge',
			'Engage correct owner',
			'Mitigate',
			'Communication',
			'Documentation'
		]);
		expect(FakeUPlot.instances).toHaveLength(5);

		const plan = within(screen.getByRole('region', { name: '30/60/90-day plan' }));
		expect(plan.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
			'30 days: onboarding and baseline',
			'60 days: independent execution',
			'90 days: operational ownership'
		]);
		expect(plan.getAllByText(/^(Met|Not met):$/).length).toBe(10);

		const next = within(screen.getByRole('region', { name: 'Next drill' }));
		const start = next.getByRole('link', { name: 'Start drill' });
		expect(start.getAttribute('href')).toMatch(/^\/drills\/[a-z-]+\/play$/);
		expect(next.getByText(/^Next: /)).toBeInTheDocument();

		const attempts = within(screen.getByRole('region', { name: 'Attempts' }));
		expect(attempts.getAllByRole('link', { name: /^Debrief of / }).length).toBeGreaterThan(10);
		expect(screen.getByRole('region', { name: 'Strengths and gaps' })).toHaveTextContent('Score by skill');
	});

	it('shows another profile named in the address, without a Start link for an imported trainee', async () => {
		const progress = testProgress();
		state.progress = progress;
		const [result] = await progress.importFiles([await traineeFile('Ben', 6, 4)], 'review');
		state.url = new URL(`http://localhost/progress?profile=${result.ok ? result.report.profileId : ''}`);
		render(ProgressPage, { data: { catalog } } as never);
		expect(await screen.findByRole('heading', { level: 1, name: 'Progress — Ben' })).toBeInTheDocument();
		expect(screen.getByText(/imported from/)).toHaveTextContent(/pagerdrill-progress-ben-2026-05-09\.json/);
		expect(screen.queryByRole('link', { name: 'Start drill' })).toBeNull();
		expect(screen.queryByRole('link', { name: /^Resume/ })).toBeNull();
	});
});
