/**
 * The script work of the progress page for a trainee with `n` attempts: read them from IndexedDB (Dexie over
 * fake-indexeddb in Node), then compute the 30/60/90-day plan, the KPI trends, the skill breakdown and the next
 * drill suggestion — what the page does before it renders.
 */
import 'fake-indexeddb/auto';
import { openIndexedDb } from '../lib/persistence/db';
import { listAttempts, putAttempts } from '../lib/persistence/attempts';
import { defaultPlan, evaluatePlan } from '../lib/progress/plan';
import { kpiSeries, skillBreakdown, suggestNextDrill } from '../lib/progress/trends';
import { seedSyntheticAttempts } from '../lib/progress/synthetic';

export async function benchProgressPage(
	n: number,
	time: (fn: () => void, runs?: number) => number
): Promise<{ name: string; ms: number; note: string }> {
	const attempts = seedSyntheticAttempts(n, { seed: 1, profileId: 'bench' });
	const db = await openIndexedDb({ name: `pagerdrill-bench-${n}` });
	await putAttempts(db, attempts);
	const catalog = [
		...new Map(
			attempts.map((a) => [
				a.scenarioId,
				{ id: a.scenarioId, skills: a.scenarioSkills, level: a.scenarioLevel }
			])
		).values()
	];
	const plan = defaultPlan('2026-01-05');
	const compute = (rows: typeof attempts) => {
		evaluatePlan(plan, rows, '2026-05-01');
		kpiSeries(rows);
		skillBreakdown(rows);
		suggestNextDrill(rows, catalog);
	};
	const reads: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		await listAttempts(db, 'bench');
		reads.push(performance.now() - t0);
	}
	reads.sort((a, b) => a - b);
	const rows = await listAttempts(db, 'bench');
	const computeMs = time(() => compute(rows));
	const readMs = reads[2];
	return {
		name: `progress page, ${n} attempts (read + compute)`,
		ms: readMs + computeMs,
		note: `read ${readMs.toFixed(1)} ms (fake-indexeddb, slower than a browser), compute ${computeMs.toFixed(1)} ms; goal < 100 ms`
	};
}
