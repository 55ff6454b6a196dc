/**
 * `pagerdrill promqltest <files|dirs…> [--json] [--verbose]`: runs Prometheus promqltest scripts against the
 * Pagerdrill PromQL engine and prints, per file, passed / partial / failed / unsupported sections and eval counts,
 * with the features of unsupported evals named (`--verbose` lists every section and unsupported eval). Exit code
 * 1 when any section fails or a file cannot be read.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
	featureCategory,
	runPromqltest,
	type PromqltestFileReport,
	type PromqltestSectionReport
} from '../lib/query/promql/promqltest';

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

/** Unsupported evals counted by feature, e.g. `native histogram series ×40, histogram_count() on native histograms ×2`. */
function summarizeFeatures(reports: PromqltestFileReport[]): string {
	const counts = new Map<string, number>();
	for (const r of reports)
		for (const s of r.sections)
			for (const u of s.unsupportedEvals ?? []) {
				const f = featureCategory(u.feature);
				counts.set(f, (counts.get(f) ?? 0) + 1);
			}
	return [...counts].map(([f, n]) => `${f} ×${n}`).join(', ');
}

type Counts = Pick<
	PromqltestFileReport,
	'passed' | 'partial' | 'failed' | 'unsupported' | 'evalsPassed' | 'evalsUnsupported' | 'evalsTotal'
>;

function formatCounts(c: Counts): string {
	return (
		`${c.passed} passed / ${c.partial} partial / ${c.failed} failed / ${c.unsupported} unsupported sections · ` +
		`evals ${c.evalsPassed}/${c.evalsTotal} passed` +
		(c.evalsUnsupported > 0 ? `, ${c.evalsUnsupported} unsupported` : '')
	);
}

const MARK: Record<PromqltestSectionReport['status'], string> = {
	passed: '✓',
	partial: '◐',
	failed: '✗',
	unsupported: '–'
};

function formatReport(report: PromqltestFileReport, verbose: boolean): string[] {
	const features = summarizeFeatures([report]);
	const lines = [`${report.file}: ${formatCounts(report)}` + (features ? ` (${features})` : '')];
	for (const s of report.sections) {
		if (s.status !== 'failed' && !verbose) continue;
		const evals = `evals ${s.evalsPassed}/${s.evalsTotal}`;
		lines.push(`  ${MARK[s.status]} section ${s.index} (line ${s.line}) ${s.status}, ${evals}`);
		for (const f of s.failures ?? []) lines.push(`      ${f}`);
		if (verbose)
			for (const u of s.unsupportedEvals ?? []) lines.push(`      – line ${u.line}: ${u.expr}: ${u.feature}`);
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
		const sum = (k: keyof Counts | 'annotationsNotChecked') => reports.reduce((n, r) => n + r[k], 0);
		const total: Counts = {
			passed: sum('passed'),
			partial: sum('partial'),
			failed,
			unsupported: sum('unsupported'),
			evalsPassed: sum('evalsPassed'),
			evalsUnsupported: sum('evalsUnsupported'),
			evalsTotal: sum('evalsTotal')
		};
		const features = summarizeFeatures(reports);
		console.log(`total: ${formatCounts(total)}` + (features ? ` (${features})` : ''));
		const skipped = sum('annotationsNotChecked');
		if (skipped > 0)
			console.log(`note: ${skipped} expect warn/info/no_warn/no_info annotation checks were not checked`);
	}
	return failed > 0 || unreadable ? 1 : 0;
}
