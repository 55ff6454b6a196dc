/**
 * CSV of attempts (one row per attempt) for spreadsheets. RFC 4180: comma-separated, CRLF line ends, cells quoted
 * when they contain a comma, quote, line break or edge spaces, quotes doubled. Text cells that a spreadsheet might
 * run as a formula are prefixed with `'` (OWASP CSV injection guidance): those starting with `=`, `+`, `-`, `@`, a
 * tab, a carriage return or a line feed, a space (spreadsheets trim it and then read the formula behind it), the
 * full-width forms `＝＋－＠` (some locales fold them to ASCII), or a zero-width character (U+200B–U+200D, U+FEFF)
 * that hides what follows. Numeric cells are written as plain numbers.
 */
import type { AttemptRecord } from './records';

export type CsvValue = string | number | boolean | null | undefined;

/** First characters that get a text cell the `'` guard (see the module comment). */
export const FORMULA_START = /^[=+\-@\t\r\n \uFF1D\uFF0B\uFF0D\uFF20\u200B-\u200D\uFEFF]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV cell: numbers as numbers (non-finite → empty), text guarded against formulas and quoted as needed. */
export function csvCell(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	const guarded = FORMULA_START.test(value) ? `'${value}` : value;
	return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Rows to CSV text (CRLF line ends, trailing CRLF). */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const minutes = (ms: number | null | undefined): number | null =>
	ms === null || ms === undefined ? null : Math.round(ms / 6_000) / 10;

/** Column headers of {@link attemptsToCsv}, in order. */
export const ATTEMPT_CSV_COLUMNS = [
	'profile',
	'attempt_id',
	'scenario_id',
	'scenario_title',
	'theme',
	'level',
	'mode',
	'status',
	'seed',
	'started_at',
	'ended_at',
	'duration_min',
	'score',
	'response',
	'triage',
	'communication',
	'documentation',
	'ack_min',
	'engage_owner_min',
	'mitigate_min',
	'resolve_min',
	'first_update_min',
	'status_updates',
	'hints_used',
	'runbook_score',
	'postmortem_score'
] as const;

/**
 * CSV of a profile's attempts, oldest first. Times are wall-clock ISO strings; KPI minutes are sim minutes from
 * the first page, one decimal; empty cells mean "did not happen" or "not scored".
 * @param options.bom prefix a UTF-8 byte-order mark so Excel reads non-ASCII names correctly.
 */
export function attemptsToCsv(
	profileName: string,
	attempts: readonly AttemptRecord[],
	options: { bom?: boolean } = {}
): string {
	const sorted = [...attempts].sort(
		(a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id)
	);
	const rows: CsvValue[][] = [[...ATTEMPT_CSV_COLUMNS]];
	for (const a of sorted) {
		const card = a.scorecard;
		rows.push([
			profileName,
			a.id,
			a.scenarioId,
			a.scenarioTitle,
			a.scenarioTheme,
			a.scenarioLevel,
			a.mode,
			a.status,
			a.seed,
			a.startedAt,
			a.endedAt,
			minutes(a.durationMs),
			card?.score,
			card?.categories.response,
			card?.categories.triage,
			card?.categories.communication,
			card?.categories.documentation,
			minutes(card?.kpis.ackMs),
			minutes(card?.kpis.engageOwnerMs),
			minutes(card?.kpis.mitigateMs),
			minutes(card?.kpis.resolveMs),
			minutes(card?.kpis.firstUpdateMs),
			card?.kpis.statusUpdates,
			a.hintsUsed,
			a.artifactScores.runbook,
			a.artifactScores.postmortem
		]);
	}
	return (options.bom ? '\uFEFF' : '') + toCsv(rows);
}
