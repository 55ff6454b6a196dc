/**
 * The interview scorecard: the role profile's six dimensions (ids, labels and weights come from the scoring rubric,
 * so the drill debrief and the interview never disagree), each with a 1–4 scale whose anchors say in plain words
 * what an interviewer should have seen. Rating 3 is the associate bar. Pure.
 */
import { DIMENSIONS } from '../scoring/rubric';

/** An interview rating: 1 well below the bar, 2 below, 3 meets the associate bar, 4 above it. */
export type Rating = 1 | 2 | 3 | 4;

/** Every rating, lowest first. */
export const RATINGS: readonly Rating[] = [1, 2, 3, 4];

/** The rating that means "meets the bar for an associate". */
export const MEETS_BAR: Rating = 3;

/** Short names of the scale points. */
export const RATING_NAMES: Readonly<Record<Rating, string>> = {
	1: 'Well below the bar',
	2: 'Below the bar',
	3: 'Meets the bar',
	4: 'Above the bar'
};

export type DimensionId =
	| 'troubleshooting'
	| 'linux-networking'
	| 'observability'
	| 'scripting-automation'
	| 'communication'
	| 'collaboration';

export const DIMENSION_IDS: readonly DimensionId[] = [
	'troubleshooting',
	'linux-networking',
	'observability',
	'scripting-automation',
	'communication',
	'collaboration'
];

/** What the interviewer reads next to each rating button. */
export interface InterviewDimension {
	id: DimensionId;
	label: string;
	/** Share of the weighted total in whole percent; the six add up to 100. */
	weightPct: number;
	/** What "meets the bar" looks like for an associate, in one sentence. */
	meetsBar: string;
	/** One anchor per rating. */
	anchors: Readonly<Record<Rating, string>>;
	/** What to ask or set when the exercises did not show this dimension. */
	probe: string;
}

interface Wording {
	meetsBar: string;
	anchors: Record<Rating, string>;
	probe: string;
}

const WORDING: Record<DimensionId, Wording> = {
	troubleshooting: {
		meetsBar:
			'Works the incident in a deliberate loop: a hypothesis, evidence for it, one reversible change, then a check that it worked; asks for help at a sensible point.',
		anchors: {
			1: 'Changes things at random or makes risky, hard-to-undo changes; cannot say how they would know a fix worked.',
			2: 'Some structure, but acts before the evidence supports it, repeats actions that did not help, or never checks whether a change worked.',
			3: 'Looks at the evidence before acting, applies a sensible reversible mitigation and confirms its effect; escalates in reasonable time. Small detours are fine.',
			4: 'Runs a clear hypothesis → evidence → action → verify loop unprompted, picks the safest mitigation early, explains the trade-offs and keeps symptom and cause apart.'
		},
		probe:
			'Ask them to walk through how they would narrow down "errors went up after a deploy" and how they would know their fix worked.'
	},
	'linux-networking': {
		meetsBar:
			'Reasons soundly about everyday failure modes — HTTP status codes, timeouts and connection pools, DNS, TLS, CPU and memory limits — without needing them explained.',
		anchors: {
			1: 'Misreads basic signals (client versus server errors, throttling versus saturation) or proposes actions that show a gap in the basics.',
			2: 'Recognises the symptoms but struggles to connect them to a mechanism, or needs the basics explained.',
			3: 'Reads status codes, latency and resource signals correctly and ties them to a plausible mechanism; the everyday concepts are solid.',
			4: 'Explains the failure mechanism precisely (for example why an exhausted pool shows up as 502s after a timeout) and predicts what a change will do.'
		},
		probe:
			'This scenario does not lean on Linux or networking skills: ask what happens between a browser and the API when a DNS record or certificate is wrong.'
	},
	observability: {
		meetsBar:
			'Uses dashboards and logs to locate the problem, writes or adapts simple queries, and can say what makes an alert worth waking someone for.',
		anchors: {
			1: 'Cannot interpret basic metrics or logs (rates, error ratios, percentiles), or acts without looking at them.',
			2: 'Looks at telemetry but misses the signal that matters, misreads rates or percentiles, or is pulled away by noisy alerts.',
			3: 'Finds the key evidence in dashboards and logs, uses a query to test a hypothesis, checks the telemetry after a change and leaves noise alone.',
			4: 'Goes straight to the discriminating split (by route, version or pod), writes precise PromQL/LogQL, sets noise aside deliberately and suggests better alerting.'
		},
		probe: 'Ask them to read an error-ratio panel and say whether the alert behind it is actionable.'
	},
	'scripting-automation': {
		meetsBar:
			'Can write a small script that answers an operational question, and automates carefully: a dry run, limits and a way back.',
		anchors: {
			1: 'Cannot write a basic script, or proposes automation that would be unsafe to run in production.',
			2: 'Needs a lot of help to get a small script working, or automates without thinking about what happens when it fails.',
			3: 'Writes a working script for a small task (such as counting log errors by type) and considers what could go wrong when it runs unattended.',
			4: 'Writes clean, correct small scripts fluently; automation ideas come with safety rails (idempotence, dry run, rollback) and a clear sense of the toil removed.'
		},
		probe:
			'Neither exercise measures this: use the scripting task (parse a log snippet and count errors by type) or ask about a script they wrote and how it could fail.'
	},
	communication: {
		meetsBar:
			'Keeps people informed with short, factual updates — impact, what is being done, when the next update comes — and stays calm.',
		anchors: {
			1: 'No updates, misleading ones (such as "resolved" while users still fail) or blaming language.',
			2: 'Updates are late, vague or too technical for their readers, or the cadence lapses.',
			3: 'A first update soon after taking the page and further ones at a steady cadence, each with impact and next steps; factual and blameless.',
			4: 'Timely, precise, plain-language updates that quantify impact, never over-claim, and set and keep a cadence without being asked.'
		},
		probe: 'Ask them to draft a two-sentence status update for customers about the incident they just worked.'
	},
	collaboration: {
		meetsBar:
			'Brings in the owning team with useful context, values documentation and follow-up, and takes feedback on board.',
		anchors: {
			1: 'Works alone when the owners are needed (never escalates), shows a "not my problem" posture or blames others, or treats documentation as pointless.',
			2: 'Escalates late or without context, writes documentation only when pushed, or is defensive about feedback.',
			3: 'Pages the owner in good time with context, writes a runbook another engineer could follow, and responds well to questions.',
			4: 'Engages the right people early with a message they can act on, documents as they go, and turns the incident into concrete improvements.'
		},
		probe:
			'Ask what they would hand over to the owning team and what they would change in the runbook afterwards.'
	}
};

function toPercent(weight: number): number {
	return Math.round(weight * 100);
}

/** The six interview dimensions, in the role profile's order. */
export const INTERVIEW_DIMENSIONS: readonly InterviewDimension[] = DIMENSION_IDS.map((id) => {
	const def = DIMENSIONS.find((d) => d.id === id);
	if (!def) throw new Error(`The scoring rubric has no dimension "${id}"`);
	return { id, label: def.label, weightPct: toPercent(def.weight), ...WORDING[id] };
});

/** A dimension by id; throws for an unknown id (ids come from this module, so that is a programming error). */
export function dimensionById(id: DimensionId): InterviewDimension {
	const found = INTERVIEW_DIMENSIONS.find((d) => d.id === id);
	if (!found) throw new Error(`Unknown interview dimension "${id}"`);
	return found;
}

/** True for the numbers 1–4. */
export function isRating(value: unknown): value is Rating {
	return value === 1 || value === 2 || value === 3 || value === 4;
}
