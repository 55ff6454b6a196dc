/**
 * The LogQL parsers on real log lines from the shared corpus (lnav test files: a Kubernetes controller and
 * Grafana in logfmt; journald, MongoDB, bunyan, ECS and Rust tracing JSON; Caddy JSON behind `docker compose`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LogStore } from '../../sim/log-store';
import type { LogRecord } from '../../sim/types';
import type { LogLine } from '../types';
import { evaluateLogQuery } from './evaluate-logs';
import { evaluateLogMetricRange } from './evaluate-metrics';

const CORPUS = fileURLToPath(new URL('../../../../tests/corpus/logs', import.meta.url));

function corpusLines(file: string): string[] {
	return readFileSync(`${CORPUS}/${file}`, 'utf8')
		.split('\n')
		.filter((l) => l.trim() !== '');
}

function toLevel(raw: string | number | undefined): LogRecord['level'] {
	const v = String(raw ?? '').toLowerCase();
	if (/^(fatal|critical|crit|panic|alert|emerg)/.test(v)) return 'fatal';
	if (/^(error|err)/.test(v)) return 'error';
	if (/^warn/.test(v)) return 'warn';
	if (/^(debug|trace)/.test(v)) return 'debug';
	return 'info';
}

const everything = { start: 0, end: Date.UTC(2100, 0, 1) };

function parsed(store: LogStore, q: string): LogLine[] {
	return evaluateLogQuery(store, q, { ...everything, direction: 'forward' }).lines;
}

describe('| logfmt on real logfmt lines', () => {
	const store = new LogStore();
	for (const line of corpusLines('lnav__logfmt.log')) {
		const time = /(?:^|\s)(?:time|t)="?([0-9T:.\-Z]+)"?/.exec(line)?.[1] ?? '';
		const service = line.startsWith('logger=') ? 'grafana' : 'virtual-kubelet';
		const level = toLevel(/level=(\w+)/.exec(line)?.[1]);
		store.append({ t: Date.parse(time), service, pod: `${service}-0`, level, line, fields: {} });
	}

	it('loads every line with a parsed timestamp', () => {
		expect(store.size).toBe(6);
		expect(store.at(0).t).toBe(Date.UTC(2021, 8, 15, 21, 17, 10, 220));
	});

	it('extracts quoted and bare values of the controller lines', () => {
		const [first, second] = parsed(store, '{service="virtual-kubelet"} | logfmt');
		expect(first.labels).toMatchObject({
			time: '2021-09-15T21:17:10.220731Z',
			msg: 'error retrieving pod status: pod inc-1-enh-domain-c14-ns-2/hello-inc-1-enh-domain-c14-ns-2-3-d8f465685-k75gp is not found: PodNotFound',
			status: 'Pending',
			level_extracted: 'error',
			namespace_extracted: 'inc-1-enh-domain-c14-ns-2',
			pod_extracted: 'hello-inc-1-enh-domain-c14-ns-2-3-d8f465685-k75gp'
		});
		// `reason=` is empty: an empty label is no label.
		expect(first.labels).not.toHaveProperty('reason');
		// Stream labels keep their values; the line's own namespace/pod/level are suffixed _extracted, as in Loki.
		expect(first.labels).toMatchObject({ namespace: 'prod', pod: 'virtual-kubelet-0', level: 'error' });
		expect(second.labels).toMatchObject({
			level_extracted: 'warning',
			msg: 'Failed to DeletePod in the provider',
			error:
				'pod inc-1-domain-c14-ns-6/fe-inc-1-domain-c14-ns-6-5-656d9bb695-4584b is not found: PodNotFound',
			uid: 'be2def59-3a08-42fd-8f84-6f64cfcefa93'
		});
	});

	it('extracts the Grafana settings lines and filters on them', () => {
		const lines = parsed(store, '{service="grafana"} | logfmt | msg=~"Config .*"');
		expect(lines.map((l) => l.labels.file ?? l.labels.arg)).toEqual([
			'/usr/share/grafana/conf/defaults.ini',
			'/etc/grafana/grafana.ini',
			'default.paths.logs=/var/log/grafana'
		]);
		const [start] = parsed(store, '{service="grafana"} | logfmt | msg="Starting Grafana"');
		expect(start.labels).toMatchObject({
			logger: 'settings',
			version: '11.5.2',
			branch: 'HEAD',
			compiled: '2025-04-24T19:51:48Z'
		});
	});

	it('finds the pods a human would grep for', () => {
		const lines = parsed(
			store,
			'{namespace="prod"} |= "PodNotFound" | logfmt | namespace_extracted=~"inc-1-.*"'
		);
		expect(lines.map((l) => l.labels.namespace_extracted)).toEqual([
			'inc-1-enh-domain-c14-ns-2',
			'inc-1-domain-c14-ns-6'
		]);
	});

	it('reformats lines with line_format', () => {
		const lines = parsed(store, '{service="grafana"} | logfmt | line_format "[{{.logger}}] {{.msg}}"');
		expect(lines[0].record.line).toBe('[settings] Starting Grafana');
	});
});

describe('| json on real JSON lines of mixed schemas', () => {
	const store = new LogStore();
	const T0 = Date.UTC(2025, 0, 1);
	corpusLines('lnav__json-lines.log').forEach((line, i) => {
		const obj = JSON.parse(line) as Record<string, unknown>;
		const service =
			'__CURSOR' in obj
				? 'journald'
				: 'attr' in obj
					? 'mongodb'
					: 'logContext' in obj
						? 'renovate'
						: '@timestamp' in obj
							? 'python-app'
							: 'rust-app';
		const rawLevel = obj['log.level'] ?? obj.level ?? (obj.s === 'I' ? 'info' : undefined);
		store.append({
			t: T0 + i * 1000,
			service,
			pod: `${service}-0`,
			level: toLevel(rawLevel as string),
			line,
			fields: {}
		});
	});

	it('reads journald exports, keeping the field names that are valid labels', () => {
		const [j] = parsed(store, '{service="journald"} | json');
		expect(j.labels).toMatchObject({
			MESSAGE: 'GPS Reference longitude: 7.358143333',
			__REALTIME_TIMESTAMP: '1534860261221373',
			_SYSTEMD_UNIT: 'medusa-GpsLocator.service',
			SYSLOG_IDENTIFIER: 'python',
			_PID: '184'
		});
	});

	it('flattens MongoDB structured logs (t.$date becomes t__date)', () => {
		const [accepted, slow] = parsed(store, '{service="mongodb"} | json');
		expect(accepted.labels).toMatchObject({
			t__date: '2026-03-10T20:58:09.401+00:00',
			s: 'I',
			c: 'NETWORK',
			id: '22943',
			msg: 'Connection accepted',
			attr_remote: '10.29.42.162:56982',
			attr_connectionId: '162095'
		});
		expect(slow.labels).toMatchObject({
			msg: 'Slow query',
			attr_durationMillis: '120',
			attr_planSummary: 'IXSCAN { name: 1 }',
			attr_ns: 'mydb.users'
		});
		const slowOnes = parsed(store, '{service="mongodb"} | json | attr_durationMillis > 100');
		expect(slowOnes.map((l) => l.labels.msg)).toEqual(['Slow query']);
	});

	it('flattens deeply nested bunyan fields and sanitises dashes in keys', () => {
		const lines = parsed(store, '{service="renovate"} | json');
		expect(lines).toHaveLength(7);
		expect(lines[0].labels).toMatchObject({
			name: 'renovate',
			hostname: 'renovate-gitlab-67c4bcb5-9ggbv',
			pid: '7',
			level_extracted: '20'
		});
		expect(lines[1].labels).toMatchObject({
			src_file: '/Users/trentm/tm/node-bunyan/examples/src.js',
			src_line: '20',
			src_func: 'Wuzzle.woos'
		});
		expect(lines[2].labels).toMatchObject({
			msg: 'Dependency extraction complete',
			stats_managers_gitlabci_include_depCount: '1',
			stats_managers_npm_depCount: '15',
			stats_total_depCount: '17'
		});
		const pending = parsed(
			store,
			'{service="renovate"} | json | msg=~"Release .* pending status checks" | line_format "{{.depName}}"'
		);
		expect(pending.map((l) => l.record.line)).toEqual(['prettier', 'rimraf']);
	});

	it('maps ECS dotted and @ keys to label names', () => {
		const lines = parsed(store, '{service="python-app"} | json');
		expect(lines.map((l) => l.labels.log_level)).toEqual(['debug', 'warning', 'error', 'critical']);
		expect(lines[0].labels).toMatchObject({
			_timestamp: '2025-01-13T09:58:13.631Z',
			message: 'this is a debug message num=39',
			ecs_version: '1.6.0',
			log_origin_file_line: '42',
			log_origin_function: 'main',
			process_thread_id: '140631176265728'
		});
		// The stream level was derived from log.level, so filtering on it finds the same lines.
		expect(parsed(store, '{service="python-app", level=~"error|fatal"}')).toHaveLength(2);
	});

	it('skips arrays and reads Rust tracing fields', () => {
		const [r] = parsed(store, '{service="rust-app"} | json');
		expect(r.labels).toMatchObject({
			fields_message: 'shaving yaks',
			target: 'fmt_json::yak_shave',
			threadId: '1',
			level_extracted: 'INFO'
		});
		expect(Object.keys(r.labels).some((k) => k.startsWith('spans'))).toBe(false);
		const [span] = parsed(store, '{service="rust-app"} | json first_span="spans[0].name"');
		expect(span.labels.first_span).toBe('shaving_yaks');
	});
});

describe('| json on Caddy access logs behind a docker compose prefix', () => {
	const store = new LogStore();
	const raw = corpusLines('lnav__docker-compose-caddy-json.log').map((l) => l.replace(/^caddy\s+\|\s/, ''));
	for (const line of raw) {
		const obj = JSON.parse(line) as { ts: number; level: string };
		store.append({
			t: Math.round(obj.ts * 1000),
			service: 'caddy',
			pod: 'caddy-0',
			level: toLevel(obj.level),
			line,
			fields: {}
		});
	}

	it('strips the prefix and parses every line without error', () => {
		expect(store.size).toBe(23);
		const out = evaluateLogQuery(store, '{service="caddy"} | json | __error__!=""', everything);
		expect(out.totalMatched).toBe(0);
	});

	it('extracts the fields of an access log entry', () => {
		const [access] = parsed(store, '{service="caddy"} | json | logger="http.log.access"');
		expect(access.labels).toMatchObject({
			level_extracted: 'info',
			msg: 'handled request',
			request_method: 'GET',
			request_uri: '/',
			request_proto: 'HTTP/1.1',
			request_client_ip: '172.19.0.1',
			status: '304',
			duration: '0.001674508',
			size: '0'
		});
		// Header values are arrays, which Loki's json parser skips; an empty user_id is no label.
		expect(Object.keys(access.labels).some((k) => k.startsWith('request_headers'))).toBe(false);
		expect(access.labels).not.toHaveProperty('user_id');
		const [agent] = parsed(
			store,
			'{service="caddy"} | json ua=`request.headers["User-Agent"][0]`, code="status" | code != ""'
		);
		expect(agent.labels.ua).toMatch(/^Mozilla\/5\.0 .*Firefox\/142\.0$/);
	});

	it('keeps numbers exactly as written, even beyond float precision', () => {
		const [mem] = parsed(store, '{service="caddy"} |= "GOMEMLIMIT" | json');
		expect(mem.labels).toMatchObject({
			GOMEMLIMIT: '29511419904',
			previous: '9223372036854775807',
			ts: '1761019847.642282'
		});
	});

	it('counts lines per level like a human reading the file would', () => {
		const warnByHand = raw.filter((l) => (JSON.parse(l) as { level: string }).level === 'warn').length;
		const end = store.lastTime as number;
		const res = evaluateLogMetricRange(
			store,
			'sum by (level) (count_over_time({service="caddy"} | json | __error__="" [5m]))',
			end,
			end,
			1000
		);
		if (res.resultType !== 'matrix') throw new Error('expected a matrix');
		expect(res.result.find((s) => s.labels.level === 'warn')?.vs).toEqual([warnByHand]);
		expect(res.result.reduce((a, s) => a + s.vs[0], 0)).toBe(23);
		const shutdowns = parsed(
			store,
			'{service="caddy"} | json | signal="SIGTERM" | line_format "{{.msg}} (exit {{ .exit_code | default \\"?\\" }})"'
		);
		expect(shutdowns.map((l) => l.record.line)).toEqual([
			'exiting; byeee!! 👋 (exit ?)',
			'shutdown complete (exit 0)'
		]);
	});
});
