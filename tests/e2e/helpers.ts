/**
 * Shared helpers of the end-to-end specs: the `test`/`expect` every spec imports (a test fails when Svelte warns in
 * the browser console), waiting for hydration (prerendered pages can be clicked before the app is live, and the click
 * is lost), choosing a theme before the first paint, and an axe-core accessibility check.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';

export { expect };

/**
 * Whether a browser console message is a Svelte runtime warning or error. Development builds print
 * `[svelte] derived_inert …`; production builds print only the code's link, `https://svelte.dev/e/derived_inert`.
 */
export function isSvelteWarning(text: string): boolean {
	return (
		text.includes('[svelte]') ||
		text.includes('svelte.dev/e/') ||
		/\b(derived_inert|state_unsafe_mutation|ownership_invalid_mutation)\b/.test(text)
	);
}

/**
 * Playwright's `test`, extended so that every page of the test's browser context is watched: any console message
 * from Svelte (see `isSvelteWarning`) fails the test when it ends, listing the messages and the page they came from.
 */
export const test = base.extend<{ svelteWarnings: string[] }>({
	svelteWarnings: [
		async ({ context }, use) => {
			const seen: string[] = [];
			const onConsole = (msg: ConsoleMessage) => {
				const text = msg.text();
				if (isSvelteWarning(text)) seen.push(`${msg.type()} on ${msg.page()?.url() ?? '?'}: ${text}`);
			};
			context.on('console', onConsole);
			await use(seen);
			context.off('console', onConsole);
			const counts = new Map<string, number>();
			for (const line of seen) counts.set(line, (counts.get(line) ?? 0) + 1);
			const report = [...counts].map(([line, n]) => (n > 1 ? `${n}× ${line}` : line)).join('\n');
			expect(seen.length, `Svelte warned in the browser console:\n${report}`).toBe(0);
		},
		{ auto: true }
	]
});

/** Waits until the root layout has hydrated (it sets `data-hydrated` on `<html>` in `onMount`). */
export async function waitForHydration(page: Page): Promise<void> {
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}

/** Navigates to `path` and waits for hydration. */
export async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await waitForHydration(page);
}

/**
 * Makes the page start in `theme`, as if the user had chosen it on an earlier visit. A choice made during the test
 * (saved by the app) is kept across reloads.
 */
export async function useTheme(page: Page, theme: 'dark' | 'light'): Promise<void> {
	await page.addInitScript((t) => {
		if (!localStorage.getItem('pagerdrill.theme')) localStorage.setItem('pagerdrill.theme', t);
	}, theme);
}

export interface AxeOptions {
	/** CSS selectors to leave out (only for third-party widgets, with a reason at the call site). */
	exclude?: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules plus best practices) on the current page and fails with a readable list when
 * it finds serious or critical violations. Returns all violations for further assertions.
 */
export async function expectNoSeriousA11yViolations(page: Page, options: AxeOptions = {}) {
	let builder = new AxeBuilder({ page }).withTags([
		'wcag2a',
		'wcag2aa',
		'wcag21a',
		'wcag21aa',
		'best-practice'
	]);
	for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
	const { violations } = await builder.analyze();
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const report = serious
		.map(
			(v) =>
				`${v.id} (${v.impact}): ${v.help}\n` +
				v.nodes
					.slice(0, 5)
					.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ') ?? ''}`)
					.join('\n')
		)
		.join('\n');
	expect(serious, `axe found serious accessibility problems on ${page.url()}:\n${report}`).toEqual([]);
	return violations;
}
