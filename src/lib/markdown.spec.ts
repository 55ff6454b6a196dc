import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown without a DOM', () => {
	it('falls back to escaped source text, never raw html', () => {
		const html = renderMarkdown('# Hi\n\n<script>alert("x")</script> & <img onerror=y>');
		expect(html).toBe(
			'<pre class="markdown-source"># Hi\n\n&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#60;img onerror=y&#62;</pre>'
		);
	});
});
