/**
 * Import of a progress file, all or nothing. The text goes through these gates, and the first that fails rejects
 * the file with an {@link ImportError} saying what is wrong and where (e.g. `attempts[3].seed: expected a number,
 * got a string`), leaving the database untouched:
 *
 * 1. size (before parsing), 2. JSON syntax (truncated or corrupted files), 3. a structural scan (no `__proto__`
 * keys, bounded depth, array and string sizes), 4. format and schema version, 5. the strict zod schema,
 * 6. the checksum (an edited file is refused), 7. consistency (every attempt belongs to the file's profile, ids
 * unique, no attempt id owned by another local profile), then 8. ONE transaction writes everything.
 *
 * Re-importing is idempotent: rows are matched by id; an identical row is left alone, a local row edited later than
 * the file's copy is kept, anything else is replaced. Importing the same file twice changes nothing the second time.
 *
 * Modes: `review` (a manager loading a trainee's file) stores a new profile flagged `imported: true` with the
 * source file name; `restore` (a trainee restoring a backup) stores it as a local profile.
 */
import { storeAttempts, withStoredEvents } from './attempts';
import type { z } from 'zod';
import { canonicalJson, payloadChecksum } from './checksum';
import {
	LIMITS,
	PROGRESS_FORMAT,
	PROGRESS_SCHEMA_VERSION,
	ProgressFileSchema,
	type FileAttempt,
	type ProgressFile
} from './file-schema';
import type { AttemptRecord, PlanRecord, ProfileRecord } from './records';
import type { ProgressDb } from './store';

export type ImportErrorKind =
	| 'too-large'
	| 'not-json'
	| 'hostile'
	| 'wrong-format'
	| 'wrong-version'
	| 'invalid'
	| 'checksum'
	| 'conflict';

export interface ImportIssue {
	/** Where in the file, e.g. `attempts[3].seed` (`file` for the whole file). */
	path: string;
	message: string;
}

/** A rejected import. `message` is one readable paragraph; `issues` lists the problems found (at most 10). */
export class ImportError extends Error {
	constructor(
		readonly kind: ImportErrorKind,
		message: string,
		readonly issues: ImportIssue[] = []
	) {
		super(message);
		this.name = 'ImportError';
	}
}

/** Largest number of issues reported. */
const MAX_ISSUES = 10;

type PathPart = string | number | symbol;

/** `['attempts', 3, 'seed']` → `attempts[3].seed`; the empty path is `file`. */
export function formatPath(path: readonly PathPart[]): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else {
			const key = String(part);
			out += /^[A-Za-z_$][\w$]*$/.test(key) ? (out ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
		}
	}
	return out || 'file';
}

function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	switch (typeof value) {
		case 'string':
			return 'text';
		case 'number':
			return Number.isFinite(value) ? 'a number' : String(value);
		case 'boolean':
			return 'true/false';
		case 'object':
			return 'an object';
		case 'undefined':
			return 'nothing';
		default:
			return typeof value;
	}
}

const EXPECTED: Record<string, string> = {
	number: 'a number',
	string: 'text',
	boolean: 'true or false',
	object: 'an object',
	array: 'a list',
	null: 'null',
	int: 'a whole number'
};

/** A zod issue as a short sentence. */
function issueMessage(issue: z.core.$ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type': {
			const expected = EXPECTED[issue.expected] ?? issue.expected;
			return issue.input === undefined
				? `missing (expected ${expected})`
				: `expected ${expected}, got ${describeValue(issue.input)}`;
		}
		case 'too_big':
			if (issue.origin === 'string') return `too long (max ${issue.maximum} characters)`;
			if (issue.origin === 'array') return `too many items (max ${issue.maximum})`;
			return `must be at most ${issue.maximum}`;
		case 'too_small':
			if (issue.origin === 'string')
				return issue.minimum === 1 ? 'must not be empty' : `too short (min ${issue.minimum})`;
			if (issue.origin === 'array') return `needs at least ${issue.minimum} items`;
			return issue.inclusive ? `must be at least ${issue.minimum}` : `must be more than ${issue.minimum}`;
		case 'unrecognized_keys':
			return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
		case 'invalid_value':
			return issue.values.length === 1
				? `expected ${JSON.stringify(issue.values[0])}`
				: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
		case 'invalid_union':
			if ('discriminator' in issue && issue.discriminator) {
				const key = String(issue.discriminator);
				const input = issue.input;
				const value =
					typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : input;
				return value === undefined ? `missing ${key}` : `unknown ${key} ${JSON.stringify(value)}`;
			}
			return `does not match any allowed shape`;
		case 'invalid_format':
			return issue.message;
		case 'not_multiple_of':
			return `must be a multiple of ${issue.divisor}`;
		default:
			return issue.message;
	}
}

