/** Sentences about an import, for the per-file result list. Pure. */
import type { ImportReport } from '../../persistence/import';

function count(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What an import did, in one sentence: `Imported "Ana" (review): 40 attempts added, plan added.` or, for a file
 * imported before, `Nothing new for "Ana": already up to date.`
 */
export function describeImport(report: ImportReport): string {
	const who = `"${report.profileName}"`;
	if (!report.changed) return `Nothing new for ${who}: already up to date.`;
	const { added, updated, unchanged, keptNewer } = report.attempts;
	const parts: string[] = [];
	if (added) parts.push(`${count(added, 'attempt')} added`);
	if (updated) parts.push(`${count(updated, 'attempt')} updated`);
	if (unchanged) parts.push(`${unchanged} unchanged`);
	if (keptNewer) parts.push(`${keptNewer} kept (newer here)`);
	if (report.plan === 'added' || report.plan === 'updated') parts.push(`plan ${report.plan}`);
	if (report.plan === 'kept-newer') parts.push('plan kept (newer here)');
	if (parts.length === 0) parts.push('profile details updated');
	const verb = report.profileCreated ? 'Imported' : 'Updated';
	const as = report.mode === 'restore' ? ' as a local profile' : ' for review';
	return `${verb} ${who}${as}: ${parts.join(', ')}.`;
}
