import { describe, expect, it } from 'vitest';
import { fixtureScenario } from '../common/testing/fixture-scenario';
import { resolveRunbook } from './resolve';

const runbooks = fixtureScenario().runbooks;
const withRelative = [
	...runbooks,
	{ id: 'rel', title: 'Rel', url: 'runbooks/disk-full', outdated: false, markdown: '' }
];

describe('resolveRunbook', () => {
	it('finds pages by id and by exact url', () => {
		expect(resolveRunbook(runbooks, 'payments-overview')?.id).toBe('payments-overview');
		expect(resolveRunbook(runbooks, 'https://runbooks.example.com/checkout/high-errors')?.id).toBe(
			'checkout-high-errors'
		);
	});

	it('matches relative urls against absolute links and ignores query strings', () => {
		expect(
			resolveRunbook(withRelative, 'https://wiki.example.com/runbooks/disk-full?x=1#mitigation')?.id
		).toBe('rel');
		expect(resolveRunbook(withRelative, '/runbooks/disk-full/')?.id).toBe('rel');
	});

	it('does not guess', () => {
		expect(resolveRunbook(withRelative, 'https://wiki.example.com/runbooks/disk-full-v2')).toBeNull();
		expect(resolveRunbook(withRelative, 'https://wiki.example.com/')).toBeNull();
	});
});
