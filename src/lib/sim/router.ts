/**
 * A small Alertmanager: decides which firing alerts page the trainee. Alerts whose severity is in the route's
 * `pageSeverities` and that no active silence matches are grouped by `groupBy` labels; a group pages once its first
 * alert has been firing for `groupWait`, and the page resolves when every alert of the group has resolved. A group
 * that fires again after its page resolved pages again (that is how a flapping alert wakes people at night).
 */
import type { AlertInstance, Labels, Page, Silence, SimMs } from './types';

export interface RouteConfig {
	pageSeverities: string[];
	groupBy: string[];
	groupWaitMs: number;
}

export interface RouterChange {
	kind: 'page.sent' | 'page.resolved';
	page: Page;
}

/** True when every matcher of the silence matches the labels (regex matchers are fully anchored). */
export function silenceMatches(silence: Pick<Silence, 'matchers'>, labels: Labels): boolean {
	return silence.matchers.every((m) => {
		const v = labels[m.name] ?? '';
		if (m.isRegex) {
			try {
				return new RegExp(`^(?:${m.value})$`).test(v);
			} catch {
				return false;
			}
		}
		return v === m.value;
	});
}

export class AlertRouter {
	private readonly openPages = new Map<string, Page>();
	private readonly allPages: Page[] = [];
	private readonly silenceList: Silence[] = [];
	private readonly waiting = new Map<string, SimMs>();
	private pageCounter = 0;

	constructor(private readonly config: RouteConfig) {}

	addSilence(s: Silence): void {
		this.silenceList.push(s);
	}

	silences(): Silence[] {
		return this.silenceList.map((s) => ({ ...s, matchers: s.matchers.map((m) => ({ ...m })) }));
	}

	/** True when an active silence covers the labels at time `t`. */
	isSilenced(labels: Labels, t: SimMs): boolean {
		return this.silenceList.some((s) => s.startsAt <= t && t < s.endsAt && silenceMatches(s, labels));
	}

	/** Group key of an alert: the `groupBy` labels in order. */
	groupKey(labels: Labels): string {
		return `{${this.config.groupBy.map((k) => `${k}=${JSON.stringify(labels[k] ?? '')}`).join(',')}}`;
	}

	/**
	 * Routes the current alerts at time `t`; returns pages sent and resolved. With `quiet`, groups that are already
	 * firing are taken as paged-before (history before the trainee's shift) but no change is reported.
	 */
	route(alerts: AlertInstance[], t: SimMs): RouterChange[] {
		const changes: RouterChange[] = [];
		const byGroup = new Map<string, AlertInstance[]>();
		for (const a of alerts) {
			if (a.state !== 'firing') continue;
			if (!this.config.pageSeverities.includes(a.labels.severity ?? '')) continue;
			if (this.isSilenced(a.labels, t)) continue;
			const key = this.groupKey(a.labels);
			const list = byGroup.get(key) ?? [];
			list.push(a);
			byGroup.set(key, list);
		}
		for (const [key, list] of byGroup) {
			const open = this.openPages.get(key);
			if (open) {
				for (const a of list) if (!open.alertIds.includes(a.id)) open.alertIds.push(a.id);
				continue;
			}
			const since = this.waiting.get(key) ?? t;
			this.waiting.set(key, since);
			if (t - since < this.config.groupWaitMs) continue;
			this.waiting.delete(key);
			const first = list[0];
			const page: Page = {
				id: `P${String(++this.pageCounter).padStart(3, '0')}`,
				groupKey: key,
				alertIds: list.map((a) => a.id),
				title: first.alertname,
				severity: first.labels.severity ?? 'none',
				summary: first.annotations.summary ?? first.annotations.description ?? first.alertname,
				labels: { ...first.labels },
				runbookUrl: first.annotations.runbook_url,
				at: t,
				ackedAt: null,
				resolvedAt: null
			};
			this.openPages.set(key, page);
			this.allPages.push(page);
			changes.push({ kind: 'page.sent', page: { ...page } });
		}
		for (const key of [...this.waiting.keys()]) if (!byGroup.has(key)) this.waiting.delete(key);
		// A page resolves when none of its alerts is firing any more (silencing does not resolve a page).
		const firingIds = new Set(alerts.filter((a) => a.state === 'firing').map((a) => a.id));
		for (const [key, page] of this.openPages) {
			if (page.alertIds.some((id) => firingIds.has(id))) continue;
			page.resolvedAt = t;
			this.openPages.delete(key);
			changes.push({ kind: 'page.resolved', page: { ...page } });
		}
		return changes;
	}

	/** Marks a page acknowledged; returns false when the page does not exist or was already acknowledged. */
	ack(pageId: string, t: SimMs): boolean {
		const p = this.allPages.find((x) => x.id === pageId);
		if (!p || p.ackedAt !== null) return false;
		p.ackedAt = t;
		return true;
	}

	pages(): Page[] {
		return this.allPages.map((p) => ({ ...p, alertIds: [...p.alertIds], labels: { ...p.labels } }));
	}
}
