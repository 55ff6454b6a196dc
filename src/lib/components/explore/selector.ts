/**
 * PromQL selector text for the metrics browser: `metric`, `metric{label="value"}`, or the `{__name__="…"}` form for
 * names that are not valid identifiers. Values are quoted with Go/PromQL string escapes. Pure.
 */

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A PromQL double-quoted string literal of `value`. */
export function quotePromString(value: string): string {
	return JSON.stringify(value);
}

/**
 * The vector selector of `metric` with equality matchers for `matchers` (in the given order). Label names that are
 * not valid identifiers are quoted (PromQL 3 syntax).
 */
export function metricSelector(
	metric: string,
	matchers: readonly { name: string; value: string }[] = []
): string {
	const parts = matchers.map(
		(m) => `${LABEL_NAME.test(m.name) ? m.name : quotePromString(m.name)}=${quotePromString(m.value)}`
	);
	if (METRIC_NAME.test(metric)) return parts.length ? `${metric}{${parts.join(', ')}}` : metric;
	return `{${[`__name__=${quotePromString(metric)}`, ...parts].join(', ')}}`;
}
