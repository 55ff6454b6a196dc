import { describe, expect, it } from 'vitest';
import { expertLog, fixtureScenario, naiveLog, START_EPOCH_MS } from '../../scoring/fixtures/drill-scenario';
import { scorePostmortem } from '../../scoring/postmortem';
import { postmortemTemplate } from './templates';
import { drillTimeline, timelineInsertion, timelineMarkdown, utcClock } from './timeline';

const scenario = fixtureScenario((s) => {
	s.deploys = [
		{
			service: 'checkout-api',
			version: 'v2.41.0',
			previous: 'v2.40.3',
			author: 'jules',
			at: '-4m',
			message: 'Pooled HTTP/2 payment client'
		},
		{ service: 'inventory-api', version: 'v1.2.0', author: 'li', at: '-5h', message: 'Old release' }
	];
});

describe('drillTimeline', () => {
	const entries = drillTimeline(expertLog(), scenario, START_EPOCH_MS);
	const texts = entries.map((e) => `${e.clock} ${e.text}`);

	it('lists the key events in UTC with the release that preceded the page', () => {
		expect(texts[0]).toBe('14:06 checkout-api v2.41.0 released (from v2.40.3): Pooled HTTP/2 payment client');
		expect(texts).toContain(
			'14:10 CheckoutHighErrorRate paged the on-call (critical): Checkout error rate above 5%'
		);
		expect(texts).toContain('14:12 On-call acknowledged the CheckoutHighErrorRate page');
		expect(
			texts.some((t) => t.startsWith('14:15 On-call ran “Roll back” (service=checkout-api): Payment 502s'))
		).toBe(true);
		expect(
			texts.some((t) => t.startsWith('14:16 On-call paged Payments on-call: “Checkout payments fail'))
		).toBe(true);
		expect(texts).toContain('14:18 Service recovered: telemetry back to normal');
		expect(texts).toContain('14:19 Dana (Payments on-call) joined the incident');
		expect(texts.at(-1)).toBe(
			'14:45 On-call declared the incident resolved: Rolled back checkout-api v2.41.0'
		);
	});

	it('leaves out queries, views, noise alert states and releases long before the page', () => {
		expect(texts.some((t) => /query|logql|view|InventoryCPU|v1\.2\.0/.test(t))).toBe(false);
	});

	it('says when a drill ran out of time', () => {
		const naive = drillTimeline(naiveLog(), scenario, START_EPOCH_MS);
		expect(naive.at(-1)?.text).toBe('Drill reached its time limit with the incident open');
		expect(naive.filter((e) => e.text.startsWith('On-call ran “Restart”'))).toHaveLength(4);
	});
});

describe('timelineMarkdown', () => {
	it('is a table whose rows the postmortem scorer reads as accurate, UTC-stamped entries', () => {
		const table = timelineMarkdown(drillTimeline(expertLog(), scenario, START_EPOCH_MS));
		expect(table.split('\n').slice(0, 3)).toEqual([
			'| Time (UTC) | Event |',
			'| --- | --- |',
			'| 14:06 UTC | checkout-api v2.41.0 released (from v2.40.3): Pooled HTTP/2 payment client |'
		]);
		const report = scorePostmortem(`# Postmortem\n\n## Timeline\n\n${table}`, {
			events: expertLog(),
			startEpochMs: START_EPOCH_MS,
			answerKey: scenario.answerKey
		});
		const byId = new Map(report.checks.map((c) => [c.id, c.result]));
		expect(byId.get('postmortem.timeline')).toBe('met');
		expect(byId.get('postmortem.timeline-accuracy')).toBe('met');
	});

	it('escapes pipes so a quoted message cannot break the table', () => {
		const table = timelineMarkdown([{ at: 0, clock: '14:00', text: 'ran `a | b`' }]);
		expect(table).toContain('| 14:00 UTC | ran `a \\| b` |');
	});
});

describe('timelineInsertion', () => {
	const table = '| Time (UTC) | Event |\n| --- | --- |\n| 14:00 UTC | x |\n';

	it('goes under the Timeline heading, after its guidance comment', () => {
		const doc = postmortemTemplate();
		const { offset, text } = timelineInsertion(doc, table);
		const result = doc.slice(0, offset) + text + doc.slice(offset);
		const section = result.slice(result.indexOf('## Timeline'), result.indexOf('## Root cause'));
		expect(section).toMatch(
			/^## Timeline \(UTC\)\n<!--[\s\S]*?-->\n\n\| Time \(UTC\) \| Event \|\n[\s\S]*\| 14:00 UTC \| x \|\n\n$/
		);
	});

	it('adds a Timeline section at the end of a document without one', () => {
		const doc = '# Postmortem\n\nSummary text.';
		const { offset, text } = timelineInsertion(doc, table);
		expect(offset).toBe(doc.length);
		expect(doc + text).toBe(`# Postmortem\n\nSummary text.\n\n## Timeline (UTC)\n\n${table}`);
	});
});

describe('utcClock', () => {
	it('formats Unix ms as a UTC clock time', () => {
		expect(utcClock(Date.UTC(2026, 2, 17, 4, 5, 59))).toBe('04:05');
	});
});
