/**
 * Messages between tabs of this app (BroadcastChannel), so a read-only tab learns at once when the driving tab
 * saved, released or ended an attempt, and every tab refreshes after an import or a profile change. The lock in
 * `attempts.ts` is what guarantees a single writer; the channel only makes the other tabs react quickly. Where
 * BroadcastChannel does not exist the channel is silent and tabs notice changes when they next read.
 */

export type TabMessageBody =
	| { type: 'attempt.saved'; attemptId: string; updatedAt: string }
	| { type: 'attempt.claimed'; attemptId: string }
	| { type: 'attempt.released'; attemptId: string }
	| { type: 'attempt.ended'; attemptId: string }
	| { type: 'profiles.changed' }
	| { type: 'progress.imported'; profileId: string };

/** A message as received: the body plus the id of the tab that sent it. */
export type TabMessage = TabMessageBody & { tabId: string };

const MESSAGE_TYPES = new Set<string>([
	'attempt.saved',
	'attempt.claimed',
	'attempt.released',
	'attempt.ended',
	'profiles.changed',
	'progress.imported'
]);

export interface TabChannel {
	readonly tabId: string;
	/** Sends to every other tab of the app (not to this one). */
	post(message: TabMessageBody): void;
	/** Listens for messages of other tabs; returns the unsubscribe function. */
	subscribe(listener: (message: TabMessage) => void): () => void;
	close(): void;
}

/** Default channel name. */
export const TAB_CHANNEL_NAME = 'pagerdrill';

/** A new random id for this tab (keep it in sessionStorage so a reload keeps its locks). */
export function newTabId(): string {
	return crypto.randomUUID();
}

function isTabMessage(data: unknown): data is TabMessage {
	if (typeof data !== 'object' || data === null) return false;
	const m = data as Record<string, unknown>;
	return typeof m.type === 'string' && MESSAGE_TYPES.has(m.type) && typeof m.tabId === 'string';
}

/**
 * Opens the app's tab channel for `tabId`. Messages from other app versions with unknown types are ignored.
 * @param name channel name, default {@link TAB_CHANNEL_NAME} (tests use unique names).
 */
export function openTabChannel(tabId: string, name = TAB_CHANNEL_NAME): TabChannel {
	const listeners = new Set<(message: TabMessage) => void>();
	const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
	if (channel) {
		channel.onmessage = (event: MessageEvent) => {
			if (!isTabMessage(event.data) || event.data.tabId === tabId) return;
			for (const listener of [...listeners]) listener(event.data);
		};
	}
	return {
		tabId,
		post(message) {
			channel?.postMessage({ ...message, tabId });
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		close() {
			listeners.clear();
			channel?.close();
		}
	};
}
