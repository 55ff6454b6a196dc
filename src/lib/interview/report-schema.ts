/**
 * The interview report, as shown on the printable page and exported as JSON. The zod schema is the single
 * definition: the report builder produces this type, and an exported file is validated against it before it is
 * compared with others. Times: ISO-8601 for wall clock, sim ms (since the drill started) for the simulation.
 */
import { z } from 'zod';

export const REPORT_FORMAT = 'pagerdrill-interview-report';
export const REPORT_VERSION = 1;

const Iso = z.iso.datetime({ offset: true });
const Rating = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const Exercise = z.enum(['triage', 'runbook']);
const EndedBy = z.enum(['time-box', 'candidate', 'incident-closed']);
const Result = z.enum(['met', 'partly', 'not-met', 'not-assessed']);
const Ms = z.number().nonnegative().nullable();

const CheckLine = z.object({
	id: z.string(),
	label: z.string(),
	result: Result,
	reason: z.string()
});

export const ReportDimension = z.object({
	id: z.string(),
	label: z.string(),
	weightPct: z.number().int().min(0).max(100),
	meetsBar: z.string(),
	suggested: Rating.nullable(),
	/** Combined 0–100 score behind the suggestion. */
	suggestedScore: z.number().min(0).max(100).nullable(),
	sources: z.array(z.object({ exercise: Exercise, score: z.number().min(0).max(100) })),
	/** The interviewer's rating (null when not rated). */
	rating: Rating.nullable(),
	status: z.enum(['unrated', 'needs-reason', 'rated']),
	/** True when the rating differs from the suggestion. */
	overridden: z.boolean(),
	reason: z.string(),
	/** The anchor text of the chosen rating. */
	anchor: z.string().nullable(),
	evidence: z.array(z.string()),
	redFlags: z.array(z.string()),
	notAssessed: z.string().nullable()
});
export type ReportDimension = z.infer<typeof ReportDimension>;

const TimelineLine = z.object({
	atMs: z.number(),
	/** `HH:MM:SS` UTC in the simulated day. */
	utc: z.string(),
	who: z.enum(['candidate', 'system']),
	text: z.string(),
	marks: z.array(z.string())
});

export const InterviewReport = z.object({
	format: z.literal(REPORT_FORMAT),
	version: z.literal(REPORT_VERSION),
	generatedAt: Iso,
	session: z.object({
		code: z.string(),
		candidate: z.string(),
		interviewer: z.string(),
		createdAt: Iso,
		scenario: z.object({ id: z.string(), title: z.string(), version: z.string() }),
		seed: z.number().int().nonnegative()
	}),
	exercises: z.array(
		z.object({
			id: Exercise,
			label: z.string(),
			timeBoxMs: z.number().int().positive(),
			startedAt: Iso.nullable(),
			endedAt: Iso.nullable(),
			endedBy: EndedBy.nullable()
		})
	),
	total: z.object({
		/** Weighted 1–4 total over the dimensions that count (two decimals). */
		value: z.number().min(1).max(4).nullable(),
		complete: z.boolean(),
		rated: z.number().int().min(0).max(6),
		ratedWeightPct: z.number().int().min(0).max(100),
		belowBar: z.array(z.string())
	}),
	dimensions: z.array(ReportDimension),
	redFlags: z.array(z.string()),
	triage: z
		.object({
			/** Overall drill score 0–100 (null when the simulation was not scored). */
			score: z.number().min(0).max(100).nullable(),
			endedBy: EndedBy.nullable(),
			kpis: z.object({
				ackMs: Ms,
				engageOwnerMs: Ms,
				mitigateMs: Ms,
				firstUpdateMs: Ms,
				resolveMs: Ms,
				statusUpdates: z.number().int().nonnegative(),
				actions: z.number().int().nonnegative(),
				queries: z.number().int().nonnegative()
			}),
			statusUpdates: z.array(
				z.object({
					atMs: z.number(),
					utc: z.string(),
					status: z.string(),
					components: z.array(z.string()),
					text: z.string()
				})
			),
			timeline: z.array(TimelineLine),
			/** Timeline entries left out of the excerpt. */
			omitted: z.number().int().nonnegative(),
			checks: z.array(CheckLine)
		})
		.nullable(),
	runbook: z
		.object({
			alertName: z.string(),
			score: z.number().min(0).max(100).nullable(),
			text: z.string(),
			checks: z.array(CheckLine)
		})
		.nullable(),
	notes: z.array(
		z.object({
			at: Iso,
			simMs: z.number().nullable(),
			exercise: Exercise.nullable(),
			text: z.string()
		})
	)
});
export type InterviewReport = z.infer<typeof InterviewReport>;
