/** Typed key/value settings (active profile, default speed, …). */
import type { SettingKey, SettingRecord, SettingsMap } from './records';
import type { ProgressTables } from './store';

/** Values used when a setting was never written. */
export const DEFAULT_SETTINGS: SettingsMap = {
	activeProfileId: null,
	defaultSpeed: 1,
	persistenceRequested: false
};

/** Reads a setting, or its default when it was never written. */
export async function getSetting<K extends SettingKey>(db: ProgressTables, key: K): Promise<SettingsMap[K]> {
	const row = (await db.settings.get(key)) as SettingRecord<K> | undefined;
	return row === undefined ? DEFAULT_SETTINGS[key] : row.value;
}

/** Writes a setting. */
export async function setSetting<K extends SettingKey>(
	db: ProgressTables,
	key: K,
	value: SettingsMap[K]
): Promise<void> {
	const row: SettingRecord<K> = { key, value };
	await db.settings.put(row as SettingRecord);
}

/** All settings, defaults filled in. */
export async function getAllSettings(db: ProgressTables): Promise<SettingsMap> {
	const out: SettingsMap = { ...DEFAULT_SETTINGS };
	for (const row of await db.settings.all()) {
		if (row.key in DEFAULT_SETTINGS) (out as unknown as Record<string, unknown>)[row.key] = row.value;
	}
	return out;
}
