import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { promqltestCommand } from './promqltest';

const PASSING = 'load 1m\n\tm 1+1x5\n\neval instant at 2m m\n\tm 3\n';
const FAILING = 'load 1m\n\tm 1+1x5\n\neval instant at 2m m\n\tm 4\n';

function dirWith(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'promqltest-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	return dir;
}

function captureOutput(): { lines: string[]; errors: string[] } {
	const out = { lines: [] as string[], errors: [] as string[] };
	vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.lines.push(a.join(' ')));
	vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.errors.push(a.join(' ')));
	return out;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('promqltestCommand', () => {
	it('prints passed/partial/failed/unsupported sections per file and exits 0 when nothing fails', async () => {
		const dir = dirWith({
			'a.test': PASSING,
			'b.test': 'load 1m\n\th {{sum:1 count:1}}\n\neval instant at 0 h\n',
			'c.test':
				'load 1m\n\th {{sum:1 count:1}}\n\tm 1\n\neval instant at 0 m\n\tm 1\n\neval instant at 0 count(h)\n\t{} 1\n'
		});
		const out = captureOutput();
		expect(await promqltestCommand([dir], {})).toBe(0);
		expect(out.lines[0]).toBe(
			'a.test: 1 passed / 0 partial / 0 failed / 0 unsupported sections · evals 1/1 passed'
		);
		expect(out.lines[1]).toBe(
			'b.test: 0 passed / 0 partial / 0 failed / 1 unsupported sections · evals 0/1 passed, 1 unsupported ' +
				'(native histogram series ×1)'
		);
		expect(out.lines[2]).toBe(
			'c.test: 0 passed / 1 partial / 0 failed / 0 unsupported sections · evals 1/2 passed, 1 unsupported ' +
				'(native histogram series ×1)'
		);
		expect(out.lines[3]).toBe(
			'total: 1 passed / 1 partial / 0 failed / 1 unsupported sections · evals 2/4 passed, 2 unsupported ' +
				'(native histogram series ×2)'
		);
	});

	it('lists every section and unsupported eval with --verbose', async () => {
		const dir = dirWith({
			'c.test':
				'load 1m\n\th {{sum:1 count:1}}\n\tm 1\n\neval instant at 0 m\n\tm 1\n\neval instant at 0 count(h)\n\t{} 1\n'
		});
		const out = captureOutput();
		expect(await promqltestCommand([dir], { verbose: true })).toBe(0);
		expect(out.lines[0].split('\n').slice(1)).toEqual([
			'  ◐ section 1 (line 1) partial, evals 1/2',
			'      – line 8: count(h): native histogram series (h)'
		]);
	});

	it('exits 1 and shows the failing eval when a section fails', async () => {
		const dir = dirWith({ 'bad.test': FAILING });
		const out = captureOutput();
		expect(await promqltestCommand([join(dir, 'bad.test')], {})).toBe(1);
		expect(out.lines.join('\n')).toContain('line 4: m: expected 4 for m, got 3');
	});

	it('prints JSON reports with --json', async () => {
		const dir = dirWith({ 'a.test': PASSING });
		const out = captureOutput();
		expect(await promqltestCommand([join(dir, 'a.test')], { json: true })).toBe(0);
		const reports = JSON.parse(out.lines.join('\n'));
		expect(reports[0]).toMatchObject({
			file: 'a.test',
			passed: 1,
			partial: 0,
			failed: 0,
			unsupported: 0,
			evalsPassed: 1,
			evalsUnsupported: 0,
			evalsTotal: 1
		});
		expect(reports[0].sections[0]).toMatchObject({ status: 'passed', evalsPassed: 1, evalsTotal: 1 });
	});

	it('exits 1 when a file cannot be read', async () => {
		const out = captureOutput();
		expect(await promqltestCommand([join(tmpdir(), 'no-such-file.test')], {})).toBe(1);
		expect(out.errors[0]).toMatch(/^promqltest: /);
	});
});
