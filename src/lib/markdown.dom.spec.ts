import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

/** Parses rendered HTML into a detached container for structural assertions. */
function dom(html: string): HTMLElement {
	const el = document.createElement('div');
	el.innerHTML = html;
	return el;
}

describe('renderMarkdown', () => {
	it('renders GitHub-flavoured markdown', () => {
		const el = dom(
			renderMarkdown(
				'# Runbook\n\n1. Check **deploys**\n2. Run `kubectl get pods`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nrate(x[5m])\n```'
			)
		);
		expect(el.querySelector('h1')?.textContent).toBe('Runbook');
		expect(el.querySelectorAll('ol li')).toHaveLength(2);
		expect(el.querySelector('strong')?.textContent).toBe('deploys');
		expect(el.querySelector('code')?.textContent).toBe('kubectl get pods');
		expect(el.querySelector('table td')?.textContent).toBe('1');
		expect(el.querySelector('pre code')?.textContent).toBe('rate(x[5m])\n');
	});

	it('removes script elements, raw or inside html blocks', () => {
		const html = renderMarkdown(
			'Hello\n\n<script>window.pwned = 1</script>\n\n<div><script>alert(1)</script>ok</div>'
		);
		const el = dom(html);
		expect(el.querySelector('script')).toBeNull();
		expect(html).not.toMatch(/pwned|alert\(1\)/);
		expect(el.textContent).toContain('ok');
	});

	it('removes event handler attributes', () => {
		const html = renderMarkdown(
			'<img src="x.png" onerror="alert(1)" alt="graph">\n\n<p onclick="steal()" onmouseover="x()">text</p>\n\n<svg onload="alert(2)"></svg>'
		);
		const el = dom(html);
		expect(html).not.toMatch(/onerror|onclick|onmouseover|onload/i);
		expect(el.querySelector('img')?.getAttribute('alt')).toBe('graph');
		expect(el.querySelector('svg')).toBeNull();
	});

	it('removes javascript: URLs from markdown and html links', () => {
		const html = renderMarkdown(
			'[click](javascript:alert(1)) [also](JaVaScRiPt:alert(2))\n\n<a href="javascript:alert(3)">raw</a> <a href=" javascript:alert(4)">sp</a>'
		);
		const el = dom(html);
		for (const a of el.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').not.toMatch(/javascript/i);
		expect(html).not.toMatch(/javascript:/i);
		expect(el.textContent).toContain('click');
	});

	it('drops forms, iframes and inline styles', () => {
		const el = dom(
			renderMarkdown(
				'<form action="https://evil.example"><input name="password"><button>Go</button></form>\n\n<iframe src="https://evil.example"></iframe>\n\n<p style="position:fixed">styled</p>'
			)
		);
		expect(el.querySelector('form, input, button, iframe')).toBeNull();
		expect(el.querySelector('[style]')).toBeNull();
		expect(el.textContent).toContain('styled');
	});

	it('opens external links in a new tab without an opener', () => {
		const a = dom(renderMarkdown('[Grafana docs](https://grafana.com/docs/)')).querySelector('a');
		expect(a?.getAttribute('href')).toBe('https://grafana.com/docs/');
		expect(a?.getAttribute('target')).toBe('_blank');
		expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
	});

	it('shifts heading levels under the page outline, clamped at h6', () => {
		const el = dom(renderMarkdown('# One\n\n## Two\n\n##### Five', { headingOffset: 2 }));
		expect([...el.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => h.tagName)).toEqual(['H3', 'H4', 'H6']);
		expect(dom(renderMarkdown('# One')).querySelector('h1')).not.toBeNull();
	});
});
