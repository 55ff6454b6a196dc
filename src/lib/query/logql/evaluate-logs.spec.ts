import { describe, expect, it } from 'vitest';
import { LogStore } from '../../sim/log-store';
import type { LogRecord } from '../../sim/types';
import { QueryError } from '../types';
import { evaluateLogQuery, logVolume } from './evaluate-logs';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const S = 1000;

function rec(sec: number, service: string, pod: string, level: LogRecord['level'], line: string): LogRecord {
	return { t: T0 + sec * S, service, pod, level, line, fields: {} };
}

/** A small incident: checkout-api (logfmt) failing to reach payments (JSON), plus a worker with coloured output. */
function incidentStore(): LogStore {
	const store = new LogStore();
	const records = [
		rec(
			0,
			'checkout-api',
			'checkout-api-0',
			'info',
			'level=info msg="request completed" method=GET route=/cart status=200 latency_ms=42 trace_id=a1'
		),
		rec(
			5,
			'payments',
			'payments-0',
			'info',
			'{"level":"info","msg":"charge ok","amount":12.5,"card":{"brand":"visa","country":"DE"},"duration":"120ms","size":"2KB"}'
		),
		rec(
			10,
			'checkout-api',
			'checkout-api-1',
			'error',
			'level=error msg="request failed" method=POST route=/checkout status=502 latency_ms=812 trace_id=a2'
		),
		rec(15, 'worker', 'worker-0', 'error', '\u001b[31mERROR\u001b[0m disk full on /var/lib/worker'),
		rec(
			20,
			'checkout-api',
			'checkout-api-0',
			'warn',
			'level=warn msg="slow request" method=GET route=/cart status=200 latency_ms=1300 trace_id=a3'
		),
		rec(
			25,
			'payments',
			'payments-1',
			'error',
			'{"level":"error","msg":"charge declined","amount":99,"card":{"brand":"amex"},"duration":"1.5s","size":"3MB","tags":["fraud","manual"]}'
		),
		rec(
			30,
			'checkout-api',
			'checkout-api-1',
			'error',
			'level=error msg="upstream timeout" method=POST route=/checkout status=503 latency_ms=95 trace_id=a4'
		),
		rec(35, 'payments', 'payments-0', 'fatal', 'panic: runtime error: invalid memory address'),
		rec(
			40,
			'checkout-api',
			'checkout-api-0',
			'info',
			'level=info msg="health check" method=GET route=/health status=200 latency_ms=1 trace_id=a5'
		)
	];
	for (const r of records) store.append(r);
	return store;
}

const ALL = { start: T0, end: T0 + 60 * S };

function lines(
	store: LogStore,
	q: string,
	opts: Partial<typeof ALL> & { limit?: number; direction?: 'forward' | 'backward' } = {}
) {
	return evaluateLogQuery(store, q, { ...ALL, ...opts }).lines;
}

function texts(store: LogStore, q: string, opts = {}): string[] {
	return lines(store, q, opts).map((l) => l.record.line);
}

function traceIds(store: LogStore, q: string): string[] {
	return lines(store, q, { direction: 'forward' }).map(
		(l) => /trace_id=(\w+)/.exec(l.record.line)?.[1] ?? '?'
	);
}

