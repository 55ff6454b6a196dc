import { describe, expect, it } from 'vitest';
import { FALLBACK_THEME } from '../dashboard/chart-options';
import {
	buildDebriefChart,
	chartMarkers,
	debriefWindow,
	labelRows,
	LEAD_IN_MS,
	markerColor,
	textOn
} from './debrief-chart';

describe('labelRows', () => {
	it('keeps far-apart labels on the first row and stacks close ones', () => {
		expect(labelRows([10, 100, 200], 18)).toEqual([0, 0, 0]);
		expect(labelRows([10, 20, 25, 60], 18)).toEqual([0, 1, 2, 0]);
		expect(labelRows([10, 20, 40], 18)).toEqual([0, 1, 0]);
	});
});

describe('debriefWindow', () => {
	const start = Date.UTC(2026, 2, 17, 14, 20);

	it('starts before the first page and ends with the drill, on a whole step grid', () => {
		const w = debriefWindow(start, 75_000, 25 * 60_000, 15_000);
		expect(w.start).toBeLessThanOrEqual(start - LEAD_IN_MS);
		expect(w.end).toBeGreaterThanOrEqual(start + 25 * 60_000);
		expect(w.start % w.stepMs).toBe(0);
		expect(w.end % w.stepMs).toBe(0);
		expect((w.end - w.start) / w.stepMs).toBeLessThanOrEqual(301);
		expect(w.stepMs).toBeGreaterThanOrEqual(15_000);
	});
});

describe('markers', () => {
	it('numbers markers in list order on the chart’s time axis (Unix seconds)', () => {
		const start = Date.UTC(2026, 2, 17, 14, 20);
		expect(
			chartMarkers(
				[
					{ at: 60_000, tone: 'you', who: 'You', label: 'a' },
					{ at: 120_000, tone: 'par', who: 'Par', label: 'b' }
				],
				start
			)
		).toEqual([
			{ t: start / 1000 + 60, n: 1, tone: 'you' },
			{ t: start / 1000 + 120, n: 2, tone: 'par' }
		]);
	});

	it('colours tones from the theme and picks readable number colours', () => {
		expect(markerColor('good', FALLBACK_THEME)).toBe(FALLBACK_THEME.ok);
		expect(markerColor('bad', FALLBACK_THEME)).toBe(FALLBACK_THEME.critical);
		expect(markerColor('par', FALLBACK_THEME)).toBe(FALLBACK_THEME.fgMuted);
		// The system's marks (page, recovery) must not look like the trainee's own (info blue).
		expect(markerColor('system', FALLBACK_THEME)).not.toBe(markerColor('you', FALLBACK_THEME));
		expect(textOn('#e3b341')).toBe('#000');
		expect(textOn('#7d5400')).toBe('#fff');
		expect(textOn('#fff')).toBe('#000');
		expect(textOn('rgb(1,2,3)')).toBe('#fff');
	});

	it('adds the marker layer to the dashboards’ chart options and leaves room for the numbers', () => {
		const config = buildDebriefChart(
			{
				unit: 'percentunit',
				height: 240,
				theme: () => FALLBACK_THEME,
				thresholds: [{ value: 0.02 }],
				markers: () => []
			},
			2
		);
		expect(config.options.hooks?.draw).toHaveLength(2);
		expect(config.options.series).toHaveLength(3);
		expect(config.options.padding?.[0]).toBeGreaterThanOrEqual(24);
	});
});
