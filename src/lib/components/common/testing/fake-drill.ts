/**
 * A small, deterministic stand-in for the simulation runner, for session and component tests. It implements the
 * `Drill` contract closely enough for the console: an alert fires and pages at `pageAt`, acks and silences apply,
 * escalation targets reply after their delay, declaring resolved or reaching the time limit ends the drill.
 * It produces no telemetry: `metrics` and `logs` are empty stores (queries over them run and return nothing).
 */
import type { DeployRecord, Drill, DrillEnd, FlagState, ServiceState } from '../../../sim/drill-api';
import { durationMs } from '../../../sim/duration';
import { LogStore } from '../../../sim/log-store';
import { SeriesStore } from '../../../sim/tsdb';
import type { Scenario } from '../../../sim/scenario/schema';
import type {
	AlertInstance,
	DrillEvent,
	DrillEventBody,
	Page,
	Silence,
	SimMs,
	TimedTraineeEvent,
	TraineeEvent
} from '../../../sim/types';

export interface FakeDrillOptions {
	seed?: number;
	/** Sim time the first alert fires and pages. Default 60 s. */
	pageAt?: SimMs;
}

/** Creates a fake drill over `scenario` (see the module comment for what it simulates). */
export function createFakeDrill(
	scenario: Scenario,
	options: FakeDrillOptions = {}
): Drill & {
	/** Every `advanceTo` target, for assertions. */
	readonly advanceCalls: SimMs[];
} {
	const pageAt = options.pageAt ?? 60_000;
	const startEpochMs = Date.parse(scenario.clock.startsAt);
	const timeLimit = durationMs(scenario.clock.timeLimit);
	const rule = scenario.alerting.groups[0].rules.find((r) => 'alert' in r);
	const alertname = rule && 'alert' in rule ? rule.alert : 'FakeAlert';
	const ruleLabels = rule && 'alert' in rule ? (rule.labels ?? {}) : {};
	const annotations = rule && 'alert' in rule ? (rule.annotations ?? {}) : {};
	const events: DrillEvent[] = [];
	const trainee: TimedTraineeEvent[] = [];
	const silences: Silence[] = [];
	const replies: { at: SimMs; from: string; text: string; target: string }[] = [];
	const advanceCalls: SimMs[] = [];
	let now: SimMs = 0;
	let ended: DrillEnd | null = null;
	let page: Page | null = null;
	let phase = scenario.incident.initial;

	const log = (body: DrillEventBody, actor: 'trainee' | 'system'): DrillEvent => {
		const e = { ...body, seq: events.length, at: now, actor } as DrillEvent;
		events.push(e);
		return e;
	};
	const end = (reason: DrillEnd['reason']) => {
		ended = { reason, at: now };
		log({ type: 'drill.end', reason }, 'system');
	};
	const alertLabels = { alertname, ...ruleLabels };
	log(
		{
			type: 'drill.start',
			scenarioId: scenario.metadata.id,
			scenarioVersion: 'test',
			seed: options.seed ?? 1
		},
		'system'
	);

	return {
		scenario,
		seed: options.seed ?? 1,
		startEpochMs,
		advanceCalls,
		get now() {
			return now;
		},
		get ended() {
			return ended;
		},
		get events() {
			return events;
		},
		metrics: new SeriesStore(),
		logs: new LogStore(),
		get phase() {
			return phase;
		},
		advanceTo(t: SimMs) {
			advanceCalls.push(t);
			if (ended || t <= now) return;
			const target = Math.min(t, timeLimit);
			if (!page && target >= pageAt) {
				now = pageAt;
				page = {
					id: 'page-1',
					groupKey: `{alertname="${alertname}"}`,
					alertIds: ['alert-1'],
					title: alertname,
					severity: ruleLabels.severity ?? 'critical',
					summary: annotations.summary ?? '',
					labels: alertLabels,
					runbookUrl: annotations.runbook_url,
					at: now,
					ackedAt: null,
					resolvedAt: null
				};
				log(
					{ type: 'page.sent', pageId: page.id, alertname, severity: page.severity, summary: page.summary },
					'system'
				);
			}
			for (const r of replies.filter((r) => r.at <= target).sort((a, b) => a.at - b.at)) {
				now = r.at;
				log({ type: 'escalation.ack', target: r.target, who: r.from }, 'system');
				log({ type: 'chat.message', from: r.from, text: r.text }, 'system');
				replies.splice(replies.indexOf(r), 1);
			}
			now = target;
			if (now >= timeLimit) end('timeout');
		},
		dispatch(event: TraineeEvent): DrillEvent {
			if (ended) throw new Error('drill has ended');
			trainee.push({ ...event, at: now });
			const logged = log(event, 'trainee');
			if (event.type === 'alert.ack' && page && page.id === event.pageId && page.ackedAt === null) {
				page = { ...page, ackedAt: now };
			} else if (event.type === 'alert.silence') {
				silences.push({
					id: `silence-${silences.length + 1}`,
					matchers: event.matchers,
					startsAt: now,
					endsAt: now + event.durationMs,
					reason: event.reason,
					createdBy: 'trainee'
				});
			} else if (event.type === 'escalation.page') {
				const target = scenario.escalation.find((t) => t.id === event.target);
				if (target) {
					replies.push({
						at: now + durationMs(target.responseDelay),
						from: target.who,
						text: target.reply,
						target: target.id
					});
				}
			} else if (event.type === 'action.run') {
				log(
					{
						type: 'action.result',
						action: event.action,
						outcome: 'applied',
						detail: `${event.action} started`
					},
					'system'
				);
				if (event.action === 'rollback') phase = 'recovering';
			} else if (event.type === 'incident.declareResolved') {
				end('declared');
			}
			return logged;
		},
		alerts(): AlertInstance[] {
			if (!page) return [];
			return [
				{
					id: 'alert-1',
					alertname,
					group: scenario.alerting.groups[0].name,
					state: 'firing',
					labels: alertLabels,
					annotations,
					activeSince: pageAt - 120_000,
					firingSince: pageAt,
					resolvedAt: null,
					value: 3.2
				}
			];
		},
		pages: () => (page ? [{ ...page }] : []),
		silences: () => silences.map((s) => ({ ...s })),
		services: (): ServiceState[] =>
			scenario.topology.services.map((s) => ({
				id: s.id,
				name: s.name ?? s.id,
				team: s.team,
				tier: s.tier,
				dependsOn: s.dependsOn,
				version: s.version,
				replicas: s.replicas,
				readyReplicas: s.replicas,
				pods: Array.from({ length: s.replicas }, (_, i) => `${s.id}-7d9f-${i}`),
				restarts: 0
			})),
		deploys: (): DeployRecord[] =>
			scenario.deploys.map((d) => ({
				service: d.service,
				version: d.version,
				previous: d.previous,
				author: d.author,
				at: durationMs(d.at),
				message: d.message,
				commit: d.commit,
				kind: 'deploy'
			})),
		flags: (): FlagState[] =>
			scenario.flags.map((f) => ({
				id: f.id,
				service: f.service,
				enabled: f.enabled,
				description: f.description,
				changedAt: f.changedAt === undefined ? null : durationMs(f.changedAt),
				changedBy: f.changedBy ?? null
			})),
		traineeEvents: () => trainee.map((e) => ({ ...e }))
	};
}
