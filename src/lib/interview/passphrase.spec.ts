import { describe, expect, it } from 'vitest';
import {
	createPassphraseHash,
	passphraseProblem,
	PBKDF2_ITERATIONS,
	SALT_BYTES,
	verifyPassphrase
} from './passphrase';

/** Deterministic "random" bytes: 0, 1, 2, … offset by `start`. */
const bytes = (start: number) => (n: number) => Uint8Array.from({ length: n }, (_, i) => (start + i) % 256);

describe('the interviewer passphrase', () => {
	it('is stored as a salted PBKDF2 hash, never as itself', async () => {
		const stored = await createPassphraseHash('correct horse battery', bytes(0), 1000);
		expect(stored).toMatch(/^pbkdf2-sha256\$1000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
		expect(stored).not.toContain('horse');
		expect(stored.split('$')[2]).toBe(
			Array.from(bytes(0)(SALT_BYTES), (b) => b.toString(16).padStart(2, '0')).join('')
		);
	});

	it('unlocks with the same passphrase and not with another', async () => {
		const stored = await createPassphraseHash('correct horse battery', bytes(3), 1000);
		expect(await verifyPassphrase('correct horse battery', stored)).toBe(true);
		expect(await verifyPassphrase('  correct horse battery ', stored)).toBe(true);
		expect(await verifyPassphrase('correct horse batter', stored)).toBe(false);
		expect(await verifyPassphrase('Correct horse battery', stored)).toBe(false);
	});

	it('gives two sessions with the same passphrase different hashes (salt)', async () => {
		const a = await createPassphraseHash('same passphrase', bytes(1), 1000);
		const b = await createPassphraseHash('same passphrase', bytes(2), 1000);
		expect(a).not.toBe(b);
		expect(await verifyPassphrase('same passphrase', b)).toBe(true);
	});

	it('uses the recommended work factor by default', async () => {
		const stored = await createPassphraseHash('default rounds please', bytes(9));
		expect(stored.split('$')[1]).toBe(String(PBKDF2_ITERATIONS));
		expect(await verifyPassphrase('default rounds please', stored)).toBe(true);
	});

	it('refuses malformed or tampered hashes', async () => {
		const stored = await createPassphraseHash('correct horse battery', bytes(4), 1000);
		const [p, n, salt, hash] = stored.split('$');
		const flipped = hash.slice(0, -1) + (hash.endsWith('0') ? '1' : '0');
		expect(await verifyPassphrase('correct horse battery', `${p}$${n}$${salt}$${flipped}`)).toBe(false);
		expect(await verifyPassphrase('correct horse battery', 'plain-text')).toBe(false);
		expect(await verifyPassphrase('correct horse battery', `${p}$0$${salt}$${hash}`)).toBe(false);
		expect(await verifyPassphrase('correct horse battery', `${p}$${n}$zz$${hash}`)).toBe(false);
	});

	it('must be long enough to set up', () => {
		expect(passphraseProblem('short')).toMatch(/at least 8/);
		expect(passphraseProblem('   short   ')).toMatch(/at least 8/);
		expect(passphraseProblem('long enough')).toBeNull();
	});
});
