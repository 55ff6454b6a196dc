/**
 * Log lines from the world. Two sources, both written per scrape interval with times spread inside the interval:
 * - access logs: a sample (`traffic.accessLogSample`) of each service's requests, with status and latency drawn
 *   from the same world variables that drive the metrics, so `|= "502"` finds what the error-rate panel shows;
 * - scenario templates: background chatter and incident lines whose rate is `perMinute × scaleBy / scaleDivisor`.
 * Lines are rendered as logfmt or JSON according to the service's `logFormat`.
 */
import type { LogStore } from './log-store';
import type { Rng } from './rng';
import type { LogTemplateSpec, Scenario, ServiceSpec } from './scenario/schema';
import type { LogRecord, SimMs } from './types';
import type { World } from './world';
import { seasonalFactor } from './metrics-generator';

const MAX_LINES_PER_TEMPLATE_TICK = 400;

export class LogsGenerator {
	private readonly rng: Rng;

	constructor(
		private readonly scenario: Scenario,
		private readonly world: World,
		private readonly store: LogStore,
		rng: Rng,
		private readonly startEpochMs: number
	) {
		this.rng = rng.fork('logs');
	}

	/**
	 * Writes the log lines of the interval (t - intervalMs, t], merged with `extra` records produced by the incident
	 * in that interval (clamped into it so the store stays in time order).
	 */
	generate(t: SimMs, intervalMs: number, extra: readonly LogRecord[] = []): void {
		const end = this.startEpochMs + t;
		const batch: LogRecord[] = extra.map((r) => (r.t > end ? { ...r, t: end } : r));
		const from = end - intervalMs;
		for (const s of this.scenario.topology.services) this.accessLogs(s, t, from, intervalMs, batch);
		for (const tpl of this.scenario.logs) this.templateLines(tpl, t, from, intervalMs, batch);
		batch.sort((a, b) => a.t - b.t);
		for (const r of batch) this.store.append(r);
	}

	private accessLogs(s: ServiceSpec, t: SimMs, from: number, intervalMs: number, out: LogRecord[]): void {
		const traffic = s.traffic;
		if (!traffic || traffic.accessLogSample <= 0) return;
		const pods = this.world.podsOf(s.id);
		if (pods.length === 0) return;
		const rps =
			traffic.rps *
			seasonalFactor(from + intervalMs, traffic.seasonality) *
			Math.max(0, this.world.value(`${s.id}.traffic`, t));
		const count = this.rng.poisson((rps * intervalMs * traffic.accessLogSample) / 1000);
		const totalShare = traffic.routes.reduce((a, r) => a + r.share, 0);
		const code = Math.round(this.world.value(`${s.id}.errorCode`, t));
		for (let i = 0; i < count; i++) {
			let pickShare = this.rng.next() * totalShare;
			let route = traffic.routes[0];
			for (const r of traffic.routes) {
				pickShare -= r.share;
				if (pickShare <= 0) {
					route = r;
					break;
				}
			}
			const errorRatio = this.world.value(`${s.id}.errorRatio@${route.path}`, t);
			const failed = this.rng.next() < errorRatio;
			const median = this.world.value(`${s.id}.latencyMs@${route.path}`, t);
			const latency = Math.max(1, Math.round(median * Math.exp(traffic.latencySpread * this.rng.normal())));
			const status = failed ? code : this.rng.next() < 0.004 ? (route.method === 'GET' ? 404 : 400) : 200;
			const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
			const fields: Record<string, string> = {
				msg: status >= 500 ? 'request failed' : 'request completed',
				method: route.method,
				route: route.path,
				status: String(status),
				latency_ms: String(latency),
				trace_id: this.traceId()
			};
			out.push(this.record(s, this.rng.pick(pods), level, from + this.rng.next() * intervalMs, fields));
		}
	}

