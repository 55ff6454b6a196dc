/**
 * The Go-template subset Prometheus alert annotations use, and Prometheus's humanize functions.
 */
import type { Labels } from './types';

/**
 * Expands the Go-template subset used by alert annotations: `{{ $labels.x }}`, `{{ $value }}`, `{{ .Labels.x }}`,
 * `{{ .Value }}`, pipes to `humanize`, `humanize1024`, `humanizePercentage`, `humanizeDuration`, `printf "%.2f"`,
 * `toUpper`, `toLower`, `title`. Anything else is left as written.
 */
export function expandTemplate(text: string, labels: Labels, value: number): string {
	return text.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (whole, body: string) => {
		const parts = body.split('|').map((p) => p.trim());
		let current: string | number | undefined;
		const head = parts[0];
		const printfHead = /^printf\s+"([^"]*)"\s+(.+)$/.exec(head);
		if (printfHead) {
			const arg = resolveRef(printfHead[2], labels, value);
			if (arg === undefined) return whole;
			current = printf(printfHead[1], arg);
		} else {
			current = resolveRef(head, labels, value);
		}
		if (current === undefined) return whole;
		for (const fn of parts.slice(1)) {
			const printfPipe = /^printf\s+"([^"]*)"$/.exec(fn);
			if (printfPipe) current = printf(printfPipe[1], current);
			else if (fn === 'humanize') current = humanize(Number(current));
			else if (fn === 'humanize1024') current = humanize1024(Number(current));
			else if (fn === 'humanizePercentage') current = `${trimNumber(Number(current) * 100)}%`;
			else if (fn === 'humanizeDuration') current = humanizeDuration(Number(current));
			else if (fn === 'toUpper') current = String(current).toUpperCase();
			else if (fn === 'toLower') current = String(current).toLowerCase();
			else if (fn === 'title') current = String(current).replace(/\b\w/g, (c) => c.toUpperCase());
			else return whole;
		}
		return typeof current === 'number' ? formatValue(current) : current;
	});
}

function resolveRef(ref: string, labels: Labels, value: number): string | number | undefined {
	if (ref === '$value' || ref === '.Value') return value;
	const m = /^(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(ref);
	if (m) return labels[m[1]] ?? '';
	const q = /^"([^"]*)"$/.exec(ref);
	if (q) return q[1];
	return undefined;
}

function printf(format: string, arg: string | number): string {
	return format.replace(/%(\.(\d+))?([fdsvg])/, (_m, _p, digits: string | undefined, verb: string) => {
		const n = Number(arg);
		if (verb === 'f') return n.toFixed(digits === undefined ? 6 : Number(digits));
		if (verb === 'd') return String(Math.trunc(n));
		if (verb === 'g') return String(n);
		return String(arg);
	});
}

function formatValue(v: number): string {
	return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
}

function trimNumber(v: number): string {
	return String(Number(v.toPrecision(4)));
}

/** Prometheus `humanize`: SI prefixes with 4 significant digits. */
export function humanize(v: number): string {
	if (v === 0 || !Number.isFinite(v)) return String(v);
	const abs = Math.abs(v);
	const big = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
	const small = ['', 'm', 'u', 'n', 'p', 'f', 'a'];
	if (abs >= 1) {
		let i = 0;
		let x = v;
		while (Math.abs(x) >= 1000 && i < big.length - 1) {
			x /= 1000;
			i++;
		}
		return `${trimNumber(x)}${big[i]}`;
	}
	let i = 0;
	let x = v;
	while (Math.abs(x) < 1 && i < small.length - 1) {
		x *= 1000;
		i++;
	}
	return `${trimNumber(x)}${small[i]}`;
}

function humanize1024(v: number): string {
	const units = ['', 'ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
	let i = 0;
	let x = v;
	while (Math.abs(x) >= 1024 && i < units.length - 1) {
		x /= 1024;
		i++;
	}
	return `${trimNumber(x)}${units[i]}`;
}

/** Prometheus `humanizeDuration`: seconds to `1d 2h 3m 4s`. */
export function humanizeDuration(seconds: number): string {
	if (!Number.isFinite(seconds)) return String(seconds);
	if (Math.abs(seconds) < 1) return `${trimNumber(seconds * 1000)}ms`;
	const sign = seconds < 0 ? '-' : '';
	let s = Math.abs(seconds);
	const d = Math.floor(s / 86400);
	s -= d * 86400;
	const h = Math.floor(s / 3600);
	s -= h * 3600;
	const m = Math.floor(s / 60);
	s -= m * 60;
	const parts: string[] = [];
	if (d) parts.push(`${d}d`);
	if (h) parts.push(`${h}h`);
	if (m) parts.push(`${m}m`);
	parts.push(`${Math.floor(s)}s`);
	return sign + parts.join(' ');
}
