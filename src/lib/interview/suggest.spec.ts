import { describe, expect, it } from 'vitest';
import { scoreRunbook } from '../scoring/runbook';
import { scoreDrill } from '../scoring/drill';
import type { DrillEvent } from '../sim/types';
import { combineScores, findRedFlags, suggestRatings, type DimensionSuggestion } from './suggest';
import { checkout, GOOD_RUNBOOK, playthrough, scorecardWith, WEAK_RUNBOOK } from './test-fixtures';

const byId = (list: DimensionSuggestion[]) => Object.fromEntries(list.map((s) => [s.id, s]));
const runbook = (md: string) => scoreRunbook(md, { alertName: 'CheckoutHighErrorRate' });

describe('suggested ratings from a hand-made scorecard', () => {
	it('map the drill dimension score onto the 1–4 bands', () => {
		const s = byId(
			suggestRatings({
				drill: scorecardWith({ troubleshooting: 80, observability: 60, communication: 30, collaboration: 10 })
			})
		);
		expect(s.troubleshooting).toMatchObject({
			rating: 4,
			score: 80,
			sources: [{ exercise: 'triage', score: 80 }]
		});
		expect(s.observability.rating).toBe(3);
		expect(s.communication.rating).toBe(2);
		expect(s.collaboration.rating).toBe(1);
	});

	it('leave dimensions no exercise measured without a suggestion, and say what to ask', () => {
		const s = byId(suggestRatings({ drill: scorecardWith({ troubleshooting: 80 }) }));
		expect(s['scripting-automation'].rating).toBeNull();
		expect(s['scripting-automation'].notAssessed).toMatch(/scripting task/);
		expect(s['linux-networking'].rating).toBeNull();
	});

	it('count the simulation twice as much as the runbook', () => {
		const good = runbook(GOOD_RUNBOOK);
		const s = byId(suggestRatings({ drill: scorecardWith({ troubleshooting: 40 }), runbook: good }));
		const rb = s.troubleshooting.sources.find((x) => x.exercise === 'runbook');
		expect(rb?.score).toBeGreaterThanOrEqual(90);
		expect(s.troubleshooting.score).toBe(combineScores([{ exercise: 'triage', score: 40 }, rb!]));
		expect(s.troubleshooting.score).toBe(Math.round((2 * 40 + rb!.score) / 3));
		expect(s.troubleshooting.evidence.some((line) => line.startsWith('Runbook · '))).toBe(true);
	});

	it('suggest from the runbook alone when there was no simulation', () => {
		const s = byId(suggestRatings({ runbook: runbook(GOOD_RUNBOOK) }));
		expect(s.troubleshooting.rating).toBe(4);
		expect(s.collaboration.rating).toBeGreaterThanOrEqual(3);
		expect(s.communication.rating).toBeNull();
		const weak = byId(suggestRatings({ runbook: runbook(WEAK_RUNBOOK) }));
		expect(weak.troubleshooting.rating).toBeLessThanOrEqual(2);
	});

	it('suggest nothing when nothing was measured', () => {
		expect(suggestRatings({}).every((s) => s.rating === null && s.notAssessed)).toBe(true);
	});
});

// Each playthrough generates six hours of history first (about a second on a busy machine).
describe('suggested ratings from real playthroughs of the checkout incident', { timeout: 30_000 }, () => {
	it('rate the expert response at or above the bar and the restart loop below it', () => {
		const expert = playthrough('expert');
		const loop = playthrough('restart-loop');
		const good = byId(suggestRatings({ drill: expert.scorecard, events: expert.drill.events }));
		const bad = byId(suggestRatings({ drill: loop.scorecard, events: loop.drill.events }));
		for (const id of ['troubleshooting', 'observability', 'communication', 'collaboration'] as const) {
			expect(good[id].rating, id).toBeGreaterThanOrEqual(3);
			expect(bad[id].rating!, id).toBeLessThan(good[id].rating!);
		}
		expect(bad.troubleshooting.rating).toBeLessThanOrEqual(2);
		expect(bad.troubleshooting.evidence.join('\n')).toMatch(/Restarted checkout-api 3 times/);
		expect(good['scripting-automation'].rating).toBeNull();
	});
});

describe('red flags cap the suggestion whatever the score', { timeout: 30_000 }, () => {
	const { scenario } = checkout();
	const expert = () => playthrough('expert');

	/** The expert run with extra trainee events spliced in before the end. */
	function withExtra(extra: (Record<string, unknown> & { at?: number })[]): DrillEvent[] {
		const events = expert().drill.events.filter((e) => e.type !== 'drill.end');
		const last = events.at(-1)!;
		const added = extra.map(
			(e, i) => ({ ...e, seq: last.seq + 1 + i, at: e.at ?? last.at, actor: 'trainee' }) as DrillEvent
		);
		return [...events, ...added];
	}

	it('a harmful change caps troubleshooting at 1', () => {
		const events = withExtra([
			{
				type: 'action.run',
				action: 'rollback',
				params: { service: 'payment-gateway' },
				reason: 'try rolling back the gateway too',
				at: 300_000
			}
		]);
		const sorted = [...events].sort((a, b) => a.at - b.at || a.seq - b.seq);
		const scorecard = scoreDrill({ scenario, events: sorted, startEpochMs: expert().drill.startEpochMs });
		const s = byId(suggestRatings({ drill: scorecard, events: sorted }));
		expect(s.troubleshooting.score!).toBeGreaterThanOrEqual(25);
		expect(s.troubleshooting.rating).toBe(1);
		expect(s.troubleshooting.redFlags[0].text).toMatch(/Harmful change: Rolling back payment-gateway/);
	});

	it('blaming a person in an update caps communication at 1', () => {
		const events = withExtra([
			{
				type: 'status.post',
				status: 'identified',
				components: ['Checkout'],
				text: "Dave's deploy broke checkout at 14:06 UTC. We are rolling back. Next update 14:45 UTC."
			}
		]);
		const flags = findRedFlags({ drill: expert().scorecard, events });
		expect(flags).toContainEqual(expect.objectContaining({ dimension: 'communication', cap: 1 }));
		const s = byId(suggestRatings({ drill: expert().scorecard, events }));
		expect(s.communication.rating).toBe(1);
		expect(s.communication.redFlags[0].text).toMatch(/blames/);
	});

	it('no verification in the simulation nor in the runbook caps troubleshooting at 2', () => {
		const drill = scorecardWith({ troubleshooting: 90 });
		drill.checks = [
			{
				id: 'triage.verification',
				label: 'Verified each change',
				category: 'triage',
				weight: 6,
				result: 'not-met',
				reason: '1/1 changes never checked afterwards',
				good: ''
			}
		];
		expect(byId(suggestRatings({ drill })).troubleshooting.rating).toBe(2);
		// A runbook that explains how to verify clears the flag.
		expect(byId(suggestRatings({ drill, runbook: runbook(GOOD_RUNBOOK) })).troubleshooting.rating).toBe(4);
	});
});
