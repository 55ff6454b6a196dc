import { describe, expect, it } from 'vitest';
import {
	kpiSeries,
	readyLevel,
	skillBreakdown,
	suggestNextDrill,
	type CatalogEntry,
	type KpiId
} from './trends';
import { drill, jan } from './test-support';

function series(
	id: KpiId,
	attempts: Parameters<typeof kpiSeries>[0],
	options?: Parameters<typeof kpiSeries>[1]
) {
	const s = kpiSeries(attempts, options).find((x) => x.id === id);
	if (!s) throw new Error(id);
	return s;
}

describe('kpiSeries', () => {
	it('plots each KPI per finished drill, oldest first, against its target', () => {
		const attempts = [
			drill({ id: 'late', day: jan(9), ack: 4, engage: null, communication: 60 }),
			drill({ id: 'early', day: jan(6), ack: null, engage: 14, communication: 80 }),
			drill({ id: 'ongoing', status: 'in-progress' })
		];
		const ack = series('ack', attempts);
		expect(ack).toMatchObject({ label: 'Acknowledge', unit: 'min', target: 5, better: 'lower' });
		expect(ack.points.map((p) => [p.attemptId, p.value, p.meetsTarget])).toEqual([
			['early', null, false],
			['late', 4, true]
		]);
		expect(series('engageOwner', attempts).points.map((p) => p.meetsTarget)).toEqual([true, null]);
		expect(series('communication', attempts).points.map((p) => [p.value, p.meetsTarget])).toEqual([
			[80, true],
			[60, false]
		]);
		expect(series('ack', attempts, { targets: { ack: 3 } }).points[1].meetsTarget).toBe(false);
	});

	it('says whether the recent window improved on the one before', () => {
		const slow = [9, 8, 10, 9, 11].map((ack, i) => drill({ ack, day: jan(1 + i), documentation: 80 }));
		const fast = [4, 3, 5, 4, 3].map((ack, i) => drill({ ack, day: jan(10 + i), documentation: 60 }));
		const ack = series('ack', [...slow, ...fast]);
		expect(ack).toMatchObject({ recent: 4, previous: 9, trend: 'improving', recentHitRate: 100 });
		expect(series('documentation', [...slow, ...fast])).toMatchObject({
			trend: 'worsening',
			recentHitRate: 0
		});
		const flat = [...slow, ...[9, 9, 9, 9, 9].map((ack, i) => drill({ ack, day: jan(20 + i) }))];
		expect(series('ack', flat).trend).toBe('steady');
		expect(series('ack', slow).trend).toBe('insufficient-data');
	});
});

describe('skillBreakdown', () => {
	it('ranks skills by recent score and names strengths and gaps', () => {
		const attempts = [
			drill({ skills: ['dns', 'networking'], score: 55 }),
			drill({ skills: ['dns'], score: 61 }),
			drill({ skills: ['kubernetes'], score: 88 }),
			drill({ skills: ['kubernetes'], score: 92 }),
			drill({ skills: ['tls'], score: 95 }),
			drill({ skills: ['communication'], score: 90, communication: 40 })
		];
		const { skills, strengths, gaps } = skillBreakdown(attempts);
		expect(skills.map((s) => [s.skill, s.score, s.drills])).toEqual([
			['communication', 40, 1],
			['networking', 55, 1],
			['dns', 58, 2],
			['kubernetes', 90, 2],
			['tls', 95, 1]
		]);
		expect(strengths.map((s) => s.skill)).toEqual(['kubernetes']);
		expect(gaps.map((s) => s.skill)).toEqual(['communication', 'networking', 'dns']);
	});

	it('lets old results fade: only the most recent drills of a skill count', () => {
		const attempts = [
			...Array.from({ length: 5 }, (_, i) => drill({ skills: ['dns'], score: 30, day: jan(1 + i) })),
			...Array.from({ length: 5 }, (_, i) => drill({ skills: ['dns'], score: 90, day: jan(10 + i) }))
		];
		expect(skillBreakdown(attempts).skills[0]).toMatchObject({ skill: 'dns', score: 90, drills: 10 });
	});
});

describe('next drill', () => {
	const catalog: CatalogEntry[] = [
		{ id: 'dns-basics', title: 'DNS basics', skills: ['dns'], level: 'shadow' },
		{
			id: 'dns-split-horizon',
			title: 'Split-horizon DNS',
			skills: ['dns', 'networking'],
			level: 'secondary'
		},
		{ id: 'k8s-crashloop', title: 'CrashLoopBackOff', skills: ['kubernetes'], level: 'shadow' },
		{ id: 'tls-expiry', title: 'Expired certificate', skills: ['tls'], level: 'shadow' },
		{ id: 'db-failover', title: 'Database failover', skills: ['databases'], level: 'primary' }
	];

	it('moves a trainee up a level after three passed drills at the current one', () => {
		expect(readyLevel([])).toBe('shadow');
		const passed = [1, 2, 3].map(() => drill({ level: 'shadow', score: 75 }));
		expect(readyLevel(passed.slice(0, 2))).toBe('shadow');
		expect(readyLevel(passed)).toBe('secondary');
	});

	it('picks the weakest skill, at the level the trainee is ready for', () => {
		const attempts = [
			drill({ skills: ['dns'], score: 50, scenarioId: 'dns-basics', level: 'shadow' }),
			drill({ skills: ['kubernetes'], score: 85, scenarioId: 'k8s-crashloop', level: 'shadow' }),
			drill({ skills: ['kubernetes'], score: 80, scenarioId: 'k8s-crashloop', level: 'shadow' }),
			drill({ skills: ['kubernetes'], score: 90, scenarioId: 'k8s-crashloop', level: 'shadow' })
		];
		expect(suggestNextDrill(attempts, catalog)).toEqual({
			scenarioId: 'dns-split-horizon',
			title: 'Split-horizon DNS',
			skill: 'dns',
			level: 'secondary',
			reason:
				'Next: "Split-horizon DNS" because dns is your lowest-scoring skill (50 over 1 drill); it is a secondary-level drill, one you have not played.'
		});
	});

	it('suggests a skill never practised when there are no gaps, and never a level above the trainee', () => {
		const attempts = [drill({ skills: ['kubernetes'], score: 85, scenarioId: 'k8s-crashloop' })];
		const next = suggestNextDrill(attempts, catalog);
		expect(next).toMatchObject({ scenarioId: 'dns-basics', skill: 'dns', level: 'shadow' });
		expect(next?.reason).toMatch(/you have not practised dns yet/);
		expect(suggestNextDrill([], [catalog[4]])).toBeNull();
	});

	it('prefers the scenario played least among equals', () => {
		const twoDns: CatalogEntry[] = [
			{ id: 'dns-a', skills: ['dns'], level: 'shadow' },
			{ id: 'dns-b', skills: ['dns'], level: 'shadow' }
		];
		const attempts = [drill({ skills: ['dns'], score: 40, scenarioId: 'dns-a' })];
		expect(suggestNextDrill(attempts, twoDns)?.scenarioId).toBe('dns-b');
	});
});