describe('evaluateLogQuery: selectors, order and limits', () => {
	const store = incidentStore();

	it('returns matching lines newest first with their stream labels', () => {
		const out = evaluateLogQuery(store, '{service="checkout-api"}', ALL);
		expect(out.totalMatched).toBe(5);
		expect(out.lines.map((l) => l.record.t)).toEqual([40, 30, 20, 10, 0].map((s) => T0 + s * S));
		expect(out.lines[0].labels).toEqual({
			namespace: 'prod',
			service: 'checkout-api',
			app: 'checkout-api',
			pod: 'checkout-api-0',
			level: 'info'
		});
	});

	it('returns oldest first with direction forward', () => {
		expect(traceIds(store, '{app="checkout-api"}')).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
	});

	it('supports = != =~ !~ matchers together', () => {
		expect(
			lines(store, '{service=~"checkout-.*|payments", level!="info", pod!~".*-0"}').map((l) => l.labels.pod)
		).toEqual(['checkout-api-1', 'payments-1', 'checkout-api-1']);
		expect(lines(store, '{level=~"error|fatal", service!="worker"}')).toHaveLength(4);
	});

	it('matches regex selectors against the whole label value', () => {
		expect(lines(store, '{service=~"check"}')).toHaveLength(0);
		expect(lines(store, '{service=~"check.*"}')).toHaveLength(5);
	});

	it('applies the limit but still counts every match', () => {
		const out = evaluateLogQuery(store, '{namespace="prod"}', { ...ALL, limit: 2 });
		expect(out.lines.map((l) => l.record.t)).toEqual([T0 + 40 * S, T0 + 35 * S]);
		expect(out.totalMatched).toBe(9);
		const fwd = evaluateLogQuery(store, '{namespace="prod"}', { ...ALL, limit: 2, direction: 'forward' });
		expect(fwd.lines.map((l) => l.record.t)).toEqual([T0, T0 + 5 * S]);
	});

	it('includes both ends of the time range', () => {
		const out = evaluateLogQuery(store, '{service="checkout-api"}', { start: T0 + 10 * S, end: T0 + 30 * S });
		expect(out.lines.map((l) => l.record.t)).toEqual([T0 + 30 * S, T0 + 20 * S, T0 + 10 * S]);
		expect(
			evaluateLogQuery(store, '{service="checkout-api"}', { start: T0 + 50 * S, end: T0 + 10 * S })
				.totalMatched
		).toBe(0);
	});

	it('returns nothing for a selector that matches no stream', () => {
		expect(evaluateLogQuery(store, '{service="nope"} |= "x"', ALL)).toEqual({ lines: [], totalMatched: 0 });
	});

	it('refuses metric queries with an evaluation error', () => {
		expect(() => evaluateLogQuery(store, 'rate({service="x"}[1m])', ALL)).toThrow(QueryError);
		try {
			evaluateLogQuery(store, 'rate({service="x"}[1m])', ALL);
		} catch (e) {
			expect((e as QueryError).kind).toBe('evaluation');
		}
	});
});

describe('evaluateLogQuery: line filters', () => {
	const store = incidentStore();

	it('filters by substring, negated substring and chained filters', () => {
		expect(traceIds(store, '{service="checkout-api"} |= "status=50"')).toEqual(['a2', 'a4']);
		expect(traceIds(store, '{service="checkout-api"} != "route=/health" != "status=5"')).toEqual([
			'a1',
			'a3'
		]);
		expect(traceIds(store, '{service="checkout-api"} |= "POST" |= "503"')).toEqual(['a4']);
	});

	it('is case sensitive unless the regex says (?i)', () => {
		expect(lines(store, '{service="checkout-api"} |= "TIMEOUT"')).toHaveLength(0);
		expect(traceIds(store, '{service="checkout-api"} |~ "(?i)TIMEOUT"')).toEqual(['a4']);
	});

	it('supports regex and negated regex filters (unanchored, RE2 syntax)', () => {
		expect(traceIds(store, '{service="checkout-api"} |~ "status=5\\\\d\\\\d"')).toEqual(['a2', 'a4']);
		expect(traceIds(store, '{service="checkout-api"} |~ `latency_ms=[0-9]{4}`')).toEqual(['a3']);
		expect(traceIds(store, '{service="checkout-api"} !~ "status=(200|502)"')).toEqual(['a4']);
		expect(traceIds(store, '{service="checkout-api"} |~ "route=/(?P<r>cart)"')).toEqual(['a1', 'a3']);
	});

	it('treats "or" alternatives as any-of, and negated alternatives as none-of', () => {
		expect(traceIds(store, '{service="checkout-api"} |= "502" or "503"')).toEqual(['a2', 'a4']);
		expect(traceIds(store, '{service="checkout-api"} != "/cart" or "/health"')).toEqual(['a2', 'a4']);
	});

	it('matches whole-line patterns with |> and !>', () => {
		expect(traceIds(store, '{service="checkout-api"} |> "level=error <_> route=/checkout <_>"')).toEqual([
			'a2',
			'a4'
		]);
		expect(traceIds(store, '{service="checkout-api"} !> "<_> status=200 <_>"')).toEqual(['a2', 'a4']);
	});
});

