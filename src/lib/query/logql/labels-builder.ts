/**
 * Mutable label set used while one log line flows through a pipeline: the stream labels stay untouched (shared,
 * read-only) and changes go to a small overlay that is cleared for the next line, so lines that no stage
 * modifies cost no allocation.
 */
import type { Labels } from '../../sim/types';

/** Label holding a pipeline error (`JSONParserErr`, `LogfmtParserErr`, `LabelFilterErr`, `SampleExtractionErr`). */
export const ERROR_LABEL = '__error__';
/** Label holding the error's details. */
export const ERROR_DETAILS_LABEL = '__error_details__';

const EMPTY: Readonly<Labels> = Object.freeze({});

export class LabelsBuilder {
	private base: Readonly<Labels> = EMPTY;
	/** Overlay: a string sets the label, null deletes it. */
	private readonly overlay = new Map<string, string | null>();

	/** Starts a new line with `base` as its stream labels. */
	reset(base: Readonly<Labels>): void {
		this.base = base;
		if (this.overlay.size > 0) this.overlay.clear();
	}

	/** True when no label was set or deleted since {@link reset}. */
	get unchanged(): boolean {
		return this.overlay.size === 0;
	}

	/** Current value of `name`, or undefined when absent. */
	get(name: string): string | undefined {
		if (this.overlay.size > 0) {
			const o = this.overlay.get(name);
			if (o !== undefined) return o === null ? undefined : o;
		}
		return Object.hasOwn(this.base, name) ? this.base[name] : undefined;
	}

	/** True when `name` is one of the stream labels the line started with (Loki's BaseHas). */
	baseHas(name: string): boolean {
		return Object.hasOwn(this.base, name);
	}

	set(name: string, value: string): void {
		this.overlay.set(name, value);
	}

	delete(name: string): void {
		if (this.get(name) !== undefined) this.overlay.set(name, null);
	}

	/** True when the line carries a pipeline error. */
	hasError(): boolean {
		const e = this.get(ERROR_LABEL);
		return e !== undefined && e !== '';
	}

	setError(kind: string, details: string): void {
		if (this.hasError()) return;
		this.set(ERROR_LABEL, kind);
		this.set(ERROR_DETAILS_LABEL, details);
	}

	/** Names of the present labels (unsorted). */
	names(): string[] {
		if (this.overlay.size === 0) return Object.keys(this.base);
		const out: string[] = [];
		for (const k of Object.keys(this.base)) if (!this.overlay.has(k)) out.push(k);
		for (const [k, v] of this.overlay) if (v !== null) out.push(k);
		return out;
	}

	/**
	 * The current labels as a plain object (labels with an empty value are left out, as in Prometheus/Loki).
	 * When nothing changed this is the shared stream-label object: callers must not mutate it.
	 */
	labels(): Readonly<Labels> {
		if (this.overlay.size === 0) return this.base;
		const out: Labels = {};
		for (const k of this.names().sort()) {
			const v = this.get(k) as string;
			if (v === '') continue;
			if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true });
			else out[k] = v;
		}
		return out;
	}
}

/** Canonical identity of a label set: sorted `name="value"` pairs (also a readable series name). */
export function labelsKey(labels: Readonly<Labels>): string {
	const names = Object.keys(labels).sort();
	let out = '{';
	for (let i = 0; i < names.length; i++) {
		if (i > 0) out += ', ';
		out += `${names[i]}=${JSON.stringify(labels[names[i]])}`;
	}
	return out + '}';
}
