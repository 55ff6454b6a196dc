import { describe, expect, it } from 'vitest';
import { fixtureScenario } from '../common/testing/fixture-scenario';
import type { DrillEvent, DrillEventBody } from '../../sim/types';
import { measureDrill } from './measures';

const scenario = fixtureScenario();

function log(...bodies: [number, DrillEventBody][]): DrillEvent[] {
	return bodies.map(([at, body], seq) => ({ ...body, seq, at, actor: 'system' })) as DrillEvent[];
}

describe('measureDrill', () => {
	it('measures from the first page', () => {
		const m = measureDrill(
			log(
				[0, { type: 'drill.start', scenarioId: 'x', scenarioVersion: 'v', seed: 1 }],
				[60_000, { type: 'page.sent', pageId: 'P1', alertname: 'A', severity: 'critical', summary: '' }],
				[150_000, { type: 'alert.ack', pageId: 'P1' }],
				[200_000, { type: 'query.promql', expr: 'up' }],
				[210_000, { type: 'query.logql', expr: '{app="x"}' }],
				[240_000, { type: 'status.post', status: 'investigating', components: [], text: 't' }],
				[300_000, { type: 'escalation.page', target: 'incident-commander', message: 'm' }],
				[330_000, { type: 'action.run', action: 'rollback', params: {} }],
				[420_000, { type: 'escalation.page', target: 'payments-oncall', message: 'm' }],
				[500_000, { type: 'incident.mitigated' }],
				[900_000, { type: 'status.post', status: 'resolved', components: [], text: 't' }],
				[960_000, { type: 'drill.end', reason: 'resolved' }]
			),
			scenario
		);
		expect(m).toEqual({
			ackMs: 90_000,
			engageOwnerMs: 360_000,
			mitigateMs: 440_000,
			resolveMs: 900_000,
			firstUpdateMs: 180_000,
			statusUpdates: 2,
			actions: 1,
			queries: 2
		});
	});

	it('leaves what never happened empty', () => {
		const m = measureDrill(
			log(
				[0, { type: 'page.sent', pageId: 'P1', alertname: 'A', severity: 'critical', summary: '' }],
				[3_600_000, { type: 'drill.end', reason: 'timeout' }]
			),
			scenario
		);
		expect(m).toMatchObject({
			ackMs: null,
			engageOwnerMs: null,
			mitigateMs: null,
			resolveMs: null,
			firstUpdateMs: null
		});
		expect(measureDrill([], scenario).ackMs).toBeNull();
	});
});
