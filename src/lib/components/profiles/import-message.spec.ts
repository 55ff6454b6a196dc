import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../persistence/import';
import { describeImport } from './import-message';

const base: ImportReport = {
	profileId: 'p1',
	profileName: 'Ana',
	mode: 'review',
	profileCreated: true,
	attempts: { added: 40, updated: 0, unchanged: 0, keptNewer: 0 },
	plan: 'added',
	changed: true
};

describe('describeImport', () => {
	it('says what a first import brought in', () => {
		expect(describeImport(base)).toBe('Imported "Ana" for review: 40 attempts added, plan added.');
	});

	it('says what a newer file changed', () => {
		expect(
			describeImport({
				...base,
				mode: 'restore',
				profileCreated: false,
				attempts: { added: 1, updated: 2, unchanged: 37, keptNewer: 1 },
				plan: 'kept-newer'
			})
		).toBe(
			'Updated "Ana" as a local profile: 1 attempt added, 2 attempts updated, 37 unchanged, 1 kept (newer here), plan kept (newer here).'
		);
	});

	it('says when the same file is imported again', () => {
		expect(
			describeImport({
				...base,
				profileCreated: false,
				attempts: { added: 0, updated: 0, unchanged: 40, keptNewer: 0 },
				plan: 'unchanged',
				changed: false
			})
		).toBe('Nothing new for "Ana": already up to date.');
	});
});
