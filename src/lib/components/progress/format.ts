/**
 * Display formatting for progress pages: KPI values in their unit, dates of attempts, how long ago something
 * happened, and the words for statuses and trends. Pure: "now" is always passed in.
 */
import type { KpiSeries, KpiTarget, Trend } from '../../progress/trends';
import type { MilestoneStatus } from '../../progress/plan';
import type { AttemptStatus, ScenarioLevel } from '../../persistence/records';

/** Minutes with one decimal (`3.5 min`), or `—` when it never happened. */
export function formatMinutes(minutes: number | null): string {
	if (minutes === null) return '—';
	return `${minutes.toFixed(minutes >= 100 ? 0 : 1)} min`;
}

/** A KPI value in its unit: `3.5 min` or `74`; `—` when missing. */
export function formatKpi(value: number | null, unit: KpiTarget['unit']): string {
	if (value === null) return '—';
	return unit === 'min' ? formatMinutes(value) : String(Math.round(value));
}

/** The target of a KPI as a condition: `≤ 5 min` or `≥ 70`. */
export function formatTarget(t: Pick<KpiTarget, 'target' | 'unit' | 'better'>): string {
	const value = Number.isInteger(t.target)
		? `${t.target}${t.unit === 'min' ? ' min' : ''}`
		: formatKpi(t.target, t.unit);
	return `${t.better === 'lower' ? '≤' : '≥'} ${value}`;
}

/** Whether `value` meets the KPI's target (null when there is no value). */
export function meetsTarget(t: Pick<KpiTarget, 'target' | 'better'>, value: number | null): boolean | null {
	if (value === null) return null;
	return t.better === 'lower' ? value <= t.target : value >= t.target;
}

export const TREND_LABELS: Readonly<Record<Trend, string>> = {
	improving: 'improving',
	worsening: 'getting worse',
	steady: 'steady',
	'insufficient-data': 'not enough drills for a trend'
};

/** One sentence about a KPI series: its recent median against the target, the trend and the hit rate. */
export function describeKpi(s: KpiSeries, window = 5): string {
	if (s.recent === null) return `No ${s.label.toLowerCase()} measured yet (target ${formatTarget(s)}).`;
	const measured = Math.min(window, s.points.filter((p) => p.value !== null).length);
	const parts = [
		`Median of the last ${plural(measured, 'drill')} ${formatKpi(s.recent, s.unit)} (target ${formatTarget(s)})`
	];
	parts.push(TREND_LABELS[s.trend]);
	if (s.recentHitRate !== null) parts.push(`${s.recentHitRate}% on target`);
	return `${parts.join(', ')}.`;
}

export const MILESTONE_STATUS_LABELS: Readonly<Record<MilestoneStatus, string>> = {
	met: 'Met',
	open: 'In progress',
	overdue: 'Overdue'
};

export const ATTEMPT_STATUS_LABELS: Readonly<Record<AttemptStatus, string>> = {
	'in-progress': 'In progress',
	finished: 'Finished',
	abandoned: 'Abandoned'
};

export const LEVEL_LABELS: Readonly<Record<ScenarioLevel, string>> = {
	shadow: 'Shadowing',
	secondary: 'Secondary on-call',
	primary: 'Primary on-call'
};

/** `YYYY-MM-DD` (UTC) of an ISO timestamp, or `—`. */
export function formatDay(iso: string | null): string {
	if (!iso) return '—';
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '—';
}

/** `YYYY-MM-DD HH:MM UTC` of an ISO timestamp, or `—`. */
export function formatDayTime(iso: string | null): string {
	if (!iso) return '—';
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
}

/**
 * How long before `now` an ISO time was, in whole units: `just now`, `12 min ago`, `3 h ago`, `5 days ago`;
 * `—` when missing. Times in the future read `just now` (clocks of two machines disagree).
 */
export function formatAgo(iso: string | null, now: Date): string {
	if (!iso) return '—';
	const ms = Date.parse(iso);
	if (!Number.isFinite(ms)) return '—';
	const diff = now.getTime() - ms;
	if (diff < 60_000) return 'just now';
	if (diff < 3_600_000) return `${Math.floor(diff / 60_000)} min ago`;
	if (diff < 86_400_000) return `${Math.floor(diff / 3_600_000)} h ago`;
	const days = Math.floor(diff / 86_400_000);
	return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** Days until a due date as words: `due in 12 days`, `due today`, `3 days overdue`. */
export function formatDaysLeft(daysLeft: number): string {
	if (daysLeft === 0) return 'due today';
	if (daysLeft > 0) return `due in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
	return `${-daysLeft} day${daysLeft === -1 ? '' : 's'} overdue`;
}

/** `n drill`/`n drills`. */
export function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}
