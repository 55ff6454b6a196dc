/**
 * Canonical JSON and SHA-256 for progress files. Canonical JSON is `JSON.stringify` with object keys sorted
 * (by UTF-16 code units) at every level and no whitespace, so the same data always hashes the same whatever order
 * its keys were written in. `undefined` properties are left out and `undefined` array items become `null`, exactly
 * as JSON itself does, so a value hashes the same before writing and after reading back.
 */
import type { ProgressPayload } from './file-schema';

/**
 * Canonical JSON text of a JSON-compatible value. Throws `TypeError` for values JSON cannot represent faithfully
 * (non-finite numbers, bigints, functions, symbols at the top level).
 */
export function canonicalJson(value: unknown): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return JSON.stringify(value);
		case 'number':
			if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
			return JSON.stringify(value);
		case 'object': {
			if (Array.isArray(value)) {
				return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
			}
			const record = value as Record<string, unknown>;
			const keys = Object.keys(record)
				.filter((k) => record[k] !== undefined && typeof record[k] !== 'function')
				.sort();
			return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
		}
		default:
			throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
	}
}

/** SHA-256 of the UTF-8 bytes of `text`, as 64 lower-case hex characters (Web Crypto; Node 20 and browsers). */
export async function sha256Hex(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The checksum of a progress file: SHA-256 hex of the canonical JSON of the file without its `checksum`. */
export async function payloadChecksum(payload: ProgressPayload): Promise<string> {
	return sha256Hex(canonicalJson(payload));
}
