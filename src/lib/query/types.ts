/**
 * Result shapes shared by the PromQL and LogQL evaluators and by every panel that draws them.
 * Times are absolute Unix milliseconds (EpochMs).
 */
import type { Labels, LogRecord } from '../sim/types';

/** One sample of an instant vector. */
export interface VectorSample {
	labels: Labels;
	/** Evaluation time, Unix ms. */
	t: number;
	value: number;
}

/** One series of a range result: parallel arrays of times (Unix ms) and values. */
export interface MatrixSeries {
	labels: Labels;
	ts: number[];
	vs: number[];
}

export type QueryResult =
	| { resultType: 'vector'; result: VectorSample[] }
	| { resultType: 'matrix'; result: MatrixSeries[] }
	| { resultType: 'scalar'; t: number; value: number }
	| { resultType: 'string'; t: number; value: string };

/** A log line returned by a LogQL log query, with the labels it ended up with after parsers. */
export interface LogLine {
	record: LogRecord;
	/** Stream labels plus any labels extracted by `| json` / `| logfmt`. */
	labels: Labels;
}

/** A query error that points into the query text. `from`/`to` are 0-based character offsets. */
export class QueryError extends Error {
	constructor(
		message: string,
		readonly from: number,
		readonly to: number,
		readonly kind: 'syntax' | 'unsupported' | 'evaluation' = 'syntax'
	) {
		super(message);
		this.name = 'QueryError';
	}

	/** 1-based line and column of `from` within `text`. */
	position(text: string): { line: number; column: number } {
		const before = text.slice(0, this.from).split('\n');
		return { line: before.length, column: before[before.length - 1].length + 1 };
	}
}