describe('evaluateLogQuery: parsers and label filters', () => {
	const store = incidentStore();

	it('logfmt extracts every key; keys clashing with stream labels get _extracted (Loki)', () => {
		const [line] = lines(store, '{service="checkout-api"} |= "trace_id=a2" | logfmt');
		expect(line.labels).toMatchObject({
			service: 'checkout-api',
			level: 'error',
			level_extracted: 'error',
			msg: 'request failed',
			method: 'POST',
			route: '/checkout',
			status: '502',
			latency_ms: '812',
			trace_id: 'a2'
		});
	});

	it('filters on numbers, strings, regexes with and / or / comma', () => {
		expect(traceIds(store, '{service="checkout-api"} | logfmt | status >= 500')).toEqual(['a2', 'a4']);
		expect(traceIds(store, '{service="checkout-api"} | logfmt | latency_ms > 250 and method="GET"')).toEqual([
			'a3'
		]);
		expect(traceIds(store, '{service="checkout-api"} | logfmt | status == 503 or latency_ms < 10')).toEqual([
			'a4',
			'a5'
		]);
		expect(traceIds(store, '{service="checkout-api"} | logfmt | route=~"/c.*", status != 502')).toEqual([
			'a1',
			'a3',
			'a4'
		]);
		expect(
			traceIds(
				store,
				'{service="checkout-api"} | logfmt | (route="/cart" or route="/health") and latency_ms <= 42'
			)
		).toEqual(['a1', 'a5']);
		expect(traceIds(store, '{service="checkout-api"} | logfmt | msg!~".*(failed|timeout)"')).toEqual([
			'a1',
			'a3',
			'a5'
		]);
	});

	it('filters on stream labels without a parser', () => {
		expect(traceIds(store, '{service="checkout-api"} | level="error"')).toEqual(['a2', 'a4']);
		expect(traceIds(store, '{service="checkout-api"} | pod=~".*-0", level!="warn"')).toEqual(['a1', 'a5']);
	});

	it('drops lines without the label in a numeric filter', () => {
		expect(lines(store, '{service="checkout-api"} | logfmt | missing > 1')).toHaveLength(0);
		expect(lines(store, '{service="checkout-api"} | logfmt | missing != 1')).toHaveLength(0);
	});

	it('keeps lines whose value is not a number, marked __error__=LabelFilterErr', () => {
		const out = lines(store, '{service="checkout-api"} | logfmt | route > 1');
		expect(out).toHaveLength(5);
		expect(out.every((l) => l.labels.__error__ === 'LabelFilterErr')).toBe(true);
		expect(lines(store, '{service="checkout-api"} | logfmt | route > 1 | __error__=""')).toHaveLength(0);
	});

	it('json flattens nested objects with _, keeps numbers as written and skips arrays', () => {
		const out = lines(store, '{service="payments"} | json | __error__=""', { direction: 'forward' });
		expect(out.map((l) => l.labels.msg)).toEqual(['charge ok', 'charge declined']);
		expect(out[0].labels).toMatchObject({
			amount: '12.5',
			card_brand: 'visa',
			card_country: 'DE',
			level_extracted: 'info'
		});
		expect(out[1].labels).not.toHaveProperty('tags');
	});

	it('marks lines that are not JSON with __error__=JSONParserErr instead of dropping them', () => {
		const bad = lines(store, '{service="payments"} | json | __error__="JSONParserErr"');
		expect(bad.map((l) => l.record.line)).toEqual(['panic: runtime error: invalid memory address']);
		expect(bad[0].labels.__error_details__).toMatch(/offset 0/);
	});

	it('json extracts selected paths, including array items', () => {
		const [line] = lines(
			store,
			'{service="payments"} |= "declined" | json brand="card.brand", first_tag="tags[0]", all_tags="tags"'
		);
		expect(line.labels).toMatchObject({ brand: 'amex', first_tag: 'fraud', all_tags: '["fraud","manual"]' });
		expect(line.labels).not.toHaveProperty('msg');
	});

	it('compares durations and byte sizes', () => {
		const msgs = (q: string) => lines(store, q).map((l) => l.labels.msg);
		expect(msgs('{service="payments"} | json | __error__="" | duration > 1s')).toEqual(['charge declined']);
		expect(msgs('{service="payments"} | json | __error__="" | duration <= 120ms')).toEqual(['charge ok']);
		expect(msgs('{service="payments"} | json | __error__="" | size >= 1MB')).toEqual(['charge declined']);
		expect(msgs('{service="payments"} | json | __error__="" | size < 2KiB')).toEqual(['charge ok']);
	});

	it('lets lines that already carry a parser error through numeric filters, as Loki does', () => {
		const out = lines(store, '{service="payments"} | json | duration > 1s');
		expect(out.map((l) => l.labels.__error__ ?? 'ok')).toEqual(['JSONParserErr', 'ok']);
	});

	it('logfmt extracts selected keys, renamed', () => {
		const [line] = lines(store, '{service="checkout-api"} |= "a2" | logfmt code="status", route');
		expect(line.labels).toMatchObject({ code: '502', route: '/checkout' });
		expect(line.labels).not.toHaveProperty('msg');
	});

	it('regexp and pattern parsers extract named fields', () => {
		const [r] = lines(store, '{service="worker"} | regexp "disk full on (?P<path>\\\\S+)"');
		expect(r.labels.path).toBe('/var/lib/worker');
		const [p] = lines(
			store,
			'{service="checkout-api"} |= "a4" | pattern "level=<lvl> msg=\\"<msg>\\" method=<method> <_>"'
		);
		expect(p.labels).toMatchObject({ lvl: 'error', msg: 'upstream timeout', method: 'POST' });
	});
});

