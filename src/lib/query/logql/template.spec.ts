import { describe, expect, it } from 'vitest';
import { QueryError } from '../types';
import { compileTemplate, renderTemplate } from './template';

const T = Date.UTC(2025, 0, 13, 9, 58, 13, 631);

function render(text: string, labels: Record<string, string> = {}, line = 'the line'): string {
	const tpl = compileTemplate(text, { from: 0, to: text.length + 2 }, true);
	return renderTemplate(tpl, { label: (n) => labels[n], line, t: T });
}

describe('line_format / label_format templates', () => {
	it('renders labels, __line__ and __timestamp__, with missing labels as empty', () => {
		expect(
			render('{{.status}} {{ .route }} [{{.nope}}] {{__line__}}', { status: '502', route: '/cart' })
		).toBe('502 /cart [] the line');
		expect(render('{{ __timestamp__ }}')).toBe('2025-01-13 09:58:13.631 +0000 UTC');
	});

	it('applies functions in prefix and piped form', () => {
		const labels = { level: 'error', path: '/api/v1/cart', empty: '' };
		expect(render('{{ upper .level }} {{ .level | ToUpper | lower }}', labels)).toBe('ERROR error');
		expect(
			render('{{ .path | trimPrefix "/api" }} {{ trunc 4 .path }} {{ replace "/" "." .path }}', labels)
		).toBe('/v1/cart /api .api.v1.cart');
		expect(
			render('{{ .empty | default "n/a" }}|{{ alignRight 5 .level }}|{{ title "hello world" }}', labels)
		).toBe('n/a|error|Hello World');
	});

	it('honours trim markers', () => {
		expect(render('a   {{- .x -}}   b', { x: 'X' })).toBe('aXb');
	});

	it('points at unsupported actions and wrong calls inside the string', () => {
		const text = 'ok {{ range .x }}';
		try {
			compileTemplate(text, { from: 10, to: 10 + text.length + 2 }, true);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(QueryError);
			expect((e as QueryError).kind).toBe('unsupported');
			expect((e as QueryError).from).toBe(10 + 1 + text.indexOf('range'));
		}
		expect(() => render('{{ upper }}')).toThrow(/takes 1 argument/);
		expect(() => render('{{ .a .b }}')).toThrow(/not a function/);
		expect(() => render('{{ }}')).toThrow(/empty/);
		expect(() => render('{{ . }}')).toThrow(QueryError);
	});
});
