import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scoreCommand } from './score';

let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'pagerdrill-score-'));
	out = [];
	err = [];
	vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
		out.push(String(chunk));
		return true;
	});
	vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
		err.push(String(chunk));
		return true;
	});
});

afterEach(() => {
	vi.restoreAllMocks();
	rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
};

describe('scoreCommand', () => {
	it('prints JSON with the score and id, result, weight and reason of every check', async () => {
		const path = file('update.md', 'Investigating.');
		expect(await scoreCommand('status-update', path, { json: true })).toBe(0);
		const parsed = JSON.parse(out.join(''));
		expect(Object.keys(parsed)).toEqual(['score', 'checks']);
		expect(parsed.score).toBeLessThan(25);
		const specific = parsed.checks.find((c: { id: string }) => c.id === 'status.specific');
		expect(specific).toEqual({
			id: 'status.specific',
			result: 'not-met',
			weight: expect.any(Number),
			reason: 'Says only "Investigating."'
		});
		for (const c of parsed.checks) expect(Object.keys(c)).toEqual(['id', 'result', 'weight', 'reason']);
	});

	it('prints a readable report with the band and what good looks like', async () => {
		const path = file('runbook.md', '# High CPU\n\nCheck if things look ok. Restart the server.');
		expect(await scoreCommand('runbook', path, {})).toBe(0);
		const text = out.join('');
		expect(text).toMatch(/^runbook .*runbook\.md: \d+\/100 — Weak \(suggested rating 1\/4\)/);
		expect(text).toContain('✗ not-met');
		expect(text).toContain('runbook.verification');
		expect(text).toContain('good: Verify:');
	});

	it('scores postmortems', async () => {
		const path = file(
			'pm.md',
			'# Postmortem\n\n## Summary\nThe login service failed for 20 minutes after a certificate expired.'
		);
		expect(await scoreCommand('postmortem', path, { json: true })).toBe(0);
		expect(JSON.parse(out.join('')).checks.map((c: { id: string }) => c.id)).toContain('postmortem.timeline');
	});

	it('returns 1 with a message when the file cannot be read', async () => {
		expect(await scoreCommand('runbook', join(dir, 'missing.md'), {})).toBe(1);
		expect(err.join('')).toContain('cannot read');
		expect(out).toEqual([]);
	});
});
