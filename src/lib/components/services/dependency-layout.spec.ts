import { describe, expect, it } from 'vitest';
import { layoutDependencies, NODE_W } from './dependency-layout';

const layerOf = (l: ReturnType<typeof layoutDependencies>) =>
	Object.fromEntries(l.nodes.map((n) => [n.id, n.layer]));

describe('layoutDependencies', () => {
	it('puts callers left of their dependencies, at their longest depth', () => {
		const l = layoutDependencies([
			{ id: 'web', dependsOn: ['checkout', 'db'] },
			{ id: 'checkout', dependsOn: ['payments', 'db'] },
			{ id: 'payments', dependsOn: ['db'] },
			{ id: 'db', dependsOn: [] }
		]);
		expect(layerOf(l)).toEqual({ web: 0, checkout: 1, payments: 2, db: 3 });
		expect(l.edges).toHaveLength(5);
		for (const e of l.edges) {
			const from = l.nodes.find((n) => n.id === e.from)!;
			const to = l.nodes.find((n) => n.id === e.to)!;
			expect(to.x).toBeGreaterThan(from.x);
			expect(e.d.startsWith(`M${from.x + NODE_W},`)).toBe(true);
		}
		expect(l.width).toBeGreaterThanOrEqual(4 * NODE_W);
	});

	it('stacks independent services in one column without overlap', () => {
		const l = layoutDependencies([
			{ id: 'a', dependsOn: [] },
			{ id: 'b', dependsOn: [] },
			{ id: 'c', dependsOn: [] }
		]);
		const ys = l.nodes.map((n) => n.y);
		expect(new Set(l.nodes.map((n) => n.x)).size).toBe(1);
		expect(ys[1] - ys[0]).toBeGreaterThanOrEqual(l.nodeHeight);
		expect(ys[2] + l.nodeHeight).toBeLessThanOrEqual(l.height);
	});

	it('survives cycles and unknown dependencies', () => {
		const l = layoutDependencies([
			{ id: 'a', dependsOn: ['b'] },
			{ id: 'b', dependsOn: ['a', 'stripe'] }
		]);
		expect(l.nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'stripe']);
		expect(l.nodes.find((n) => n.id === 'stripe')?.external).toBe(true);
		expect(layerOf(l).stripe).toBeGreaterThan(layerOf(l).b);
	});
});
