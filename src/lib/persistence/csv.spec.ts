import { describe, expect, it } from 'vitest';
import { ATTEMPT_CSV_COLUMNS, attemptsToCsv, csvCell, toCsv } from './csv';
import { sampleAttempt } from './test-support';

/** A small RFC 4180 reader, to check that what we write reads back as the same cells. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	return rows;
}

describe('CSV cells', () => {
	it('quotes commas, quotes, line breaks and edge spaces', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
		expect(csvCell('padded ')).toBe('"padded "');
	});

	it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
		expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
		expect(csvCell('+1+1')).toBe("'+1+1");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tcmd')).toBe("'\tcmd");
		expect(csvCell(-5)).toBe('-5');
		expect(csvCell('safe =1')).toBe('safe =1');
	});

	it('defuses formulas hidden behind a space, a line feed, full-width signs or zero-width characters', () => {
		expect(csvCell(' =1+1')).toBe("' =1+1");
		expect(csvCell('\n=1+1')).toBe('"\'\n=1+1"');
		for (const sign of ['\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'])
			expect(csvCell(`${sign}SUM(A1)`)).toBe(`'${sign}SUM(A1)`);
		for (const hidden of ['\u200B', '\u200C', '\u200D', '\uFEFF'])
			expect(csvCell(`${hidden}=cmd`)).toBe(`'${hidden}=cmd`);
		expect(csvCell('Zoë \uFF1D fine')).toBe('Zoë \uFF1D fine');
		expect(csvCell(2.5)).toBe('2.5');
	});

	it('writes missing values as empty cells', () => {
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
		expect(csvCell(Number.NaN)).toBe('');
		expect(toCsv([['a', null, 1]])).toBe('a,,1\r\n');
	});
});

describe('attempts CSV', () => {
	it('has one row per attempt, oldest first, that reads back cell for cell', () => {
		const later = sampleAttempt({
			id: 'b',
			startedAt: '2026-03-03T09:00:00.000Z',
			scenarioTitle: 'DNS, again "flaky"'
		});
		const earlier = sampleAttempt({ id: 'a', scorecard: null, status: 'abandoned' });
		const text = attemptsToCsv('=cmd|/c calc', [later, earlier]);
		const rows = parseCsv(text);
		expect(rows[0]).toEqual([...ATTEMPT_CSV_COLUMNS]);
		expect(rows).toHaveLength(3);
		const col = (name: (typeof ATTEMPT_CSV_COLUMNS)[number], row: string[]) =>
			row[ATTEMPT_CSV_COLUMNS.indexOf(name)];
		expect(rows.slice(1).map((r) => col('attempt_id', r))).toEqual(['a', 'b']);
		expect(col('profile', rows[1])).toBe("'=cmd|/c calc");
		expect(col('scenario_title', rows[2])).toBe('DNS, again "flaky"');
		expect(col('score', rows[2])).toBe('81');
		expect(col('ack_min', rows[2])).toBe('2');
		expect(col('engage_owner_min', rows[2])).toBe('7');
		expect(col('duration_min', rows[2])).toBe('40');
		expect(col('documentation', rows[2])).toBe('');
		expect(col('score', rows[1])).toBe('');
		expect(col('status', rows[1])).toBe('abandoned');
	});

	it('can start with a byte-order mark for Excel', () => {
		expect(attemptsToCsv('Zoë', [], { bom: true }).startsWith('\uFEFFprofile,')).toBe(true);
	});
});
