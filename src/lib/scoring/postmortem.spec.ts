import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expertLog, fixtureScenario, START_EPOCH_MS } from './fixtures/drill-scenario';
import { postmortemCompleteness, scorePostmortem } from './postmortem';
import { RED_FLAG_CAP } from './rubric';

const scenario = fixtureScenario();
const check = (md: string, id: string, ctx?: Parameters<typeof scorePostmortem>[1]) =>
	scorePostmortem(md, ctx).checks.find((c) => c.id === id);

/** A postmortem of the fixture drill (page 14:10 UTC, ack 14:12, rollback 14:15, Payments paged 14:16, mitigated 14:18). */
const DRILL_PM = `# Checkout payments failed after v2.41.0

## Summary
Release v2.41.0 shrank the payment client pool to 4 connections. About 20% of card payments failed for 8 minutes until
the release was rolled back.

## Impact
About 20% of card payments failed for 8 minutes; roughly 160 orders were not placed.

## Timeline (UTC)
| Time | Event |
|---|---|
| 14:10 | CheckoutHighErrorRate paged the on-call |
| 14:12 | On-call acknowledged the page |
| 14:15 | Rolled back checkout-api to v2.40.3 |
| 14:16 | Escalated to Payments on-call |
| 14:18 | Error rate back to normal; incident mitigated |

## Root cause
v2.41.0 switched the payment client to a pooled transport with only 4 connections; the pool was exhausted and payments
failed with 502.

## Contributing factors
- The canary watched only the cart route.

## What went well
- Evidence pointed at the release within 4 minutes.

## What went poorly
- The pool size came from a library default nobody reviewed.

## Action items
- Configure the pool size explicitly — owner: payments team — due 2026-04-01
- Add the pay route to the canary — owner: checkout team — due 2026-04-08
`;

describe('scorePostmortem', () => {
	it('checks the timeline against the event log', () => {
		const ctx = { events: expertLog(), startEpochMs: START_EPOCH_MS, answerKey: scenario.answerKey };
		expect(check(DRILL_PM, 'postmortem.timeline-accuracy', ctx)?.result).toBe('met');
		expect(scorePostmortem(DRILL_PM, ctx).score).toBe(100);
		const wrongTimes = DRILL_PM.replace('| 14:16 | Escalated', '| 14:31 | Escalated').replace(
			'| 14:18 |',
			'| 14:40 |'
		);
		const accuracy = check(wrongTimes, 'postmortem.timeline-accuracy', ctx);
		expect(accuracy?.result).toBe('partly');
		expect(accuracy?.reason).toContain('escalation at 14:16 UTC');
		expect(accuracy?.reason).toContain('resolution at 14:18 UTC');
	});

	it('accepts timelines written as offsets from the page', () => {
		const offsets = DRILL_PM.replace('| 14:10 |', '| T+0m |')
			.replace('| 14:12 |', '| T+2m |')
			.replace('| 14:15 |', '| T+5m |')
			.replace('| 14:16 |', '| T+6m |')
			.replace('| 14:18 |', '| T+8m |');
		expect(check(offsets, 'postmortem.timeline-accuracy', { events: expertLog() })?.result).toBe('met');
	});

	it('leaves timeline accuracy unassessed without an event log', () => {
		expect(check(DRILL_PM, 'postmortem.timeline-accuracy')?.result).toBe('not-assessed');
	});

	it('compares the root cause with the answer key', () => {
		const wrong = DRILL_PM.replace(
			/## Root cause\n[\s\S]*?## Contributing/,
			'## Root cause\nA DNS outage at the CDN made the site slow for everyone.\n\n## Contributing'
		);
		const rc = check(wrong, 'postmortem.root-cause', { answerKey: scenario.answerKey });
		expect(rc?.result).toBe('partly');
		expect(rc?.reason).toContain('does not match');
		expect(check(DRILL_PM, 'postmortem.root-cause', { answerKey: scenario.answerKey })?.result).toBe('met');
	});

	it('wants every action item to have an owner and a due date, and to be actionable', () => {
		const partial = DRILL_PM.replace('— owner: checkout team — due 2026-04-08', '');
		expect(check(partial, 'postmortem.action-items')?.reason).toContain('lacks an owner and a due date');
		const vague = DRILL_PM.replace('Add the pay route to the canary', 'Be more careful');
		expect(check(vague, 'postmortem.action-items')?.reason).toContain('not actionable');
		expect(check('# PM\n## Summary\nIt broke.', 'postmortem.action-items')?.result).toBe('not-met');
	});

	it('reads action items from a table with Owner and Due columns', () => {
		const table = DRILL_PM.replace(
			/## Action items\n[\s\S]*$/,
			'## Action items\n| Action | Owner | Due |\n|---|---|---|\n| Configure the pool size | payments | 2026-04-01 |\n| Canary the pay route | checkout | 2026-04-08 |\n'
		);
		expect(check(table, 'postmortem.action-items')?.result).toBe('met');
	});

	it('caps a postmortem that blames a person', () => {
		const blaming = DRILL_PM.replace(
			'## Root cause\n',
			'## Root cause\nPriya forgot to check the pool size before merging. '
		);
		const r = scorePostmortem(blaming);
		expect(r.checks.find((c) => c.id === 'postmortem.blameless')?.reason).toContain('Priya forgot');
		expect(r.score).toBeLessThanOrEqual(RED_FLAG_CAP);
	});

	it('wants impact in numbers and times with a zone', () => {
		expect(check('## Impact\nSome customers could not pay.', 'postmortem.impact')?.result).toBe('partly');
		const noZone = DRILL_PM.replace('## Timeline (UTC)', '## Timeline');
		expect(check(noZone, 'postmortem.timeline')?.result).toBe('partly');
	});

	it('reports documentation completeness (timeline, impact, root cause, action items)', () => {
		expect(postmortemCompleteness(scorePostmortem(DRILL_PM))).toEqual({
			complete: true,
			present: ['timeline', 'impact', 'root cause', 'action items'],
			missing: []
		});
		const thin = postmortemCompleteness(
			scorePostmortem('# PM\n## Summary\nWe rolled back and it recovered.')
		);
		expect(thin.complete).toBe(false);
		expect(thin.missing).toEqual(['timeline', 'impact', 'root cause', 'action items']);
	});

	it('understands plain-text postmortems with "Label:" lines', () => {
		const dir = fileURLToPath(new URL('./fixtures/postmortem/', import.meta.url));
		const r = scorePostmortem(readFileSync(dir + 'good-2.md', 'utf8'));
		expect(r.checks.filter((c) => c.result !== 'not-assessed').every((c) => c.result === 'met')).toBe(true);
	});
});
