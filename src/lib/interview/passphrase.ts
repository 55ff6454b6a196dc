/**
 * The interviewer's passphrase: stored only as a salted PBKDF2-SHA-256 hash (WebCrypto, `crypto.subtle`), as
 * `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`. The salt comes from an injected random source.
 *
 * What this protects, honestly: it keeps a casual candidate from opening the interviewer view, and keeps the
 * passphrase itself out of storage (interviewers reuse passphrases). It does NOT hide the answer key from a
 * determined candidate on the same machine: the app is static, so every scenario's answer key ships in its
 * JavaScript, and the browser's developer tools can read IndexedDB. Pure apart from WebCrypto.
 */

/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_ITERATIONS = 600_000;
/** Salt length in bytes. */
export const SALT_BYTES = 16;
/** Derived key length in bytes. */
const HASH_BYTES = 32;
/** Shortest passphrase accepted at set-up, in characters. */
export const MIN_PASSPHRASE_LENGTH = 8;

const PREFIX = 'pbkdf2-sha256';

/** Fills `n` random bytes (in the browser: `crypto.getRandomValues`). */
export type RandomBytes = (n: number) => Uint8Array;

function toHex(bytes: Uint8Array): string {
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array | null {
	if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) return null;
	const out = new Uint8Array(hex.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	return out;
}

/** The passphrase as hashed: surrounding spaces removed and Unicode normalised (NFC), so it types the same anywhere. */
export function normalisePassphrase(passphrase: string): string {
	return passphrase.trim().normalize('NFC');
}

/** Why a passphrase cannot be used at set-up, or null when it is fine. */
export function passphraseProblem(passphrase: string): string | null {
	const p = normalisePassphrase(passphrase);
	if (p.length < MIN_PASSPHRASE_LENGTH)
		return `Use at least ${MIN_PASSPHRASE_LENGTH} characters, so the candidate cannot guess it.`;
	return null;
}

async function derive(passphrase: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
	const subtle = globalThis.crypto?.subtle;
	if (!subtle)
		throw new Error('This browser has no WebCrypto (crypto.subtle); use a current browser over https.');
	const key = await subtle.importKey(
		'raw',
		new TextEncoder().encode(normalisePassphrase(passphrase)),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const bits = await subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
		key,
		HASH_BYTES * 8
	);
	return new Uint8Array(bits);
}

/**
 * Hashes a passphrase with a fresh salt from `randomBytes`. Returns the string to store.
 * @param iterations PBKDF2 rounds (default {@link PBKDF2_ITERATIONS}; tests use fewer to stay fast).
 */
export async function createPassphraseHash(
	passphrase: string,
	randomBytes: RandomBytes,
	iterations: number = PBKDF2_ITERATIONS
): Promise<string> {
	if (!Number.isSafeInteger(iterations) || iterations < 1)
		throw new Error('iterations must be a positive integer');
	const salt = randomBytes(SALT_BYTES);
	if (salt.length !== SALT_BYTES) throw new Error(`randomBytes must return ${SALT_BYTES} bytes`);
	const hash = await derive(passphrase, salt, iterations);
	return `${PREFIX}$${iterations}$${toHex(salt)}$${toHex(hash)}`;
}

/** Compares two equal-length byte arrays in time independent of where they differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
	return diff === 0;
}

/** True when `passphrase` matches a hash made by {@link createPassphraseHash}; false for a malformed hash. */
export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
	const [prefix, rounds, saltHex, hashHex, ...rest] = stored.split('$');
	const iterations = Number(rounds);
	const salt = fromHex(saltHex ?? '');
	const expected = fromHex(hashHex ?? '');
	if (prefix !== PREFIX || rest.length > 0 || !Number.isSafeInteger(iterations) || iterations < 1)
		return false;
	if (!salt || !expected || expected.length !== HASH_BYTES) return false;
	return sameBytes(await derive(passphrase, salt, iterations), expected);
}