/** Zod issues as `{ path, message }`, at most {@link MAX_ISSUES}. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): ImportIssue[] {
	return issues
		.slice(0, MAX_ISSUES)
		.map((issue) => ({ path: formatPath(issue.path), message: issueMessage(issue) }));
}

function reject(kind: ImportErrorKind, lead: string, issues: ImportIssue[] = []): never {
	const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
	throw new ImportError(kind, detail ? `${lead} ${detail}.` : lead, issues);
}

/**
 * Walks parsed JSON iteratively and rejects what no valid file contains and what could hurt: a `__proto__` key
 * (prototype pollution), nesting deeper than {@link LIMITS.depth}, a list longer than the largest allowed list, a
 * string longer than the largest allowed text. Runs before the schema so its work stays bounded.
 */
function scanStructure(root: unknown): void {
	const maxArray = Math.max(LIMITS.attempts, LIMITS.traineeEvents, LIMITS.eventLog);
	const stack: { value: unknown; path: PathPart[] }[] = [{ value: root, path: [] }];
	while (stack.length > 0) {
		const { value, path } = stack.pop() as { value: unknown; path: PathPart[] };
		if (path.length > LIMITS.depth) {
			reject('hostile', 'The file is nested too deeply to be a progress file:', [
				{ path: formatPath(path), message: `deeper than ${LIMITS.depth} levels` }
			]);
		}
		if (typeof value === 'string' && value.length > LIMITS.artifact) {
			reject('hostile', 'The file contains text far larger than any progress file needs:', [
				{ path: formatPath(path), message: `${value.length} characters (max ${LIMITS.artifact})` }
			]);
		}
		if (Array.isArray(value)) {
			if (value.length > maxArray) {
				reject('hostile', 'The file contains a list far longer than any progress file needs:', [
					{ path: formatPath(path), message: `${value.length} items (max ${maxArray})` }
				]);
			}
			for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
		} else if (typeof value === 'object' && value !== null) {
			for (const key of Object.keys(value)) {
				if (key === '__proto__') {
					reject('hostile', 'The file contains a forbidden key:', [
						{ path: formatPath([...path, key]), message: 'the key "__proto__" is not allowed' }
					]);
				}
				stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
			}
		}
	}
}

/**
 * Parses and checks a progress file without touching any database (gates 1–7 except the database conflict
 * check). Throws {@link ImportError}; resolves with the validated file.
 */