describe('evaluateLogQuery: formatting stages', () => {
	const store = incidentStore();

	it('line_format rewrites the line, and later filters see the new line', () => {
		const out = lines(
			store,
			'{service="checkout-api"} | logfmt | line_format "{{.method}} {{.route}} -> {{.status}} ({{.latency_ms}}ms)" |= "/checkout"'
		);
		expect(out.map((l) => l.record.line)).toEqual([
			'POST /checkout -> 503 (95ms)',
			'POST /checkout -> 502 (812ms)'
		]);
		expect(out[0].record.t).toBe(T0 + 30 * S);
	});

	it('line_format supports __line__, functions and missing labels as empty', () => {
		expect(
			texts(
				store,
				'{service="checkout-api"} |= "a4" | logfmt | line_format "{{ .level_extracted | upper }}: {{.nope}}|{{ __line__ | trunc 9 }}"'
			)
		).toEqual(['ERROR: |level=err']);
	});

	it('label_format renames labels and sets them from templates', () => {
		const [l] = lines(
			store,
			'{service="checkout-api"} |= "a2" | logfmt | label_format code=status, where="{{.method}} {{.route}}"'
		);
		expect(l.labels).toMatchObject({ code: '502', where: 'POST /checkout' });
		expect(l.labels).not.toHaveProperty('status');
	});

	it('drop removes labels (optionally only when they match) and keep retains only the listed ones', () => {
		const [d] = lines(
			store,
			'{service="checkout-api"} |= "a2" | logfmt | drop trace_id, method="GET", route="/checkout"'
		);
		expect(d.labels).not.toHaveProperty('trace_id');
		expect(d.labels).not.toHaveProperty('route');
		expect(d.labels.method).toBe('POST');
		const [k] = lines(store, '{service="checkout-api"} |= "a2" | logfmt | keep service, status');
		expect(k.labels).toEqual({ service: 'checkout-api', status: '502' });
	});

	it('decolorize strips ANSI colour codes', () => {
		expect(texts(store, '{service="worker"} | decolorize')).toEqual(['ERROR disk full on /var/lib/worker']);
		expect(texts(store, '{service="worker"}')[0]).toContain('\u001b[31m');
	});
});

