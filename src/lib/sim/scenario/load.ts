/**
 * Reads a scenario file: YAML → zod schema → cross-reference checks → compiled incident machine. Every problem is
 * reported with the file, the line and column of the offending field, the field's path and what is wrong, in the
 * style of `promtool check rules`:
 *
 *   scenarios/foo.yaml:42:7: incident.states.degraded.on.action.run[0].target: unknown state "mitigatd"
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { Scenario } from './schema';
import { validateScenario } from './validate';
import { hashString } from '../rng';

export interface ScenarioProblem {
	file: string;
	line: number;
	column: number;
	/** Dotted path of the field, e.g. `topology.services[2].team`. */
	path: string;
	message: string;
}

export class ScenarioError extends Error {
	constructor(readonly problems: ScenarioProblem[]) {
		super(problems.map(formatProblem).join('\n'));
		this.name = 'ScenarioError';
	}
}

/** `file:line:col: path: message` */
export function formatProblem(p: ScenarioProblem): string {
	return `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

export type LoadResult =
	{ ok: true; scenario: Scenario; version: string } | { ok: false; problems: ScenarioProblem[] };

/** Dotted path for display: `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const k of path) {
		if (typeof k === 'number') out += `[${k}]`;
		else out += out ? `.${String(k)}` : String(k);
	}
	return out;
}

/**
 * Content hash of a scenario file (FNV-1a over the text, as 8 hex digits plus the length). Attempts record it so an
 * old attempt can be told apart from one made after the scenario was edited.
 */
export function scenarioVersion(text: string): string {
	const normalised = text.replace(/\r\n/g, '\n');
	return `${hashString(normalised).toString(16).padStart(8, '0')}-${normalised.length.toString(36)}`;
}

/** Parses and validates a scenario file's text. Never throws for bad input: problems come back in the result. */
export function loadScenario(text: string, file = 'scenario.yaml'): LoadResult {
	const lines = new LineCounter();
	const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
	const at = (offset: number | undefined) => {
		const pos = lines.linePos(offset ?? 0);
		return { line: pos.line, column: pos.col };
	};
	if (doc.errors.length > 0) {
		return {
			ok: false,
			problems: doc.errors.map((e) => ({
				file,
				...at(e.pos[0]),
				path: '',
				message: `YAML: ${firstLine(e.message)}`
			}))
		};
	}
	const raw: unknown = doc.toJS({ maxAliasCount: 100 });
	const parsed = Scenario.safeParse(raw);
	if (!parsed.success) {
		return { ok: false, problems: parsed.error.issues.map((issue) => zodProblem(issue, doc, file, at)) };
	}
	const semantic = validateScenario(parsed.data);
	if (semantic.length > 0) {
		return {
			ok: false,
			problems: semantic.map((p) => ({
				file,
				...at(offsetOf(doc, p.path)),
				path: formatPath(p.path),
				message: p.message
			}))
		};
	}
	return { ok: true, scenario: parsed.data, version: scenarioVersion(text) };
}

/** Like {@link loadScenario} but throws a {@link ScenarioError}. */
export function loadScenarioOrThrow(
	text: string,
	file = 'scenario.yaml'
): { scenario: Scenario; version: string } {
	const r = loadScenario(text, file);
	if (!r.ok) throw new ScenarioError(r.problems);
	return { scenario: r.scenario, version: r.version };
}

function zodProblem(
	issue: z.core.$ZodIssue,
	doc: Document,
	file: string,
	at: (offset: number | undefined) => { line: number; column: number }
): ScenarioProblem {
	let path = [...issue.path];
	let message = issue.message;
	if (issue.code === 'unrecognized_keys') {
		const key = issue.keys[0];
		message = `unknown field "${key}"${issue.keys.length > 1 ? ` (and ${issue.keys.length - 1} more)` : ''}`;
		path = [...path, key];
		return { file, ...at(offsetOf(doc, path, true)), path: formatPath(path), message };
	}
	if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
		message = `missing required field (${issue.expected})`;
	} else if (issue.code === 'invalid_value' && 'values' in issue) {
		message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
	}
	return { file, ...at(offsetOf(doc, path)), path: formatPath(path), message };
}

/** Offset of the deepest existing node along `path` (the key itself when `preferKey`). */
function offsetOf(doc: Document, path: readonly PropertyKey[], preferKey = false): number | undefined {
	let node: unknown = doc.contents;
	let best: number | undefined = (node as YamlNode | null)?.range?.[0];
	for (const key of path) {
		if (isMap(node)) {
			const pair = node.items.find((p) => {
				const k = p.key as { value?: unknown } | null;
				return k !== null && typeof k === 'object' && String(k.value) === String(key);
			});
			if (!pair) break;
			const keyNode = pair.key as YamlNode;
			const valueNode = pair.value as YamlNode | null;
			best = preferKey || !valueNode?.range ? (keyNode.range?.[0] ?? best) : valueNode.range[0];
			if (preferKey && key === path[path.length - 1]) return keyNode.range?.[0] ?? best;
			node = valueNode;
		} else if (isSeq(node) && typeof key === 'number') {
			const item = node.items[key] as YamlNode | undefined;
			if (!item) break;
			best = item.range?.[0] ?? best;
			node = item;
		} else {
			break;
		}
	}
	return best;
}

function firstLine(text: string): string {
	return text.split('\n')[0];
}
