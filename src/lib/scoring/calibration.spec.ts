/**
 * Calibration: hand-graded examples of each artifact kind (fixtures/<kind>/good-*.md, ok-*.md, bad-*.md) must be
 * ordered by the scorers as a reviewer ordered them — every good above every ok above every bad — and the good ones
 * must reach the upper band while the bad ones stay below it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scorePostmortem } from './postmortem';
import { UPPER_BAND_MIN } from './rubric';
import { scoreRunbook } from './runbook';
import { scoreStatusUpdate } from './status-update';
import type { ScoreReport } from './types';

type Grade = 'good' | 'ok' | 'bad';

const KINDS: [string, (text: string) => ScoreReport][] = [
	['status-update', (t) => scoreStatusUpdate(t)],
	['runbook', (t) => scoreRunbook(t)],
	['postmortem', (t) => scorePostmortem(t)]
];

function graded(kind: string): { file: string; grade: Grade; text: string }[] {
	const dir = fileURLToPath(new URL(`./fixtures/${kind}/`, import.meta.url));
	return readdirSync(dir)
		.filter((f) => /^(good|ok|bad)-\d+\.md$/.test(f))
		.sort()
		.map((file) => ({ file, grade: file.split('-')[0] as Grade, text: readFileSync(dir + file, 'utf8') }));
}

describe.each(KINDS)('calibration of %s', (kind, score) => {
	const examples = graded(kind).map((e) => ({ ...e, score: score(e.text).score }));
	const of = (g: Grade) => examples.filter((e) => e.grade === g);
	const describeScores = (list: typeof examples) => list.map((e) => `${e.file}=${e.score}`).join(', ');

	it('has at least 8 hand-graded examples, with every grade represented twice', () => {
		expect(examples.length).toBeGreaterThanOrEqual(8);
		for (const g of ['good', 'ok', 'bad'] as const) expect(of(g).length).toBeGreaterThanOrEqual(2);
	});

	it('scores every good example above every ok one, and every ok one above every bad one', () => {
		const minGood = Math.min(...of('good').map((e) => e.score));
		const maxOk = Math.max(...of('ok').map((e) => e.score));
		const minOk = Math.min(...of('ok').map((e) => e.score));
		const maxBad = Math.max(...of('bad').map((e) => e.score));
		expect(minGood, `good: ${describeScores(of('good'))}; ok: ${describeScores(of('ok'))}`).toBeGreaterThan(
			maxOk
		);
		expect(minOk, `ok: ${describeScores(of('ok'))}; bad: ${describeScores(of('bad'))}`).toBeGreaterThan(
			maxBad
		);
	});

	it('puts good examples in the upper band and bad ones below it', () => {
		for (const e of of('good')) expect(e.score, e.file).toBeGreaterThanOrEqual(UPPER_BAND_MIN);
		for (const e of of('bad')) expect(e.score, e.file).toBeLessThan(UPPER_BAND_MIN);
	});
});
