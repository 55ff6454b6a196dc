import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { kpiSeries } from '../../progress/trends';
import { drill, jan } from '../../progress/test-support';
import { FakeUPlot } from '../dashboard/testing/uplot-fake';
import KpiTrendChart from './KpiTrendChart.svelte';

vi.mock('uplot', () => import('../dashboard/testing/uplot-fake'));

describe('KpiTrendChart', () => {
	beforeEach(() => {
		FakeUPlot.instances = [];
	});

	it('draws each drill, the running median and the target, and says the trend in words', () => {
		const attempts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => drill({ day: jan(n), ack: n <= 5 ? 9 : 3 }));
		const series = kpiSeries(attempts).find((s) => s.id === 'ack')!;
		render(KpiTrendChart, { series });
		expect(screen.getByText('Acknowledge')).toBeInTheDocument();
		expect(screen.getByText('target ≤ 5 min')).toBeInTheDocument();
		expect(screen.getByText('improving')).toBeInTheDocument();
		const img = screen.getByRole('img');
		expect(img).toHaveAccessibleName(
			/^Acknowledge per drill over time\. Median of the last 5 drills 3\.0 min/
		);
		const [chart] = FakeUPlot.instances;
		expect(chart.data[1]).toHaveLength(10);
		expect(chart.data[1][0]).toBe(9 * 60_000);
		expect(chart.series).toHaveLength(3);
	});

	it('shows a placeholder instead of an empty chart', () => {
		const series = kpiSeries([drill({ engage: null })]).find((s) => s.id === 'engageOwner')!;
		render(KpiTrendChart, { series });
		expect(screen.getByText('No drill has measured this yet.')).toBeInTheDocument();
		expect(FakeUPlot.instances).toHaveLength(0);
	});
});
