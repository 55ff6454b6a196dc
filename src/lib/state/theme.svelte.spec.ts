import { afterEach, describe, expect, it } from 'vitest';
import { THEME_BOOT_SCRIPT, THEME_STORAGE_KEY, ThemeController } from './theme.svelte';

afterEach(() => {
	localStorage.clear();
	delete document.documentElement.dataset.theme;
});

describe('ThemeController', () => {
	it('applies and remembers the chosen theme', () => {
		const t = new ThemeController();
		t.init();
		expect(t.preference).toBe('system');
		t.set('light');
		expect(document.documentElement.dataset.theme).toBe('light');
		expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
		const again = new ThemeController();
		again.init();
		expect(again.preference).toBe('light');
		expect(again.theme).toBe('light');
	});

	it('cycles system → light → dark → system, following the OS on system', () => {
		const t = new ThemeController();
		t.init();
		expect(t.theme).toBe('dark');
		t.cycle();
		expect(t.preference).toBe('light');
		t.cycle();
		expect(t.preference).toBe('dark');
		t.cycle();
		expect(t.preference).toBe('system');
		expect(document.documentElement.dataset.theme).toBe('dark');
	});

	it('ignores a corrupted saved value', () => {
		localStorage.setItem(THEME_STORAGE_KEY, 'neon');
		const t = new ThemeController();
		t.init();
		expect(t.preference).toBe('system');
	});

	it('boot script applies the saved theme before the app runs', () => {
		localStorage.setItem(THEME_STORAGE_KEY, 'light');
		new Function(THEME_BOOT_SCRIPT)();
		expect(document.documentElement.dataset.theme).toBe('light');
	});
});
