/**
 * The progress file format (`format: 'pagerdrill-progress'`, `schemaVersion: 1`) as strict zod schemas, with size
 * caps that keep a hostile file from exhausting memory: every string, array and number is bounded, unknown fields
 * are errors, numbers must be finite.
 *
 * A file holds one profile, its attempts and its plan, plus `checksum`: the SHA-256 (hex) of the canonical JSON
 * of everything else (see `checksum.ts`). Lock fields (`lockOwner`, `heartbeatAt`) are local to a browser and are
 * not part of the file; the event log is included only when asked for (replay rebuilds it).
 *
 * Changing this format: bump `PROGRESS_SCHEMA_VERSION` and keep reading the old version (never change what a
 * released version means).
 */
import { z } from 'zod';
import type { DrillEvent, TimedTraineeEvent } from '../sim/types';
import type { DrillScorecard } from '../scoring/types';
import {
	ATTEMPT_MODES,
	ATTEMPT_STATUSES,
	SCENARIO_LEVELS,
	type AttemptRecord,
	type PlanRecord,
	type ProfileRecord
} from './records';

export const PROGRESS_FORMAT = 'pagerdrill-progress';
export const PROGRESS_SCHEMA_VERSION = 1;

/** Caps (characters or items). */
export const LIMITS = {
	/** Whole file, in characters (UTF-16 code units) — also checked on the byte size before reading. */
	fileChars: 64 * 1024 * 1024,
	attempts: 10_000,
	traineeEvents: 10_000,
	eventLog: 50_000,
	/** Ids, names, labels. */
	short: 200,
	/** Queries, messages, status updates, check reasons. */
	text: 20_000,
	/** Runbooks and postmortems. */
	artifact: 200_000,
	/** Small lists (skills, components, matchers, checks). */
	list: 500,
	/** Keys of a free-form map (labels, action params). */
	mapKeys: 200,
	/** Nesting depth of any JSON value in the file. */
	depth: 32
} as const;

const short = z.string().max(LIMITS.short);
const id = z.string().min(1).max(LIMITS.short);
const text = z.string().max(LIMITS.text);
const artifact = z.string().max(LIMITS.artifact);
const timestamp = z.iso.datetime({
	message: 'expected an ISO-8601 UTC timestamp such as 2026-03-02T09:00:00.000Z'
});
const isoDate = z.iso.date({ message: 'expected a YYYY-MM-DD date' });
const simMs = z.number();
const score = z.number().min(0).max(100);
const shortList = z.array(short).max(LIMITS.list);

function boundedRecord<V extends z.ZodType>(value: V) {
	return z
		.record(z.string().max(LIMITS.short), value)
		.refine((r) => Object.keys(r).length <= LIMITS.mapKeys, {
			message: `too many keys (max ${LIMITS.mapKeys})`
		});
}

const labels = boundedRecord(z.string().max(LIMITS.text));
const matcher = z.strictObject({ name: short, value: text, isRegex: z.boolean().optional() });
const incidentStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);
const alertState = z.enum(['inactive', 'pending', 'firing', 'resolved']);

// Trainee event bodies (the shapes of `TraineeEvent`), without timing fields.
const alertAck = z.strictObject({ type: z.literal('alert.ack'), pageId: id });
const alertSilence = z.strictObject({
	type: z.literal('alert.silence'),
	matchers: z.array(matcher).max(LIMITS.list),
	durationMs: z.number().min(0),
	reason: text
});
const queryPromql = z.strictObject({ type: z.literal('query.promql'), expr: text, panel: short.optional() });
const queryLogql = z.strictObject({ type: z.literal('query.logql'), expr: text });
const viewOpen = z.strictObject({ type: z.literal('view.open'), view: short, target: short.optional() });
const actionRun = z.strictObject({
	type: z.literal('action.run'),
	action: id,
	params: boundedRecord(z.union([z.string().max(LIMITS.text), z.number(), z.boolean()])),
	reason: text.optional()
});
const escalationPage = z.strictObject({ type: z.literal('escalation.page'), target: id, message: text });
const statusPost = z.strictObject({
	type: z.literal('status.post'),
	status: incidentStatus,
	components: shortList,
	text
});
const noteAdd = z.strictObject({ type: z.literal('note.add'), text });
const declareResolved = z.strictObject({
	type: z.literal('incident.declareResolved'),
	summary: text.optional()
});

