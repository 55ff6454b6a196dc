/**
 * Checks that go beyond the schema: every reference points at something that exists, every PromQL expression parses,
 * the incident machine names only engine actions and guards with valid params, and its transitions target real states.
 */
import { parsePromQL } from '../../query/promql';
import { QueryError } from '../../query/types';
import { parseDuration } from '../duration';
import { SERVICE_VARS } from '../world';
import { ENGINE_ACTIONS, ENGINE_GUARDS, SYSTEM_MACHINE_EVENTS } from './engine-vocabulary';
import type { Scenario } from './schema';
import { TRAINEE_EVENT_TYPES } from '../types';

export interface SemanticProblem {
	path: PropertyKey[];
	message: string;
}

/** Returns every semantic problem of a schema-valid scenario (empty when it is sound). */
export function validateScenario(s: Scenario): SemanticProblem[] {
	const problems: SemanticProblem[] = [];
	const add = (path: PropertyKey[], message: string) => problems.push({ path, message });
	const teams = new Set(s.topology.teams.map((t) => t.id));
	const services = new Set(s.topology.services.map((x) => x.id));
	const gauges = new Set(s.topology.gauges.map((g) => g.id));
	const flags = new Set(s.flags.map((f) => f.id));
	const actions = new Map(s.actions.map((a) => [a.id, a]));
	const targets = new Set(s.escalation.map((e) => e.id));
	const runbooks = new Set(s.runbooks.map((r) => r.id));
	const states = new Set(Object.keys(s.incident.states));
	const suggest = (name: string, known: Iterable<string>) => {
		const list = [...known];
		const close = list.find((k) => k.startsWith(name.slice(0, 3)) || name.startsWith(k.slice(0, 3)));
		return `${close ? `; did you mean "${close}"?` : ''} (known: ${list.join(', ') || 'none'})`;
	};
	const isVariable = (path: string) => {
		const [base] = path.split('@');
		if (base.startsWith('var.')) return gauges.has(base.slice(4));
		const dot = base.lastIndexOf('.');
		return dot > 0 && services.has(base.slice(0, dot)) && SERVICE_VARS.includes(base.slice(dot + 1));
	};
	const dupes = (list: { id: string }[], path: PropertyKey[], what: string) => {
		const seen = new Set<string>();
		list.forEach((x, i) => {
			if (seen.has(x.id)) add([...path, i, 'id'], `duplicate ${what} id "${x.id}"`);
			seen.add(x.id);
		});
	};
	const checkPromQL = (expr: string, path: PropertyKey[]) => {
		try {
			parsePromQL(expr);
		} catch (e) {
			if (e instanceof QueryError) {
				const pos = e.position(expr);
				add(
					path,
					`PromQL ${e.kind === 'unsupported' ? 'not supported' : 'error'} at ${pos.line}:${pos.column}: ${e.message}`
				);
			} else add(path, `PromQL error: ${(e as Error).message}`);
		}
	};

	dupes(s.topology.teams, ['topology', 'teams'], 'team');
	dupes(s.topology.services, ['topology', 'services'], 'service');
	dupes(s.topology.gauges, ['topology', 'gauges'], 'gauge');
	dupes(s.flags, ['flags'], 'flag');
	dupes(s.actions, ['actions'], 'action');
	dupes(s.escalation, ['escalation'], 'escalation target');
	dupes(s.runbooks, ['runbooks'], 'runbook');
	dupes(s.dashboards, ['dashboards'], 'dashboard');

	s.topology.services.forEach((svc, i) => {
		if (!teams.has(svc.team))
			add(['topology', 'services', i, 'team'], `unknown team "${svc.team}"${suggest(svc.team, teams)}`);
		svc.dependsOn.forEach((d, j) => {
			if (!services.has(d)) add(['topology', 'services', i, 'dependsOn', j], `unknown service "${d}"`);
		});
		if (svc.runbook && !runbooks.has(svc.runbook))
			add(
				['topology', 'services', i, 'runbook'],
				`unknown runbook "${svc.runbook}"${suggest(svc.runbook, runbooks)}`
			);
	});
	s.briefing.oncallFor.forEach((id, i) => {
		if (!services.has(id))
			add(['briefing', 'oncallFor', i], `unknown service "${id}"${suggest(id, services)}`);
	});
	if (!teams.has(s.briefing.yourTeam)) add(['briefing', 'yourTeam'], `unknown team "${s.briefing.yourTeam}"`);
	s.deploys.forEach((d, i) => {
		if (!services.has(d.service))
			add(['deploys', i, 'service'], `unknown service "${d.service}"${suggest(d.service, services)}`);
	});
	s.flags.forEach((f, i) => {
		if (!services.has(f.service)) add(['flags', i, 'service'], `unknown service "${f.service}"`);
	});
	s.escalation.forEach((e, i) => {
		if (e.team && !teams.has(e.team))
			add(['escalation', i, 'team'], `unknown team "${e.team}"${suggest(e.team, teams)}`);
	});
	s.logs.forEach((l, i) => {
		if (!services.has(l.service))
			add(['logs', i, 'service'], `unknown service "${l.service}"${suggest(l.service, services)}`);
		if (l.scaleBy && !isVariable(l.scaleBy))
			add(
				['logs', i, 'scaleBy'],
				`unknown world variable "${l.scaleBy}" (use <service>.<${SERVICE_VARS.join('|')}> or var.<gauge id>)`
			);
	});
	s.alerting.groups.forEach((g, gi) =>
		g.rules.forEach((r, ri) => checkPromQL(r.expr, ['alerting', 'groups', gi, 'rules', ri, 'expr']))
	);
	s.dashboards.forEach((d, di) =>
		d.panels.forEach((p, pi) =>
			p.queries.forEach((q, qi) =>
				checkPromQL(q.expr, ['dashboards', di, 'panels', pi, 'queries', qi, 'expr'])
			)
		)
	);
	if (s.incident.resolveWhen) checkPromQL(s.incident.resolveWhen.expr, ['incident', 'resolveWhen', 'expr']);
	s.actions.forEach((a, i) =>
		a.params.forEach((p, j) => {
			if (p.type === 'select' && (!p.options || p.options.length === 0))
				add(['actions', i, 'params', j, 'options'], 'a select parameter needs options');
		})
	);

	// The incident machine.
	if (!states.has(s.incident.initial))
		add(
			['incident', 'initial'],
			`unknown state "${s.incident.initial}"${suggest(s.incident.initial, states)}`
		);
	const eventTypes = new Set<string>([...TRAINEE_EVENT_TYPES, ...SYSTEM_MACHINE_EVENTS]);
	const checkRef = (
		ref: string | { type: string; params?: Record<string, unknown> },
		path: PropertyKey[],
		kind: 'action' | 'guard'
	) => {
		const type = typeof ref === 'string' ? ref : ref.type;
		const params = typeof ref === 'string' ? undefined : ref.params;
		const vocabulary: Record<
			string,
			{
				safeParse: (v: unknown) => {
					success: boolean;
					error?: { issues: { path: PropertyKey[]; message: string }[] };
				};
			}
		> = kind === 'action' ? ENGINE_ACTIONS : ENGINE_GUARDS;
		const schema = vocabulary[type];
		if (!schema) {
			add(
				[...path, ...(typeof ref === 'string' ? [] : ['type'])],
				`unknown ${kind} "${type}"${suggest(type, Object.keys(vocabulary))}`
			);
			return;
		}
		const r = schema.safeParse(params ?? {});
		if (!r.success) {
			for (const issue of r.error!.issues) add([...path, 'params', ...issue.path], issue.message);
			return;
		}
		const p = (params ?? {}) as Record<string, unknown>;
		if (kind === 'guard' && (type === 'all' || type === 'any'))
			(p.guards as (string | { type: string; params?: Record<string, unknown> })[]).forEach((g, i) =>
				checkRef(g, [...path, 'params', 'guards', i], 'guard')
			);
		if (kind === 'guard' && type === 'not')
			checkRef(p.guard as string | { type: string }, [...path, 'params', 'guard'], 'guard');
		if (
			typeof p.target === 'string' &&
			(type.startsWith('world.') || type.startsWith('var.')) &&
			!isVariable(p.target)
		)
			add([...path, 'params', 'target'], `unknown world variable "${p.target}"`);
		if (typeof p.service === 'string' && !services.has(p.service))
			add([...path, 'params', 'service'], `unknown service "${p.service}"${suggest(p.service, services)}`);
		if (typeof p.flag === 'string' && !flags.has(p.flag))
			add([...path, 'params', 'flag'], `unknown flag "${p.flag}"`);
		if (type === 'action.is' && typeof p.action === 'string' && !actions.has(p.action))
			add([...path, 'params', 'action'], `unknown action "${p.action}"${suggest(p.action, actions.keys())}`);
		if (type === 'escalation.to' && typeof p.target === 'string' && !targets.has(p.target))
			add(
				[...path, 'params', 'target'],
				`unknown escalation target "${p.target}"${suggest(p.target, targets)}`
			);
	};
	type Transition =
		| string
		| {
				target?: string;
				guard?: string | { type: string; params?: Record<string, unknown> };
				actions?: (string | { type: string; params?: Record<string, unknown> })[];
		  };
	const checkTransitions = (value: Transition | Transition[], path: PropertyKey[]) => {
		const list = Array.isArray(value) ? value : [value];
		list.forEach((t, i) => {
			const p = Array.isArray(value) ? [...path, i] : path;
			if (typeof t === 'string') {
				if (!states.has(t)) add(p, `unknown state "${t}"${suggest(t, states)}`);
				return;
			}
			if (t.target !== undefined && !states.has(t.target))
				add([...p, 'target'], `unknown state "${t.target}"${suggest(t.target, states)}`);
			if (t.guard !== undefined) checkRef(t.guard, [...p, 'guard'], 'guard');
			t.actions?.forEach((a, j) => checkRef(a, [...p, 'actions', j], 'action'));
		});
	};
	s.incident.background.forEach((b, i) =>
		checkRef({ type: 'world.effect', params: b }, ['incident', 'background', i], 'action')
	);
	for (const [name, st] of Object.entries(s.incident.states)) {
		const base: PropertyKey[] = ['incident', 'states', name];
		st.entry?.forEach((a, i) => checkRef(a, [...base, 'entry', i], 'action'));
		st.exit?.forEach((a, i) => checkRef(a, [...base, 'exit', i], 'action'));
		for (const [event, tr] of Object.entries(st.on ?? {})) {
			const known =
				eventTypes.has(event) ||
				[...eventTypes].some((e) => event.endsWith('.*') && e.startsWith(event.slice(0, -1)));
			if (!known)
				add([...base, 'on', event], `unknown event "${event}" (known: ${[...eventTypes].join(', ')})`);
			checkTransitions(tr as Transition | Transition[], [...base, 'on', event]);
		}
		for (const [delay, tr] of Object.entries(st.after ?? {})) {
			if (parseDuration(delay) === null)
				add([...base, 'after', delay], `"${delay}" is not a duration (use e.g. 5m)`);
			checkTransitions(tr as Transition | Transition[], [...base, 'after', delay]);
		}
	}
	const finals = Object.values(s.incident.states).filter((st) => st.type === 'final');
	if (finals.length === 0)
		add(
			['incident', 'states'],
			'the incident needs at least one state with `type: final` (the resolved end)'
		);

	// The answer key.
	if (!targets.has(s.answerKey.owner))
		add(
			['answerKey', 'owner'],
			`unknown escalation target "${s.answerKey.owner}"${suggest(s.answerKey.owner, targets)}`
		);
	const checkMatcher = (m: { action?: string; target?: string }, path: PropertyKey[]) => {
		if (m.action && !actions.has(m.action))
			add([...path, 'action'], `unknown action "${m.action}"${suggest(m.action, actions.keys())}`);
		if (m.target && !targets.has(m.target))
			add([...path, 'target'], `unknown escalation target "${m.target}"`);
	};
	s.answerKey.keyEvidence.forEach((k, i) =>
		k.match.forEach((m, j) => checkMatcher(m, ['answerKey', 'keyEvidence', i, 'match', j]))
	);
	s.answerKey.redHerrings.forEach((k, i) =>
		k.match.forEach((m, j) => checkMatcher(m, ['answerKey', 'redHerrings', i, 'match', j]))
	);
	s.answerKey.correctMitigation.forEach((k, i) =>
		checkMatcher(k.match, ['answerKey', 'correctMitigation', i, 'match'])
	);
	s.answerKey.harmfulActions.forEach((k, i) =>
		checkMatcher(k.match, ['answerKey', 'harmfulActions', i, 'match'])
	);
	if (s.statusPage) {
		const listed = new Set(s.statusPage.components);
		s.answerKey.affectedComponents.forEach((c, i) => {
			if (!listed.has(c))
				add(['answerKey', 'affectedComponents', i], `"${c}" is not a component of statusPage.components`);
		});
	}
	const alertNames = new Set(
		s.alerting.groups.flatMap((g) => g.rules.flatMap((r) => ('alert' in r ? [r.alert] : [])))
	);
	s.answerKey.noiseAlerts.forEach((n, i) => {
		if (!alertNames.has(n))
			add(['answerKey', 'noiseAlerts', i], `unknown alert "${n}"${suggest(n, alertNames)}`);
	});
	return problems;
}
