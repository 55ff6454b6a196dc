/**
 * The one markdown renderer of Pagerdrill: marked (GFM) → DOMPurify. Every place that shows scenario or trainee
 * markdown (briefings, runbooks, postmortems) uses it, because scenarios can be imported from files and their text
 * must never run script in the page.
 */
import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { Marked } from 'marked';

export interface RenderMarkdownOptions {
	/**
	 * Added to every heading level (clamped to h6), so a document's `#` fits under the page's own headings:
	 * with 2, `# Title` becomes `<h3>`. Default 0.
	 */
	headingOffset?: number;
}

const parsers = new Map<number, Marked>();
let purifier: Purifier | null = null;

function parser(offset: number): Marked {
	let m = parsers.get(offset);
	if (!m) {
		m = new Marked({
			gfm: true,
			breaks: false,
			async: false,
			walkTokens(token) {
				if (token.type === 'heading' && offset > 0) token.depth = Math.min(6, token.depth + offset);
			}
		});
		parsers.set(offset, m);
	}
	return m;
}

function getPurifier(): Purifier | null {
	if (purifier) return purifier;
	if (typeof window === 'undefined') return null;
	const p = DOMPurify(window);
	if (!p.isSupported) return null;
	p.addHook('afterSanitizeAttributes', (node) => {
		// Links to other sites open in a new tab and cannot reach back into the drill through window.opener.
		if (node.tagName === 'A' && /^https?:/i.test(node.getAttribute('href') ?? '')) {
			node.setAttribute('target', '_blank');
			node.setAttribute('rel', 'noopener noreferrer');
		}
	});
	purifier = p;
	return p;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Renders markdown to sanitised HTML: scripts, event-handler attributes, `javascript:` links, forms, inline
 * styles and embedded SVG/MathML are removed. External links get `target="_blank" rel="noopener noreferrer"`.
 *
 * Sanitising needs a DOM. Where there is none (server-side rendering, Node), it returns the source as escaped
 * plain text in a `<pre class="markdown-source">` instead: always safe, never unsanitised HTML. Call it in the
 * browser (e.g. from an attachment) to get formatted output.
 */
export function renderMarkdown(md: string, options: RenderMarkdownOptions = {}): string {
	const p = getPurifier();
	if (!p) return `<pre class="markdown-source">${escapeHtml(md)}</pre>`;
	const html = parser(Math.max(0, Math.trunc(options.headingOffset ?? 0))).parse(md, { async: false });
	return p.sanitize(html, {
		USE_PROFILES: { html: true },
		FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
		FORBID_ATTR: ['style']
	});
}