// System event bodies (the shapes of `SystemEvent`).
const drillStart = z.strictObject({
	type: z.literal('drill.start'),
	scenarioId: id,
	scenarioVersion: short,
	seed: z.number().int()
});
const alertStateChange = z.strictObject({
	type: z.literal('alert.state'),
	alertId: z.string().max(LIMITS.text),
	alertname: short,
	from: alertState,
	to: alertState,
	labels,
	value: z.number()
});
const pageSent = z.strictObject({
	type: z.literal('page.sent'),
	pageId: id,
	alertname: short,
	severity: short,
	summary: text
});
const pageResolved = z.strictObject({ type: z.literal('page.resolved'), pageId: id });
const phaseEnter = z.strictObject({ type: z.literal('phase.enter'), phase: short });
const worldChange = z.strictObject({
	type: z.literal('world.change'),
	description: text,
	service: short.optional(),
	kind: short
});
const actionResult = z.strictObject({
	type: z.literal('action.result'),
	action: id,
	outcome: z.enum(['applied', 'rejected']),
	detail: text
});
const chatMessage = z.strictObject({ type: z.literal('chat.message'), from: short, text });
const escalationAck = z.strictObject({ type: z.literal('escalation.ack'), target: id, who: short });
const incidentMitigated = z.strictObject({ type: z.literal('incident.mitigated') });
const drillEnd = z.strictObject({
	type: z.literal('drill.end'),
	reason: z.enum(['resolved', 'declared', 'timeout', 'abandoned'])
});

const timing = { at: simMs };
/** Event-log fields; the type allows either actor on any body, and so does the file. */
const logMeta = { seq: z.number().int().min(0), at: simMs, actor: z.enum(['trainee', 'system']) };

/** A `TimedTraineeEvent`. */
export const TimedTraineeEventSchema = z.discriminatedUnion('type', [
	alertAck.extend(timing),
	alertSilence.extend(timing),
	queryPromql.extend(timing),
	queryLogql.extend(timing),
	viewOpen.extend(timing),
	actionRun.extend(timing),
	escalationPage.extend(timing),
	statusPost.extend(timing),
	noteAdd.extend(timing),
	declareResolved.extend(timing)
]);

/**
 * A `DrillEvent` (one entry of the event log). Note: JSON writes a non-finite alert value (NaN) as null, which
 * this schema rejects; such logs are rebuilt by replay instead of being exported.
 */
export const DrillEventSchema = z.discriminatedUnion('type', [
	alertAck.extend(logMeta),
	alertSilence.extend(logMeta),
	queryPromql.extend(logMeta),
	queryLogql.extend(logMeta),
	viewOpen.extend(logMeta),
	actionRun.extend(logMeta),
	escalationPage.extend(logMeta),
	statusPost.extend(logMeta),
	noteAdd.extend(logMeta),
	declareResolved.extend(logMeta),
	drillStart.extend(logMeta),
	alertStateChange.extend(logMeta),
	pageSent.extend(logMeta),
	pageResolved.extend(logMeta),
	phaseEnter.extend(logMeta),
	worldChange.extend(logMeta),
	actionResult.extend(logMeta),
	chatMessage.extend(logMeta),
	escalationAck.extend(logMeta),
	incidentMitigated.extend(logMeta),
	drillEnd.extend(logMeta)
]);

const CheckSchema = z.strictObject({
	id: short,
	label: text,
	category: short,
	weight: z.number().min(0),
	result: z.enum(['met', 'partly', 'not-met', 'not-assessed']),
	reason: text,
	good: text
});

const DimensionSchema = z.strictObject({
	id: short,
	label: short,
	weight: z.number().min(0).max(1),
	score: score.nullable(),
	rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable(),
	evidence: z.array(text).max(LIMITS.list)
});

const durationOrNull = z.number().min(0).nullable();

export const ScorecardSchema = z.strictObject({
	score,
	categories: z.strictObject({
		response: score.nullable(),
		triage: score.nullable(),
		communication: score.nullable(),
		documentation: score.nullable()
	}),
	kpis: z.strictObject({
		ackMs: durationOrNull,
		engageOwnerMs: durationOrNull,
		mitigateMs: durationOrNull,
		resolveMs: durationOrNull,
		firstUpdateMs: durationOrNull,
		statusUpdates: z.number().int().min(0),
		actions: z.number().int().min(0),
		queries: z.number().int().min(0)
	}),
	checks: z.array(CheckSchema).max(LIMITS.list),
	dimensions: z.array(DimensionSchema).max(20)
});

