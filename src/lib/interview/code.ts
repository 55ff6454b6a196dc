/**
 * Session codes: three letters, a dash and three digits (`KWT-482`), easy to read out and type. Letters and digits
 * that are easily confused (I/L/O, 0/1) are never used. Pure: randomness is injected.
 */

export const CODE_LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_DIGITS = '23456789';

/** A `[0, 1)` random source such as `Math.random`. */
export type RandomSource = () => number;

function pick(alphabet: string, random: RandomSource): string {
	const r = random();
	if (!(r >= 0 && r < 1)) throw new Error('random() must return a number in [0, 1)');
	return alphabet[Math.floor(r * alphabet.length)];
}

/** A new session code from `random` (six draws: three letters, then three digits). */
export function generateCode(random: RandomSource): string {
	const letters = [0, 1, 2].map(() => pick(CODE_LETTERS, random)).join('');
	const digits = [0, 1, 2].map(() => pick(CODE_DIGITS, random)).join('');
	return `${letters}-${digits}`;
}

const CODE_RE = new RegExp(`^[${CODE_LETTERS}]{3}-[${CODE_DIGITS}]{3}$`);

/** True when `code` is a well-formed session code (after {@link normaliseCode}). */
export function isCode(code: string): boolean {
	return CODE_RE.test(code);
}

/**
 * What someone typed, as a code: upper case, spaces removed, the dash added when missing (`kwt482` → `KWT-482`).
 * Returns null when it cannot be a code.
 */
export function normaliseCode(input: string): string | null {
	const compact = input.toUpperCase().replace(/[\s-]+/g, '');
	if (compact.length !== 6) return null;
	const code = `${compact.slice(0, 3)}-${compact.slice(3)}`;
	return isCode(code) ? code : null;
}
