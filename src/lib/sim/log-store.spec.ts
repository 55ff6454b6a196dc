import { describe, expect, it } from 'vitest';
import { LogStore } from './log-store';
import type { LogRecord } from './types';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

function rec(t: number, service: string, pod: string, level: LogRecord['level'], line = 'msg'): LogRecord {
	return { t, service, pod, level, line, fields: {} };
}

function filled(): LogStore {
	const s = new LogStore();
	s.append(rec(T0, 'checkout-api', 'checkout-api-0', 'info', 'a'));
	s.append(rec(T0 + 1000, 'checkout-api', 'checkout-api-1', 'error', 'b'));
	s.append(rec(T0 + 1000, 'payments', 'payments-0', 'info', 'c'));
	s.append(rec(T0 + 2000, 'checkout-api', 'checkout-api-0', 'info', 'd'));
	s.append(rec(T0 + 5000, 'payments', 'payments-0', 'warn', 'e'));
	return s;
}

describe('LogStore', () => {
	it('counts appended records and accepts equal timestamps', () => {
		const s = filled();
		expect(s.size).toBe(5);
		expect(s.firstTime).toBe(T0);
		expect(s.lastTime).toBe(T0 + 5000);
	});

	it('rejects a record older than the last one and stays unchanged', () => {
		const s = filled();
		expect(() => s.append(rec(T0 + 4999, 'payments', 'payments-0', 'info'))).toThrow(/time order/);
		expect(() => s.append(rec(Number.NaN, 'payments', 'payments-0', 'info'))).toThrow(/finite/);
		expect(s.size).toBe(5);
	});

	it('returns records in an inclusive time range, oldest first', () => {
		const s = filled();
		expect(s.range(T0 + 1000, T0 + 2000).map((r) => r.line)).toEqual(['b', 'c', 'd']);
		expect(s.range(T0 - 10, T0).map((r) => r.line)).toEqual(['a']);
		expect(s.range(T0 + 2001, T0 + 4999)).toEqual([]);
		expect(s.range(T0 + 10_000, T0 + 20_000)).toEqual([]);
		expect(s.range(T0 + 2000, T0 + 1000)).toEqual([]);
	});

	it('restricts a range to the streams whose labels match, calling the predicate once per stream', () => {
		const s = filled();
		let calls = 0;
		const lines = s.range(T0, T0 + 5000, (l) => {
			calls++;
			return l.service === 'checkout-api' && l.level === 'info';
		});
		expect(lines.map((r) => r.line)).toEqual(['a', 'd']);
		expect(calls).toBe(s.streams().length);
	});

	it('indexes streams by namespace, service, app, pod and level', () => {
		const s = new LogStore({ namespace: 'shop' });
		s.append(rec(T0, 'checkout-api', 'checkout-api-0', 'info'));
		s.append(rec(T0 + 1, 'checkout-api', 'checkout-api-0', 'info'));
		s.append(rec(T0 + 2, 'checkout-api', 'checkout-api-0', 'error'));
		expect(s.streams().map((x) => x.labels)).toEqual([
			{
				namespace: 'shop',
				service: 'checkout-api',
				app: 'checkout-api',
				pod: 'checkout-api-0',
				level: 'info'
			},
			{
				namespace: 'shop',
				service: 'checkout-api',
				app: 'checkout-api',
				pod: 'checkout-api-0',
				level: 'error'
			}
		]);
		expect([0, 1, 2].map((i) => s.streamIdAt(i))).toEqual([0, 0, 1]);
	});

	it('lists label names and sorted distinct values', () => {
		const s = filled();
		expect(s.labelNames()).toEqual(['app', 'level', 'namespace', 'pod', 'service']);
		expect(s.labelValues('level')).toEqual(['error', 'info', 'warn']);
		expect(s.labelValues('service')).toEqual(['checkout-api', 'payments']);
		expect(s.labelValues('namespace')).toEqual(['prod']);
		expect(s.labelValues('nope')).toEqual([]);
	});

	it('finds range bounds by binary search on large stores', () => {
		const s = new LogStore();
		for (let i = 0; i < 100_000; i++) s.append(rec(T0 + i * 10, `svc-${i % 7}`, `pod-${i % 3}`, 'info'));
		expect(s.lowerBound(T0 + 500_000)).toBe(50_000);
		expect(s.upperBound(T0 + 500_000)).toBe(50_001);
		expect(s.range(T0 + 999_980, T0 + 2_000_000)).toHaveLength(2);
		expect(s.range(T0 + 10, T0 + 30, (l) => l.service === 'svc-2')).toHaveLength(1);
	});
});
