/**
 * Colour theme: the user's preference (system, dark or light), persisted in localStorage and applied as
 * `data-theme` on `<html>`. `THEME_BOOT_SCRIPT` applies the saved choice before first paint; `theme.init()` takes
 * over once the app has hydrated.
 */

export type ThemePreference = 'system' | 'dark' | 'light';
export type Theme = 'dark' | 'light';

export const THEME_STORAGE_KEY = 'pagerdrill.theme';
const ORDER: ThemePreference[] = ['system', 'light', 'dark'];

/**
 * Inline script for `<head>`: sets `data-theme` from the saved preference (or the OS setting) before the page
 * paints, so a light-theme user never sees a dark flash. Self-contained; keep it tiny.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var p=localStorage.getItem('${THEME_STORAGE_KEY}');var t=p==='dark'||p==='light'?p:(matchMedia('(prefers-color-scheme: light)').matches?'light':'dark');document.documentElement.dataset.theme=t}catch(e){}})()`;

function isPreference(v: unknown): v is ThemePreference {
	return v === 'system' || v === 'dark' || v === 'light';
}

export class ThemeController {
	preference = $state<ThemePreference>('system');
	system = $state<Theme>('dark');
	/** The theme in effect. */
	theme: Theme = $derived(this.preference === 'system' ? this.system : this.preference);

	/** Reads the saved preference and follows OS changes. Browser only; returns a cleanup function. */
	init(): () => void {
		const saved = readStorage();
		if (isPreference(saved)) this.preference = saved;
		const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: light)') : null;
		this.system = media?.matches ? 'light' : 'dark';
		const onChange = (e: MediaQueryListEvent) => {
			this.system = e.matches ? 'light' : 'dark';
			this.#apply();
		};
		media?.addEventListener('change', onChange);
		this.#apply();
		return () => media?.removeEventListener('change', onChange);
	}

	/** Sets and saves the preference, and applies it to the document. */
	set(preference: ThemePreference): void {
		this.preference = preference;
		try {
			localStorage.setItem(THEME_STORAGE_KEY, preference);
		} catch {
			// Storage can be unavailable (private mode, quota); the choice then lasts for this page only.
		}
		this.#apply();
	}

	/** Moves to the next preference: system → light → dark → system. */
	cycle(): void {
		this.set(ORDER[(ORDER.indexOf(this.preference) + 1) % ORDER.length]);
	}

	#apply(): void {
		if (typeof document !== 'undefined') document.documentElement.dataset.theme = this.theme;
	}
}

function readStorage(): string | null {
	try {
		return localStorage.getItem(THEME_STORAGE_KEY);
	} catch {
		return null;
	}
}

/** The app-wide theme controller. */
export const theme = new ThemeController();
