import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installDialogPolyfill } from '../common/testing/dialog-polyfill';
import { createTestSession } from '../common/testing/test-session';
import Console from './Console.svelte';

vi.mock('uplot', () => import('../dashboard/testing/uplot-fake'));

beforeAll(installDialogPolyfill);
// Only the live panels' once-a-second ticker is faked; the drill clock is driven by hand.
beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
afterEach(() => vi.useRealTimers());

/** Seconds since midnight of the `HH:MM:SS` in `text`. */
function secondsOfDay(text: string | null | undefined): number {
	const m = /(\d\d):(\d\d):(\d\d)/.exec(text ?? '');
	if (!m) throw new Error(`no HH:MM:SS in ${JSON.stringify(text)}`);
	return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Sim seconds the "to HH:MM:SS" of the panel `region` is behind the clock bar. */
function lagOf(region: string): number {
	const clock = screen.getByRole('group', { name: 'Drill clock' }).querySelector('time')?.textContent;
	const end = screen.getByRole('region', { name: region }).querySelector('.as-of time')?.textContent;
	return secondsOfDay(clock) - secondsOfDay(end);
}

function setup() {
	const test = createTestSession();
	render(Console, { session: test.session });
	return {
		...test,
		/** Lets `ms` of sim time pass, then one wall second (one live-panel tick). */
		pass(ms: number) {
			test.advance(ms);
			vi.advanceTimersByTime(1000);
			flushSync();
		},
		show(tab: string) {
			void fireEvent.click(screen.getByRole('tab', { name: tab }));
			flushSync();
		}
	};
}

describe('Console', () => {
	it('keeps the dashboards following sim time after switching tabs and back', () => {
		const { pass, show } = setup();
		pass(60_000);
		for (let round = 0; round < 3; round++) {
			show('Logs');
			pass(120_000);
			show('Dashboards');
			pass(5_000);
			// The window ends at now rounded down to its 15 s step.
			const lag = lagOf('Dashboards');
			expect(lag).toBeGreaterThanOrEqual(0);
			expect(lag).toBeLessThan(15);
		}
	});

	it('keeps Explore following sim time after switching tabs and back', () => {
		const { pass, show } = setup();
		show('Explore');
		pass(60_000);
		for (let round = 0; round < 3; round++) {
			show('Dashboards');
			pass(120_000);
			show('Explore');
			pass(5_000);
			const lag = lagOf('Explore');
			expect(lag).toBeGreaterThanOrEqual(0);
			expect(lag).toBeLessThan(15);
		}
	});

	it('keeps what was typed in Explore and Logs across tab switches', async () => {
		const { show } = setup();
		show('Explore');
		await fireEvent.input(screen.getByLabelText('PromQL query'), { target: { value: 'up' } });
		show('Logs');
		await fireEvent.input(screen.getByLabelText('LogQL query'), { target: { value: '{service="x"}' } });
		show('Dashboards');
		show('Explore');
		expect(screen.getByLabelText('PromQL query')).toHaveValue('up');
		show('Logs');
		expect(screen.getByLabelText('LogQL query')).toHaveValue('{service="x"}');
	});
});
