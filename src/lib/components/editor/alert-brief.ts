/**
 * The minimal context a runbook writer gets about an alert (the role profile's 30-minute runbook exercise: "an alert
 * name and minimal context"): the rule's name, severity, expression, `for` duration and annotations, and the
 * service and team it concerns. Built from a scenario's alerting rules. Pure.
 */
import type { Scenario } from '../../sim/scenario/schema';

export interface AlertBrief {
	/** Unique within the app: `<scenario id>/<alert name>`. */
	id: string;
	alert: string;
	severity: string | null;
	expr: string;
	/** The rule's `for:` duration as written, or null. */
	for: string | null;
	summary: string | null;
	description: string | null;
	service: string | null;
	serviceDescription: string | null;
	team: string | null;
	scenarioId: string;
	scenarioTitle: string;
}

/** The service an alert is about: its `service` label, else the first `service="…"` matcher in its expression. */
function serviceOf(labels: Record<string, string>, expr: string): string | null {
	return labels.service ?? /\bservice\s*=\s*"([^"]+)"/.exec(expr)?.[1] ?? null;
}

/** The alerting rules of a scenario as briefs, in file order. */
export function alertBriefs(scenario: Scenario): AlertBrief[] {
	const out: AlertBrief[] = [];
	for (const group of scenario.alerting.groups) {
		for (const rule of group.rules) {
			if (!('alert' in rule)) continue;
			const labels = rule.labels ?? {};
			const annotations = rule.annotations ?? {};
			const service = serviceOf(labels, rule.expr);
			const spec = scenario.topology.services.find((s) => s.id === service);
			const teamId = labels.team ?? spec?.team;
			const team = scenario.topology.teams.find((t) => t.id === teamId);
			out.push({
				id: `${scenario.metadata.id}/${rule.alert}`,
				alert: rule.alert,
				severity: labels.severity ?? null,
				expr: rule.expr.trim(),
				for: rule.for === undefined ? null : String(rule.for),
				summary: annotations.summary ?? null,
				description: annotations.description ?? null,
				service,
				serviceDescription: spec?.description ?? null,
				team: team?.name ?? teamId ?? null,
				scenarioId: scenario.metadata.id,
				scenarioTitle: scenario.metadata.title
			});
		}
	}
	return out;
}

/**
 * The alerts of many scenarios for the exercise picker, sorted by alert name; an alert defined identically (same
 * name and expression) in several scenarios is listed once.
 */
export function exerciseAlerts(scenarios: readonly Scenario[]): AlertBrief[] {
	const seen = new Set<string>();
	const out: AlertBrief[] = [];
	for (const s of scenarios) {
		for (const a of alertBriefs(s)) {
			const key = `${a.alert}\n${a.expr}`;
			if (seen.has(key)) continue;
			seen.add(key);
			out.push(a);
		}
	}
	return out.sort((a, b) => a.alert.localeCompare(b.alert) || a.id.localeCompare(b.id));
}
