import { describe, expect, it } from 'vitest';
import { blocksUnder, inlineCode, parseOutline } from './outline';
import { findClockTimes, sentences } from './text';

describe('parseOutline', () => {
	it('reads front matter, headings, lists, code and tables into sections', () => {
		const o = parseOutline(
			[
				'---',
				'title: Disk full',
				'weight: 20',
				'---',
				'# DiskFull',
				'',
				'## Diagnosis',
				'',
				'1. Check usage:',
				'',
				'   ```shell',
				'   df -h /var',
				'   ```',
				'',
				'| Host | Use |',
				'|------|-----|',
				'| db-1 | 97% |',
				'',
				'### Logs',
				'Look at `journalctl -u postgres`.',
				'',
				'## Mitigation',
				'- Remove old WAL segments'
			].join('\n')
		);
		expect(o.frontMatter.weight).toBe('20');
		expect(o.title).toBe('Disk full');
		const diagnosis = blocksUnder(o, /diagnosis/i).map((b) => b.kind);
		expect(diagnosis).toEqual(['item', 'code', 'row', 'row', 'paragraph']);
		expect(blocksUnder(o, /mitigation/i).map((b) => b.text)).toEqual(['Remove old WAL segments']);
		expect(o.blocks.find((b) => b.kind === 'code')?.text).toBe('df -h /var');
	});

	it('turns known "Label:" lines into sections when asked to', () => {
		const o = parseOutline('Summary: it broke\nImpact: 5% of logins\nNote: not a section', {
			isLabel: (l) => /summary|impact/i.test(l)
		});
		expect(o.sections.map((s) => s.title)).toEqual(['', 'Summary', 'Impact']);
		expect(blocksUnder(o, /impact/i)[0].text).toBe('5% of logins\nNote: not a section');
	});

	it('finds inline code spans', () => {
		expect(inlineCode('Run `kubectl get pods` then ``a `b` c``.')).toEqual(['kubectl get pods', 'a `b` c']);
	});
});

describe('text helpers', () => {
	it('joins soft-wrapped lines but keeps list items apart', () => {
		expect(sentences('If the disk fills, writes\nfail. Then it stops.\n- one item\n- another')).toEqual([
			'If the disk fills, writes fail.',
			'Then it stops.',
			'- one item',
			'- another'
		]);
	});

	it('finds clock times with and without a zone, and shares the zone of a range', () => {
		const times = findClockTimes(
			'Between 14:02 and 14:41 UTC; next at 3:05 pm; deploy 2026-03-14T02:10:00Z.'
		);
		expect(times.map((t) => [t.minuteOfDay, t.utc])).toEqual([
			[14 * 60 + 2, true],
			[14 * 60 + 41, true],
			[15 * 60 + 5, false],
			[2 * 60 + 10, true]
		]);
		expect(times[3].epochMs).toBe(Date.UTC(2026, 2, 14, 2, 10, 0));
	});
});
