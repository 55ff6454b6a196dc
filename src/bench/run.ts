/**
 * `npm run bench`: how fast the simulator, the query engines and the scorers are on this machine. Every figure is
 * printed with its ratio to a fixed baseline workload measured in the same run, so numbers from different machines
 * (or a busy one) can be compared. Nothing here asserts: benchmarks print, tests test.
 */
import { performance } from 'node:perf_hooks';
import { evaluateRange } from '../lib/query/promql';
import { evaluateLogQuery } from '../lib/query/logql';
import { createDrill } from '../lib/sim/drill';
import { durationMs } from '../lib/sim/duration';
import { scorePostmortem } from '../lib/scoring/postmortem';
import { scoreRunbook } from '../lib/scoring/runbook';
import { scoreStatusUpdate } from '../lib/scoring/status-update';
import { loadBuiltIn } from '../cli/scenario-files';
import { benchProgressPage } from './progress';

interface Row {
	name: string;
	ms: number;
	note: string;
}

const rows: Row[] = [];

/** Median wall time of `fn` over `runs` runs (after one warm-up), in ms. */
function time(fn: () => void, runs = 5): number {
	fn();
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		fn();
		samples.push(performance.now() - t0);
	}
	samples.sort((a, b) => a - b);
	return samples[Math.floor(samples.length / 2)];
}

/** The baseline: a fixed numeric workload (10M multiply-adds over a typed array). */
function baseline(): number {
	const data = new Float64Array(1_000_000);
	for (let i = 0; i < data.length; i++) data[i] = (i % 97) / 97;
	return time(() => {
		let acc = 0;
		for (let r = 0; r < 10; r++) for (let i = 0; i < data.length; i++) acc = acc * 0.999999 + data[i];
		if (acc === -1) console.log(acc);
	}, 7);
}

async function main(): Promise<void> {
	const base = baseline();
	const { scenario, version } = loadBuiltIn('checkout-deploy-regression');

	// 1. Simulation: history (6 h of metrics, 1 h of logs) at creation, then a 90-minute drill.
	let drill = createDrill(scenario, { seed: 1, version });
	const creation = time(() => {
		drill = createDrill(scenario, { seed: 1, version });
	}, 3);
	rows.push({
		name: 'create drill (6 h history)',
		ms: creation,
		note: `${drill.metrics.seriesCount} series`
	});
	const ninety = durationMs('90m');
	const longScenario = { ...scenario, clock: { ...scenario.clock, timeLimit: '120m' } };
	const run = time(() => {
		const d = createDrill(longScenario, { seed: 1, version });
		const t0 = performance.now();
		d.advanceTo(ninety);
		runOnly.push(performance.now() - t0);
		drill = d;
	}, 3);
	const runMs = runOnly.sort((a, b) => a - b)[Math.floor(runOnly.length / 2)];
	rows.push({
		name: 'run 90 min of drill',
		ms: runMs,
		note: `${Math.round(ninety / runMs).toLocaleString('en')}× real time (sim s per wall s); ${drill.metrics.sampleCount.toLocaleString('en')} samples, ${drill.logs.size.toLocaleString('en')} log lines, total with creation ${run.toFixed(0)} ms`
	});

	// 2. PromQL: every dashboard query of the scenario as a 1-hour range query at 15 s steps.
	const exprs = scenario.dashboards.flatMap((d) => d.panels.flatMap((p) => p.queries.map((q) => q.expr)));
	const end = drill.startEpochMs + drill.now;
	const promql = time(() => {
		for (const e of exprs) evaluateRange(drill.metrics, e, end - 3_600_000, end, 15_000);
	});
	rows.push({
		name: `PromQL: ${exprs.length} dashboard queries, 1 h range`,
		ms: promql,
		note: `${(promql / exprs.length).toFixed(2)} ms per query`
	});
	const sixHours = time(() => {
		for (const e of exprs) evaluateRange(drill.metrics, e, end - 6 * 3_600_000, end, 60_000);
	});
	rows.push({ name: `PromQL: ${exprs.length} dashboard queries, 6 h range`, ms: sixHours, note: '' });

	// 3. LogQL over the drill's logs.
	const logql = time(() => {
		evaluateLogQuery(drill.logs, '{service="checkout-api"} |= "502" | logfmt | status >= 500', {
			start: end - 3_600_000,
			end,
			limit: 1000
		});
	});
	rows.push({
		name: 'LogQL: filter + logfmt + label filter, 1 h',
		ms: logql,
		note: `${drill.logs.size.toLocaleString('en')} lines in store`
	});

	// 4. Scoring written artifacts.
	const update =
		'14:24 UTC: About one in five card payments at checkout is failing since 14:15 UTC. We rolled back the release at 14:26 UTC and errors are falling. Next update by 14:45 UTC.';
	const runbook = scenario.runbooks[0].markdown;
	rows.push({ name: 'score a status update', ms: time(() => scoreStatusUpdate(update), 50), note: '' });
	rows.push({ name: 'score a runbook', ms: time(() => scoreRunbook(runbook), 50), note: '' });
	rows.push({
		name: 'score a postmortem',
		ms: time(
			() => scorePostmortem(POSTMORTEM, { events: drill.events, startEpochMs: drill.startEpochMs }),
			50
		),
		note: ''
	});

	// 5. The progress page's script work for 500 attempts.
	const progress = await benchProgressPage(500, time);
	rows.push(progress);

	console.log(`baseline workload: ${base.toFixed(1)} ms (ratios below are time ÷ baseline)\n`);
	const width = Math.max(...rows.map((r) => r.name.length));
	for (const r of rows) {
		console.log(
			`${r.name.padEnd(width)}  ${r.ms.toFixed(2).padStart(9)} ms  ×${(r.ms / base).toFixed(3).padStart(7)}  ${r.note}`
		);
	}
}

const runOnly: number[] = [];

const POSTMORTEM = `# Postmortem: checkout payments failing
## Summary
Card payments failed for about 20% of attempts for 12 minutes after a checkout release.
## Impact
About 1,900 payment attempts failed between 14:15 and 14:27 UTC.
## Timeline (UTC)
- 14:06 checkout-api v2.41.0 deployed
- 14:21 CheckoutHighErrorRate paged
- 14:22 acknowledged
- 14:25 rolled back to v2.40.3
- 14:26 Payments engaged
- 14:40 resolved
## Root cause
The new pooled transport capped the pool at 4 connections and leaked them on timeouts.
## Action items
- [ ] Set pool size from config — owner: Payments (Dana), due 2026-03-24
`;

main().catch((e: unknown) => {
	console.error(e);
	process.exitCode = 1;
});
