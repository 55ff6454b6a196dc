import { describe, expect, it } from 'vitest';
import { expertLog, fixtureScenario, START_EPOCH_MS } from '../../scoring/fixtures/drill-scenario';
import { drillTimeline, timelineMarkdown } from './timeline';
import { pagedAlert, parseArtifactKind, scoreArtifact, scoreBand } from './writing';

const scenario = fixtureScenario();

describe('scoreArtifact', () => {
	it('grades a runbook against the paged alert', () => {
		const md = '# DiskFull\n\n## Meaning\nFires when the disk is above 90% for 5 minutes.';
		const named = scoreArtifact('runbook', md, { alertName: 'DiskFull' });
		const other = scoreArtifact('runbook', md, { alertName: 'CheckoutHighErrorRate' });
		const meaning = (r: typeof named) => r.checks.find((c) => c.id === 'runbook.alert-meaning')?.result;
		expect(meaning(named)).toBe('met');
		expect(meaning(other)).not.toBe('met');
	});

	it('grades a postmortem timeline against the drill’s event log only when it has one', () => {
		const md = `# Postmortem\n\n## Timeline\n\n${timelineMarkdown(drillTimeline(expertLog(), scenario, START_EPOCH_MS))}`;
		const accuracy = (r: ReturnType<typeof scoreArtifact>) =>
			r.checks.find((c) => c.id === 'postmortem.timeline-accuracy')?.result;
		expect(accuracy(scoreArtifact('postmortem', md))).toBe('not-assessed');
		expect(
			accuracy(
				scoreArtifact('postmortem', md, {
					events: expertLog(),
					startEpochMs: START_EPOCH_MS,
					answerKey: scenario.answerKey
				})
			)
		).toBe('met');
	});
});

describe('helpers', () => {
	it('reads the kind from a query parameter', () => {
		expect(parseArtifactKind('runbook')).toBe('runbook');
		expect(parseArtifactKind('postmortem')).toBe('postmortem');
		expect(parseArtifactKind('notes')).toBeNull();
		expect(parseArtifactKind(null)).toBeNull();
	});

	it('finds the paged alert and names score bands', () => {
		expect(pagedAlert(expertLog())).toBe('CheckoutHighErrorRate');
		expect(pagedAlert([])).toBeUndefined();
		expect(scoreBand(80).label).toBe('Strong');
		expect(scoreBand(10).rating).toBe(1);
	});
});
