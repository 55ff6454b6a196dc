/** Display names of scenario metadata values. */
export const DIFFICULTY_LABELS = { intro: 'Intro', standard: 'Standard', advanced: 'Advanced' } as const;
export const LEVEL_LABELS = {
	shadow: 'Shadowing',
	secondary: 'Secondary on-call',
	primary: 'Primary on-call'
} as const;
