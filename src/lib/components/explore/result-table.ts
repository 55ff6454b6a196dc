/**
 * Rows of Explore's table view, as Prometheus' own UI shows an instant query: one row per series with its label
 * set and raw value; a range vector (`x[5m]`) lists every sample as `value @unix-seconds`. Pure.
 */
import type { QueryResult } from '../../query/types';
import type { Labels } from '../../sim/types';
import { formatLabels } from '../dashboard/panel-data';

export interface TableRow {
	/** Prometheus form of the labels, e.g. `up{job="api"}`; empty for scalars and strings. */
	series: string;
	labels: Labels;
	/** The value as Prometheus prints it (full precision, `NaN`, `+Inf`, `-Inf`). */
	value: string;
}

export interface TableRows {
	resultType: QueryResult['resultType'];
	rows: TableRow[];
	/** Rows in the result before `limit` was applied. */
	total: number;
}

/** A sample value as Prometheus prints it. */
export function formatSampleValue(v: number): string {
	if (Number.isNaN(v)) return 'NaN';
	if (v === Infinity) return '+Inf';
	if (v === -Infinity) return '-Inf';
	return String(v);
}

/** Table rows of an instant query result, in result order, at most `limit` of them. */
export function tableRows(result: QueryResult, limit = 1000): TableRows {
	let rows: TableRow[];
	switch (result.resultType) {
		case 'vector':
			rows = result.result.map((s) => ({
				series: formatLabels(s.labels),
				labels: s.labels,
				value: formatSampleValue(s.value)
			}));
			break;
		case 'matrix':
			rows = result.result.map((m) => ({
				series: formatLabels(m.labels),
				labels: m.labels,
				value: m.vs.map((v, i) => `${formatSampleValue(v)} @${m.ts[i] / 1000}`).join('\n')
			}));
			break;
		case 'scalar':
			rows = [{ series: '', labels: {}, value: formatSampleValue(result.value) }];
			break;
		case 'string':
			rows = [{ series: '', labels: {}, value: result.value }];
			break;
	}
	return { resultType: result.resultType, rows: rows.slice(0, limit), total: rows.length };
}
