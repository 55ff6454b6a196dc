/**
 * Turns the world into Prometheus series, one scrape at a time. Each scrape at sim time T covers (T - interval, T]:
 * counters grow by the requests of that interval, gauges take the value at T.
 *
 * Series written (labels in braces; `namespace="prod"` on pod-level series):
 * - http_requests_total{job,service,route,method,code}                       counter
 * - http_request_duration_seconds_bucket{job,service,route,le} / _sum / _count   classic histogram
 * - container_cpu_usage_seconds_total{namespace,pod,container}                counter, cores × seconds
 * - container_memory_working_set_bytes{namespace,pod,container}              gauge
 * - container_spec_memory_limit_bytes / kube_pod_container_resource_limits{resource="cpu"}
 * - kube_pod_container_status_restarts_total{namespace,pod,container}        counter
 * - kube_deployment_spec_replicas{namespace,deployment} and _status_replicas_available
 * - up{job,instance,service}                                                  gauge (1 per ready pod)
 * - every scenario gauge under its own metric name and labels
 */
import type { Rng } from './rng';
import type { GaugeSpec, Scenario } from './scenario/schema';
import type { SeriesStore } from './tsdb';
import type { Labels, SimMs } from './types';
import type { World } from './world';

/** Histogram bucket upper bounds in seconds (the Prometheus client defaults plus 0.025 and 20). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

const NAMESPACE = 'prod';
const MIB = 1024 * 1024;

/** Share of requests answered 4xx in normal operation (clients asking for things that do not exist). */
const CLIENT_ERROR_RATIO = 0.004;

interface RouteCounters {
	path: string;
	method: string;
	share: number;
	okRef: number;
	clientRef: number;
	clientCode: string;
	errorRefs: Map<number, number>;
	bucketRefs: number[];
	sumRef: number;
	countRef: number;
	buckets: Float64Array;
	sum: number;
	count: number;
	ok: number;
	client: number;
	errors: Map<number, number>;
}

interface ServiceSeries {
	id: string;
	routes: RouteCounters[];
	podRefs: Map<
		string,
		{ cpu: number; mem: number; memLimit: number; cpuLimit: number; restarts: number; up: number }
	>;
	cpuTotals: Map<string, number>;
	specReplicasRef: number;
	availableRef: number;
}

interface GaugeSeries {
	spec: GaugeSpec;
	ref: number;
	total: number;
}

