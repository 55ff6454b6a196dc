import { describe, expect, it } from 'vitest';
import { isStaleAt, isStaleMarker, SeriesStore, STALE_NAN } from './tsdb';

function storeWith(): { store: SeriesStore; api: number; web: number; db: number } {
	const store = new SeriesStore();
	const api = store.ref({ __name__: 'http_requests_total', service: 'api', code: '200' });
	const web = store.ref({ __name__: 'http_requests_total', service: 'web', code: '500' });
	const db = store.ref({ __name__: 'db_up', service: 'db' });
	for (let i = 0; i < 10; i++) {
		store.append(api, i * 15_000, i * 10);
		store.append(web, i * 15_000, i);
		store.append(db, i * 15_000, 1);
	}
	return { store, api, web, db };
}

describe('SeriesStore', () => {
	it('returns the same id for the same label set, whatever the key order or empty labels', () => {
		const store = new SeriesStore();
		const a = store.ref({ __name__: 'up', job: 'api', instance: 'a:1' });
		const b = store.ref({ instance: 'a:1', job: 'api', __name__: 'up', zone: '' });
		expect(b).toBe(a);
		expect(store.ref({ __name__: 'up', job: 'web' })).not.toBe(a);
		expect(store.seriesCount).toBe(2);
		expect(store.labelsOf(a)).toEqual({ __name__: 'up', instance: 'a:1', job: 'api' });
	});

	it('rejects samples that are not after the last one of the series', () => {
		const store = new SeriesStore();
		const r = store.ref({ __name__: 'x' });
		store.append(r, 1000, 1);
		expect(() => store.append(r, 1000, 2)).toThrow(/out-of-order/);
		expect(() => store.append(r, 999, 2)).toThrow(/out-of-order/);
		expect(() => store.append(r, Number.NaN, 2)).toThrow(/finite/);
		expect(() => store.append(42, 2000, 2)).toThrow(/unknown series/);
		expect(store.sampleCount).toBe(1);
	});

	it('grows columns beyond their initial capacity without losing samples', () => {
		const store = new SeriesStore();
		const r = store.ref({ __name__: 'x' });
		for (let i = 0; i < 5000; i++) store.append(r, i, i * 2);
		const [view] = store.select([{ name: '__name__', op: '=', value: 'x' }], 0, 10_000);
		expect(view.ts.length).toBe(5000);
		expect(view.vs[4999]).toBe(9998);
		expect(store.sampleCount).toBe(5000);
	});

	it('selects by equality, inequality and fully anchored regex matchers, ordered by labels', () => {
		const { store } = storeWith();
		const names = (ms: Parameters<SeriesStore['select']>[0]) =>
			store.select(ms, 0, 1e9).map((v) => `${v.labels.__name__}/${v.labels.service}`);
		expect(names([{ name: '__name__', op: '=', value: 'http_requests_total' }])).toEqual([
			'http_requests_total/api',
			'http_requests_total/web'
		]);
		expect(names([{ name: 'code', op: '=~', value: '5..' }])).toEqual(['http_requests_total/web']);
		// Anchored: "5" alone does not match "500".
		expect(names([{ name: 'code', op: '=~', value: '5' }])).toEqual([]);
		expect(names([{ name: 'service', op: '!~', value: 'a.*|w.*' }])).toEqual(['db_up/db']);
		// A missing label has the value "": code!="200" matches the series without a code label.
		expect(names([{ name: 'code', op: '!=', value: '200' }])).toEqual([
			'db_up/db',
			'http_requests_total/web'
		]);
		expect(names([{ name: 'service', op: '=~', value: '(?i)API' }])).toEqual(['http_requests_total/api']);
	});

	it('restricts samples to minT <= t <= maxT', () => {
		const { store } = storeWith();
		const [view] = store.select([{ name: 'service', op: '=', value: 'api' }], 30_000, 60_000);
		expect(Array.from(view.ts)).toEqual([30_000, 45_000, 60_000]);
		expect(Array.from(view.vs)).toEqual([20, 30, 40]);
		const [empty] = store.select([{ name: 'service', op: '=', value: 'api' }], 1e9, 2e9);
		expect(empty.ts.length).toBe(0);
	});

	it('stores staleness markers with their exact bit pattern, distinct from ordinary NaN', () => {
		const store = new SeriesStore();
		const r = store.ref({ __name__: 'x' });
		store.append(r, 1000, Number.NaN);
		store.appendStale(r, 2000);
		for (let i = 3; i < 100; i++) store.append(r, i * 1000, i); // forces growth: the marker must survive copies
		const [view] = store.select([{ name: '__name__', op: '=', value: 'x' }], 0, 1e9);
		expect(isStaleAt(view.vs, 0)).toBe(false);
		expect(isStaleAt(view.vs, 1)).toBe(true);
		expect(Number.isNaN(view.vs[1])).toBe(true);
		expect(isStaleMarker(view.vs[1])).toBe(true);
		expect(isStaleMarker(Number.NaN)).toBe(false);
		expect(isStaleMarker(STALE_NAN)).toBe(true);
		expect(isStaleMarker(0)).toBe(false);
	});

	it('lists metric names, label names and label values', () => {
		const { store } = storeWith();
		expect(store.metricNames()).toEqual(['db_up', 'http_requests_total']);
		expect(store.labelNames()).toEqual(['__name__', 'code', 'service']);
		expect(store.labelValues('service')).toEqual(['api', 'db', 'web']);
		expect(store.labelValues('nope')).toEqual([]);
	});

	it('throws on an invalid regex matcher', () => {
		const { store } = storeWith();
		expect(() => store.select([{ name: 'service', op: '=~', value: '(api' }], 0, 1)).toThrow(/closing/);
	});
});
