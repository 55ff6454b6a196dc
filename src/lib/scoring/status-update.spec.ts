import { describe, expect, it } from 'vitest';
import { RED_FLAG_CAP, UPPER_BAND_MIN } from './rubric';
import { scoreStatusUpdate, type StatusUpdateContext } from './status-update';

const START = Date.UTC(2026, 2, 14, 14, 0, 0);
const MIN = 60_000;
const GOOD =
	'Since 14:02 UTC about 20% of card payments at checkout fail with an error. We have identified a faulty release and are rolling it back. Next update by 14:45 UTC.';

const result = (text: string, id: string, ctx?: StatusUpdateContext) =>
	scoreStatusUpdate(text, ctx).checks.find((c) => c.id === id);

describe('scoreStatusUpdate', () => {
	it('gives a complete, factual update full marks with reasons quoting the text', () => {
		const r = scoreStatusUpdate(GOOD, {
			status: 'identified',
			mitigated: false,
			affectedComponents: ['Checkout']
		});
		expect(r.score).toBe(100);
		expect(r.checks.find((c) => c.id === 'status.impact')?.reason).toContain('20% of card payments');
		expect(r.checks.find((c) => c.id === 'status.actions')?.reason).toContain('rolling it back');
		for (const c of r.checks) {
			expect(c.good.length).toBeGreaterThan(0);
			expect(c.weight).toBeGreaterThan(0);
		}
	});

	it('marks "Investigating." alone as vague and weak', () => {
		const r = scoreStatusUpdate('Investigating.');
		expect(r.score).toBeLessThan(25);
		expect(result('Investigating.', 'status.specific')).toMatchObject({
			result: 'not-met',
			reason: 'Says only "Investigating."'
		});
		expect(result('Investigating.', 'status.blameless')?.result).toBe('not-assessed');
	});

	it('asks for how many users are affected when the scope is vague', () => {
		expect(
			result('Some customers cannot pay at checkout. We are investigating.', 'status.impact')?.result
		).toBe('partly');
		expect(
			result('About 3% of customers cannot pay at checkout. We are investigating.', 'status.impact')?.result
		).toBe('met');
		expect(result('We are investigating. More soon.', 'status.impact')?.result).toBe('not-met');
	});

	it('penalises speculation but not a negated or factual "may"', () => {
		expect(
			result(
				'Checkout fails for 5% of users, probably the database. We are investigating.',
				'status.no-speculation'
			)?.result
		).toBe('partly');
		expect(
			result(
				'I think it might be DNS, maybe the CDN. Checkout is failing for all users.',
				'status.no-speculation'
			)?.result
		).toBe('not-met');
		expect(
			result('Users may see errors at checkout. We are rolling back the release.', 'status.no-speculation')
				?.result
		).toBe('met');
	});

	it('treats blaming a person as a red flag that caps the score', () => {
		const text =
			"Checkout fails for 10% of users since 09:00 UTC because Dave's deploy broke it. We are rolling back. Next update in 30 minutes.";
		const r = scoreStatusUpdate(text);
		expect(r.checks.find((c) => c.id === 'status.blameless')?.reason).toContain("Dave's deploy broke");
		expect(r.score).toBeLessThanOrEqual(RED_FLAG_CAP);
		expect(
			result(
				'Someone pushed a bad config to the login service; all logins fail. We are reverting it.',
				'status.blameless'
			)?.result
		).toBe('not-met');
	});

	it('catches a "resolved" claim while the system is still broken', () => {
		const text = 'Resolved: checkout payments are working normally again since 14:20 UTC for all customers.';
		const premature = scoreStatusUpdate(text, { status: 'resolved', mitigated: false });
		expect(premature.checks.find((c) => c.id === 'status.consistent')?.result).toBe('not-met');
		expect(premature.score).toBeLessThanOrEqual(RED_FLAG_CAP);
		const honest = scoreStatusUpdate(text, { status: 'resolved', mitigated: true });
		expect(honest.checks.find((c) => c.id === 'status.consistent')?.result).toBe('met');
		expect(honest.score).toBeGreaterThanOrEqual(UPPER_BAND_MIN);
	});

	it('does not read "not yet resolved" as a resolution claim', () => {
		const text =
			'Checkout payments fail for 20% of customers; the issue is not yet resolved. We are rolling back the release.';
		expect(result(text, 'status.consistent', { status: 'identified', mitigated: false })?.result).toBe('met');
	});

	it('catches "no impact" while users are affected', () => {
		const text = 'There is no customer impact. We are restarting the payment workers as a precaution.';
		expect(
			result(text, 'status.consistent', { mitigated: false, affectedComponents: ['Payments'] })?.reason
		).toContain('no customer impact');
		expect(
			result('No customer impact. Customers cannot log in since 10:00 UTC.', 'status.consistent')?.result
		).toBe('not-met');
	});

	it('wants a next-update time, not promised in the past or too far out', () => {
		expect(result(GOOD, 'status.next-update')?.result).toBe('met');
		expect(
			result('Checkout is failing for all users. We will share more information soon.', 'status.next-update')
				?.result
		).toBe('partly');
		const ctx = { startEpochMs: START, postedAt: 50 * MIN };
		expect(result(GOOD, 'status.next-update', ctx)?.reason).toContain('not after the post time');
		expect(
			result('Checkout is failing for all users. Next update in 3 hours.', 'status.next-update')?.result
		).toBe('partly');
		expect(result(GOOD, 'status.next-update', { status: 'resolved' })?.result).toBe('not-assessed');
	});

	it('wants times in UTC', () => {
		expect(
			result('Since 14:02 checkout fails for 20% of users. Next update at 14:30.', 'status.utc-times')?.result
		).toBe('not-met');
		expect(
			result('Since 14:02 UTC checkout fails for 20% of users. Next update at 14:30.', 'status.utc-times')
				?.result
		).toBe('partly');
		expect(result(GOOD, 'status.utc-times')?.result).toBe('met');
	});

	it('keeps updates brief and free of internal jargon', () => {
		const long = `${GOOD} ${'The team continues to look at every part of the checkout flow carefully. '.repeat(14)}`;
		expect(result(long, 'status.brevity')?.result).toBe('not-met');
		const jargon =
			'Checkout fails for 20% of users: pod checkout-api-7d9f8c6b5d-x2k4p is OOMKilled and rate(http_requests_total[5m]) is up. We are rolling back.';
		expect(result(jargon, 'status.plain-language')?.result).toBe('not-met');
	});

	it('is deterministic and never throws on odd input', () => {
		for (const text of ['', '   ', '```\ncode\n```', '| a | b |', '💥'.repeat(50)]) {
			const r = scoreStatusUpdate(text);
			expect(r.score).toBeGreaterThanOrEqual(0);
			expect(r.score).toBeLessThanOrEqual(100);
		}
		expect(scoreStatusUpdate(GOOD)).toEqual(scoreStatusUpdate(GOOD));
	});
});
