/** Compiled label matchers (`=`, `!=`, and the anchored regex matchers `=~`, `!~`). */
import type { LabelMatcher } from './ast';
import { compileRegex } from './go-syntax';

/**
 * Compiles a matcher into a predicate over a label value (an absent label is the empty string, as in
 * Prometheus/Loki). Regexes are anchored; invalid ones throw a syntax QueryError at the matcher.
 */
export function compileMatcher(m: LabelMatcher): (value: string) => boolean {
	switch (m.op) {
		case '=': {
			const v = m.value;
			return (x) => x === v;
		}
		case '!=': {
			const v = m.value;
			return (x) => x !== v;
		}
		case '=~': {
			const re = compileRegex(m.value, true, m);
			return (x) => re.test(x);
		}
		case '!~': {
			const re = compileRegex(m.value, true, m);
			return (x) => !re.test(x);
		}
	}
}