/** Daily traffic curve: 1 at the 15:00 UTC peak, `1 - swing` at the 03:00 trough. */
export function seasonalFactor(epochMs: number, swing: number): number {
	const hours = (epochMs / 3_600_000) % 24;
	const phase = ((hours - 15) / 24) * 2 * Math.PI;
	return 1 - swing * (1 - (1 + Math.cos(phase)) / 2);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
	const z = Math.abs(x) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * z);
	const y =
		1 -
		((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
			t *
			Math.exp(-z * z);
	return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

export class MetricsGenerator {
	private readonly services: ServiceSeries[] = [];
	private readonly gauges: GaugeSeries[] = [];
	private readonly noise: Rng;

	constructor(
		private readonly scenario: Scenario,
		private readonly world: World,
		private readonly store: SeriesStore,
		rng: Rng,
		private readonly startEpochMs: number
	) {
		this.noise = rng.fork('metrics');
		for (const s of scenario.topology.services) {
			const routes: RouteCounters[] = [];
			const totalShare = s.traffic ? s.traffic.routes.reduce((a, r) => a + r.share, 0) : 1;
			for (const r of s.traffic?.routes ?? []) {
				const base = { job: s.id, service: s.id, route: r.path };
				const clientCode = r.method === 'GET' ? '404' : '400';
				routes.push({
					path: r.path,
					method: r.method,
					share: r.share / totalShare,
					okRef: store.ref({ __name__: 'http_requests_total', ...base, method: r.method, code: '200' }),
					clientRef: store.ref({
						__name__: 'http_requests_total',
						...base,
						method: r.method,
						code: clientCode
					}),
					clientCode,
					errorRefs: new Map(),
					bucketRefs: [...LATENCY_BUCKETS.map(String), '+Inf'].map((le) =>
						store.ref({ __name__: 'http_request_duration_seconds_bucket', ...base, le })
					),
					sumRef: store.ref({ __name__: 'http_request_duration_seconds_sum', ...base }),
					countRef: store.ref({ __name__: 'http_request_duration_seconds_count', ...base }),
					buckets: new Float64Array(LATENCY_BUCKETS.length + 1),
					sum: 0,
					count: 0,
					ok: 0,
					client: 0,
					errors: new Map()
				});
			}
			this.services.push({
				id: s.id,
				routes,
				podRefs: new Map(),
				cpuTotals: new Map(),
				specReplicasRef: store.ref({
					__name__: 'kube_deployment_spec_replicas',
					namespace: NAMESPACE,
					deployment: s.id
				}),
				availableRef: store.ref({
					__name__: 'kube_deployment_status_replicas_available',
					namespace: NAMESPACE,
					deployment: s.id
				})
			});
		}
		for (const g of scenario.topology.gauges) {
			this.gauges.push({ spec: g, ref: store.ref({ __name__: g.metric, ...g.labels }), total: 0 });
		}
	}

	/** Writes one scrape at sim time `t` covering the `intervalMs` before it. */
	scrape(t: SimMs, intervalMs: number): void {
		const epoch = this.startEpochMs + t;
		const seconds = intervalMs / 1000;
		for (const svc of this.services) this.scrapeService(svc, t, epoch, seconds);
		for (const g of this.gauges) this.scrapeGauge(g, t, epoch, seconds);
	}

	private scrapeService(svc: ServiceSeries, t: SimMs, epoch: number, seconds: number): void {
		const spec = this.world.serviceSpec(svc.id)!;
		const traffic = spec.traffic;
		const w = this.world;
		const replicas = w.replicasOf(svc.id);
		const unready = Math.max(0, Math.min(replicas, Math.round(w.value(`${svc.id}.unready`, t))));
		const pods = w.podsOf(svc.id);
		let load = 0;
		if (traffic) {
			const rps =
				traffic.rps *
				seasonalFactor(epoch, traffic.seasonality) *
				Math.max(0, w.value(`${svc.id}.traffic`, t)) *
				(1 + 0.03 * this.noise.normal());
			load = Math.max(0, rps);
			const requests = load * seconds;
			for (const r of svc.routes) {
				const n = requests * r.share;
				const errorRatio = clamp01(w.value(`${svc.id}.errorRatio@${r.path}`, t));
				const code = Math.round(w.value(`${svc.id}.errorCode`, t));
				const errors = n * errorRatio;
				const client = (n - errors) * CLIENT_ERROR_RATIO;
				r.ok += n - errors - client;
				r.client += client;
				if (errors > 0) r.errors.set(code, (r.errors.get(code) ?? 0) + errors);
				const median =
					Math.max(0.1, w.value(`${svc.id}.latencyMs@${r.path}`, t)) * (1 + 0.04 * this.noise.normal());
				const sigma = traffic.latencySpread;
				const mu = Math.log(median / 1000);
				for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
					r.buckets[i] += n * normalCdf((Math.log(LATENCY_BUCKETS[i]) - mu) / sigma);
				}
				r.buckets[LATENCY_BUCKETS.length] += n;
				r.sum += n * Math.exp(mu + (sigma * sigma) / 2);
				r.count += n;
				this.store.append(r.okRef, epoch, r.ok);
				this.store.append(r.clientRef, epoch, r.client);
				for (const [c, total] of r.errors) {
					let ref = r.errorRefs.get(c);
					if (ref === undefined) {
						ref = this.store.ref({
							__name__: 'http_requests_total',
							job: svc.id,
							service: svc.id,
							route: r.path,
							method: r.method,
							code: String(c)
						});
						r.errorRefs.set(c, ref);
					}
					this.store.append(ref, epoch, total);
				}
				for (let i = 0; i < r.bucketRefs.length; i++) this.store.append(r.bucketRefs[i], epoch, r.buckets[i]);
				this.store.append(r.sumRef, epoch, r.sum);
				this.store.append(r.countRef, epoch, r.count);
			}
		}

		// Pod-level series. Pods that disappeared get a staleness marker.
		const present = new Set(pods);
		for (const [pod, refs] of svc.podRefs) {
			if (!present.has(pod)) {
				for (const ref of Object.values(refs)) this.store.appendStale(ref, epoch);
				svc.podRefs.delete(pod);
				svc.cpuTotals.delete(pod);
			}
		}
		const restarts = w.podRestarts(svc.id);
		const peakRps = traffic ? traffic.rps : 0;
		const perPodLoad = traffic && pods.length > 0 ? load / Math.max(1, pods.length - unready) : 0;
		const basePerPod = traffic && spec.replicas > 0 ? peakRps / spec.replicas : 1;
		const cpuPerPod = w.value(`${svc.id}.cpu`, t) * (traffic ? perPodLoad / basePerPod : 1);
		const memPerPod = w.value(`${svc.id}.memoryMiB`, t);
		for (let i = 0; i < pods.length; i++) {
			const pod = pods[i];
			let refs = svc.podRefs.get(pod);
			if (!refs) {
				const podLabels: Labels = { namespace: NAMESPACE, pod, container: svc.id };
				refs = {
					cpu: this.store.ref({ __name__: 'container_cpu_usage_seconds_total', ...podLabels }),
					mem: this.store.ref({ __name__: 'container_memory_working_set_bytes', ...podLabels }),
					memLimit: this.store.ref({ __name__: 'container_spec_memory_limit_bytes', ...podLabels }),
					cpuLimit: this.store.ref({
						__name__: 'kube_pod_container_resource_limits',
						...podLabels,
						resource: 'cpu',
						unit: 'core'
					}),
					restarts: this.store.ref({ __name__: 'kube_pod_container_status_restarts_total', ...podLabels }),
					up: this.store.ref({ __name__: 'up', job: svc.id, service: svc.id, instance: `${pod}:8080`, pod })
				};
				svc.podRefs.set(pod, refs);
				svc.cpuTotals.set(pod, 0);
			}
			const ready = i < pods.length - unready;
			const cpu = Math.max(0.001, (ready ? cpuPerPod : 0.01) * (1 + 0.05 * this.noise.normal()));
			const cpuTotal = svc.cpuTotals.get(pod)! + Math.min(cpu, spec.resources.cpuLimitCores) * seconds;
			svc.cpuTotals.set(pod, cpuTotal);
			this.store.append(refs.cpu, epoch, cpuTotal);
			const mem = Math.max(1, memPerPod * (1 + 0.01 * this.noise.normal())) * MIB;
			this.store.append(refs.mem, epoch, Math.round(Math.min(mem, spec.resources.memoryLimitMiB * MIB)));
			this.store.append(refs.memLimit, epoch, spec.resources.memoryLimitMiB * MIB);
			this.store.append(refs.cpuLimit, epoch, spec.resources.cpuLimitCores);
			this.store.append(refs.restarts, epoch, restarts[i] ?? 0);
			this.store.append(refs.up, epoch, ready ? 1 : 0);
		}
		this.store.append(svc.specReplicasRef, epoch, replicas);
		this.store.append(svc.availableRef, epoch, replicas - unready);
	}

	private scrapeGauge(g: GaugeSeries, t: SimMs, epoch: number, seconds: number): void {
		const s = g.spec;
		let v = this.world.value(`var.${s.id}`, t);
		if (s.seasonality > 0) v *= seasonalFactor(epoch, s.seasonality);
		if (s.noise > 0) v *= 1 + s.noise * this.noise.normal();
		if (s.min !== undefined) v = Math.max(s.min, v);
		if (s.max !== undefined) v = Math.min(s.max, v);
		if (s.type === 'counter') {
			g.total += Math.max(0, v) * seconds;
			v = g.total;
		}
		if (s.timestamp) v += this.startEpochMs / 1000;
		if (s.integer) v = Math.round(v);
		this.store.append(g.ref, epoch, v);
	}
}

function clamp01(v: number): number {
	return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
