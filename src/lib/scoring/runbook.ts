/**
 * Scoring of an alert runbook written in Markdown. Three common layouts are recognised:
 * - prometheus-operator / OpenShift style: `## Meaning`, `## Impact`, `## Diagnosis`, `## Mitigation`;
 * - GitLab style: `## Symptoms`, `## Possible checks` / `## Troubleshoot`, `## Resolution`;
 * - numbered steps (`## 1. Ensure the server runs`, `1. Check …`), whose steps are classified by what they do.
 * Sections are found by their headings; steps outside recognised sections are classified by their verbs (checks
 * versus changes) and by the commands they contain.
 */
import {
	AFFECTED_THING,
	CAUTION_PHRASE,
	CHECK_IMPERATIVE,
	CODE_LANGS,
	DESTRUCTIVE,
	ESCALATE_VERB,
	ESCALATE_WHEN,
	ESCALATE_WHOM,
	EXPECTED_OUTCOME,
	EXPECTED_OUTPUT,
	hasRemediationVerb,
	isCommandLine,
	isRemediationImperative,
	LINK_ONLY,
	METRIC_NAME,
	PASSIVE_INSTRUCTION,
	PLACEHOLDER,
	QUERY_LIKE,
	READ_ONLY_COMMAND,
	TELEMETRY_LINK,
	TRIVIAL_COMMAND,
	UNDO_PHRASE,
	UNTESTABLE_STEP,
	USER_EFFECT,
	VERIFY_PHRASE
} from './lexicon';
import { inlineCode, parseOutline, sectionFamily, type Outline, type OutlineBlock } from './outline';
import { makeCheck, makeReport } from './report';
import { RUNBOOK_CHECKS as C, RUNBOOK_LIMITS as L } from './rubric';
import { compactKey, normalise, plain, quote, sentences, wordCount } from './text';
import type { Check, ScoreReport } from './types';

export type RunbookSectionKind =
	'meaning' | 'impact' | 'diagnosis' | 'mitigation' | 'verification' | 'rollback' | 'escalation';
type SectionKind = RunbookSectionKind;

/** Heading patterns per section kind, tested against the normalised heading; the first kind that matches wins. */
const SECTION_KINDS: readonly [SectionKind, RegExp][] = [
	[
		'verification',
		/\b(verif\w*|validat\w*|confirm\w*|post-?checks?|success criteria|how to (?:verify|confirm|know))\b/
	],
	['rollback', /\b(roll ?back|undo|revert\w*|back ?out)\b/],
	[
		'escalation',
		/\b(escalat\w*|contacts?|owners?|ownership|who to (?:contact|call|page)|getting help|support)\b/
	],
	['impact', /\b(impact|severity|consequences?|why (?:it|this) matters)\b/],
	[
		'meaning',
		/\b(meaning|overview|description|summary|about|what (?:this|the) alert|what it means|context|background|symptoms?|alert details?|explanation|purpose)\b/
	],
	[
		'mitigation',
		/\b(mitigat\w*|resolution|resolv\w*|remediat\w*|fix(?:ing|es)?|recovery|recover\w*|workarounds?|solutions?|response|what to do|repair\w*|actions?)\b/
	],
	[
		'diagnosis',
		/\b(diagnos\w*|troubleshoot\w*|investigat\w*|checks?|debug\w*|triage|analysis|how to check|identify\w*|inspect\w*|runbook|steps?|procedure|queries|logs|metrics|dashboards?)\b/
	]
];

/** Short `Label:` lines such as `Impact:` or `**Mitigation**` act as headings in plain-text runbooks. */
const isLabel = (label: string) => wordCount(label) <= 3 && kindOf(label) !== null;

function kindOf(title: string): SectionKind | null {
	const t = normalise(title);
	for (const [kind, re] of SECTION_KINDS) if (re.test(t)) return kind;
	return null;
}

