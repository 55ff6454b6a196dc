/**
 * Starting points for the two documents a trainee writes: an alert runbook (Meaning, Impact, Diagnosis, Mitigation,
 * Verify, Rollback, Escalate — the prometheus-operator layout the runbook scorer reads) and a blameless postmortem
 * (Summary, Impact, Timeline, Root cause, Contributing factors, What went well / poorly, Action items).
 *
 * The guidance sits in HTML comments: the preview hides it and the scorers ignore it, so an untouched template
 * earns almost nothing — the score moves only with what the trainee writes. Pure.
 */

export type ArtifactKind = 'runbook' | 'postmortem';

/** Everything a template can be filled with; every field is optional. */
export interface TemplateContext {
	/** The alert the runbook is for, e.g. `CheckoutHighErrorRate`. */
	alertName?: string;
	/** Short incident title for the postmortem heading. */
	title?: string;
	/** Day of the incident, `YYYY-MM-DD`. */
	date?: string;
}

/** A runbook skeleton for `ctx.alertName` (a generic heading without one). */
export function runbookTemplate(ctx: TemplateContext = {}): string {
	const alert = ctx.alertName?.trim() || 'Alert name';
	return `# ${alert}

<!-- Write for the on-call engineer who gets this page at 3 a.m.: every step says what to run or open and
     what result to expect. Replace each comment with your own text. -->

## Meaning
<!-- What condition fires this alert, on which service, and for how long must it hold? -->

## Impact
<!-- What do users or dependent systems notice while it fires? How bad can it get? -->

## Diagnosis
<!-- Numbered checks, each with the exact query or command (in backticks) and the result that confirms or rules
     out a cause. Example: 1. Run the 5xx rate by route query and note which route fails. -->

## Mitigation
<!-- Options, safest and most reversible first, each with when it applies and the exact command.
     Example: If a deploy started it, roll the deployment back to the previous release. -->

## Verify
<!-- Which panel or query shows the fix worked, what value, for how long? Does the alert resolve? -->

## Rollback
<!-- How to undo each mitigation, and what could go wrong. -->

## Escalate
<!-- When to escalate (a time or a condition) and to whom: team, pager, channel. -->
`;
}

/** A postmortem skeleton titled from `ctx` (times in UTC, action items with owner and due date). */
export function postmortemTemplate(ctx: TemplateContext = {}): string {
	const title = [ctx.title?.trim(), ctx.date?.trim()].filter(Boolean).join(', ') || 'Incident title';
	return `# Postmortem: ${title}

<!-- Blameless: describe systems, signals and decisions, never people at fault. Replace each comment. -->

## Summary
<!-- Two or three sentences: what broke, for whom, for how long, and how it was fixed. -->

## Impact
<!-- In numbers: share of requests or users affected, for how long, orders or jobs lost. -->

## Timeline (UTC)
<!-- One line per key event: page, acknowledgement, escalation, mitigation, recovery, resolution.
     "Insert the drill's timeline" adds the event log of your drill here. -->

## Root cause
<!-- The technical cause, stated as fact and backed by the evidence you saw. -->

## Contributing factors
<!-- What made it possible, worse, or slower to detect and fix? -->

## What went well
<!-- What helped: signals, tools, decisions. -->

## What went poorly
<!-- What slowed the response or made it riskier. -->

## Action items
<!-- One per line, each with an owner and a due date.
     Example: - [ ] Alert on payment client pool saturation — owner: payments team — due 2026-04-01 -->
`;
}

/** The template of `kind`. */
export function templateFor(kind: ArtifactKind, ctx: TemplateContext = {}): string {
	return kind === 'runbook' ? runbookTemplate(ctx) : postmortemTemplate(ctx);
}

/**
 * True when `text` holds nothing of the trainee's own: empty, or a template of `kind` (with any context) with only
 * whitespace changed. Used to decide whether replacing the text needs a confirmation.
 */
export function isBlankOrTemplate(text: string, kind: ArtifactKind): boolean {
	const own = stripTemplate(text, kind);
	return own === '';
}

/** `text` without HTML comments, headings of the template and whitespace: what the trainee actually wrote. */
function stripTemplate(text: string, kind: ArtifactKind): string {
	const headings = new Set(
		templateFor(kind)
			.split('\n')
			.filter((l) => /^##\s/.test(l))
			.map((l) => l.trim())
	);
	return text
		.replace(/<!--[\s\S]*?-->/g, '')
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l !== '' && !headings.has(l) && !/^#\s/.test(l))
		.join('\n');
}
