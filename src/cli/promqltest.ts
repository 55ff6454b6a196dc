/**
 * `pagerdrill promqltest <files|dirs…> [--json] [--verbose]`: runs Prometheus promqltest scripts against the
 * Pagerdrill PromQL engine and prints, per file, passed / failed / unsupported sections (with the unsupported
 * features named). Exit code 1 when any section fails or a file cannot be read.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runPromqltest, type PromqltestFileReport } from '../lib/query/promql/promqltest';

/** Expands directories to the `*.test` files they contain (sorted); keeps files as given. */
async function expand(paths: string[]): Promise<string[]> {
	const out: string[] = [];
	for (const p of paths) {
		const st = await stat(p);
		if (st.isDirectory()) {
			const names = (await readdir(p)).filter((n) => n.endsWith('.test')).sort();
			out.push(...names.map((n) => join(p, n)));
		} else out.push(p);
	}
	return out;
}

function summarizeFeatures(report: PromqltestFileReport): string {
	const counts = new Map<string, number>();
	for (const s of report.sections) {
		if (s.status !== 'unsupported' || !s.feature) continue;
		for (const f of s.feature.split('; ')) counts.set(f, (counts.get(f) ?? 0) + 1);
	}
	return [...counts].map(([f, n]) => (n > 1 ? `${f} ×${n}` : f)).join(', ');
}

function formatReport(report: PromqltestFileReport, verbose: boolean): string[] {
	const features = summarizeFeatures(report);
	const lines = [
		`${report.file}: ${report.passed} passed / ${report.failed} failed / ${report.unsupported} unsupported` +
			(features ? ` (${features})` : '') +
			` · evals ${report.evalsPassed}/${report.evalsTotal}`
	];
	for (const s of report.sections) {
		if (s.status === 'failed') {
			lines.push(`  ✗ section ${s.index} (line ${s.line})`);
			for (const f of s.failures ?? []) lines.push(`      ${f}`);
		} else if (verbose) {
			lines.push(
				`  ${s.status === 'passed' ? '✓' : '–'} section ${s.index} (line ${s.line})${s.feature ? `: ${s.feature}` : ''}`
			);
		}
	}
	return lines;
}

/**
 * Runs the given promqltest files (directories expand to their `*.test` files) and prints a report to stdout:
 * human-readable by default, the list of {@link PromqltestFileReport}s with `json`. Resolves to the process exit
 * code: 0 when no section failed, 1 otherwise or when a file cannot be read.
 */
export async function promqltestCommand(
	files: string[],
	opts: { json?: boolean; verbose?: boolean }
): Promise<number> {
	let paths: string[];
	try {
		paths = await expand(files);
	} catch (e) {
		console.error(`promqltest: ${(e as Error).message}`);
		return 1;
	}
	const reports: PromqltestFileReport[] = [];
	let unreadable = false;
	for (const path of paths) {
		let source: string;
		try {
			source = await readFile(path, 'utf8');
		} catch (e) {
			console.error(`promqltest: cannot read ${path}: ${(e as Error).message}`);
			unreadable = true;
			continue;
		}
		reports.push(runPromqltest(source, basename(path)));
	}
	const failed = reports.reduce((n, r) => n + r.failed, 0);
	if (opts.json) {
		console.log(JSON.stringify(reports, null, 2));
	} else {
		for (const r of reports) console.log(formatReport(r, opts.verbose ?? false).join('\n'));
		const sum = (k: 'passed' | 'unsupported' | 'evalsPassed' | 'evalsTotal' | 'annotationsNotChecked') =>
			reports.reduce((n, r) => n + r[k], 0);
		console.log(
			`total: ${sum('passed')} passed / ${failed} failed / ${sum('unsupported')} unsupported sections · ` +
				`evals ${sum('evalsPassed')}/${sum('evalsTotal')}`
		);
		const skipped = sum('annotationsNotChecked');
		if (skipped > 0)
			console.log(`note: ${skipped} expect warn/info/no_warn/no_info annotation checks were not checked`);
	}
	return failed > 0 || unreadable ? 1 : 0;
}
