/**
 * Append-only, time-ordered store of simulated log records, indexed by stream (the label set a LogQL stream
 * selector matches, see {@link logStreamLabels}). Lookups by time use binary search; per-record stream ids are
 * kept in a parallel array so query engines can skip whole streams without touching the record.
 */
import { logStreamLabels } from './types';
import type { EpochMs, Labels, LogRecord } from './types';

/** One log stream: a distinct label set. `id` is dense (0, 1, 2, …) in order of first appearance. */
export interface LogStream {
	readonly id: number;
	readonly labels: Readonly<Labels>;
}

export interface LogStoreOptions {
	/** Value of the `namespace` stream label of every record (default `prod`). */
	namespace?: string;
}

export class LogStore {
	/** Value of the `namespace` stream label. */
	readonly namespace: string;
	private readonly records: LogRecord[] = [];
	private readonly streamOf: number[] = [];
	private readonly streamList: LogStream[] = [];
	private readonly streamByKey = new Map<string, number>();
	private readonly valuesByName = new Map<string, Set<string>>();

	constructor(options: LogStoreOptions = {}) {
		this.namespace = options.namespace ?? 'prod';
	}

	/**
	 * Appends a record. Invariant: records arrive in non-decreasing time order (`r.t` in Unix ms must be a finite
	 * number `>=` the last appended `t`); otherwise this throws a RangeError and the store is unchanged.
	 */
	append(r: LogRecord): void {
		if (!Number.isFinite(r.t))
			throw new RangeError(`log record time must be a finite Unix ms value, got ${r.t}`);
		const n = this.records.length;
		if (n > 0 && r.t < this.records[n - 1].t) {
			throw new RangeError(
				`log records must be appended in time order: ${r.t} is before the last record (${this.records[n - 1].t})`
			);
		}
		const key = `${r.service}\u0000${r.pod}\u0000${r.level}`;
		let id = this.streamByKey.get(key);
		if (id === undefined) {
			id = this.streamList.length;
			const labels = logStreamLabels(r, this.namespace);
			this.streamList.push({ id, labels });
			this.streamByKey.set(key, id);
			for (const [name, value] of Object.entries(labels)) {
				let set = this.valuesByName.get(name);
				if (!set) this.valuesByName.set(name, (set = new Set()));
				set.add(value);
			}
		}
		this.records.push(r);
		this.streamOf.push(id);
	}

	/** Number of records stored. */
	get size(): number {
		return this.records.length;
	}

	/** Time (Unix ms) of the oldest record, or null when empty. */
	get firstTime(): EpochMs | null {
		return this.records.length > 0 ? this.records[0].t : null;
	}

	/** Time (Unix ms) of the newest record, or null when empty. */
	get lastTime(): EpochMs | null {
		return this.records.length > 0 ? this.records[this.records.length - 1].t : null;
	}

	/** Index of the first record with `t >= time` (Unix ms); `size` when there is none. O(log n). */
	lowerBound(time: EpochMs): number {
		let lo = 0;
		let hi = this.records.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.records[mid].t < time) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Index of the first record with `t > time` (Unix ms); `size` when there is none. O(log n). */
	upperBound(time: EpochMs): number {
		let lo = 0;
		let hi = this.records.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.records[mid].t <= time) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** The record at index `i` (0 = oldest). */
	at(i: number): LogRecord {
		return this.records[i];
	}

	/** Stream id of the record at index `i`. */
	streamIdAt(i: number): number {
		return this.streamOf[i];
	}

	/** All streams seen so far, indexed by id. */
	streams(): readonly LogStream[] {
		return this.streamList;
	}

	/**
	 * A mask over stream ids (1 = the stream's labels satisfy `match`), evaluating `match` once per stream.
	 * Its length is the stream count at call time.
	 */
	streamMask(match: (labels: Readonly<Labels>) => boolean): Uint8Array {
		const mask = new Uint8Array(this.streamList.length);
		for (const s of this.streamList) mask[s.id] = match(s.labels) ? 1 : 0;
		return mask;
	}

	/**
	 * Records with `start <= t <= end` (Unix ms, both inclusive), oldest first, optionally only those of streams
	 * whose labels satisfy `match` (called once per stream). O(log n + k).
	 */
	range(start: EpochMs, end: EpochMs, match?: (labels: Readonly<Labels>) => boolean): LogRecord[] {
		const lo = this.lowerBound(start);
		const hi = this.upperBound(end);
		if (hi <= lo) return [];
		if (!match) return this.records.slice(lo, hi);
		const mask = this.streamMask(match);
		const out: LogRecord[] = [];
		for (let i = lo; i < hi; i++) if (mask[this.streamOf[i]] === 1) out.push(this.records[i]);
		return out;
	}

	/** Stream label names that have at least one value, sorted. */
	labelNames(): string[] {
		return [...this.valuesByName.keys()].sort();
	}

	/** Distinct values of a stream label, sorted; empty for an unknown name. */
	labelValues(name: string): string[] {
		return [...(this.valuesByName.get(name) ?? [])].sort();
	}
}
