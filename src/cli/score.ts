/**
 * `pagerdrill score <kind> <file> [--json]`: scores a written artifact (a status update, a runbook or a postmortem)
 * against the rubric and prints the score and every check. Reading the file is the only side effect besides output.
 */
import { readFile } from 'node:fs/promises';
import { scorePostmortem } from '../lib/scoring/postmortem';
import { bandFor } from '../lib/scoring/rubric';
import { scoreRunbook } from '../lib/scoring/runbook';
import { scoreStatusUpdate } from '../lib/scoring/status-update';
import type { CheckResult, ScoreReport } from '../lib/scoring/types';

export type ArtifactKind = 'status-update' | 'runbook' | 'postmortem';

const SCORERS: Record<ArtifactKind, (text: string) => ScoreReport> = {
	'status-update': (text) => scoreStatusUpdate(text),
	runbook: (text) => scoreRunbook(text),
	postmortem: (text) => scorePostmortem(text)
};

const MARK: Record<CheckResult, string> = { met: '✓', partly: '~', 'not-met': '✗', 'not-assessed': '·' };

/** The report as the CLI prints it with `--json`: the score and, per check, id, result, weight and reason. */
export function reportJson(report: ScoreReport): string {
	const checks = report.checks.map((c) => ({
		id: c.id,
		result: c.result,
		weight: c.weight,
		reason: c.reason
	}));
	return JSON.stringify({ score: report.score, checks }, null, 2);
}

/** The report as readable text: a headline with the band, then one line per check and what good looks like. */
export function reportText(kind: ArtifactKind, file: string, report: ScoreReport): string {
	const band = bandFor(report.score);
	const idWidth = Math.max(...report.checks.map((c) => c.id.length));
	const lines = [
		`${kind} ${file}: ${report.score}/100 — ${band.label} (suggested rating ${band.rating}/4)`,
		''
	];
	for (const c of report.checks) {
		lines.push(
			`${MARK[c.result]} ${c.result.padEnd(12)} ${c.id.padEnd(idWidth)} ${String(c.weight).padStart(3)}  ${c.reason}`
		);
		if (c.result === 'partly' || c.result === 'not-met')
			lines.push(`  ${' '.repeat(12 + idWidth + 5)} good: ${c.good}`);
	}
	return lines.join('\n');
}

/**
 * Scores `file` as an artifact of `kind` and prints the report to stdout (JSON with `opts.json`). Resolves to the
 * process exit code: 0 once scored (whatever the score), 1 when the kind is unknown or the file cannot be read.
 */
export async function scoreCommand(
	kind: ArtifactKind,
	file: string,
	opts: { json?: boolean }
): Promise<number> {
	const scorer = SCORERS[kind];
	if (!scorer) {
		process.stderr.write(
			`unknown artifact kind "${String(kind)}" (use status-update, runbook or postmortem)\n`
		);
		return 1;
	}
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (err) {
		process.stderr.write(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
		return 1;
	}
	const report = scorer(text);
	process.stdout.write((opts.json ? reportJson(report) : reportText(kind, file, report)) + '\n');
	return 0;
}
