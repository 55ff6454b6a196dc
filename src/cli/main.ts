/**
 * `pagerdrill` — the command-line side of Pagerdrill: validate, run, query and test scenarios headless, run
 * Prometheus's promqltest scripts, and score written artifacts.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { evaluateInstant } from '../lib/query/promql';
import { QueryError } from '../lib/query/types';
import { createDrill } from '../lib/sim/drill';
import { durationMs, formatDuration, formatOffset } from '../lib/sim/duration';
import { analyseMachineGraph } from '../lib/sim/incident-machine';
import { formatProblem } from '../lib/sim/scenario/load';
import { Scenario } from '../lib/sim/scenario/schema';
import { compareSummaries, summarizeScenario } from '../lib/sim/scenario/summary';
import type { DrillEvent, TimedTraineeEvent } from '../lib/sim/types';
import { parsePlaythroughFile, runPlaythrough } from '../lib/scenarios/playthrough';
import { scoreDrill } from '../lib/scoring/drill';
import {
	builtInScenarioFiles,
	displayPath,
	loadBuiltIn,
	loadScenarioFile,
	playthroughFileFor,
	SCENARIO_DIR
} from './scenario-files';

const HELP = `pagerdrill — practise on-call on simulated incidents

Usage: pagerdrill <command> [options]

Commands:
  list                                   the built-in scenarios
  check [files…]                         validate scenario files (default: all built-in); exit 1 on errors
  run <id> --seed N [--actions f.json] [--until 90m] [--json]
                                         run a drill headless; print the event log and final state
  query <id> --seed N --at 12m [--actions f.json] '<promql>'
                                         evaluate a PromQL query at a sim time
  test [ids…]                            run the scenarios' playthrough tests
  promqltest <files…> [--json] [--verbose]
                                         run Prometheus promqltest scripts against the evaluator
  score status-update|runbook|postmortem <file> [--json]
                                         score a written artifact against the rubric
  schema                                 print the scenario JSON Schema

Times are sim durations since the drill started (30s, 12m, 1h5m).
The actions file is a JSON list of trainee events: [{ "at": "2m", "type": "alert.ack", "pageId": "P001" }, …]
(see scenarios/README.md for every event type).`;

/** Entry point; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	switch (command) {
		case 'list':
			return list();
		case 'check':
			return check(rest);
		case 'run':
			return run(rest);
		case 'query':
			return query(rest);
		case 'test':
			return test(rest);
		case 'promqltest': {
			const { values, positionals } = parseArgs({
				args: rest,
				allowPositionals: true,
				options: { json: { type: 'boolean' }, verbose: { type: 'boolean' } }
			});
			if (positionals.length === 0) return usage('promqltest needs at least one file');
			const { promqltestCommand } = await import('./promqltest');
			return promqltestCommand(positionals, { json: values.json, verbose: values.verbose });
		}
		case 'score': {
			const { values, positionals } = parseArgs({
				args: rest,
				allowPositionals: true,
				options: { json: { type: 'boolean' }, scenario: { type: 'string' } }
			});
			const [kind, file] = positionals;
			if (kind !== 'status-update' && kind !== 'runbook' && kind !== 'postmortem')
				return usage('score needs a kind: status-update, runbook or postmortem');
			if (!file) return usage('score needs a file');
			const { scoreCommand } = await import('./score');
			return scoreCommand(kind, file, { json: values.json });
		}
		case 'schema':
			console.log(JSON.stringify(scenarioJsonSchema(), null, 2));
			return 0;
		case undefined:
		case 'help':
		case '--help':
		case '-h':
			console.log(HELP);
			return 0;
		default:
			return usage(`unknown command "${command}"`);
	}
}

function usage(message: string): number {
	console.error(`pagerdrill: ${message}\n\n${HELP}`);
	return 2;
}

function list(): number {
	const rows = builtInScenarioFiles().map((f) => {
		const r = loadScenarioFile(f);
		if (!r.ok) return { id: displayPath(f), line: `INVALID (run pagerdrill check)` };
		const s = summarizeScenario(r.scenario, r.version);
		return { summary: s, id: s.id, line: '' };
	});
	const valid = rows.flatMap((r) => ('summary' in r && r.summary ? [r.summary] : [])).sort(compareSummaries);
	const width = Math.max(...valid.map((s) => s.id.length), 10);
	for (const s of valid) {
		console.log(
			`${s.id.padEnd(width)}  ${s.difficulty.padEnd(8)}  ${String(s.estimatedMinutes).padStart(3)} min  ${s.title}  [${s.skills.join(', ')}]`
		);
	}
	for (const r of rows) if (!('summary' in r)) console.log(`${r.id}  ${r.line}`);
	console.log(`\n${valid.length} scenario(s)`);
	return rows.every((r) => 'summary' in r) ? 0 : 1;
}

function check(files: string[]): number {
	const paths = files.length > 0 ? files : builtInScenarioFiles();
	let failed = 0;
	for (const path of paths) {
		let r;
		try {
			r = loadScenarioFile(path);
		} catch (e) {
			console.error(`${displayPath(path)}: cannot read: ${(e as Error).message}`);
			failed++;
			continue;
		}
		if (!r.ok) {
			for (const p of r.problems) console.error(formatProblem(p));
			console.error(
				`${displayPath(path)}: FAILED (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'})`
			);
			failed++;
			continue;
		}
		const graph = analyseMachineGraph(r.scenario);
		const problems: string[] = [];
		for (const s of graph.unreachable)
			problems.push(`incident.states.${s}: state can never be reached from "${r.scenario.incident.initial}"`);
		for (const s of graph.deadEnds)
			problems.push(`incident.states.${s}: no way from this state to a final state`);
		const pt = playthroughFileFor(path);
		if (pt) {
			try {
				const spec = parsePlaythroughFile(readFileSync(pt, 'utf8'), displayPath(pt));
				if (spec.scenario !== r.scenario.metadata.id)
					problems.push(
						`${displayPath(pt)}: names scenario "${spec.scenario}", expected "${r.scenario.metadata.id}"`
					);
			} catch (e) {
				problems.push((e as Error).message);
			}
		} else if (path.startsWith(SCENARIO_DIR)) {
			problems.push('no playthrough file beside the scenario (expected <id>.playthrough.yaml)');
		}
		if (problems.length > 0) {
			for (const p of problems) console.error(`${displayPath(path)}: ${p}`);
			console.error(`${displayPath(path)}: FAILED`);
			failed++;
			continue;
		}
		const rules = r.scenario.alerting.groups.reduce((n, g) => n + g.rules.length, 0);
		console.log(
			`${displayPath(path)}: OK (${rules} rules, ${Object.keys(r.scenario.incident.states).length} states, ${r.scenario.actions.length} actions, version ${r.version})`
		);
	}
	return failed > 0 ? 1 : 0;
}

const ActionsFile = z.array(z.looseObject({ at: z.union([z.string(), z.number()]), type: z.string() }));

function readActions(path: string | undefined): TimedTraineeEvent[] {
	if (!path) return [];
	const parsed = ActionsFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
	if (!parsed.success) {
		const i = parsed.error.issues[0];
		throw new Error(`${path}: [${i.path.join('.')}]: ${i.message}`);
	}
	return parsed.data
		.map((e) => ({ ...e, at: durationMs(e.at) }) as unknown as TimedTraineeEvent)
		.sort((a, b) => a.at - b.at);
}

function run(args: string[]): number {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			seed: { type: 'string', default: '1' },
			actions: { type: 'string' },
			until: { type: 'string' },
			json: { type: 'boolean' }
		}
	});
	const id = positionals[0];
	if (!id) return usage('run needs a scenario id');
	const loaded = loadBuiltInOrFile(id);
	const events = readActions(values.actions);
	const drill = createDrill(loaded.scenario, { seed: Number(values.seed), version: loaded.version, events });
	drill.advanceTo(durationMs(values.until ?? loaded.scenario.clock.timeLimit));
	const scorecard = scoreDrill({
		scenario: loaded.scenario,
		events: drill.events,
		startEpochMs: drill.startEpochMs
	});
	const final = {
		now: drill.now,
		phase: drill.phase,
		ended: drill.ended,
		services: drill.services(),
		alerts: drill.alerts(),
		pages: drill.pages(),
		series: drill.metrics.seriesCount,
		samples: drill.metrics.sampleCount,
		logLines: drill.logs.size
	};
	if (values.json) {
		console.log(
			JSON.stringify(
				{
					scenario: loaded.scenario.metadata.id,
					seed: drill.seed,
					version: loaded.version,
					events: drill.events,
					final,
					scorecard
				},
				null,
				2
			)
		);
		return 0;
	}
	for (const e of drill.events) console.log(formatEvent(e));
	console.log(
		`\nphase ${final.phase} · ${final.ended ? `ended (${final.ended.reason}) at ${formatOffset(final.ended.at)}` : `running at ${formatOffset(final.now)}`}`
	);
	console.log(`${final.series} series, ${final.samples} samples, ${final.logLines} log lines`);
	console.log(`score ${scorecard.score}/100`);
	return 0;
}

function query(args: string[]): number {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			seed: { type: 'string', default: '1' },
			at: { type: 'string', default: '0s' },
			actions: { type: 'string' }
		}
	});
	const [id, expr] = positionals;
	if (!id || !expr) return usage('query needs a scenario id and a PromQL expression');
	const loaded = loadBuiltInOrFile(id);
	const drill = createDrill(loaded.scenario, {
		seed: Number(values.seed),
		version: loaded.version,
		events: readActions(values.actions)
	});
	const at = durationMs(values.at);
	drill.advanceTo(at);
	try {
		const result = evaluateInstant(drill.metrics, expr, drill.startEpochMs + drill.now);
		console.log(JSON.stringify(result, null, 2));
		return 0;
	} catch (e) {
		if (e instanceof QueryError) {
			const pos = e.position(expr);
			console.error(
				`${expr}\n${' '.repeat(e.from)}${'^'.repeat(Math.max(1, e.to - e.from))}\n${pos.line}:${pos.column}: ${e.message}`
			);
			return 1;
		}
		throw e;
	}
}

function test(ids: string[]): number {
	const files = ids.length > 0 ? ids.map((id) => loadBuiltIn(id).file) : builtInScenarioFiles();
	let passed = 0;
	let failed = 0;
	for (const file of files) {
		const r = loadScenarioFile(file);
		if (!r.ok) {
			console.log(`✗ ${displayPath(file)}: invalid scenario (run pagerdrill check)`);
			failed++;
			continue;
		}
		const pt = playthroughFileFor(file);
		if (!pt) {
			console.log(`✗ ${r.scenario.metadata.id}: no playthrough file`);
			failed++;
			continue;
		}
		const spec = parsePlaythroughFile(readFileSync(pt, 'utf8'), displayPath(pt));
		for (const p of spec.playthroughs) {
			const res = runPlaythrough(r.scenario, p, r.version);
			const mark = res.passed ? '✓' : '✗';
			const mitigated =
				res.mitigatedAt === null ? 'not mitigated' : `mitigated at ${formatDuration(res.mitigatedAt)}`;
			console.log(
				`${mark} ${r.scenario.metadata.id} › ${p.name}: ${res.end}, ${mitigated}, score ${res.score}`
			);
			for (const f of res.failures) console.log(`    ${f}`);
			if (res.passed) passed++;
			else failed++;
		}
	}
	console.log(`\n${passed} passed, ${failed} failed`);
	return failed > 0 ? 1 : 0;
}

function loadBuiltInOrFile(idOrPath: string) {
	if (idOrPath.endsWith('.yaml')) {
		const r = loadScenarioFile(idOrPath);
		if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
		return r;
	}
	return loadBuiltIn(idOrPath);
}

/** One line per event, for humans. */
export function formatEvent(e: DrillEvent): string {
	const t = formatOffset(e.at).padStart(8);
	const { seq: _s, at: _a, actor, type, ...rest } = e as DrillEvent & Record<string, unknown>;
	const detail = Object.entries(rest)
		.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
		.join(' ');
	return `${t}  ${actor === 'trainee' ? '>' : ' '} ${type.padEnd(24)} ${detail}`;
}

/** JSON Schema of the scenario format, for editors. */
export function scenarioJsonSchema(): unknown {
	const schema = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
	return {
		$id: 'https://pagerdrill.dev/schemas/scenario-v1.json',
		title: 'Pagerdrill scenario (pagerdrill/v1)',
		...schema
	};
}

const isEntry = process.argv[1] && /(main\.ts|pagerdrill(\.js)?)$/.test(process.argv[1]);
if (isEntry || process.env.PAGERDRILL_CLI === '1') {
	main(process.argv.slice(2)).then(
		(code) => {
			process.exitCode = code;
		},
		(e: unknown) => {
			console.error(`pagerdrill: ${e instanceof Error ? e.message : String(e)}`);
			process.exitCode = 1;
		}
	);
}
