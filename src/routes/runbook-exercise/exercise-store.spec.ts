import { describe, expect, it } from 'vitest';
import { exerciseStore, loadExerciseDraft, loadExerciseSubmission } from './exercise-store';

function memoryStorage() {
	const map = new Map<string, string>();
	return {
		getItem: (k: string) => map.get(k) ?? null,
		setItem: (k: string, v: string) => void map.set(k, v),
		removeItem: (k: string) => void map.delete(k),
		map
	};
}

describe('exercise store', () => {
	it('keeps one draft per alert and turns it into a submission', async () => {
		const storage = memoryStorage();
		const store = exerciseStore(storage, 'shop/DiskFull', () => new Date('2026-03-17T10:00:00Z'));
		await store.saveDraft('# DiskFull');
		expect(loadExerciseDraft(storage, 'shop/DiskFull')).toBe('# DiskFull');
		expect(loadExerciseDraft(storage, 'shop/Other')).toBeNull();

		const result = await store.submit('# DiskFull\n\nDone.', { score: 42, checks: [] });
		expect(result).toEqual({ artifactScore: 42, drill: null });
		expect(loadExerciseSubmission(storage, 'shop/DiskFull')).toEqual({
			text: '# DiskFull\n\nDone.',
			score: 42,
			at: '2026-03-17T10:00:00.000Z'
		});
		expect(loadExerciseDraft(storage, 'shop/DiskFull')).toBeNull();
	});

	it('fails saves loudly without storage and ignores unreadable entries', async () => {
		await expect(exerciseStore(null, 'a').saveDraft('x')).rejects.toThrow(/local storage/);
		const storage = memoryStorage();
		storage.setItem('pagerdrill.runbook-exercise.submitted.a', '{not json');
		expect(loadExerciseSubmission(storage, 'a')).toBeNull();
		expect(loadExerciseDraft(null, 'a')).toBeNull();
	});
});
