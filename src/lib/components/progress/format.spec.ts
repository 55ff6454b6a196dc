import { describe, expect, it } from 'vitest';
import { kpiSeries } from '../../progress/trends';
import { drill, jan } from '../../progress/test-support';
import { describeKpi, formatAgo, formatDaysLeft, formatKpi, formatTarget, meetsTarget } from './format';

describe('progress formatting', () => {
	it('formats KPI values and targets in their unit', () => {
		expect(formatKpi(3.46, 'min')).toBe('3.5 min');
		expect(formatKpi(null, 'min')).toBe('—');
		expect(formatKpi(74.6, 'score')).toBe('75');
		expect(formatTarget({ target: 5, unit: 'min', better: 'lower' })).toBe('≤ 5 min');
		expect(formatTarget({ target: 70, unit: 'score', better: 'higher' })).toBe('≥ 70');
		expect(meetsTarget({ target: 5, better: 'lower' }, 5)).toBe(true);
		expect(meetsTarget({ target: 70, better: 'higher' }, 69)).toBe(false);
		expect(meetsTarget({ target: 70, better: 'higher' }, null)).toBeNull();
	});

	it('says how long ago something happened', () => {
		const now = new Date('2026-03-10T12:00:00Z');
		expect(formatAgo('2026-03-10T11:59:30Z', now)).toBe('just now');
		expect(formatAgo('2026-03-10T11:15:00Z', now)).toBe('45 min ago');
		expect(formatAgo('2026-03-10T02:00:00Z', now)).toBe('10 h ago');
		expect(formatAgo('2026-03-09T10:00:00Z', now)).toBe('yesterday');
		expect(formatAgo('2026-03-01T12:00:00Z', now)).toBe('9 days ago');
		expect(formatAgo(null, now)).toBe('—');
	});

	it('says when a milestone is due', () => {
		expect(formatDaysLeft(12)).toBe('due in 12 days');
		expect(formatDaysLeft(1)).toBe('due in 1 day');
		expect(formatDaysLeft(0)).toBe('due today');
		expect(formatDaysLeft(-3)).toBe('3 days overdue');
	});

	it('describes a KPI series in one sentence', () => {
		const attempts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => drill({ day: jan(n), ack: n <= 5 ? 8 : 2 }));
		const ack = kpiSeries(attempts).find((s) => s.id === 'ack')!;
		expect(describeKpi(ack)).toBe(
			'Median of the last 5 drills 2.0 min (target ≤ 5 min), improving, 100% on target.'
		);
		const none = kpiSeries([]).find((s) => s.id === 'engageOwner')!;
		expect(describeKpi(none)).toBe('No engage correct owner measured yet (target ≤ 15 min).');
	});
});