export const FileAttemptSchema = z.strictObject({
	id,
	profileId: id,
	scenarioId: id,
	scenarioVersion: short,
	scenarioTitle: short,
	scenarioTheme: short,
	scenarioSkills: shortList,
	scenarioLevel: z.enum(SCENARIO_LEVELS),
	seed: z.number().int(),
	mode: z.enum(ATTEMPT_MODES),
	status: z.enum(ATTEMPT_STATUSES),
	startedAt: timestamp,
	endedAt: timestamp.nullable(),
	durationMs: z.number().min(0).nullable(),
	simNow: simMs,
	speed: z.number().positive().max(1000),
	hintsUsed: z.number().int().min(0).max(10_000),
	traineeEvents: z.array(TimedTraineeEventSchema).max(LIMITS.traineeEvents),
	eventLog: z.array(DrillEventSchema).max(LIMITS.eventLog).optional(),
	artifacts: z.strictObject({
		runbook: artifact.optional(),
		postmortem: artifact.optional(),
		statusUpdates: z.array(text).max(LIMITS.list).optional()
	}),
	artifactScores: z.strictObject({ runbook: score.nullable(), postmortem: score.nullable() }),
	scorecard: ScorecardSchema.nullable(),
	updatedAt: timestamp
});

export const FileProfileSchema = z.strictObject({
	id,
	name: z.string().min(1).max(LIMITS.short),
	createdAt: timestamp,
	updatedAt: timestamp
});

export const FilePlanSchema = z.strictObject({
	startDate: isoDate,
	overrides: z.strictObject({
		dueDates: boundedRecord(isoDate).optional(),
		targets: boundedRecord(z.number()).optional(),
		disabled: shortList.optional(),
		recentWindow: z.number().int().min(1).max(500).optional()
	}),
	updatedAt: timestamp
});

export const ProgressFileSchema = z.strictObject({
	format: z.literal(PROGRESS_FORMAT),
	schemaVersion: z.literal(PROGRESS_SCHEMA_VERSION),
	exportedAt: timestamp,
	profile: FileProfileSchema,
	attempts: z.array(FileAttemptSchema).max(LIMITS.attempts),
	plan: FilePlanSchema.nullable(),
	checksum: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex characters (SHA-256)')
});

/** An attempt as written to a file: the stored row without the browser-local lock fields. */
export type FileAttempt = Omit<AttemptRecord, 'lockOwner' | 'heartbeatAt'>;
export type FileProfile = Pick<ProfileRecord, 'id' | 'name' | 'createdAt' | 'updatedAt'>;
export type FilePlan = Omit<PlanRecord, 'profileId'>;

export interface ProgressFile {
	format: typeof PROGRESS_FORMAT;
	schemaVersion: typeof PROGRESS_SCHEMA_VERSION;
	exportedAt: string;
	profile: FileProfile;
	attempts: FileAttempt[];
	plan: FilePlan | null;
	checksum: string;
}

/** The file without its checksum: what the checksum is computed over. */
export type ProgressPayload = Omit<ProgressFile, 'checksum'>;

// Compile-time guards: the schemas and the record types must describe the same data (assignable both ways).
type Assignable<A extends B, B> = [A, B];
export type _SchemaMatchesTypes = [
	Assignable<z.output<typeof TimedTraineeEventSchema>, TimedTraineeEvent>,
	Assignable<TimedTraineeEvent, z.output<typeof TimedTraineeEventSchema>>,
	Assignable<z.output<typeof DrillEventSchema>, DrillEvent>,
	Assignable<DrillEvent, z.output<typeof DrillEventSchema>>,
	Assignable<z.output<typeof ScorecardSchema>, DrillScorecard>,
	Assignable<DrillScorecard, z.output<typeof ScorecardSchema>>,
	Assignable<z.output<typeof FileAttemptSchema>, FileAttempt>,
	Assignable<FileAttempt, z.output<typeof FileAttemptSchema>>,
	Assignable<z.output<typeof FileProfileSchema>, FileProfile>,
	Assignable<FileProfile, z.output<typeof FileProfileSchema>>,
	Assignable<z.output<typeof FilePlanSchema>, FilePlan>,
	Assignable<FilePlan, z.output<typeof FilePlanSchema>>,
	Assignable<z.output<typeof ProgressFileSchema>, ProgressFile>,
	Assignable<ProgressFile, z.output<typeof ProgressFileSchema>>
];
