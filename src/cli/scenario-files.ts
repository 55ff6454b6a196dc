/**
 * Scenario files on disk, for the CLI and the unit suite. The repository's built-in scenarios live in `scenarios/`;
 * a file argument may point anywhere.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, type LoadResult } from '../lib/sim/scenario/load';

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCENARIO_DIR = join(REPO_ROOT, 'scenarios');

/** Paths of the built-in scenario files, sorted. */
export function builtInScenarioFiles(): string[] {
	return readdirSync(SCENARIO_DIR)
		.filter((f) => f.endsWith('.yaml') && !f.endsWith('.playthrough.yaml'))
		.sort()
		.map((f) => join(SCENARIO_DIR, f));
}

/** A path as shown in messages: relative to the working directory when shorter. */
export function displayPath(path: string): string {
	const rel = relative(process.cwd(), path);
	return rel.length < path.length && !rel.startsWith('..') ? rel : path;
}

export type LoadedFile = LoadResult & { file: string; text: string };

/** Reads and validates one scenario file. */
export function loadScenarioFile(path: string): LoadedFile {
	const text = readFileSync(path, 'utf8');
	return { ...loadScenario(text, displayPath(path)), file: path, text };
}

/** Finds a built-in scenario by id; throws a readable error listing the known ids. */
export function loadBuiltIn(id: string): Extract<LoadedFile, { ok: true }> {
	const path = join(SCENARIO_DIR, `${id}.yaml`);
	if (!existsSync(path)) {
		const known = builtInScenarioFiles().map((f) => f.slice(SCENARIO_DIR.length + 1, -5));
		throw new Error(`no built-in scenario "${id}" (known: ${known.join(', ')})`);
	}
	const r = loadScenarioFile(path);
	if (!r.ok)
		throw new Error(
			r.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`).join('\n')
		);
	return r;
}

/** The playthrough file beside a scenario file, if there is one. */
export function playthroughFileFor(scenarioPath: string): string | null {
	const p = scenarioPath.replace(/\.yaml$/, '.playthrough.yaml');
	return existsSync(p) ? p : null;
}