export async function parseProgressFile(text: string): Promise<ProgressFile> {
	if (text.length > LIMITS.fileChars) {
		reject(
			'too-large',
			`The file is too large (${text.length} characters; the limit is ${LIMITS.fileChars}).`
		);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		reject('not-json', `The file is not valid JSON — it may be truncated or corrupted (${detail}).`);
	}
	scanStructure(raw);
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		reject(
			'wrong-format',
			`This is not a Pagerdrill progress file (expected a JSON object, got ${describeValue(raw)}).`
		);
	}
	const head = raw as Record<string, unknown>;
	if (head.format !== PROGRESS_FORMAT) {
		reject(
			'wrong-format',
			`This is not a Pagerdrill progress file (format is ${head.format === undefined ? 'missing' : JSON.stringify(head.format)}, expected "${PROGRESS_FORMAT}").`
		);
	}
	if (typeof head.schemaVersion === 'number' && head.schemaVersion > PROGRESS_SCHEMA_VERSION) {
		reject(
			'wrong-version',
			`This file was written by a newer Pagerdrill (schemaVersion ${head.schemaVersion}); this version reads schemaVersion ${PROGRESS_SCHEMA_VERSION}. Update Pagerdrill and import it again.`
		);
	}
	if (head.schemaVersion !== PROGRESS_SCHEMA_VERSION) {
		reject(
			'wrong-version',
			`Unsupported schemaVersion ${JSON.stringify(head.schemaVersion)} (this version reads ${PROGRESS_SCHEMA_VERSION}).`
		);
	}
	const parsed = ProgressFileSchema.safeParse(raw, { reportInput: true });
	if (!parsed.success) {
		reject('invalid', 'The file is not a valid progress file:', formatZodIssues(parsed.error.issues));
	}
	const { checksum, ...payload } = raw as ProgressFile;
	const expected = await payloadChecksum(payload);
	if (expected !== checksum) {
		reject(
			'checksum',
			'The checksum does not match: the file was changed after it was exported (or damaged in transit), so it was not imported.',
			[{ path: 'checksum', message: `file says ${checksum}, content hashes to ${expected}` }]
		);
	}
	const file = parsed.data as ProgressFile;
	const issues: ImportIssue[] = [];
	const seen = new Map<string, number>();
	file.attempts.forEach((a, i) => {
		if (a.profileId !== file.profile.id) {
			issues.push({
				path: `attempts[${i}].profileId`,
				message: `belongs to another profile than profile.id`
			});
		}
		const first = seen.get(a.id);
		if (first !== undefined)
			issues.push({ path: `attempts[${i}].id`, message: `repeats attempts[${first}].id` });
		else seen.set(a.id, i);
	});
	if (issues.length > 0) reject('invalid', 'The file is inconsistent:', issues.slice(0, MAX_ISSUES));
	return file;
}

export type ImportMode = 'review' | 'restore';

export interface ImportOptions {
	/** Name of the file the text came from (kept on imported profiles). */
	fileName: string;
	/** `review` (default): store as an imported trainee profile; `restore`: store as a local profile. */
	mode?: ImportMode;
}

export interface ImportReport {
	profileId: string;
	profileName: string;
	mode: ImportMode;
	/** True when the profile did not exist before. */
	profileCreated: boolean;
	attempts: { added: number; updated: number; unchanged: number; keptNewer: number };
	plan: 'none' | 'added' | 'updated' | 'unchanged' | 'kept-newer';
	/** False when the import changed nothing (e.g. the same file imported again). */
	changed: boolean;
}

/** True when ISO timestamp `a` is later than `b`. */
function isLater(a: string, b: string): boolean {
	return Date.parse(a) > Date.parse(b);
}

/** Attempt content compared for idempotency (lock fields are local; a missing event log is not a change). */
function sameAttempt(local: AttemptRecord, incoming: FileAttempt): boolean {
	const { lockOwner: _l, heartbeatAt: _h, eventLog: localLog, ...a } = local;
	const { eventLog: incomingLog, ...b } = incoming;
	if (canonicalJson(a) !== canonicalJson(b)) return false;
	return incomingLog === undefined || canonicalJson(localLog ?? null) === canonicalJson(incomingLog);
}

/**
 * Imports a progress file into `db` in one transaction (see the module comment for the gates and merge rules).
 * Throws {@link ImportError} and leaves the database unchanged when the file is refused.
 */
