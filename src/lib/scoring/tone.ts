/**
 * Tone detectors shared by the communication and postmortem scorers: blame (a person named as the cause, or
 * blaming words) and speculation.
 */
import { BLAME_PHRASE, BLAME_VERB, NOT_A_NAME, SPECULATION } from './lexicon';
import { affirmedMatches, normalise, sentences } from './text';

/** A person named as the cause ("Dave's change broke…", "Priya forgot to…"); returns the phrase, or null. */
export function namedBlame(text: string): string | null {
	for (const m of text.matchAll(/\b([A-Z][a-z]{2,})('s|s')?(?=\s+([^.!?;\n]{0,60}))/g)) {
		if (NOT_A_NAME.has(m[1])) continue;
		const rest = normalise(m[3]).split(/\s+/);
		const maxSkip = m[2] ? 2 : 1;
		for (let k = 0; k <= maxSkip && k < rest.length; k++) {
			if (BLAME_VERB.test(rest.slice(k).join(' ')))
				return `${m[1]}${m[2] ?? ''} ${rest.slice(0, k + 2).join(' ')}`;
		}
	}
	return null;
}

/** What blames people in the text: a named person, else a blaming phrase ("human error", "careless"), else null. */
export function findBlame(text: string): { phrase: string; named: boolean } | null {
	const named = namedBlame(text);
	if (named) return { phrase: named, named: true };
	const m = BLAME_PHRASE.exec(normalise(text));
	return m ? { phrase: m[0], named: false } : null;
}

/** Guessing phrases that are not negated, with the first sentence that contains one. */
export function findSpeculation(text: string): { count: number; sentence: string | null } {
	const guesses = affirmedMatches(text, SPECULATION);
	if (guesses.length === 0) return { count: 0, sentence: null };
	const sentence = sentences(text).find((s) => SPECULATION.test(normalise(s))) ?? guesses[0];
	return { count: guesses.length, sentence };
}
