/**
 * UI state of the drill console that is not drill state: the active centre tab, the runbook shown, which dialogs
 * are open. Switching views records `view.open` events through the session, because what the trainee looked at is
 * part of the evidence the debrief reads.
 */
import { resolveRunbook } from '$lib/components/runbooks/resolve';
import type { DrillSession } from '../drill-session.svelte';

export const TABS = [
	{ id: 'dashboards', label: 'Dashboards', key: 'd' },
	{ id: 'explore', label: 'Explore', key: 'e' },
	{ id: 'logs', label: 'Logs', key: 'l' },
	{ id: 'changes', label: 'Changes', key: 'c' },
	{ id: 'services', label: 'Services', key: 's' },
	{ id: 'runbooks', label: 'Runbooks', key: 'r' }
] as const;

export type TabId = (typeof TABS)[number]['id'];

/** Tabs that record their own, finer-grained views (the dashboard panel records `dashboard <id>`). */
const SELF_RECORDING: TabId[] = ['dashboards'];

/** What the console UI needs from the drill session. */
export type ConsoleUiSession = Pick<DrillSession, 'scenario' | 'ended' | 'recordView'>;

export class ConsoleUi {
	tab: TabId = $state('dashboards');
	runbookId: string | null = $state(null);
	runbookNotice = $state('');
	escalateOpen = $state(false);
	declareOpen = $state(false);
	composerOpen = $state(false);
	/** The trainee closed the end-of-drill summary (it reopens from the top bar). */
	summaryDismissed = $state(false);

	readonly #session: ConsoleUiSession;

	constructor(session: ConsoleUiSession) {
		this.#session = session;
	}

	/** Shows a tab and records the view (unless it is already shown). */
	selectTab(tab: TabId): void {
		if (this.tab === tab) return;
		this.tab = tab;
		if (!SELF_RECORDING.includes(tab) && !this.#session.ended) this.#session.recordView(tab);
	}

	/**
	 * Opens a runbook by page id or by an alert's `runbook_url`. Links that point outside the scenario show a
	 * notice instead (the drill has no internet).
	 */
	openRunbook(ref: string): void {
		const page = resolveRunbook(this.#session.scenario.runbooks, ref);
		this.selectTab('runbooks');
		if (!page) {
			this.runbookNotice = `The linked runbook (${ref}) is not part of this drill's wiki.`;
			return;
		}
		this.runbookNotice = '';
		if (this.runbookId !== page.id) {
			this.runbookId = page.id;
			if (!this.#session.ended) this.#session.recordView('runbook', page.id);
		}
	}
}
