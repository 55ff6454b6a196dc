/**
 * A small, forgiving Markdown outline parser for scoring: sections (ATX and setext headings, plus "label lines" such
 * as `Impact: …` or `**Root cause**` that act as headings in plain-text documents) and the blocks inside them
 * (paragraphs, list items, fenced code, table rows, quotes). It never throws; anything it does not understand
 * becomes paragraph text. Front matter (`---` … `---`) is read as simple `key: value` pairs.
 */

export type OutlineBlockKind = 'paragraph' | 'item' | 'code' | 'row' | 'quote';

export interface OutlineBlock {
	kind: OutlineBlockKind;
	/** Raw text of the block (Markdown inline syntax kept; code without its fences). */
	text: string;
	/** Info string of a fenced code block, lower-cased (`shell`, `promql`, …); empty otherwise. */
	lang: string;
	/** List items: numbered (`1.`) rather than bulleted. */
	ordered: boolean;
	/** 1-based source line where the block starts. */
	line: number;
	/** Index of the section the block belongs to. */
	section: number;
}

export interface OutlineSection {
	index: number;
	/** 0 for the preamble before any heading, 1–6 for headings, 7 for label lines. */
	level: number;
	title: string;
	parent: number | null;
	/** 1-based source line of the heading (0 for the preamble). */
	line: number;
	/** True for a label line (`Impact: …`) rather than a real heading. */
	label: boolean;
}

export interface Outline {
	/** The document title: front matter `title`, else the first level-1 heading, else the first heading. */
	title: string | null;
	frontMatter: Record<string, string>;
	sections: OutlineSection[];
	blocks: OutlineBlock[];
}

export interface OutlineOptions {
	/** Decides whether `Label:` at the start of a line (or a bold-only line) opens a pseudo-section. */
	isLabel?: (label: string) => boolean;
}