describe('logVolume', () => {
	const store = incidentStore();

	it('counts matching lines per level in (t - step, t] buckets, with zeros', () => {
		const res = logVolume(store, '{service="checkout-api"}', T0, T0 + 40 * S, 20 * S);
		expect(res.resultType).toBe('matrix');
		if (res.resultType !== 'matrix') return;
		expect(res.result.map((s) => s.labels.level)).toEqual(['error', 'warn', 'info']);
		const byLevel = Object.fromEntries(res.result.map((s) => [s.labels.level, s.vs]));
		// steps: T0 covers (T0-20s, T0]; T0+20s covers (T0, T0+20s]; T0+40s covers (T0+20s, T0+40s].
		expect(byLevel.info).toEqual([1, 0, 1]);
		expect(byLevel.error).toEqual([0, 1, 1]);
		expect(byLevel.warn).toEqual([0, 1, 0]);
		expect(res.result[0].ts).toEqual([T0, T0 + 20 * S, T0 + 40 * S]);
	});

	it('applies the pipeline before counting', () => {
		const res = logVolume(store, '{namespace="prod"} |~ "(?i)error"', T0, T0 + 60 * S, 60 * S);
		if (res.resultType !== 'matrix') throw new Error('expected a matrix');
		const total = res.result.reduce((a, s) => a + s.vs.reduce((x, y) => x + y, 0), 0);
		expect(total).toBe(evaluateLogQuery(store, '{namespace="prod"} |~ "(?i)error"', ALL).totalMatched);
	});

	it('refuses metric queries', () => {
		expect(() => logVolume(store, 'rate({a="b"}[1m])', T0, T0 + 1, 1)).toThrow(/log query/);
	});
});

describe('evaluateLogQuery at scale', () => {
	it('filters 100k records in one pass and counts exactly what a plain scan finds', () => {
		const store = new LogStore();
		const services = ['checkout-api', 'payments', 'catalog', 'search'];
		for (let i = 0; i < 100_000; i++) {
			const service = services[i % services.length];
			const status = i % 97 === 0 ? 502 : i % 13 === 0 ? 404 : 200;
			const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
			const line = `level=${level} msg="request" route=/r${i % 11} status=${status} latency_ms=${(i * 7) % 900}`;
			store.append({ t: T0 + i * 50, service, pod: `${service}-${i % 3}`, level, line, fields: {} });
		}
		const expected = store
			.range(T0, T0 + 100_000 * 50, (l) => l.service === 'checkout-api')
			.filter((r) => r.line.includes('status=502')).length;
		const out = evaluateLogQuery(store, '{service="checkout-api"} |= "status=502"', {
			start: T0,
			end: T0 + 100_000 * 50,
			limit: 100
		});
		expect(out.totalMatched).toBe(expected);
		expect(out.lines).toHaveLength(Math.min(100, expected));
		const parsed = evaluateLogQuery(
			store,
			'{service="checkout-api"} | logfmt | status >= 500 and latency_ms > 450',
			{
				start: T0,
				end: T0 + 100_000 * 50,
				limit: 10
			}
		);
		const manual = store
			.range(T0, T0 + 100_000 * 50, (l) => l.service === 'checkout-api')
			.filter((r) => {
				const status = Number(/status=(\d+)/.exec(r.line)?.[1]);
				const latency = Number(/latency_ms=(\d+)/.exec(r.line)?.[1]);
				return status >= 500 && latency > 450;
			}).length;
		expect(parsed.totalMatched).toBe(manual);
	});
});
