import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SeriesStore } from '../../sim/tsdb';
import { evaluateInstant } from './engine';
import { findUnsupported, parsePromQL } from './parser';

const RULES_DIR = fileURLToPath(new URL('../../../../tests/corpus/alert-rules/', import.meta.url));

interface RuleExpr {
	file: string;
	line: number;
	name: string;
	expr: string;
}

/**
 * Reads every rule's `expr` from a Prometheus rule file. Each rule (list item under `rules:`) is parsed on its own:
 * promtool's YAML parser accepts a few multi-line quoted annotations that the stricter `yaml` package rejects, and
 * parsing rule by rule keeps such an annotation from hiding the rules after it.
 */
function readExprs(file: string, text: string): RuleExpr[] {
	const lines = text.split('\n');
	const indentOf = (l: string): number => l.length - l.trimStart().length;
	const out: RuleExpr[] = [];
	let rulesIndent = -1;
	for (let i = 0; i < lines.length; i++) {
		const rules = /^(\s*)rules:\s*$/.exec(lines[i]);
		if (rules) {
			rulesIndent = rules[1].length;
			continue;
		}
		const item = /^(\s*)- /.exec(lines[i]);
		if (!item || rulesIndent < 0 || item[1].length < rulesIndent || item[1].length > rulesIndent + 2)
			continue;
		// The rule runs until the next line (not blank, not a comment) indented at or left of its "- ".
		const indent = item[1].length;
		let end = i + 1;
		while (end < lines.length) {
			const l = lines[end];
			if (l.trim() !== '' && !l.trimStart().startsWith('#') && indentOf(l) <= indent) break;
			end++;
		}
		const chunk = lines
			.slice(i, end)
			.map((l) => l.slice(Math.min(indent, indentOf(l))))
			.join('\n');
		const value: unknown = parseDocument(chunk).toJS();
		const rule = Array.isArray(value) ? (value[0] as Record<string, unknown> | null) : null;
		if (rule && rule.expr !== undefined)
			out.push({ file, line: i + 1, name: String(rule.alert ?? rule.record), expr: String(rule.expr) });
	}
	return out;
}

const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.yaml'));
const exprs = files.flatMap((f) => readExprs(f, readFileSync(RULES_DIR + f, 'utf8')));

describe('alert-rule corpus', () => {
	it('reads every expr of every rule file', () => {
		expect(files.length).toBeGreaterThanOrEqual(3);
		for (const f of files) {
			const text = readFileSync(RULES_DIR + f, 'utf8');
			const inText = (text.match(/^\s*(- )?expr:/gm) ?? []).length;
			expect(exprs.filter((e) => e.file === f).length, f).toBe(inText);
		}
	});

	it('parses every expression', () => {
		const failures: string[] = [];
		for (const e of exprs) {
			try {
				parsePromQL(e.expr);
			} catch (err) {
				failures.push(`${e.file}:${e.line} ${e.name}: ${(err as Error).message}`);
			}
		}
		expect(failures).toEqual([]);
		expect(exprs.length).toBeGreaterThan(800);
	});

	it('evaluates every supported expression against an empty store without error', () => {
		const store = new SeriesStore();
		const failures: string[] = [];
		let evaluated = 0;
		for (const e of exprs) {
			const ast = parsePromQL(e.expr);
			if (findUnsupported(ast)) continue;
			try {
				const res = evaluateInstant(store, ast, 1_700_000_000_000);
				evaluated++;
				// With no data, only constant or absent()-style rules can return samples.
				if (res.resultType === 'vector' && res.result.length > 0 && !/absent|vector\(|time\(\)/.test(e.expr))
					failures.push(`${e.file}:${e.line} ${e.name}: unexpected samples from an empty store`);
			} catch (err) {
				failures.push(`${e.file}:${e.line} ${e.name}: ${(err as Error).message}`);
			}
		}
		expect(failures).toEqual([]);
		expect(evaluated).toBe(exprs.length);
	});
});