const FENCE_RE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const ATX_RE = /^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const SETEXT_RE = /^\s{0,3}(=+|-+)\s*$/;
const HR_RE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const ITEM_RE = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/;
const EMPTY_ITEM_RE = /^(\s*)([-*+]|\d{1,3}[.)])\s*$/;
const ROW_RE = /^\s*\|.*\|\s*$/;
const ROW_SEPARATOR_RE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const QUOTE_RE = /^\s*>\s?(.*)$/;
const LABEL_RE = /^\s*(?:\*\*|__)?([A-Za-z][A-Za-z0-9 /&'()-]{1,40}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$/;
const BOLD_LINE_RE = /^\s*(?:\*\*|__)([^*_]{2,60}?)(?:\*\*|__)\s*:?\s*$/;

/** Parses Markdown (or plain text) into sections and blocks. */
export function parseOutline(markdown: string, options: OutlineOptions = {}): Outline {
	const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
	const frontMatter: Record<string, string> = {};
	let i = 0;
	if (lines[0]?.trim() === '---') {
		const end = lines.findIndex((l, k) => k > 0 && (l.trim() === '---' || l.trim() === '...'));
		if (end > 0 && end < 80) {
			for (const l of lines.slice(1, end)) {
				const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(l);
				if (m) frontMatter[m[1].toLowerCase()] = m[2].replace(/^['"]|['"]$/g, '').trim();
			}
			i = end + 1;
		}
	}

	const sections: OutlineSection[] = [{ index: 0, level: 0, title: '', parent: null, line: 0, label: false }];
	const blocks: OutlineBlock[] = [];
	let current = 0;
	let realCurrent = 0;
	let para: { kind: 'paragraph' | 'quote'; lines: string[]; line: number } | null = null;
	let item: { lines: string[]; ordered: boolean; indent: number; line: number } | null = null;

	const push = (kind: OutlineBlockKind, text: string, line: number, lang = '', ordered = false) => {
		if (kind !== 'code' && text.trim() === '') return;
		blocks.push({ kind, text, lang, ordered, line, section: current });
	};
	const flush = () => {
		if (para) push(para.kind, para.lines.join('\n'), para.line);
		if (item) push('item', item.lines.join('\n'), item.line, '', item.ordered);
		para = null;
		item = null;
	};
	const openSection = (level: number, title: string, line: number, label: boolean) => {
		let parent: number | null = realCurrent;
		if (!label) {
			while (parent !== null && parent !== 0 && sections[parent].level >= level)
				parent = sections[parent].parent;
			parent = parent ?? 0;
		}
		const index = sections.length;
		sections.push({ index, level, title: title.trim(), parent, line, label });
		current = index;
		if (!label) realCurrent = index;
	};

	for (; i < lines.length; i++) {
		const raw = lines[i];
		const lineNo = i + 1;

		const fence = FENCE_RE.exec(raw);
		if (fence) {
			flush();
			const indent = fence[1].length;
			const marker = fence[2];
			const body: string[] = [];
			let k = i + 1;
			for (; k < lines.length; k++) {
				const t = lines[k].trim();
				if (t.startsWith(marker[0].repeat(marker.length)) && t.replace(/[`~]/g, '') === '') break;
				body.push(lines[k].slice(Math.min(indent, lines[k].length - lines[k].trimStart().length)));
			}
			push('code', body.join('\n'), lineNo, fence[3].toLowerCase());
			i = k;
			continue;
		}

		const stripped = raw
			.replace(/<!--.*?-->/g, '')
			.replace(/<\/?(?:details|summary|br|p|div|span)[^>]*>/gi, '');
		if (stripped.trim() === '') {
			if (raw.trim() === '' || stripped !== raw) flush();
			continue;
		}

		const atx = ATX_RE.exec(stripped);
		if (atx) {
			flush();
			openSection(atx[1].length, atx[2] ?? '', lineNo, false);
			continue;
		}

		const setext = SETEXT_RE.exec(stripped);
		if (setext && para && para.kind === 'paragraph' && para.lines.length === 1) {
			const title = para.lines[0];
			para = null;
			openSection(setext[1].startsWith('=') ? 1 : 2, title, lineNo - 1, false);
			continue;
		}
		if (HR_RE.test(stripped)) {
			flush();
			continue;
		}

		if (
			ROW_RE.test(stripped) ||
			(stripped.includes('|') && blocks.at(-1)?.kind === 'row' && !para && !item)
		) {
			flush();
			if (!ROW_SEPARATOR_RE.test(stripped)) push('row', stripped.trim(), lineNo);
			continue;
		}

		const bullet = ITEM_RE.exec(stripped);
		if (bullet) {
			flush();
			item = { lines: [bullet[3]], ordered: /\d/.test(bullet[2]), indent: bullet[1].length, line: lineNo };
			continue;
		}
		if (EMPTY_ITEM_RE.test(stripped)) {
			flush();
			continue;
		}

		const quoteLine = QUOTE_RE.exec(stripped);
		if (quoteLine && !item) {
			if (para?.kind !== 'quote') {
				flush();
				para = { kind: 'quote', lines: [], line: lineNo };
			}
			para.lines.push(quoteLine[1]);
			continue;
		}

		if (!item && options.isLabel) {
			const bold = BOLD_LINE_RE.exec(stripped);
			if (bold && options.isLabel(bold[1])) {
				flush();
				openSection(7, bold[1], lineNo, true);
				continue;
			}
			const label = LABEL_RE.exec(stripped);
			if (label && !/^https?$/i.test(label[1]) && options.isLabel(label[1])) {
				flush();
				openSection(7, label[1], lineNo, true);
				if (label[2].trim()) para = { kind: 'paragraph', lines: [label[2]], line: lineNo };
				continue;
			}
		}

		if (item) {
			item.lines.push(stripped.trim());
			continue;
		}
		if (para?.kind === 'quote') flush();
		if (!para) para = { kind: 'paragraph', lines: [], line: lineNo };
		para.lines.push(stripped.trim());
	}
	flush();

	const h1 = sections.find((s) => s.level === 1 && s.title);
	const firstHeading = sections.find((s) => s.level >= 1 && s.level <= 6 && s.title);
	const title = frontMatter.title || h1?.title || firstHeading?.title || null;
	return { title, frontMatter, sections, blocks };
}

/** Indices of a section and all its descendants. */
export function sectionFamily(outline: Outline, index: number): Set<number> {
	const family = new Set<number>([index]);
	for (const s of outline.sections) if (s.parent !== null && family.has(s.parent)) family.add(s.index);
	return family;
}

/**
 * Blocks of the sections whose own title satisfies `match` (a non-global pattern or a predicate), including their
 * sub-sections, in document order.
 */
export function blocksUnder(outline: Outline, match: RegExp | ((title: string) => boolean)): OutlineBlock[] {
	const test = typeof match === 'function' ? match : (t: string) => match.test(t);
	const chosen = new Set<number>();
	for (const s of outline.sections)
		if (s.title && test(s.title)) for (const k of sectionFamily(outline, s.index)) chosen.add(k);
	return outline.blocks.filter((b) => chosen.has(b.section));
}

/** The contents of inline code spans (`…`) in a text. */
export function inlineCode(text: string): string[] {
	return [...text.matchAll(/(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)/g)]
		.map((m) => m[2].trim())
		.filter((s) => s.length > 0);
}
