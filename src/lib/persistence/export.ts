/**
 * Export of one profile's progress: a checksummed JSON file (the format in `file-schema.ts`) a trainee hands to a
 * manager or keeps as a backup, and a CSV of its attempts for spreadsheets.
 */
import { withStoredEvents } from './attempts';
import { payloadChecksum } from './checksum';
import { attemptsToCsv } from './csv';
import { PersistenceError } from './errors';
import {
	PROGRESS_FORMAT,
	PROGRESS_SCHEMA_VERSION,
	ProgressFileSchema,
	type FileAttempt,
	type ProgressFile,
	type ProgressPayload
} from './file-schema';
import { formatZodIssues } from './import';
import type { AttemptRecord } from './records';
import type { ProgressDb } from './store';

export interface ExportOptions {
	/** Include each attempt's full event log (large; replay rebuilds it). Default false. */
	includeEventLogs?: boolean;
	/** Export time (ISO-8601); defaults to the database clock. */
	exportedAt?: string;
}

function toFileAttempt(a: AttemptRecord, includeEventLog: boolean): FileAttempt {
	const { lockOwner: _lock, heartbeatAt: _beat, eventLog, ...rest } = a;
	return includeEventLog && eventLog !== undefined ? { ...rest, eventLog } : rest;
}

/**
 * Builds the progress file of a profile from one consistent read (profile, attempts oldest first, plan).
 * The file is checked against the import schema before it is returned, so an export can always be imported again.
 * Throws `not-found` for an unknown profile and `invalid` when stored data falls outside the file format.
 */
export async function buildProgressFile(
	db: ProgressDb,
	profileId: string,
	options: ExportOptions = {}
): Promise<ProgressFile> {
	const exportedAt = options.exportedAt ?? db.now().toISOString();
	const { profile, attempts, plan } = await db.transaction(async (tx) => ({
		profile: await tx.profiles.get(profileId),
		attempts: await withStoredEvents(tx, await tx.attempts.where('profileId', profileId)),
		plan: await tx.plans.get(profileId)
	}));
	if (!profile) throw new PersistenceError('not-found', 'That profile no longer exists.');
	const payload: ProgressPayload = {
		format: PROGRESS_FORMAT,
		schemaVersion: PROGRESS_SCHEMA_VERSION,
		exportedAt,
		profile: {
			id: profile.id,
			name: profile.name,
			createdAt: profile.createdAt,
			updatedAt: profile.updatedAt
		},
		attempts: attempts
			.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id))
			.map((a) => toFileAttempt(a, options.includeEventLogs === true)),
		plan: plan ? { startDate: plan.startDate, overrides: plan.overrides, updatedAt: plan.updatedAt } : null
	};
	const file: ProgressFile = { ...payload, checksum: await payloadChecksum(payload) };
	const check = ProgressFileSchema.safeParse(file, { reportInput: true });
	if (!check.success) {
		const where = formatZodIssues(check.error.issues)
			.map((i) => `${i.path}: ${i.message}`)
			.join('; ');
		throw new PersistenceError(
			'invalid',
			`This profile holds data the progress file format cannot carry (${where}).`
		);
	}
	return file;
}

/** A file-name-safe slug of a profile name (`Ana María` → `ana-maria`). */
export function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40);
	return slug || 'profile';
}

/** `pagerdrill-progress-<name>-<YYYY-MM-DD>.<ext>` for an export made at `exportedAt`. */
export function exportFileName(profileName: string, exportedAt: string, ext: 'json' | 'csv'): string {
	return `pagerdrill-progress-${slugify(profileName)}-${exportedAt.slice(0, 10)}.${ext}`;
}

/** The progress file of a profile as text, with a suggested file name. */
export async function exportProfile(
	db: ProgressDb,
	profileId: string,
	options: ExportOptions = {}
): Promise<{ fileName: string; text: string; file: ProgressFile }> {
	const file = await buildProgressFile(db, profileId, options);
	return {
		fileName: exportFileName(file.profile.name, file.exportedAt, 'json'),
		text: JSON.stringify(file),
		file
	};
}

/** The CSV of a profile's attempts, with a suggested file name. Throws `not-found` for an unknown profile. */
export async function exportProfileCsv(
	db: ProgressDb,
	profileId: string,
	options: { bom?: boolean; exportedAt?: string } = {}
): Promise<{ fileName: string; text: string }> {
	const profile = await db.profiles.get(profileId);
	if (!profile) throw new PersistenceError('not-found', 'That profile no longer exists.');
	const attempts = await db.attempts.where('profileId', profileId);
	const exportedAt = options.exportedAt ?? db.now().toISOString();
	return {
		fileName: exportFileName(profile.name, exportedAt, 'csv'),
		text: attemptsToCsv(profile.name, attempts, { bom: options.bom })
	};
}
