/**
 * A stand-in for uPlot in jsdom component tests (jsdom has no canvas). Use it with
 * `vi.mock('uplot', () => import('$lib/components/dashboard/testing/uplot-fake'))`. It records what the component
 * did to each chart: created, data pushed, series added/removed/hidden, resized, destroyed.
 */
import type uPlot from 'uplot';

export class FakeUPlot {
	/** Every chart created since the last `resetCharts()`. */
	static instances: FakeUPlot[] = [];
	static paths = { bars: () => () => null };
	static tzDate = (d: Date) => d;

	opts: uPlot.Options;
	data: uPlot.AlignedData;
	series: (uPlot.Series & { show: boolean })[];
	width: number;
	height: number;
	root: HTMLElement;
	setDataCalls = 0;
	redraws = 0;
	destroyed = false;

	constructor(opts: uPlot.Options, data: uPlot.AlignedData, target: HTMLElement) {
		this.opts = opts;
		this.data = data;
		this.series = opts.series.map((s) => ({ ...s, show: s.show ?? true }));
		this.width = opts.width;
		this.height = opts.height;
		this.root = document.createElement('div');
		this.root.className = 'uplot';
		target.appendChild(this.root);
		FakeUPlot.instances.push(this);
	}

	setData(data: uPlot.AlignedData) {
		if (data.length !== this.series.length) {
			throw new Error(`setData with ${data.length} columns on a chart with ${this.series.length} series`);
		}
		this.data = data;
		this.setDataCalls++;
	}

	addSeries(s: uPlot.Series, i: number) {
		this.series.splice(i, 0, { ...s, show: s.show ?? true });
	}

	delSeries(i: number) {
		this.series.splice(i, 1);
	}

	setSeries(i: number, o: { show?: boolean }) {
		Object.assign(this.series[i], o);
	}

	setSize(size: { width: number; height: number }) {
		this.width = size.width;
		this.height = size.height;
	}

	redraw() {
		this.redraws++;
	}

	destroy() {
		this.destroyed = true;
		this.root.remove();
	}

	/** Charts that are still alive. */
	static live(): FakeUPlot[] {
		return FakeUPlot.instances.filter((u) => !u.destroyed);
	}
}

/** Forgets recorded charts (call in `beforeEach`). */
export function resetCharts(): void {
	FakeUPlot.instances = [];
}

export default FakeUPlot;
