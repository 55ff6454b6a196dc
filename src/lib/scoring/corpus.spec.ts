/**
 * Real runbooks written by SRE teams (prometheus-operator, OpenShift, GitLab; see the corpus README) must score in
 * the upper band. The exceptions below are stubs: a page that only links elsewhere, or a page whose diagnosis or
 * mitigation section is empty or literally "TODO". Each exception is asserted to still fall below the band, so the
 * list stays honest when the scorer changes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UPPER_BAND_MIN } from './rubric';
import { scoreRunbook } from './runbook';

const CORPUS = fileURLToPath(new URL('../../../tests/corpus/runbooks/', import.meta.url));

const EXCEPTIONS: Record<string, string> = {
	'prometheus-operator-runbooks/node__NodeRAIDDiskFailure.md': 'one-line stub: only "See Node RAID Degraded"',
	'prometheus-operator-runbooks/prometheus__PrometheusOutOfOrderTimestamps.md':
		'one-line stub: only a link to a blog post',
	'prometheus-operator-runbooks/kube-state-metrics__KubeStateMetricsListErrors.md':
		'stub section: Mitigation is literally "TODO"',
	'prometheus-operator-runbooks/node__NodeClockNotSynchronising.md':
		'stub sections: Diagnosis is "TODO" and Mitigation only links to another page',
	'prometheus-operator-runbooks/prometheus-operator__PrometheusOperatorReconcileErrors.md':
		'stub section: the Mitigation heading has no content',
	'prometheus-operator-runbooks/general__InfoInhibitor.md':
		'not an operational alert: a helper for Alertmanager inhibition with nothing to diagnose, so its "Diagnosis" only restates when it fires'
};

function corpusFiles(): string[] {
	return readdirSync(CORPUS, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.flatMap((d) => readdirSync(CORPUS + d.name).map((f) => `${d.name}/${f}`))
		.filter((f) => f.endsWith('.md'))
		.sort();
}

describe('real runbooks from the shared corpus', () => {
	it('are present in tests/corpus, the copy of the shared corpus kept in the repository', () => {
		expect(existsSync(CORPUS), CORPUS).toBe(true);
		expect(corpusFiles().length).toBeGreaterThanOrEqual(30);
	});

	const files = existsSync(CORPUS) ? corpusFiles() : [];
	it.each(files.filter((f) => !(f in EXCEPTIONS)))('%s scores in the upper band', (file) => {
		const report = scoreRunbook(readFileSync(CORPUS + file, 'utf8'));
		const gaps = report.checks.filter((c) => c.result !== 'met').map((c) => `${c.id}: ${c.reason}`);
		expect(report.score, gaps.join('\n')).toBeGreaterThanOrEqual(UPPER_BAND_MIN);
	});

	it.each(Object.entries(EXCEPTIONS))('%s is a known stub (%s) and scores below the band', (file) => {
		expect(files).toContain(file);
		expect(scoreRunbook(readFileSync(CORPUS + file, 'utf8')).score).toBeLessThan(UPPER_BAND_MIN);
	});
});
