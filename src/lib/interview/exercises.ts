/**
 * The role profile's interview exercises that Pagerdrill runs: the incident triage simulation (60–90 minutes) and
 * the runbook writing exercise (30 minutes). Pure.
 */

export type ExerciseId = 'triage' | 'runbook';

const MINUTE = 60_000;

export interface ExerciseInfo {
	id: ExerciseId;
	label: string;
	/** What the candidate is asked to do, in one sentence. */
	task: string;
	/** Time box the role profile recommends (wall ms). */
	defaultTimeBoxMs: number;
	/** Shortest and longest time box the set-up accepts (wall ms). */
	minTimeBoxMs: number;
	maxTimeBoxMs: number;
	/** The role profile's guidance, shown at set-up. */
	guidance: string;
}

export const EXERCISES: Readonly<Record<ExerciseId, ExerciseInfo>> = {
	triage: {
		id: 'triage',
		label: 'Incident triage simulation',
		task: 'Work a live incident: find the likely cause, decide what to check and what to change, keep people informed and bring in the right team.',
		defaultTimeBoxMs: 60 * MINUTE,
		minTimeBoxMs: 2 * MINUTE,
		maxTimeBoxMs: 120 * MINUTE,
		guidance: 'The role profile suggests 60–90 minutes, including a short debrief conversation afterwards.'
	},
	runbook: {
		id: 'runbook',
		label: 'Runbook writing exercise',
		task: 'Write a step-by-step runbook for one alert, including how to verify a fix and how to roll back.',
		defaultTimeBoxMs: 30 * MINUTE,
		minTimeBoxMs: 2 * MINUTE,
		maxTimeBoxMs: 90 * MINUTE,
		guidance: 'The role profile suggests 30 minutes.'
	}
};
