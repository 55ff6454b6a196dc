/**
 * Playthrough tests: a scripted sequence of trainee events for one scenario and the outcome it must reach. They live
 * next to the scenario (`scenarios/<id>.playthrough.yaml`) and run with `pagerdrill test` and in the unit suite.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { createDrill } from '../sim/drill';
import type { Drill } from '../sim/drill-api';
import { durationMs, formatDuration } from '../sim/duration';
import { Duration } from '../sim/scenario/schema';
import type { Scenario } from '../sim/scenario/schema';
import type { TraineeEvent } from '../sim/types';
import { scoreDrill } from '../scoring/drill';
import type { DrillScorecard } from '../scoring/types';

const Step = z.looseObject({ at: Duration, type: z.string() });

export const PlaythroughSpec = z.strictObject({
	name: z.string().min(1),
	description: z.string().optional(),
	seed: z.number().int().default(1),
	until: Duration.describe('Run the drill until this sim time (or its end)'),
	steps: z.array(Step).default([]),
	expect: z.strictObject({
		end: z.enum(['resolved', 'declared', 'timeout', 'open']).optional(),
		mitigated: z.boolean().optional(),
		mitigatedBy: Duration.optional(),
		phase: z.string().optional(),
		pagesAcked: z.number().int().min(0).optional(),
		score: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).optional()
	})
});

export const PlaythroughFile = z.strictObject({
	scenario: z.string(),
	playthroughs: z.array(PlaythroughSpec).min(2)
});

export type PlaythroughSpec = z.output<typeof PlaythroughSpec>;
export type PlaythroughFile = z.output<typeof PlaythroughFile>;

export interface PlaythroughResult {
	name: string;
	passed: boolean;
	failures: string[];
	end: string;
	mitigatedAt: number | null;
	phase: string;
	score: number;
	scorecard: DrillScorecard;
	drill: Drill;
}

/** Parses a playthrough file's text; throws with the zod path on bad input. */
export function parsePlaythroughFile(text: string, file: string): PlaythroughFile {
	const r = PlaythroughFile.safeParse(parse(text));
	if (!r.success) {
		const i = r.error.issues[0];
		throw new Error(`${file}: ${i.path.join('.')}: ${i.message}`);
	}
	return r.data;
}

/** Runs one playthrough headless at full speed and checks its expectations. */
export function runPlaythrough(
	scenario: Scenario,
	spec: PlaythroughSpec,
	version = 'test'
): PlaythroughResult {
	const drill = createDrill(scenario, { seed: spec.seed, version });
	const failures: string[] = [];
	for (const step of spec.steps) {
		const at = durationMs(step.at as string | number);
		drill.advanceTo(at);
		if (drill.ended) {
			failures.push(
				`step ${step.type} at ${formatDuration(at)}: the drill had already ended (${drill.ended.reason})`
			);
			break;
		}
		const { at: _at, ...event } = step;
		drill.dispatch(event as unknown as TraineeEvent);
	}
	drill.advanceTo(durationMs(spec.until));
	const mitigated = drill.events.find((e) => e.type === 'incident.mitigated');
	const end = drill.ended?.reason ?? 'open';
	const scorecard = scoreDrill({ scenario, events: drill.events, startEpochMs: drill.startEpochMs });
	const x = spec.expect;
	if (x.end !== undefined && end !== x.end)
		failures.push(`expected the drill to end "${x.end}", it is "${end}"`);
	if (x.mitigated !== undefined && Boolean(mitigated) !== x.mitigated)
		failures.push(
			x.mitigated
				? 'expected the incident to be mitigated; it never was'
				: `expected no mitigation; it was mitigated at ${formatDuration(mitigated!.at)}`
		);
	if (x.mitigatedBy !== undefined && (!mitigated || mitigated.at > durationMs(x.mitigatedBy)))
		failures.push(
			`expected mitigation by ${String(x.mitigatedBy)}; ${mitigated ? `it came at ${formatDuration(mitigated.at)}` : 'it never came'}`
		);
	if (x.phase !== undefined && drill.phase !== x.phase)
		failures.push(`expected phase "${x.phase}", it is "${drill.phase}"`);
	if (x.pagesAcked !== undefined) {
		const acked = drill.pages().filter((p) => p.ackedAt !== null).length;
		if (acked !== x.pagesAcked) failures.push(`expected ${x.pagesAcked} acknowledged page(s), got ${acked}`);
	}
	if (x.score?.min !== undefined && scorecard.score < x.score.min)
		failures.push(`expected a score of at least ${x.score.min}, got ${scorecard.score}`);
	if (x.score?.max !== undefined && scorecard.score > x.score.max)
		failures.push(`expected a score of at most ${x.score.max}, got ${scorecard.score}`);
	return {
		name: spec.name,
		passed: failures.length === 0,
		failures,
		end,
		mitigatedAt: mitigated?.at ?? null,
		phase: drill.phase,
		score: scorecard.score,
		scorecard,
		drill
	};
}