/** Strips list markers and emphasis at the start of a clause, lower-cased. */
const lead = (text: string) => normalise(text).replace(/^[\s*_`>-]+/, '');

/** True when a code block holds commands or queries (not sample output). */
function isCommandCode(b: OutlineBlock): boolean {
	if (b.kind !== 'code' || b.text.trim() === '') return false;
	if (CODE_LANGS.has(b.lang)) return true;
	return b.text.split('\n').some((l) => isCommandLine(l) || QUERY_LIKE.test(l));
}

/** Command or query lines of a code block (at most 3 count, so one long script is not many steps). */
function commandLines(b: OutlineBlock): string[] {
	const lines = b.text
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l !== '' && !l.startsWith('#'));
	const cmds = lines.filter((l) => (isCommandLine(l) || QUERY_LIKE.test(l)) && !TRIVIAL_COMMAND.test(l));
	return (cmds.length > 0 ? cmds : CODE_LANGS.has(b.lang) ? lines.slice(0, 1) : []).slice(0, 3);
}

/** Inline code that is a command or query rather than a name (`kubectl get pods` vs `alertmanager.yml`). */
function isInlineCommand(code: string): boolean {
	return isCommandLine(code) || QUERY_LIKE.test(code) || (/\s-{1,2}[a-z]/.test(code) && /^[a-z]/.test(code));
}

/** A command line that changes the system (`gitlab-ctl restart`, `kubectl delete`, `rm`, `etcdctl defrag`). */
function isRemediationCommand(line: string): boolean {
	const n = normalise(line);
	if (READ_ONLY_COMMAND.test(n) || QUERY_LIKE.test(line)) return false;
	return hasRemediationVerb(n) || DESTRUCTIVE.test(n) || /\bautoremove\b/.test(n);
}

/** Sentences and clauses of prose (split on commas, semicolons, colons, "then" and "or"). */
function clauses(text: string): string[] {
	return sentences(plain(text)).flatMap((s) => s.split(/[,;:]\s+|\s+(?:and then|then|or)\s+/));
}

/** A clause telling the reader to change something ("Restart the pod", "you can delete…", "try restarting…"). */
function isRemediationClause(clause: string): boolean {
	return isRemediationImperative(lead(clause));
}

/**
 * True when a sentence tells the reader to do something ("Check the logs", "If X, restart Y"), as opposed to
 * describing the alert or its consequences ("If the disk fills, writes fail").
 */
function isInstruction(sentence: string): boolean {
	const n = lead(sentence);
	const main = n.replace(/^(?:if|when|once|after|before|unless|in case)\b[^,]*,\s*/, '');
	return [n, main].some((x) => CHECK_IMPERATIVE.test(x) || isRemediationImperative(x));
}

/** A step that says what to do but not how ("Fix it", "check if things look ok", "TODO"). */
function isVagueStep(step: string): boolean {
	const n = normalise(step);
	return (
		UNTESTABLE_STEP.test(n) ||
		PLACEHOLDER.test(n) ||
		(wordCount(step) <= 5 &&
			/^(?:fix|resolve|handle|repair|investigate|debug|sort out|address|deal with)\b/.test(n))
	);
}

interface Classified {
	outline: Outline;
	kinds: Map<number, SectionKind | null>;
	/** Blocks by the kind of section they sit in (inherited from the nearest classified ancestor). */
	byKind: Record<SectionKind | 'other', OutlineBlock[]>;
}

function classify(markdown: string): Classified {
	const outline = parseOutline(markdown, { isLabel });
	// A single level-1 heading is the document's title ("# Runbook: disk full"), not a section.
	const titleOnly = outline.sections.filter((s) => s.level === 1).length === 1;
	const kinds = new Map<number, SectionKind | null>();
	for (const s of outline.sections) {
		let kind = s.index === 0 || (titleOnly && s.level === 1) ? null : kindOf(s.title);
		if (kind === null && s.parent !== null) kind = kinds.get(s.parent) ?? null;
		kinds.set(s.index, kind);
	}
	const byKind: Classified['byKind'] = {
		meaning: [],
		impact: [],
		diagnosis: [],
		mitigation: [],
		verification: [],
		rollback: [],
		escalation: [],
		other: []
	};
	for (const b of outline.blocks) byKind[kinds.get(b.section) ?? 'other'].push(b);
	return { outline, kinds, byKind };
}

/** Block texts separated by blank lines, so each block ends its own sentence. */
const textOf = (blocks: readonly OutlineBlock[]) => blocks.map((b) => b.text).join('\n\n');
const proseOf = (blocks: readonly OutlineBlock[]) => textOf(blocks.filter((b) => b.kind !== 'code'));

interface Concrete {
	/** Commands, queries, named metrics and telemetry links, in document order. */
	items: string[];
	/** Only the commands and queries. */
	commands: string[];
	/** The first command or query (else the first item), for quoting. */
	example: string;
	/** Commands and queries count 1, named metrics and dashboard links ½. */
	weight: number;
}

/** Read-only commands, queries, named metrics and dashboard links in the blocks. */
function concreteDiagnostics(blocks: readonly OutlineBlock[]): Concrete {
	const items: string[] = [];
	const commands: string[] = [];
	let weight = 0;
	for (const b of blocks) {
		if (b.kind === 'code') {
			if (!isCommandCode(b)) continue;
			for (const line of commandLines(b)) {
				if (isRemediationCommand(line)) continue;
				items.push(line);
				commands.push(line);
				weight += 1;
			}
			continue;
		}
		for (const code of inlineCode(b.text)) {
			if (isInlineCommand(code)) {
				if (isRemediationCommand(code)) continue;
				items.push(code);
				commands.push(code);
				weight += 1;
			} else if (METRIC_NAME.test(code)) {
				items.push(code);
				weight += 0.5;
			}
		}
		for (const link of b.text.match(new RegExp(TELEMETRY_LINK.source, 'gi')) ?? []) {
			items.push(plain(link));
			weight += 0.5;
		}
	}
	return { items, commands, example: commands[0] ?? items[0] ?? '', weight };
}

interface Mitigation {
	/** Instructions to change something, in document order. */
	steps: string[];
	/** Commands that change something (any command inside a mitigation section). */
	commands: string[];
	/** The mitigation section says when each option applies ("if …", "depending on …"). */
	conditional: boolean;
	/** Links in the mitigation section. */
	links: number;
	/** Words in the mitigation section, placeholders excluded. */
	words: number;
}

function mitigationContent(c: Classified): Mitigation {
	const { byKind } = c;
	const section = [...byKind.mitigation, ...byKind.rollback];
	const elsewhere = [...byKind.diagnosis, ...byKind.other, ...byKind.verification];
	const steps: string[] = [];
	const commands: string[] = [];
	const collect = (blocks: readonly OutlineBlock[], inSection: boolean) => {
		for (const b of blocks) {
			if (b.kind === 'code') {
				if (!isCommandCode(b)) continue;
				if (inSection) commands.push(...commandLines(b).slice(0, 1));
				else
					commands.push(
						...b.text
							.split('\n')
							.map((l) => l.trim())
							.filter((l) => isCommandLine(l) && !l.startsWith('#') && isRemediationCommand(l))
							.slice(0, 2)
					);
				continue;
			}
			for (const code of inlineCode(b.text))
				if (isInlineCommand(code) && (inSection || isRemediationCommand(code))) commands.push(code);
			for (const cl of clauses(b.text)) {
				const n = normalise(cl);
				if (PLACEHOLDER.test(n) || LINK_ONLY.test(n)) continue;
				const instruction =
					isRemediationClause(cl) ||
					(inSection && wordCount(cl) >= 3 && (hasRemediationVerb(n) || PASSIVE_INSTRUCTION.test(n)));
				if (instruction) steps.push(cl.trim());
			}
		}
	};
	collect(section, true);
	collect(elsewhere, false);
	const text = normalise(plain(proseOf(section)));
	return {
		steps: [...new Set(steps)],
		commands: [...new Set(commands)],
		conditional:
			/\b(if|when|for the case|depending on|in case|otherwise|either|options?|alternatively|unless)\b/.test(
				text
			),
		links: (textOf(section).match(/\[[^\]]+\]\([^)]+\)/g) ?? []).length,
		words: wordCount(plain(textOf(section)).replace(new RegExp(PLACEHOLDER.source, 'gi'), ''))
	};
}

/** Everything the checks need, computed once per runbook. */
interface Analysis {
	c: Classified;
	/** Named checks ("check the kubelet logs", questions to answer, commands). */
	diagnosisSteps: string[];
	concrete: Concrete;
	/** A diagnosis step says what its output should look like. */
	expectedOutput: string | null;
	mitigation: Mitigation;
}

function analyse(markdown: string): Analysis {
	const c = classify(markdown);
	const { byKind } = c;
	const lookIn = [...byKind.diagnosis, ...byKind.other];
	const diagnosisSteps = lookIn
		.filter((b) => b.kind !== 'code')
		.flatMap((b) => clauses(b.text))
		.filter((s) => {
			const n = normalise(s);
			return (
				wordCount(s) >= 3 &&
				!UNTESTABLE_STEP.test(n) &&
				!PLACEHOLDER.test(n) &&
				!LINK_ONLY.test(n) &&
				(CHECK_IMPERATIVE.test(lead(s)) || s.trim().endsWith('?'))
			);
		});
	const concrete = concreteDiagnostics([...lookIn, ...byKind.mitigation, ...byKind.verification]);
	const expectedOutput =
		sentences(plain(proseOf(lookIn))).find(
			(s) => EXPECTED_OUTPUT.test(normalise(s)) || EXPECTED_OUTCOME.test(normalise(s))
		) ?? null;
	return { c, diagnosisSteps, concrete, expectedOutput, mitigation: mitigationContent(c) };
}

/**
 * Scores a runbook against the runbook rubric (see `RUNBOOK_CHECKS` in rubric.ts): names the alert and its meaning,
 * impact, what and how to check, what and how to mitigate, verification, undo/rollback, escalation, and testable
 * steps. `ctx.alertName`, when given, must be mentioned. Pure and deterministic; returns a 0–100 score.
 */
export function scoreRunbook(markdown: string, ctx: { alertName?: string } = {}): ScoreReport {
	const a = analyse(markdown);
	return makeReport([
		meaningCheck(a.c, markdown, ctx.alertName),
		impactCheck(a.c),
		diagnosisCheck(a),
		mitigationCheck(a),
		verificationCheck(a.c),
		rollbackCheck(a.c),
		escalationCheck(a.c),
		testableCheck(a)
	]);
}

function meaningCheck(c: Classified, markdown: string, alertName?: string): Check {
	const { outline, byKind } = c;
	let named: string | null = null;
	if (alertName) {
		if (compactKey(markdown).includes(compactKey(alertName))) named = alertName;
	} else {
		named = outline.title;
	}
	const meaningText = plain(textOf(byKind.meaning));
	const alertMeans = sentences(plain(proseOf(outline.blocks))).find((s) =>
		/\b(?:alert (?:fires|is (?:fired|triggered|raised)|triggers|means|indicates|is firing)|fires (?:when|if)|triggered (?:when|if|by)|is raised when|means that)\b/.test(
			normalise(s)
		)
	);
	// Untitled text describes the alert only when it is prose, not instructions ("Check if things look ok").
	const preamble = sentences(plain(proseOf(outline.blocks.filter((b) => isPreamble(outline, b)))))
		.filter((s) => !isInstruction(s))
		.join(' ');
	const meaning =
		wordCount(meaningText) >= L.meaningMinWords
			? meaningText
			: (alertMeans ?? (wordCount(preamble) >= 8 ? preamble : null));
	if (named && meaning)
		return makeCheck(
			C.meaning,
			'met',
			`Names "${named}" and explains it: ${quote(sentences(meaning)[0] ?? meaning, 60)}`
		);
	if (meaning)
		return makeCheck(
			C.meaning,
			'partly',
			alertName
				? `Explains the alert but never names "${alertName}"`
				: 'Explains the alert but has no title naming it'
		);
	if (named)
		return makeCheck(C.meaning, 'partly', `Names "${named}" but does not say what it means or when it fires`);
	return makeCheck(C.meaning, 'not-met', 'Neither names the alert nor says what it means');
}

/** Text before the first sub-heading: the preamble and the body of a level-1 title. */
function isPreamble(outline: Outline, b: OutlineBlock): boolean {
	return b.section === 0 || outline.sections[b.section].level === 1;
}

function impactCheck(c: Classified): Check {
	const { byKind, outline } = c;
	const impact = plain(textOf(byKind.impact));
	if (wordCount(impact) >= L.impactMinWords)
		return makeCheck(C.impact, 'met', `Impact: ${quote(impact, 60)}`);
	const context = plain(
		proseOf([...byKind.meaning, ...outline.blocks.filter((b) => isPreamble(outline, b))])
	);
	const consequences = sentences(context).filter((s) => {
		const n = normalise(s);
		return (
			!isInstruction(s) &&
			USER_EFFECT.test(n) &&
			/\b(will|would|may|might|can|cannot|can't|could|unable|prevents?|leads? to|results? in|won't|lost|no longer|if|stops?|refuses?|evict\w*)\b/.test(
				n
			)
		);
	});
	const stated = consequences.find((s) => AFFECTED_THING.test(normalise(s)) && wordCount(s) >= 6);
	if (stated) return makeCheck(C.impact, 'met', `Impact stated in the description: ${quote(stated, 60)}`);
	if (consequences.length > 0)
		return makeCheck(
			C.impact,
			'partly',
			`Impact only implied: ${quote(consequences[0], 60)}; say who is affected`
		);
	if (wordCount(impact) > 0) return makeCheck(C.impact, 'partly', `Impact section is thin: ${quote(impact)}`);
	return makeCheck(C.impact, 'not-met', 'Does not say what breaks for users or the system when this fires');
}

function diagnosisCheck(a: Analysis): Check {
	const { concrete, diagnosisSteps, expectedOutput } = a;
	const commands = concrete.commands.length;
	if (concrete.weight >= L.diagnosisConcreteMet)
		return makeCheck(
			C.diagnosis,
			'met',
			`${concrete.items.length} concrete checks, e.g. ${quote(concrete.example, 60)}`
		);
	if (commands >= 1 && (expectedOutput || diagnosisSteps.length >= L.diagnosisStepsWithCommand))
		return makeCheck(
			C.diagnosis,
			'met',
			`Runs ${quote(concrete.example, 40)} and says what to look for: ${quote(expectedOutput ?? diagnosisSteps[0], 40)}`
		);
	if (concrete.weight > 0)
		return makeCheck(
			C.diagnosis,
			'partly',
			`Only one concrete check (${quote(concrete.example, 50)}); add commands or queries`
		);
	if (diagnosisSteps.length > 0)
		return makeCheck(
			C.diagnosis,
			'partly',
			`${diagnosisSteps.length === 1 ? 'One check' : 'Checks'} without commands or queries, e.g. ${quote(diagnosisSteps[0], 50)}`
		);
	return makeCheck(C.diagnosis, 'not-met', 'No diagnosis steps: what to run or look at to find the cause');
}

function mitigationCheck(a: Analysis): Check {
	const m = a.mitigation;
	const concreteSteps = m.steps.filter((s) => wordCount(s) >= L.concreteStepMinWords && !isVagueStep(s));
	// A step and the command it quotes are one option, not two.
	const looseCommands = m.commands.filter((c) => !concreteSteps.some((s) => plain(s).includes(plain(c))));
	const options = concreteSteps.length + looseCommands.length;
	const example = m.commands[0] ?? concreteSteps[0];
	if (options >= L.mitigationOptionsMet || (options === 1 && m.conditional))
		return makeCheck(
			C.mitigation,
			'met',
			`${options} concrete option${options === 1 ? '' : 's'}, e.g. ${quote(example, 60)}`
		);
	if (options === 1)
		return makeCheck(
			C.mitigation,
			'partly',
			`One option only (${quote(example, 50)}); cover the other likely causes`
		);
	if (m.steps.length > 0)
		return makeCheck(C.mitigation, 'partly', `Too vague to act on: ${quote(m.steps[0], 50)}`);
	if (m.links > 0) return makeCheck(C.mitigation, 'partly', 'Mitigation only points to other documents');
	if (m.words >= 6)
		return makeCheck(C.mitigation, 'partly', 'Mitigation describes the situation but gives no step to take');
	return makeCheck(C.mitigation, 'not-met', 'No mitigation: what to change to stop the impact');
}

function verificationCheck(c: Classified): Check {
	const { byKind, outline } = c;
	const verifyText = plain(textOf(byKind.verification));
	if (wordCount(verifyText) >= 3)
		return makeCheck(C.verification, 'met', `Verification: ${quote(verifyText, 60)}`);
	const firstChange = outline.blocks.find(
		(b) =>
			c.kinds.get(b.section) === 'mitigation' ||
			(b.kind !== 'code' && clauses(b.text).some((cl) => isRemediationClause(cl)))
	);
	const after = firstChange ? outline.blocks.filter((b) => b.line >= firstChange.line) : [];
	const verify = sentences(plain(textOf([...byKind.mitigation, ...after]))).find(
		(s) => VERIFY_PHRASE.test(normalise(s)) && !PLACEHOLDER.test(normalise(s))
	);
	if (verify) return makeCheck(C.verification, 'met', `Says how to verify: ${quote(verify, 60)}`);
	const expected = sentences(plain(textOf(outline.blocks))).find((s) => EXPECTED_OUTCOME.test(normalise(s)));
	if (expected)
		return makeCheck(
			C.verification,
			'partly',
			`States a healthy value (${quote(expected, 50)}) but no post-fix check`
		);
	return makeCheck(
		C.verification,
		'not-met',
		'No way to tell the fix worked (which check, what value, alert resolves?)'
	);
}

function rollbackCheck(c: Classified): Check {
	const { byKind, outline } = c;
	const rollbackText = plain(textOf(byKind.rollback));
	if (wordCount(rollbackText) >= 3)
		return makeCheck(C.rollback, 'met', `Rollback: ${quote(rollbackText, 60)}`);
	const body = [...byKind.mitigation, ...byKind.diagnosis, ...byKind.other, ...byKind.verification];
	const prose = sentences(plain(textOf(body)));
	const undo = prose.find((s) => UNDO_PHRASE.test(normalise(s)));
	if (undo) return makeCheck(C.rollback, 'met', `Covers undo: ${quote(undo, 60)}`);
	const caution = prose.find((s) => CAUTION_PHRASE.test(normalise(s)));
	if (caution)
		return makeCheck(C.rollback, 'partly', `Warns about risk (${quote(caution, 50)}) but gives no undo`);
	const destructive = outline.blocks
		.flatMap((b) => (b.kind === 'code' ? b.text.split('\n') : inlineCode(b.text)))
		.find((l) => DESTRUCTIVE.test(normalise(l)) && !/^\s*#/.test(l));
	if (destructive)
		return makeCheck(
			C.rollback,
			'not-met',
			`Destructive step ${quote(destructive.trim(), 50)} with no warning or undo`
		);
	return makeCheck(C.rollback, 'not-met', 'No undo or rollback path, and no note of risk');
}

function escalationCheck(c: Classified): Check {
	const { byKind, outline } = c;
	const section = plain(textOf(byKind.escalation));
	const all = sentences(plain(textOf(outline.blocks)));
	const escalations = all.filter((s) => {
		const n = normalise(s);
		return ESCALATE_VERB.test(n) && ESCALATE_WHOM.test(n);
	});
	const withWhen = escalations.find((s) => ESCALATE_WHEN.test(normalise(s)));
	if (withWhen) return makeCheck(C.escalation, 'met', `Escalation: ${quote(withWhen, 60)}`);
	if (wordCount(section) >= 3 && ESCALATE_WHOM.test(normalise(section))) {
		return ESCALATE_WHEN.test(normalise(section))
			? makeCheck(C.escalation, 'met', `Escalation: ${quote(section, 60)}`)
			: makeCheck(C.escalation, 'partly', `Says whom (${quote(section, 40)}) but not when to escalate`);
	}
	if (escalations.length > 0)
		return makeCheck(
			C.escalation,
			'partly',
			`Says whom (${quote(escalations[0], 40)}) but not when to escalate`
		);
	const ticket = all.find((s) =>
		/\b(open|file|raise) (?:an? )?(?:issue|ticket|bug|case)\b/.test(normalise(s))
	);
	if (ticket)
		return makeCheck(C.escalation, 'partly', `Only ${quote(ticket, 40)}; say whom to page and when`);
	return makeCheck(C.escalation, 'not-met', 'Does not say when to escalate or to whom');
}

function testableCheck(a: Analysis): Check {
	const { outline, kinds } = a.c;
	const problems: string[] = [];
	for (const b of outline.blocks) {
		const lines = b.kind === 'code' ? b.text.split('\n') : clauses(b.text);
		for (const l of lines) {
			const n = normalise(l);
			if (PLACEHOLDER.test(n)) problems.push(`placeholder ${quote(l.trim(), 40)}`);
			else if (b.kind !== 'code' && isVagueStep(l)) problems.push(`untestable ${quote(l.trim(), 40)}`);
		}
	}
	for (const s of outline.sections) {
		const kind = kinds.get(s.index);
		if (s.index === 0 || !kind || kind === 'meaning' || kind === 'impact' || kindOf(s.title) === null)
			continue;
		const family = sectionFamily(outline, s.index);
		if (!outline.blocks.some((b) => family.has(b.section))) problems.push(`empty section "${s.title}"`);
	}
	if (problems.length === 0) {
		const hasSteps =
			a.diagnosisSteps.length +
				a.concrete.items.length +
				a.mitigation.steps.length +
				a.mitigation.commands.length >
			0;
		return hasSteps
			? makeCheck(C.testable, 'met', 'Every step is concrete; no placeholders')
			: makeCheck(C.testable, 'not-assessed', 'No steps to judge');
	}
	if (problems.length === 1) return makeCheck(C.testable, 'partly', `One untestable step: ${problems[0]}`);
	return makeCheck(
		C.testable,
		'not-met',
		`${problems.length} untestable steps, e.g. ${problems.slice(0, 2).join('; ')}`
	);
}

/** The section kind a runbook heading is read as (exposed for tests and the debrief). */
export function runbookSectionKind(title: string): RunbookSectionKind | null {
	return kindOf(title);
}
