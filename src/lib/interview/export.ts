/**
 * JSON export and import of interview reports. An exported report is the {@link InterviewReport} itself, pretty
 * printed; reading one back validates it against the schema, so a report from another machine (or a hand-edited
 * one) is either accepted whole or refused with a reason. Pure.
 */
import { InterviewReport, REPORT_FORMAT } from './report-schema';

/** Largest file accepted (a report with a long runbook and timeline is a few tens of KiB). */
export const MAX_REPORT_BYTES = 2 * 1024 * 1024;

/** A file name for a report: `interview-KWT-482-jane-doe.json`. */
export function reportFileName(report: Pick<InterviewReport, 'session'>): string {
	const slug = report.session.candidate
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40);
	return `interview-${report.session.code}${slug ? `-${slug}` : ''}.json`;
}

/** The report as the text of a JSON file (two-space indentation, trailing newline). */
export function serializeReport(report: InterviewReport): string {
	return `${JSON.stringify(report, null, 2)}\n`;
}

export type ParsedReport = { ok: true; report: InterviewReport } | { ok: false; message: string };

/**
 * Reads an exported report. Refuses text that is too large, not JSON, another kind of file, or a report whose
 * fields do not match the schema (the message names the first wrong field).
 */
export function parseReportFile(text: string): ParsedReport {
	if (text.length > MAX_REPORT_BYTES)
		return { ok: false, message: 'The file is too large to be an interview report.' };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, message: 'The file is not JSON.' };
	}
	if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== REPORT_FORMAT)
		return { ok: false, message: 'The file is not a Pagerdrill interview report.' };
	const parsed = InterviewReport.safeParse(data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue.path.length ? issue.path.join('.') : 'the report';
		return {
			ok: false,
			message: `The report is damaged or from another version: ${where}: ${issue.message}`
		};
	}
	return { ok: true, report: parsed.data };
}
