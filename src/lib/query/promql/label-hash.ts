/**
 * Prometheus's label-set hash, as used by `limit_ratio` to sample series deterministically.
 *
 * Prometheus (default `stringlabels` build) hashes a label set with XXH64 (seed 0) over its flat encoding: labels
 * sorted by name, each name and value preceded by its UTF-8 byte length (one byte for 0–254, else `0xff` followed
 * by the length as 3 bytes little-endian). `limit_ratio` maps the hash to `[0, 1]` as
 * `float64(hash) / float64(MaxUint64)`, so a series is kept or dropped the same way on every step and query.
 */
import type { Labels } from '../../sim/types';

const MASK = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

function rotl(x: bigint, r: bigint): bigint {
	return ((x << r) | (x >> (64n - r))) & MASK;
}

function round(acc: bigint, input: bigint): bigint {
	return (rotl((acc + input * P2) & MASK, 31n) * P1) & MASK;
}

function mergeRound(acc: bigint, v: bigint): bigint {
	return ((acc ^ round(0n, v)) * P1 + P4) & MASK;
}

function read64(b: Uint8Array, i: number): bigint {
	const dv = new DataView(b.buffer, b.byteOffset + i, 8);
	return dv.getBigUint64(0, true);
}

function read32(b: Uint8Array, i: number): bigint {
	const dv = new DataView(b.buffer, b.byteOffset + i, 4);
	return BigInt(dv.getUint32(0, true));
}

/** XXH64 of `data` with seed 0, as an unsigned 64-bit BigInt (the hash of Go's `cespare/xxhash`). */
export function xxhash64(data: Uint8Array): bigint {
	const len = data.length;
	let i = 0;
	let h: bigint;
	if (len >= 32) {
		let v1 = (P1 + P2) & MASK;
		let v2 = P2;
		let v3 = 0n;
		let v4 = (MASK + 1n - P1) & MASK;
		for (; i + 32 <= len; i += 32) {
			v1 = round(v1, read64(data, i));
			v2 = round(v2, read64(data, i + 8));
			v3 = round(v3, read64(data, i + 16));
			v4 = round(v4, read64(data, i + 24));
		}
		h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
		h = mergeRound(h, v1);
		h = mergeRound(h, v2);
		h = mergeRound(h, v3);
		h = mergeRound(h, v4);
	} else {
		h = P5;
	}
	h = (h + BigInt(len)) & MASK;
	for (; i + 8 <= len; i += 8) {
		h ^= round(0n, read64(data, i));
		h = (rotl(h, 27n) * P1 + P4) & MASK;
	}
	if (i + 4 <= len) {
		h ^= (read32(data, i) * P1) & MASK;
		h = (rotl(h, 23n) * P2 + P3) & MASK;
		i += 4;
	}
	for (; i < len; i++) {
		h ^= (BigInt(data[i]) * P5) & MASK;
		h = (rotl(h, 11n) * P1) & MASK;
	}
	h ^= h >> 33n;
	h = (h * P2) & MASK;
	h ^= h >> 29n;
	h = (h * P3) & MASK;
	h ^= h >> 32n;
	return h;
}

const encoder = new TextEncoder();

/** Prometheus's flat `stringlabels` encoding of a label set (names sorted; empty values are not labels). */
export function encodeLabels(labels: Labels): Uint8Array {
	const parts: Uint8Array[] = [];
	let size = 0;
	const push = (s: string) => {
		const bytes = encoder.encode(s);
		const n = bytes.length;
		const prefix =
			n < 255 ? Uint8Array.of(n) : Uint8Array.of(255, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff);
		parts.push(prefix, bytes);
		size += prefix.length + n;
	};
	for (const name of Object.keys(labels).sort()) {
		const value = labels[name];
		if (value === undefined || value === '') continue;
		push(name);
		push(value);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** Prometheus's `labels.Hash()` of a label set (default `stringlabels` build): XXH64 of its flat encoding. */
export function labelsHash(labels: Labels): bigint {
	return xxhash64(encodeLabels(labels));
}

/**
 * Where a series falls in `[0, 1]` for `limit_ratio`: `hash / MaxUint64` in float64 arithmetic, as Prometheus's
 * `HashRatioSampler.sampleOffset` computes it.
 */
export function ratioOffset(labels: Labels): number {
	return Number(labelsHash(labels)) / Number(MASK);
}

/**
 * Whether `limit_ratio(r, …)` keeps a series at `offset` ({@link ratioOffset}): `offset < r` for r ≥ 0, and
 * `offset >= 1 + r` for r < 0, so `limit_ratio(r)` and `limit_ratio(-(1 - r))` partition the input.
 */
export function keepsRatioSample(r: number, offset: number): boolean {
	return (r >= 0 && offset < r) || (r < 0 && offset >= 1 + r);
}
