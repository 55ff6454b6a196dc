import { describe, expect, it } from 'vitest';
import { seedSyntheticAttempts } from '$lib/progress/synthetic';
import type { ProgressState } from '$lib/state/progress.svelte';
import type { TraineeData } from '$lib/components/progress/summary';
import { TeamView } from './team-view.svelte';

/** A stand-in for the app's progress state holding `data`, as the team view reads it. */
function progressOf(data: TraineeData[]): ProgressState {
	return {
		open: async () => undefined,
		profiles: data.map((d) => d.profile),
		loadProfile: async (id: string) => data.find((d) => d.profile.id === id)
	} as unknown as ProgressState;
}

function trainee(id: string, name: string, imported: boolean, drills: number): TraineeData {
	const profile = {
		id,
		name,
		imported,
		createdAt: '2026-05-01T09:00:00.000Z',
		updatedAt: '2026-05-01T09:00:00.000Z'
	} as TraineeData['profile'];
	return { profile, attempts: seedSyntheticAttempts(drills, { profileId: id, seed: 3 }), plan: null };
}

describe('team view', () => {
	it('lists imported trainees and this browser’s own profiles that have drills, never a dead end', async () => {
		const view = new TeamView(
			progressOf([
				trainee('local-1', 'Me', false, 4),
				trainee('local-2', 'Empty', false, 0),
				trainee('imp-1', 'Ana', true, 6)
			]),
			() => new Date('2026-05-10T12:00:00.000Z')
		);
		await view.load();
		expect(view.error).toBeNull();
		expect(view.rows.map((r) => [r.profile.name, r.profile.imported])).toEqual([
			['Ana', true],
			['Me', false]
		]);
		expect(view.rows[1].drills).toBe(4);
	});
});
