/**
 * Reads the app theme's CSS custom properties (defined on `:root[data-theme]` in `src/app.css`) into the concrete
 * colours a canvas needs. Browser-only; falls back to the dark theme's values elsewhere. The result is cached until
 * `invalidateChartTheme()` (charts call it when the document's theme attribute changes, then redraw).
 */
import { FALLBACK_THEME, type ChartTheme } from './chart-options';

let cached: ChartTheme | null = null;

function read(): ChartTheme {
	if (typeof document === 'undefined' || typeof getComputedStyle !== 'function') return FALLBACK_THEME;
	const style = getComputedStyle(document.documentElement);
	const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	const sans = v('--font-sans', 'system-ui, sans-serif');
	return {
		fg: v('--fg', FALLBACK_THEME.fg),
		fgMuted: v('--fg-muted', FALLBACK_THEME.fgMuted),
		grid: v('--chart-grid', v('--border', FALLBACK_THEME.grid)),
		critical: v('--critical', FALLBACK_THEME.critical),
		warning: v('--warning', FALLBACK_THEME.warning),
		ok: v('--ok', FALLBACK_THEME.ok),
		info: v('--info', FALLBACK_THEME.info),
		accent: v('--accent', FALLBACK_THEME.accent),
		font: `11px ${sans}`
	};
}

/** The current chart theme (cached). */
export function chartTheme(): ChartTheme {
	cached ??= read();
	return cached;
}

/** Forgets the cached theme; the next `chartTheme()` reads the CSS again. */
export function invalidateChartTheme(): void {
	cached = null;
}

/**
 * Calls `onChange` whenever the document's theme may have changed (`data-theme`/`class`/`style` on <html>, or the
 * OS colour scheme). Returns a function that stops watching. No-op outside the browser.
 */
export function watchTheme(onChange: () => void): () => void {
	if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return () => {};
	const handler = () => {
		invalidateChartTheme();
		onChange();
	};
	const observer = new MutationObserver(handler);
	observer.observe(document.documentElement, {
		attributes: true,
		attributeFilter: ['data-theme', 'class', 'style']
	});
	const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
	media?.addEventListener('change', handler);
	return () => {
		observer.disconnect();
		media?.removeEventListener('change', handler);
	};
}
