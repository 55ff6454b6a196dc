/**
 * `ProgressState`: the app-wide persistence state. It opens the progress database once, in the browser (lazily, on
 * the first `open()`; never during prerender), and publishes what the UI needs to know about it:
 *
 * - where progress lives: IndexedDB, or memory only (with the browser's reason) — then nothing survives the tab
 *   and the UI must say "export before closing";
 * - whether the browser agreed to keep the storage under pressure (`navigator.storage.persist()`, asked once);
 * - the profiles and the active one (a local profile always exists once open: the first start creates "Me");
 * - a `revision` that moves whenever stored progress changes, here or in another tab, so pages reload their data;
 * - this tab's id, kept in `sessionStorage` so a reload of the same tab reclaims its own attempt lock at once.
 *
 * Components and pages use the `progress` singleton; they never import Dexie. Every method opens the database
 * first when needed, and throws `PersistenceError` / `ImportError` with a message meant for the user.
 */
import { getSetting, setSetting } from '../persistence/settings';
import {
	createProfile,
	deleteProfile,
	ensureActiveProfile,
	getActiveProfile,
	listProfiles,
	renameProfile,
	setActiveProfile,
	type DeletedProfile
} from '../persistence/profiles';
import { listAttempts } from '../persistence/attempts';
import { exportProfile, exportProfileCsv } from '../persistence/export';
import {
	ImportError,
	importProgressBlob,
	type ImportIssue,
	type ImportMode,
	type ImportReport
} from '../persistence/import';
import { getPlanRecord, savePlan } from '../persistence/plans';
import { PersistenceError } from '../persistence/errors';
import {
	openProgressDb,
	requestPersistence,
	type PersistenceResult,
	type StorageStatus
} from '../persistence/storage';
import { newTabId, openTabChannel, type TabChannel, type TabMessage } from '../persistence/tab-channel';
import type { AttemptRecord, PlanOverrides, PlanRecord, ProfileRecord } from '../persistence/records';
import type { ProgressDb } from '../persistence/store';

/** `sessionStorage` key of this tab's id. */
export const TAB_ID_KEY = 'pagerdrill.tabId';

export type ProgressStatus = 'idle' | 'opening' | 'ready' | 'failed';

/** What the browser said about keeping this site's storage: `unknown` until asked (or without IndexedDB). */
export type PersistenceState = PersistenceResult | 'unknown';

/** One file of a (multi-file) import: what was imported, or why it was refused. */
export type FileImportResult =
	| { fileName: string; ok: true; report: ImportReport }
	| { fileName: string; ok: false; message: string; issues: ImportIssue[] };

/** A profile's stored progress, read in one go. */
export interface ProfileData {
	profile: ProfileRecord;
	/** Oldest first. */
	attempts: AttemptRecord[];
	plan: PlanRecord | null;
}

type TabIdStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface ProgressStateOptions {
	/** Opens the database (default: `openProgressDb`, IndexedDB with the memory fallback). */
	openDb?: (options: { onVersionChange: () => void }) => Promise<{ db: ProgressDb; storage: StorageStatus }>;
	/** The browser's storage manager (default `navigator.storage`); `null` when there is none. */
	storageManager?: Pick<StorageManager, 'persist' | 'persisted'> | null;
	/** Where the tab id is kept (default `sessionStorage`); `null` keeps it in memory only. */
	tabIdStorage?: TabIdStorage | null;
	/**
	 * Whether this page load is a reload of the same tab (default: the Navigation Timing entry says `reload`).
	 * Only a reload reuses the stored tab id: a duplicated tab copies `sessionStorage`, and must not share locks.
	 */
	isReload?: () => boolean;
	/** Opens the cross-tab channel (default `openTabChannel`). */
	openChannel?: (tabId: string) => TabChannel;
	/** Name of a profile created when none exists. */
	defaultProfileName?: string;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function browserSessionStorage(): TabIdStorage | null {
	try {
		return typeof sessionStorage === 'undefined' ? null : sessionStorage;
	} catch {
		return null;
	}
}

function navigationIsReload(): boolean {
	if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') return false;
	const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
	return entry?.type === 'reload';
}

export class ProgressState {
	status = $state.raw<ProgressStatus>('idle');
	/** The open database (null until `open()` resolved). */
	db = $state.raw<ProgressDb | null>(null);
	storage = $state.raw<StorageStatus | null>(null);
	persistence = $state.raw<PersistenceState>('unknown');
	/** Every profile, local and imported, sorted by name. */
	profiles = $state.raw<ProfileRecord[]>([]);
	activeProfile = $state.raw<ProfileRecord | null>(null);
	/** Moves whenever stored progress changes (in this tab or another); pages reload their data when it does. */
	revision = $state.raw(0);
	/** Another tab opened a newer database version: this tab's connection was closed, the page must reload. */
	versionChanged = $state.raw(false);
	/** Why opening failed (status `failed`). */
	error = $state.raw<string | null>(null);

	/** True when progress lives in memory only and is lost when the tab closes. */
	memoryOnly: boolean = $derived(this.storage?.kind === 'unavailable');
	/** The browser's reason for the memory fallback. */
	memoryReason: string | null = $derived(this.storage?.kind === 'unavailable' ? this.storage.reason : null);
	localProfiles: ProfileRecord[] = $derived(this.profiles.filter((p) => !p.imported));
	importedProfiles: ProfileRecord[] = $derived(this.profiles.filter((p) => p.imported));

	readonly #options: ProgressStateOptions;
	#opening: Promise<ProgressDb> | null = null;
	#tabId: string | null = null;
	#channel: TabChannel | null = null;
	#unsubscribe: (() => void) | null = null;
	#listeners: (() => void)[] = [];

	constructor(options: ProgressStateOptions = {}) {
		this.#options = options;
	}

	/**
	 * This tab's id: read from `sessionStorage` on a reload of the same tab (so its locks are its own again),
	 * otherwise new, and stored for the next reload.
	 */
	get tabId(): string {
		if (this.#tabId) return this.#tabId;
		const store =
			this.#options.tabIdStorage === undefined ? browserSessionStorage() : this.#options.tabIdStorage;
		const isReload = this.#options.isReload ?? navigationIsReload;
		let id: string | null = null;
		try {
			id = isReload() ? (store?.getItem(TAB_ID_KEY) ?? null) : null;
			if (!id) {
				id = newTabId();
				store?.setItem(TAB_ID_KEY, id);
			}
		} catch {
			id ??= newTabId();
		}
		this.#tabId = id;
		return id;
	}

	/** The cross-tab channel (null until open). */
	get channel(): TabChannel | null {
		return this.#channel;
	}

	/**
	 * Opens the database (once; later calls return the same promise), asks for persistent storage the first time,
	 * makes sure a local profile is active and starts listening to other tabs. Browser only: call it from
	 * `onMount`/`$effect` or an event handler.
	 */
	open(): Promise<ProgressDb> {
		this.#opening ??= this.#open().catch((error: unknown) => {
			this.status = 'failed';
			this.error = `Progress storage could not be opened: ${describe(error)}`;
			this.#opening = null;
			throw error;
		});
		return this.#opening;
	}

	async #open(): Promise<ProgressDb> {
		this.status = 'opening';
		const openDb =
			this.#options.openDb ??
			((o: { onVersionChange: () => void }) => openProgressDb({ onVersionChange: o.onVersionChange }));
		const { db, storage } = await openDb({
			onVersionChange: () => {
				this.versionChanged = true;
			}
		});
		const active = await ensureActiveProfile(db, this.#options.defaultProfileName);
		this.profiles = await listProfiles(db);
		this.activeProfile = active;
		this.persistence = storage.kind === 'indexeddb' ? await this.#persist(db) : 'unknown';
		const channel = (this.#options.openChannel ?? openTabChannel)(this.tabId);
		this.#channel = channel;
		this.#unsubscribe = channel.subscribe((message) => this.#onTabMessage(message));
		this.db = db;
		this.storage = storage;
		this.status = 'ready';
		return db;
	}

	/** Asks the browser to keep storage once (Firefox asks the user); afterwards only reads the answer. */
	async #persist(db: ProgressDb): Promise<PersistenceState> {
		const manager =
			this.#options.storageManager === undefined
				? globalThis.navigator?.storage
				: this.#options.storageManager;
		if (!manager) return 'unsupported';
		if (!(await getSetting(db, 'persistenceRequested'))) {
			const result = await requestPersistence(manager);
			await setSetting(db, 'persistenceRequested', true);
			return result;
		}
		if (typeof manager.persisted !== 'function') return 'unsupported';
		try {
			return (await manager.persisted()) ? 'granted' : 'denied';
		} catch {
			return 'unknown';
		}
	}

	#onTabMessage(message: TabMessage): void {
		// Saves of a running drill arrive every 2 s; pages only need to reload on changes that finish something.
		if (message.type === 'attempt.saved') return;
		void this.refresh().catch(() => {
			// Another tab's change is shown on the next successful read.
		});
	}

	/** Re-reads the profiles and the active one, and moves `revision` (pages reload). */
	async refresh(): Promise<void> {
		const db = await this.open();
		let active = await getActiveProfile(db);
		if (!active || active.imported) active = await ensureActiveProfile(db, this.#options.defaultProfileName);
		this.profiles = await listProfiles(db);
		this.activeProfile = active;
		this.revision++;
		for (const listener of [...this.#listeners]) listener();
	}

	/**
	 * Calls `listener` after every change to stored progress (here or in another tab), once the profiles were
	 * re-read. Pages reload their data from it. Returns the unsubscribe function.
	 */
	onChange(listener: () => void): () => void {
		this.#listeners = [...this.#listeners, listener];
		return () => {
			this.#listeners = this.#listeners.filter((l) => l !== listener);
		};
	}

	/** Records a change made in this tab: refreshes, moves `revision` and tells the other tabs. */
	async changed(message: Parameters<TabChannel['post']>[0] = { type: 'profiles.changed' }): Promise<void> {
		await this.refresh();
		this.#channel?.post(message);
	}

	/** Creates a local profile and makes it the active one. */
	async createProfile(name: string): Promise<ProfileRecord> {
		const db = await this.open();
		const profile = await createProfile(db, name);
		await setActiveProfile(db, profile.id);
		await this.changed();
		return profile;
	}

	async renameProfile(id: string, name: string): Promise<ProfileRecord> {
		const profile = await renameProfile(await this.open(), id, name);
		await this.changed();
		return profile;
	}

	/** Deletes a profile with all its progress. When it was active, another local profile becomes active. */
	async deleteProfile(id: string): Promise<DeletedProfile> {
		const removed = await deleteProfile(await this.open(), id);
		await this.changed();
		return removed;
	}

	/** Makes a local profile the active one (new drills are recorded for it). */
	async switchProfile(id: string): Promise<ProfileRecord> {
		const profile = await setActiveProfile(await this.open(), id);
		await this.changed();
		return profile;
	}

	/** A profile with its attempts (oldest first) and stored plan. Throws `not-found`. */
	async loadProfile(id: string): Promise<ProfileData> {
		const db = await this.open();
		const profile = await db.profiles.get(id);
		if (!profile) throw new PersistenceError('not-found', 'That profile no longer exists.');
		const [attempts, plan] = await Promise.all([listAttempts(db, id), getPlanRecord(db, id)]);
		return { profile, attempts, plan: plan ?? null };
	}

	/** Stores a profile's plan start date and overrides (see `savePlan`). */
	async savePlan(profileId: string, startDate: string, overrides: PlanOverrides): Promise<PlanRecord> {
		const record = await savePlan(await this.open(), profileId, startDate, overrides);
		await this.changed();
		return record;
	}

	/** The progress file (JSON) or the attempts CSV of a profile, with a suggested file name. */
	async exportProfile(
		id: string,
		format: 'json' | 'csv'
	): Promise<{ fileName: string; text: string; mime: string }> {
		const db = await this.open();
		if (format === 'csv') {
			const { fileName, text } = await exportProfileCsv(db, id, { bom: true });
			return { fileName, text, mime: 'text/csv;charset=utf-8' };
		}
		const { fileName, text } = await exportProfile(db, id);
		return { fileName, text, mime: 'application/json' };
	}

	/**
	 * Imports progress files one after another; each is all or nothing, and one refused file does not stop the
	 * others. `review` stores trainees' files for a manager; `restore` brings back one's own backup.
	 */
	async importFiles(files: readonly File[], mode: ImportMode): Promise<FileImportResult[]> {
		const db = await this.open();
		const results: FileImportResult[] = [];
		for (const file of files) {
			try {
				const report = await importProgressBlob(db, file, { fileName: file.name, mode });
				results.push({ fileName: file.name, ok: true, report });
				this.#channel?.post({ type: 'progress.imported', profileId: report.profileId });
			} catch (error) {
				if (error instanceof ImportError) {
					results.push({ fileName: file.name, ok: false, message: error.message, issues: error.issues });
				} else {
					results.push({
						fileName: file.name,
						ok: false,
						message: `The file could not be imported: ${describe(error)}`,
						issues: []
					});
				}
			}
		}
		if (results.some((r) => r.ok)) await this.refresh();
		return results;
	}

	/** Stops listening to other tabs and closes the database (tests; the app keeps it open). */
	close(): void {
		this.#unsubscribe?.();
		this.#channel?.close();
		this.db?.close();
		this.#unsubscribe = null;
		this.#channel = null;
		this.#opening = null;
		this.db = null;
		this.status = 'idle';
	}
}

/** The app-wide progress state. */
export const progress = new ProgressState();