export async function importProgressFile(
	db: ProgressDb,
	text: string,
	options: ImportOptions
): Promise<ImportReport> {
	const file = await parseProgressFile(text);
	const mode = options.mode ?? 'review';
	const now = db.now().toISOString();
	const fileName = options.fileName.slice(0, LIMITS.short);

	return db.transaction(async (tx) => {
		const existingProfile = await tx.profiles.get(file.profile.id);
		const stored = await tx.attempts.bulkGet(file.attempts.map((a) => a.id));
		// In-progress attempts keep their trainee events in `attemptEvents`: compare with them filled in.
		const filled = await withStoredEvents(
			tx,
			stored.filter((row) => row !== undefined)
		);
		const existing = stored.map((row) => row && filled.find((a) => a.id === row.id));
		const conflicts: ImportIssue[] = [];
		existing.forEach((row, i) => {
			if (row && row.profileId !== file.profile.id) {
				conflicts.push({
					path: `attempts[${i}].id`,
					message: 'already used by an attempt of another local profile'
				});
			}
		});
		if (conflicts.length > 0)
			reject('conflict', 'The file clashes with data already here:', conflicts.slice(0, MAX_ISSUES));

		const report: ImportReport = {
			profileId: file.profile.id,
			profileName: file.profile.name,
			mode,
			profileCreated: existingProfile === undefined,
			attempts: { added: 0, updated: 0, unchanged: 0, keptNewer: 0 },
			plan: 'none',
			changed: false
		};

		const writes: AttemptRecord[] = [];
		file.attempts.forEach((incoming, i) => {
			const local = existing[i];
			if (!local) {
				report.attempts.added++;
				writes.push({ ...incoming, lockOwner: null, heartbeatAt: null });
			} else if (sameAttempt(local, incoming)) {
				report.attempts.unchanged++;
			} else if (isLater(local.updatedAt, incoming.updatedAt)) {
				report.attempts.keptNewer++;
			} else {
				report.attempts.updated++;
				const eventLog = incoming.eventLog ?? local.eventLog;
				writes.push({
					...incoming,
					...(eventLog !== undefined ? { eventLog } : {}),
					lockOwner: local.lockOwner,
					heartbeatAt: local.heartbeatAt
				});
			}
		});

		if (file.plan) {
			const local = await tx.plans.get(file.profile.id);
			const incoming: PlanRecord = { profileId: file.profile.id, ...file.plan };
			if (!local) report.plan = 'added';
			else if (canonicalJson(local) === canonicalJson(incoming)) report.plan = 'unchanged';
			else if (isLater(local.updatedAt, incoming.updatedAt)) report.plan = 'kept-newer';
			else report.plan = 'updated';
			if (report.plan === 'added' || report.plan === 'updated') await tx.plans.put(incoming);
		}

		const imported = mode === 'review' ? (existingProfile?.imported ?? true) : false;
		const fresh = !existingProfile || !isLater(existingProfile.updatedAt, file.profile.updatedAt);
		let name = fresh ? file.profile.name : (existingProfile?.name ?? file.profile.name);
		if (!imported) {
			// Local profile names are unique: a restored "Me" next to another local "Me" becomes "Me (2)".
			const taken = new Set(
				(await tx.profiles.all())
					.filter((p) => !p.imported && p.id !== file.profile.id)
					.map((p) => p.name.toLocaleLowerCase())
			);
			const base = name;
			for (let n = 2; taken.has(name.toLocaleLowerCase()); n++) name = `${base} (${n})`;
		}
		const profile: ProfileRecord = {
			id: file.profile.id,
			name,
			createdAt: existingProfile?.createdAt ?? file.profile.createdAt,
			updatedAt: fresh ? file.profile.updatedAt : (existingProfile?.updatedAt ?? file.profile.updatedAt),
			imported,
			sourceFileName: imported ? fileName : null,
			importedAt: imported ? now : null
		};
		const dataChanged = writes.length > 0 || report.plan === 'added' || report.plan === 'updated';
		const profileChanged =
			!existingProfile ||
			existingProfile.name !== profile.name ||
			existingProfile.updatedAt !== profile.updatedAt ||
			existingProfile.imported !== profile.imported ||
			existingProfile.sourceFileName !== profile.sourceFileName;
		if (dataChanged || profileChanged) await tx.profiles.put(profile);
		if (writes.length > 0) await storeAttempts(tx, writes);
		report.changed = dataChanged || profileChanged;
		return report;
	});
}

/**
 * Imports a `File`/`Blob` chosen by the user, refusing one larger than the limit before reading it into memory.
 */
export async function importProgressBlob(
	db: ProgressDb,
	blob: Blob,
	options: ImportOptions
): Promise<ImportReport> {
	// Every UTF-16 code unit takes at least one UTF-8 byte, so the character cap is also a safe byte cap.
	if (blob.size > LIMITS.fileChars) {
		reject('too-large', `The file is too large (${blob.size} bytes; the limit is ${LIMITS.fileChars}).`);
	}
	return importProgressFile(db, await blob.text(), options);
}
