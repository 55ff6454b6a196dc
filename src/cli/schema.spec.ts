import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './main';
import { SCENARIO_DIR } from './scenario-files';

describe('the JSON Schema editors use', () => {
	it('is committed and matches the zod schema (regenerate with npm run schema)', () => {
		const committed = JSON.parse(readFileSync(join(SCENARIO_DIR, 'scenario.schema.json'), 'utf8'));
		expect(committed).toEqual(scenarioJsonSchema());
	});

	it('describes the fields authors write, with their constraints', () => {
		const schema = scenarioJsonSchema() as { required: string[]; properties: Record<string, unknown> };
		expect(schema.required).toEqual(
			expect.arrayContaining(['apiVersion', 'metadata', 'incident', 'answerKey'])
		);
		expect(JSON.stringify(schema.properties.metadata)).toContain('estimatedMinutes');
	});
});
