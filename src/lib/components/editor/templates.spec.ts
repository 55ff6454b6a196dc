import { describe, expect, it } from 'vitest';
import { scorePostmortem } from '../../scoring/postmortem';
import { scoreRunbook } from '../../scoring/runbook';
import { isBlankOrTemplate, postmortemTemplate, runbookTemplate, templateFor } from './templates';

const headings = (md: string) => md.split('\n').filter((l) => l.startsWith('## '));

describe('runbookTemplate', () => {
	it('has the seven runbook sections under the alert name', () => {
		const md = runbookTemplate({ alertName: 'CheckoutHighErrorRate' });
		expect(md.startsWith('# CheckoutHighErrorRate\n')).toBe(true);
		expect(headings(md)).toEqual([
			'## Meaning',
			'## Impact',
			'## Diagnosis',
			'## Mitigation',
			'## Verify',
			'## Rollback',
			'## Escalate'
		]);
	});

	it('earns almost nothing untouched: the guidance is not the trainee’s work', () => {
		const report = scoreRunbook(runbookTemplate({ alertName: 'CheckoutHighErrorRate' }), {
			alertName: 'CheckoutHighErrorRate'
		});
		expect(report.score).toBeLessThan(15);
		expect(report.checks.filter((c) => c.result === 'met')).toEqual([]);
	});

	it('scores in the upper band once the sections are filled in', () => {
		const md = runbookTemplate({ alertName: 'CheckoutHighErrorRate' })
			.replace(
				'## Meaning\n',
				'## Meaning\nFires when more than 2% of checkout-api requests fail with 5xx for 2 minutes.\n'
			)
			.replace('## Impact\n', '## Impact\nCustomers cannot pay at checkout; every minute loses orders.\n')
			.replace(
				'## Diagnosis\n',
				'## Diagnosis\n1. Run `sum by (route) (rate(http_requests_total{service="checkout-api",code=~"5.."}[5m]))` and see which route fails.\n2. Run `kubectl rollout history deploy/checkout-api` and compare the release time with the start of the errors.\n'
			)
			.replace(
				'## Mitigation\n',
				'## Mitigation\n- If a release started it: `kubectl rollout undo deploy/checkout-api`.\n- If the payment provider fails: enable the `payments-fallback` flag.\n'
			)
			.replace(
				'## Verify\n',
				'## Verify\nThe error-rate panel is back under 1% within 5 minutes and the alert resolves.\n'
			)
			.replace(
				'## Rollback\n',
				'## Rollback\nTo undo, run `kubectl rollout undo` again to restore the newer release.\n'
			)
			.replace(
				'## Escalate\n',
				'## Escalate\nIf errors persist 15 minutes after the rollback, page the payments on-call in #payments.\n'
			);
		expect(scoreRunbook(md, { alertName: 'CheckoutHighErrorRate' }).score).toBeGreaterThanOrEqual(75);
	});
});

describe('postmortemTemplate', () => {
	it('has the postmortem sections, a UTC timeline and action items', () => {
		const md = postmortemTemplate({ title: 'Card payments failing', date: '2026-03-17' });
		expect(md.startsWith('# Postmortem: Card payments failing, 2026-03-17\n')).toBe(true);
		expect(headings(md)).toEqual([
			'## Summary',
			'## Impact',
			'## Timeline (UTC)',
			'## Root cause',
			'## Contributing factors',
			'## What went well',
			'## What went poorly',
			'## Action items'
		]);
	});

	it('earns little untouched', () => {
		expect(scorePostmortem(postmortemTemplate()).score).toBeLessThan(20);
	});
});

describe('isBlankOrTemplate', () => {
	it('is true for empty text and for an untouched template with any context', () => {
		expect(isBlankOrTemplate('  \n', 'runbook')).toBe(true);
		expect(isBlankOrTemplate(runbookTemplate({ alertName: 'DiskFull' }), 'runbook')).toBe(true);
		expect(isBlankOrTemplate(templateFor('postmortem', { title: 'x' }), 'postmortem')).toBe(true);
	});

	it('is false as soon as the trainee wrote something of their own', () => {
		const md = runbookTemplate({ alertName: 'DiskFull' }).replace('## Impact\n', '## Impact\nWrites fail.\n');
		expect(isBlankOrTemplate(md, 'runbook')).toBe(false);
		expect(isBlankOrTemplate('# My own runbook', 'runbook')).toBe(true);
		expect(isBlankOrTemplate('# My own runbook\n\nCheck the disk.', 'runbook')).toBe(false);
	});
});
