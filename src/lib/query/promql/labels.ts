/**
 * Label-set helpers with Prometheus semantics: a label with an empty value does not exist, label sets are
 * ordered by name, and two sets compare label by label (name, then value), then by length.
 */
import type { Labels } from '../../sim/types';

export const METRIC_NAME = '__name__';
export const BUCKET_LABEL = 'le';

const SEP_NAME = '\u0000';
const SEP_PAIR = '\u0001';

/**
 * Canonical string key of a label set (names sorted; empty values ignored). Equal sets give equal keys, and
 * comparing keys as strings orders label sets as {@link compareLabels} does (the separators sort before any
 * printable character).
 */
export function labelsKey(labels: Labels): string {
	const names = Object.keys(labels).sort();
	let key = '';
	for (const n of names) {
		const v = labels[n];
		if (v === '' || v === undefined) continue;
		key += n + SEP_NAME + v + SEP_PAIR;
	}
	return key;
}

/** A new label set with names in sorted order and empty values dropped. */
export function normalizeLabels(labels: Labels): Labels {
	const out: Labels = {};
	for (const n of Object.keys(labels).sort()) {
		const v = labels[n];
		if (v !== '' && v !== undefined) out[n] = v;
	}
	return out;
}

/** Prometheus `labels.Compare`: compares sorted label pairs name-first, then the number of labels. */
export function compareLabels(a: Labels, b: Labels): number {
	const an = Object.keys(a).sort();
	const bn = Object.keys(b).sort();
	const len = Math.min(an.length, bn.length);
	for (let i = 0; i < len; i++) {
		if (an[i] !== bn[i]) return an[i] < bn[i] ? -1 : 1;
		const av = a[an[i]];
		const bv = b[bn[i]];
		if (av !== bv) return av < bv ? -1 : 1;
	}
	return an.length - bn.length;
}

/** Copy of `labels` with `name` set to `value` (removed when `value` is empty). */
export function setLabel(labels: Labels, name: string, value: string): Labels {
	const out: Labels = { ...labels };
	if (value === '') delete out[name];
	else out[name] = value;
	return out;
}

function quoteValue(v: string): string {
	return JSON.stringify(v);
}

const PLAIN_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const PLAIN_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Prometheus text form of a label set: `name{a="b", c="d"}`, or `{…}` when there is no (plain) metric name. */
export function formatLabels(labels: Labels): string {
	const name = labels[METRIC_NAME];
	const parts: string[] = [];
	const showName = name !== undefined && PLAIN_METRIC.test(name);
	for (const n of Object.keys(labels).sort()) {
		if (n === METRIC_NAME && showName) continue;
		const ln = PLAIN_NAME.test(n) ? n : quoteValue(n);
		parts.push(`${ln}=${quoteValue(labels[n])}`);
	}
	if (showName) return parts.length ? `${name}{${parts.join(', ')}}` : name!;
	return `{${parts.join(', ')}}`;
}
