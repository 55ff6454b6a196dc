import { describe, expect, it } from 'vitest';
import { runbookSectionKind, scoreRunbook } from './runbook';
import { UPPER_BAND_MIN } from './rubric';

const result = (md: string, id: string, ctx?: { alertName?: string }) =>
	scoreRunbook(md, ctx).checks.find((c) => c.id === id);

const OPERATOR_STYLE = `# KafkaConsumerLagHigh

## Meaning
Fires when the orders consumer group is more than 50,000 messages behind for 10 minutes.

## Impact
Order confirmations and stock updates are delayed; customers see stale stock.

## Diagnosis
- Lag per partition: \`sum by (partition) (kafka_consumergroup_lag{group="orders"})\`
- Consumer pods: \`kubectl -n prod get pods -l app=orders-consumer\`

## Mitigation
- If one partition lags, restart its consumer: \`kubectl -n prod delete pod <pod>\`.
- If all partitions lag, scale out: \`kubectl -n prod scale deploy/orders-consumer --replicas=12\`.

## Verification
The lag query should fall steadily and the alert resolves within 15 minutes.

## Escalation
If lag still grows 20 minutes after scaling, page the data platform on-call (#data-oncall).
`;

describe('scoreRunbook', () => {
	it('recognises Meaning/Impact/Diagnosis/Mitigation runbooks', () => {
		const r = scoreRunbook(OPERATOR_STYLE, { alertName: 'KafkaConsumerLagHigh' });
		const results = Object.fromEntries(r.checks.map((c) => [c.id, c.result]));
		expect(results).toMatchObject({
			'runbook.alert-meaning': 'met',
			'runbook.impact': 'met',
			'runbook.diagnosis': 'met',
			'runbook.mitigation': 'met',
			'runbook.verification': 'met',
			'runbook.escalation': 'met',
			'runbook.testable-steps': 'met'
		});
		expect(r.score).toBeGreaterThanOrEqual(UPPER_BAND_MIN);
	});

	it('recognises GitLab-style Symptoms / Possible checks / Resolution', () => {
		expect(runbookSectionKind('Symptoms')).toBe('meaning');
		expect(runbookSectionKind('Possible checks')).toBe('diagnosis');
		expect(runbookSectionKind('Resolution')).toBe('mitigation');
		expect(runbookSectionKind('Troubleshoot')).toBe('diagnosis');
		expect(runbookSectionKind('Who to contact')).toBe('escalation');
		const md = `# Redis memory high

## Symptoms
Alert RedisMemoryHigh: used memory above 90% of maxmemory. When it fills, writes fail and sessions are lost for users.

## Possible checks
\`redis-cli info memory\` and \`redis-cli --bigkeys\` show what is using memory.

## Resolution
- Flush the expired session keys: \`redis-cli --scan --pattern 'sess:*' | xargs redis-cli unlink\`.
- If memory is still high, raise maxmemory by 20% in the Helm values and redeploy.
`;
		const r = scoreRunbook(md);
		expect(r.checks.find((c) => c.id === 'runbook.diagnosis')?.result).toBe('met');
		expect(r.checks.find((c) => c.id === 'runbook.mitigation')?.result).toBe('met');
		expect(r.checks.find((c) => c.id === 'runbook.impact')?.result).toBe('met');
	});

	it('recognises numbered-step runbooks by what each step does', () => {
		const md = `# Gateway down

1. Check the gateway process: \`systemctl status api-gateway\`.
2. Look at the last errors: \`journalctl -u api-gateway --since "10 min ago"\`.
3. If the config fails validation, restore the previous config with \`git -C /etc/gateway checkout HEAD~1 gateway.yaml\`.
4. Restart it: \`sudo systemctl restart api-gateway\`.
5. Confirm that \`curl -fsS localhost:8080/healthz\` returns ok.
`;
		const r = scoreRunbook(md);
		expect(r.checks.find((c) => c.id === 'runbook.diagnosis')?.result).toBe('met');
		expect(r.checks.find((c) => c.id === 'runbook.mitigation')?.result).toBe('met');
		expect(r.checks.find((c) => c.id === 'runbook.verification')?.result).toBe('met');
		expect(r.checks.find((c) => c.id === 'runbook.rollback')?.result).toBe('met');
	});

	it('requires the alert it was written for to be named', () => {
		expect(
			result(OPERATOR_STYLE, 'runbook.alert-meaning', { alertName: 'KafkaConsumerLagHigh' })?.result
		).toBe('met');
		const other = result(OPERATOR_STYLE, 'runbook.alert-meaning', { alertName: 'CheckoutHighErrorRate' });
		expect(other?.result).toBe('partly');
		expect(other?.reason).toContain('CheckoutHighErrorRate');
	});

	it('penalises untestable steps and placeholders', () => {
		const md =
			'# High CPU\n\n## Diagnosis\nCheck if things look ok.\n\n## Mitigation\nFix it.\n\nTODO: add commands';
		const r = scoreRunbook(md);
		const testable = r.checks.find((c) => c.id === 'runbook.testable-steps');
		expect(testable?.result).toBe('not-met');
		expect(testable?.reason).toContain('Check if things look ok');
		expect(r.score).toBeLessThan(UPPER_BAND_MIN);
	});

	it('asks for verification when a fix is given without a way to tell it worked', () => {
		const md = OPERATOR_STYLE.replace(/## Verification[\s\S]*?## Escalation/, '## Escalation');
		expect(result(md, 'runbook.verification')?.result).toBe('not-met');
	});

	it('warns about destructive commands without an undo or a caution', () => {
		const md =
			'# Disk full\n\n## Mitigation\nDelete old files:\n\n```shell\nsudo rm -rf /var/log/app/*\n```\n';
		const rollback = result(md, 'runbook.rollback');
		expect(rollback?.result).toBe('not-met');
		expect(rollback?.reason).toContain('rm -rf');
		const careful = md.replace('Delete old files:', 'Delete old files, one host at a time:');
		expect(result(careful, 'runbook.rollback')?.result).toBe('partly');
	});

	it('wants whom and when to escalate', () => {
		expect(result(OPERATOR_STYLE, 'runbook.escalation')?.result).toBe('met');
		const whomOnly = OPERATOR_STYLE.replace(
			/If lag still grows.*\n/,
			'Page the data platform on-call (#data-oncall).\n'
		);
		expect(result(whomOnly, 'runbook.escalation')?.result).toBe('partly');
	});

	it('never throws on odd input', () => {
		for (const md of ['', '#', '```', '---\n---', '| | |\n|-|-|', '- \n- \n']) {
			const r = scoreRunbook(md);
			expect(r.score).toBeGreaterThanOrEqual(0);
		}
	});
});
