import { describe, expect, it } from 'vitest';
import { CHORD_TIMEOUT_MS, ChordMatcher, CONSOLE_SHORTCUTS, isShortcutEvent } from './keyboard';

describe('ChordMatcher', () => {
	const chords = ['a', '/', 'g d', 'g l'];

	it('matches single keys immediately', () => {
		const m = new ChordMatcher(chords);
		expect(m.feed('a', 0)).toBe('a');
		expect(m.feed('/', 10)).toBe('/');
		expect(m.feed('x', 20)).toBeNull();
	});

	it('matches two-key chords typed in time', () => {
		const m = new ChordMatcher(chords);
		expect(m.feed('g', 100)).toBe('pending');
		expect(m.feed('d', 100 + CHORD_TIMEOUT_MS)).toBe('g d');
	});

	it('drops a chord whose second key comes too late, treating it as a fresh key', () => {
		const m = new ChordMatcher(chords);
		m.feed('g', 0);
		expect(m.feed('a', CHORD_TIMEOUT_MS + 1)).toBe('a');
		m.feed('g', 5000);
		expect(m.feed('d', 5000 + CHORD_TIMEOUT_MS + 1)).toBeNull();
	});

	it('does not let an unknown second key complete a chord', () => {
		const m = new ChordMatcher(chords);
		m.feed('g', 0);
		expect(m.feed('z', 10)).toBeNull();
		expect(m.feed('d', 20)).toBeNull();
		m.feed('g', 30);
		m.reset();
		expect(m.feed('l', 40)).toBeNull();
	});

	it('knows every documented console shortcut', () => {
		const m = new ChordMatcher(CONSOLE_SHORTCUTS.map((s) => s.keys));
		for (const s of CONSOLE_SHORTCUTS) {
			const keys = s.keys.split(' ');
			const results = keys.map((k, i) => m.feed(k, i * 10));
			expect(results.at(-1)).toBe(s.keys);
		}
	});
});

describe('isShortcutEvent', () => {
	const base = { key: 'a', ctrlKey: false, metaKey: false, altKey: false, target: null };

	it('accepts plain keys and rejects modified ones', () => {
		expect(isShortcutEvent(base)).toBe(true);
		expect(isShortcutEvent({ ...base, ctrlKey: true })).toBe(false);
		expect(isShortcutEvent({ ...base, metaKey: true })).toBe(false);
		expect(isShortcutEvent({ ...base, altKey: true })).toBe(false);
		expect(isShortcutEvent({ ...base, defaultPrevented: true })).toBe(false);
	});

	it('ignores keys typed into fields', () => {
		const field = {
			closest: (sel: string) => (sel.includes('textarea') ? {} : null)
		} as unknown as EventTarget;
		const plain = { closest: () => null } as unknown as EventTarget;
		expect(isShortcutEvent({ ...base, target: field })).toBe(false);
		expect(isShortcutEvent({ ...base, target: plain })).toBe(true);
	});
});