	private templateLines(
		tpl: LogTemplateSpec,
		t: SimMs,
		from: number,
		intervalMs: number,
		out: LogRecord[]
	): void {
		const s = this.world.serviceSpec(tpl.service);
		if (!s) return;
		const pods = this.world.podsOf(s.id);
		let rate = tpl.perMinute;
		if (tpl.scaleBy) {
			const v = this.world.value(tpl.scaleBy, t);
			rate *= Number.isFinite(v) ? Math.max(0, v) / tpl.scaleDivisor : 0;
		}
		const count = Math.min(MAX_LINES_PER_TEMPLATE_TICK, this.rng.poisson((rate * intervalMs) / 60_000));
		for (let i = 0; i < count; i++) {
			const pod = pods.length > 0 ? this.rng.pick(pods) : `${s.id}-0`;
			const values: Record<string, string> = { pod, service: s.id, trace_id: this.traceId() };
			for (const [k, options] of Object.entries(tpl.pick)) values[k] = this.rng.pick(options);
			const fields: Record<string, string> = {};
			for (const [k, v] of Object.entries(tpl.fields)) fields[k] = fill(String(v), values);
			Object.assign(values, fields);
			const msg = fill(tpl.message, values);
			out.push(this.record(s, pod, tpl.level, from + this.rng.next() * intervalMs, { msg, ...fields }));
		}
	}

	/** Renders one record for a service in its log format (used for incident-driven lines). */
	render(
		service: string,
		pod: string,
		level: LogRecord['level'],
		epochMs: number,
		fields: Record<string, string>
	): LogRecord {
		const s = this.world.serviceSpec(service);
		if (!s) throw new Error(`unknown service "${service}"`);
		return this.record(s, pod, level, epochMs, fields);
	}

	private record(
		s: ServiceSpec,
		pod: string,
		level: LogRecord['level'],
		epochMs: number,
		fields: Record<string, string>
	): LogRecord {
		const t = Math.floor(epochMs);
		const ts = isoTime(t);
		let line: string;
		if (s.logFormat === 'json') {
			line = JSON.stringify({ ts, level, ...fields });
		} else {
			line = `ts=${ts} level=${level}`;
			for (const k in fields) line += ` ${k}=${logfmtValue(fields[k])}`;
		}
		return { t, service: s.id, pod, level, line, fields };
	}

	/** A 16-hex-digit trace id from two 32-bit draws. */
	private traceId(): string {
		const a = Math.floor(this.rng.next() * 4294967296);
		const b = Math.floor(this.rng.next() * 4294967296);
		return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
	}
}

/** Replaces `{{name}}` placeholders with values; unknown names are left as they are. */
export function fill(template: string, values: Record<string, string>): string {
	return template.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (m, name: string) => values[name] ?? m);
}

/** Renders fields as one logfmt line, quoting values that need it. */
export function toLogfmt(fields: Record<string, string>): string {
	return Object.entries(fields)
		.map(([k, v]) => `${k}=${logfmtValue(v)}`)
		.join(' ');
}

const NEEDS_QUOTES = /[\s"=]/;

function logfmtValue(v: string): string {
	return v === '' || NEEDS_QUOTES.test(v) ? JSON.stringify(v) : v;
}

let cachedDay = NaN;
let cachedDayPrefix = '';

/** `Date#toISOString` for Unix ms, with the date part cached per day (the generator's hot path). */
export function isoTime(t: number): string {
	const day = Math.floor(t / 86_400_000);
	if (day !== cachedDay) {
		cachedDay = day;
		cachedDayPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
	}
	let ms = t - day * 86_400_000;
	const h = Math.floor(ms / 3_600_000);
	ms -= h * 3_600_000;
	const m = Math.floor(ms / 60_000);
	ms -= m * 60_000;
	const sec = Math.floor(ms / 1000);
	ms -= sec * 1000;
	return `${cachedDayPrefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${sec < 10 ? '0' : ''}${sec}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}
