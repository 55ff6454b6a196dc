import { describe, expect, it } from 'vitest';
import {
	addNote,
	candidatePhase,
	clearRating,
	endRunbook,
	endTriage,
	newInterviewState,
	parseInterviewState,
	remainingMs,
	removeNote,
	runningExercise,
	saveRunbookText,
	setRating,
	setTriageAttempt,
	startRunbook,
	startTriage,
	type InterviewConfig
} from './session';

const MINUTE = 60_000;
const T0 = '2026-03-17T15:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * MINUTE).toISOString();

const BOTH: InterviewConfig = {
	scenarioVersion: 'abc123',
	scenarioTitle: 'Card payments failing after a checkout release',
	interviewer: 'Priya',
	triage: { timeBoxMs: 60 * MINUTE },
	runbook: {
		timeBoxMs: 30 * MINUTE,
		alertId: 'checkout-deploy-regression/CheckoutHighErrorRate',
		alertName: 'CheckoutHighErrorRate'
	}
};

describe('the candidate’s way through an interview', () => {
	it('goes welcome → simulation → between → runbook → done', () => {
		let s = newInterviewState(BOTH);
		expect(candidatePhase(s)).toBe('welcome');
		s = startTriage(s, at(0));
		expect(candidatePhase(s)).toBe('triage');
		expect(runningExercise(s)).toBe('triage');
		s = setTriageAttempt(s, 'attempt-1');
		s = endTriage(s, { at: at(42), endedBy: 'candidate', simMs: 42 * MINUTE });
		expect(candidatePhase(s)).toBe('runbook-ready');
		expect(runningExercise(s)).toBeNull();
		s = startRunbook(s, at(50));
		expect(candidatePhase(s)).toBe('runbook');
		s = saveRunbookText(s, '# CheckoutHighErrorRate', at(51));
		s = endRunbook(s, { at: at(80), endedBy: 'time-box', text: '# CheckoutHighErrorRate\n\n## Meaning' });
		expect(candidatePhase(s)).toBe('done');
		expect(s.candidate.runbook).toMatchObject({
			endedBy: 'time-box',
			text: '# CheckoutHighErrorRate\n\n## Meaning'
		});
		expect(parseInterviewState(JSON.parse(JSON.stringify(s)))).toEqual(s);
	});

	it('starts straight with the runbook when there is no simulation', () => {
		let s = newInterviewState({ ...BOTH, triage: null });
		expect(candidatePhase(s)).toBe('welcome');
		expect(startTriage(s, at(0))).toBe(s);
		s = startRunbook(s, at(0));
		expect(candidatePhase(s)).toBe('runbook');
	});

	it('cannot skip the simulation, restart an exercise or end it twice (two tabs race safely)', () => {
		const fresh = newInterviewState(BOTH);
		expect(startRunbook(fresh, at(0))).toBe(fresh);
		const started = startTriage(fresh, at(0));
		expect(startTriage(started, at(5))).toBe(started);
		const linked = setTriageAttempt(started, 'first');
		expect(setTriageAttempt(linked, 'second').candidate.triage.attemptId).toBe('first');
		const ended = endTriage(linked, { at: at(30), endedBy: 'time-box', simMs: 30 * MINUTE });
		expect(endTriage(ended, { at: at(31), endedBy: 'candidate', simMs: 31 * MINUTE })).toBe(ended);
		expect(saveRunbookText(ended, 'too early', at(31))).toBe(ended);
	});

	it('counts the time box down on the wall clock', () => {
		let s = newInterviewState(BOTH);
		expect(remainingMs(s, 'triage', Date.parse(at(0)))).toBe(60 * MINUTE);
		s = startTriage(s, at(0));
		expect(remainingMs(s, 'triage', Date.parse(at(15)))).toBe(45 * MINUTE);
		expect(remainingMs(s, 'triage', Date.parse(at(75)))).toBe(0);
		s = endTriage(s, { at: at(20), endedBy: 'candidate', simMs: 20 * MINUTE });
		expect(remainingMs(s, 'triage', Date.parse(at(21)))).toBe(0);
	});
});

describe('the interviewer’s notes and ratings', () => {
	it('keeps timestamped notes and can remove one', () => {
		let s = newInterviewState(BOTH);
		s = addNote(s, {
			id: 'n1',
			at: at(3),
			simMs: 180_000,
			exercise: 'triage',
			text: '  Went to the logs first  '
		});
		s = addNote(s, { id: 'n1', at: at(4), simMs: null, exercise: null, text: 'duplicate id' });
		s = addNote(s, { id: 'n2', at: at(5), simMs: null, exercise: null, text: '   ' });
		expect(s.review.notes).toEqual([
			{ id: 'n1', at: at(3), simMs: 180_000, exercise: 'triage', text: 'Went to the logs first' }
		]);
		expect(removeNote(s, 'n1').review.notes).toEqual([]);
	});

	it('records, replaces and clears ratings', () => {
		let s = newInterviewState(BOTH);
		s = setRating(s, 'communication', { rating: 3, reason: '', at: at(60) });
		s = setRating(s, 'communication', { rating: 2, reason: 'Updates never gave impact', at: at(61) });
		expect(s.review.ratings.communication).toEqual({
			rating: 2,
			reason: 'Updates never gave impact',
			at: at(61)
		});
		expect(clearRating(s, 'communication').review.ratings).toEqual({});
	});
});

describe('stored state', () => {
	it('is refused when it is not an interview state', () => {
		expect(parseInterviewState({})).toBeNull();
		expect(parseInterviewState(null)).toBeNull();
		const s = newInterviewState(BOTH);
		const tampered = {
			...s,
			review: { ...s.review, ratings: { communication: { rating: 7, reason: '', at: at(0) } } }
		};
		expect(parseInterviewState(tampered)).toBeNull();
	});

	it('needs at least one exercise', () => {
		expect(() => newInterviewState({ ...BOTH, triage: null, runbook: null })).toThrow(
			/at least one exercise/
		);
	});
});
