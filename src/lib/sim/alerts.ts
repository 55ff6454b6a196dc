/**
 * Alerting rules with Prometheus semantics. Each evaluation runs every alerting rule's expression as an instant
 * query; every result series is an alert instance:
 *   inactive → pending (expression true) → firing (true for `for`) → resolved (false, after `keep_firing_for`).
 * An instance whose expression is true again after resolving starts over as pending, as in Prometheus.
 * Recording rules are evaluated first in their group and written back to the store, so alerts can read them.
 */
import { evaluateInstant, parsePromQL, type PromExpr } from '../query/promql';
import { durationMs } from './duration';
import type { RuleGroupSpec } from './scenario/schema';
import type { SeriesStore } from './tsdb';
import type { AlertInstance, Labels, SimMs } from './types';
import { expandTemplate } from './alert-template';

export interface AlertTransition {
	alert: AlertInstance;
	from: AlertInstance['state'];
	to: AlertInstance['state'];
}

interface CompiledRule {
	group: string;
	kind: 'alert' | 'record';
	name: string;
	expr: PromExpr;
	forMs: number;
	keepFiringForMs: number;
	labels: Record<string, string>;
	annotations: Record<string, string>;
}

interface Tracked extends AlertInstance {
	/** Last evaluation the expression returned this series. */
	lastSeenAt: SimMs;
}

/** Stable instance id: alert name plus the sorted label set. */
export function alertId(alertname: string, labels: Labels): string {
	const body = Object.keys(labels)
		.filter((k) => k !== 'alertname')
		.sort()
		.map((k) => `${k}=${JSON.stringify(labels[k])}`)
		.join(',');
	return `${alertname}{${body}}`;
}

export class RuleEvaluator {
	private readonly rules: CompiledRule[] = [];
	private readonly instances = new Map<string, Tracked>();
	private readonly recordRefs = new Map<string, number>();

	/** @throws QueryError when a rule's expression does not parse. */
	constructor(
		groups: RuleGroupSpec[],
		private readonly store: SeriesStore,
		private readonly startEpochMs: number
	) {
		for (const g of groups) {
			for (const r of g.rules) {
				if ('alert' in r) {
					this.rules.push({
						group: g.name,
						kind: 'alert',
						name: r.alert,
						expr: parsePromQL(r.expr),
						forMs: r.for === undefined ? 0 : durationMs(r.for),
						keepFiringForMs: r.keep_firing_for === undefined ? 0 : durationMs(r.keep_firing_for),
						labels: r.labels ?? {},
						annotations: r.annotations ?? {}
					});
				} else {
					this.rules.push({
						group: g.name,
						kind: 'record',
						name: r.record,
						expr: parsePromQL(r.expr),
						forMs: 0,
						keepFiringForMs: 0,
						labels: r.labels ?? {},
						annotations: {}
					});
				}
			}
		}
	}

	/** Evaluates every rule at sim time `t` and returns the state changes, in rule order. */
	evaluate(t: SimMs): AlertTransition[] {
		const epoch = this.startEpochMs + t;
		const changes: AlertTransition[] = [];
		for (const rule of this.rules) {
			let samples: { labels: Labels; value: number }[];
			try {
				const res = evaluateInstant(this.store, rule.expr, epoch);
				samples =
					res.resultType === 'vector'
						? res.result
						: res.resultType === 'scalar'
							? [{ labels: {}, value: res.value }]
							: [];
			} catch {
				// Prometheus logs a failed evaluation and keeps the alert's previous state; so do we.
				continue;
			}
			if (rule.kind === 'record') {
				for (const s of samples) {
					const labels: Labels = { ...s.labels, ...rule.labels, __name__: rule.name };
					const key = JSON.stringify(Object.entries(labels).sort());
					let ref = this.recordRefs.get(key);
					if (ref === undefined) {
						ref = this.store.ref(labels);
						this.recordRefs.set(key, ref);
					}
					this.store.append(ref, epoch, s.value);
				}
				continue;
			}
			const seen = new Set<string>();
			for (const s of samples) {
				const labels: Labels = { ...s.labels };
				delete labels.__name__;
				for (const [k, v] of Object.entries(rule.labels)) labels[k] = expandTemplate(v, labels, s.value);
				labels.alertname = rule.name;
				const id = alertId(rule.name, labels);
				seen.add(id);
				let a = this.instances.get(id);
				const annotations: Record<string, string> = {};
				for (const [k, v] of Object.entries(rule.annotations))
					annotations[k] = expandTemplate(v, labels, s.value);
				if (!a || a.state === 'resolved' || a.state === 'inactive') {
					const from = a?.state ?? 'inactive';
					a = {
						id,
						alertname: rule.name,
						group: rule.group,
						state: 'pending',
						labels,
						annotations,
						activeSince: t,
						firingSince: null,
						resolvedAt: null,
						value: s.value,
						lastSeenAt: t
					};
					this.instances.set(id, a);
					changes.push({ alert: snapshot(a), from, to: 'pending' });
				} else {
					a.value = s.value;
					a.annotations = annotations;
					a.lastSeenAt = t;
				}
				if (a.state === 'pending' && t - (a.activeSince ?? t) >= rule.forMs) {
					a.state = 'firing';
					a.firingSince = t;
					changes.push({ alert: snapshot(a), from: 'pending', to: 'firing' });
				}
			}
			for (const a of this.instances.values()) {
				if (a.alertname !== rule.name || a.group !== rule.group || seen.has(a.id)) continue;
				if (a.state === 'pending') {
					a.state = 'inactive';
					a.activeSince = null;
					changes.push({ alert: snapshot(a), from: 'pending', to: 'inactive' });
				} else if (a.state === 'firing' && t - a.lastSeenAt >= rule.keepFiringForMs) {
					a.state = 'resolved';
					a.resolvedAt = t;
					changes.push({ alert: snapshot(a), from: 'firing', to: 'resolved' });
				}
			}
		}
		return changes;
	}

	/** Every known alert instance (inactive ones that never fired are dropped). */
	alerts(): AlertInstance[] {
		return [...this.instances.values()].filter((a) => a.state !== 'inactive').map(snapshot);
	}

	/** Alert names with the rule's static labels, for the console's rule list. */
	ruleNames(): { name: string; group: string; severity: string | undefined }[] {
		return this.rules
			.filter((r) => r.kind === 'alert')
			.map((r) => ({ name: r.name, group: r.group, severity: r.labels.severity }));
	}
}

function snapshot(a: Tracked): AlertInstance {
	return {
		id: a.id,
		alertname: a.alertname,
		group: a.group,
		state: a.state,
		labels: { ...a.labels },
		annotations: { ...a.annotations },
		activeSince: a.activeSince,
		firingSince: a.firingSince,
		resolvedAt: a.resolvedAt,
		value: a.value
	};
}
