/**
 * Profiles: one per person practising on this browser, plus trainee profiles a manager imported for review
 * (`imported: true`). Deleting a profile removes its attempts, drafts and plan in the same transaction.
 */
import { PersistenceError } from './errors';
import type { ProfileRecord } from './records';
import { getSetting, setSetting } from './settings';
import type { ProgressDb, ProgressTables } from './store';

/** Longest profile name, in characters. */
export const MAX_PROFILE_NAME_LENGTH = 80;

/** Trims and collapses whitespace; throws `invalid` when the name is empty or longer than the limit. */
export function normaliseProfileName(name: string): string {
	const clean = name.replace(/\s+/g, ' ').trim();
	if (clean.length === 0) throw new PersistenceError('invalid', 'A profile needs a name.');
	if (clean.length > MAX_PROFILE_NAME_LENGTH) {
		throw new PersistenceError(
			'invalid',
			`A profile name can have at most ${MAX_PROFILE_NAME_LENGTH} characters.`
		);
	}
	return clean;
}

function byName(a: ProfileRecord, b: ProfileRecord): number {
	return a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** All profiles sorted by name; `imported` filters local (false) or imported (true) ones. */
export async function listProfiles(
	db: ProgressDb,
	filter: { imported?: boolean } = {}
): Promise<ProfileRecord[]> {
	const all = await db.profiles.all();
	return all.filter((p) => filter.imported === undefined || p.imported === filter.imported).sort(byName);
}

/** One profile by id, or undefined. */
export async function getProfile(db: ProgressDb, id: string): Promise<ProfileRecord | undefined> {
	return db.profiles.get(id);
}

async function assertNameFree(tx: ProgressTables, name: string, exceptId?: string): Promise<void> {
	const clash = (await tx.profiles.all()).find(
		(p) => !p.imported && p.id !== exceptId && p.name.toLocaleLowerCase() === name.toLocaleLowerCase()
	);
	if (clash) throw new PersistenceError('conflict', `A profile named "${clash.name}" already exists.`);
}

/** Creates a local profile. Names are unique among local profiles (case-insensitive). */
export async function createProfile(db: ProgressDb, name: string): Promise<ProfileRecord> {
	const clean = normaliseProfileName(name);
	const at = db.now().toISOString();
	const profile: ProfileRecord = {
		id: db.newId(),
		name: clean,
		createdAt: at,
		updatedAt: at,
		imported: false,
		sourceFileName: null,
		importedAt: null
	};
	return db.transaction(async (tx) => {
		await assertNameFree(tx, clean);
		await tx.profiles.put(profile);
		return profile;
	});
}

/** Renames a profile; throws `not-found` or `conflict`. */
export async function renameProfile(db: ProgressDb, id: string, name: string): Promise<ProfileRecord> {
	const clean = normaliseProfileName(name);
	const at = db.now().toISOString();
	return db.transaction(async (tx) => {
		const profile = await tx.profiles.get(id);
		if (!profile) throw new PersistenceError('not-found', 'That profile no longer exists.');
		if (!profile.imported) await assertNameFree(tx, clean, id);
		const renamed: ProfileRecord = { ...profile, name: clean, updatedAt: at };
		await tx.profiles.put(renamed);
		return renamed;
	});
}

/** What a profile delete removed. */
export interface DeletedProfile {
	attempts: number;
	drafts: number;
	plan: boolean;
}

/**
 * Deletes a profile with its attempts, drafts and plan in one transaction (all or nothing), and clears the active
 * profile setting when it pointed at it. Throws `not-found` when the profile does not exist.
 */
export async function deleteProfile(db: ProgressDb, id: string): Promise<DeletedProfile> {
	return db.transaction(async (tx) => {
		const profile = await tx.profiles.get(id);
		if (!profile) throw new PersistenceError('not-found', 'That profile no longer exists.');
		const drafts = await tx.drafts.deleteWhere('profileId', id);
		for (const attempt of await tx.attempts.where('profileId', id)) {
			await tx.attemptEvents.deleteWhere('attemptId', attempt.id);
		}
		const attempts = await tx.attempts.deleteWhere('profileId', id);
		const plan = (await tx.plans.get(id)) !== undefined;
		await tx.plans.delete(id);
		await tx.profiles.delete(id);
		if ((await getSetting(tx, 'activeProfileId')) === id) await setSetting(tx, 'activeProfileId', null);
		return { attempts, drafts, plan };
	});
}

/** The active profile, or null when none is set or it was deleted. */
export async function getActiveProfile(db: ProgressDb): Promise<ProfileRecord | null> {
	const id = await getSetting(db, 'activeProfileId');
	if (id === null) return null;
	return (await db.profiles.get(id)) ?? null;
}

/** Makes a local profile the active one; imported profiles are for review and cannot be played as. */
export async function setActiveProfile(db: ProgressDb, id: string): Promise<ProfileRecord> {
	const profile = await db.profiles.get(id);
	if (!profile) throw new PersistenceError('not-found', 'That profile no longer exists.');
	if (profile.imported) {
		throw new PersistenceError(
			'invalid',
			`"${profile.name}" was imported for review and cannot be played as.`
		);
	}
	await setSetting(db, 'activeProfileId', id);
	return profile;
}

/**
 * The active profile; when there is none, the first local profile, or a new one named `defaultName`, becomes
 * active. What the app calls on start.
 */
export async function ensureActiveProfile(db: ProgressDb, defaultName = 'Me'): Promise<ProfileRecord> {
	const active = await getActiveProfile(db);
	if (active && !active.imported) return active;
	const [first] = await listProfiles(db, { imported: false });
	const profile = first ?? (await createProfile(db, defaultName));
	await setSetting(db, 'activeProfileId', profile.id);
	return profile;
}
