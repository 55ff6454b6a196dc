import { describe, expect, it } from 'vitest';
import { getDraft } from '../persistence/drafts';
import { createMemoryDb } from '../persistence/memory-db';
import { putAttempts } from '../persistence/attempts';
import { manualClock, sampleAttempt, sequentialIds } from '../persistence/test-support';
import { openTabChannel } from '../persistence/tab-channel';
import { ProgressState } from './progress.svelte';
import { parseStatusDraft, progressDraftStore, StatusDraft } from './status-draft.svelte';

let counter = 0;
const UPDATE = 'Checkout errors for some customers since 02:05 UTC; next update 02:40 UTC.';

/** A progress state over a memory database that holds one attempt, `a1`. */
async function setup() {
	const clock = manualClock();
	const db = createMemoryDb({ env: { now: clock.now, newId: sequentialIds() } });
	await putAttempts(db, [sampleAttempt({ id: 'a1', status: 'in-progress' })]);
	const state = new ProgressState({
		openDb: async () => ({ db, storage: { kind: 'indexeddb' } }),
		storageManager: null,
		tabIdStorage: null,
		openChannel: (tabId) => openTabChannel(tabId, `status-draft-${++counter}`)
	});
	return { db, store: progressDraftStore(state) };
}

describe('StatusDraft', () => {
	it('saves state, components and text on the attempt, and a new page gets them back', async () => {
		const { db, store } = await setup();
		const before = new StatusDraft({ store });
		await before.attach('a1');
		before.status = 'identified';
		before.components = ['Checkout API', 'postgres'];
		before.text = UPDATE;
		await before.flush();
		expect(parseStatusDraft((await getDraft(db, 'a1', 'status-update'))!.text)).toEqual({
			status: 'identified',
			components: ['Checkout API', 'postgres'],
			text: UPDATE
		});

		const after = new StatusDraft({ store });
		await after.attach('a1');
		expect(after.restored).toBe(true);
		expect([after.status, after.components, after.text]).toEqual([
			'identified',
			['Checkout API', 'postgres'],
			UPDATE
		]);
	});

	it('keeps what was typed before the attempt existed, and stores it once it does', async () => {
		const { db, store } = await setup();
		const draft = new StatusDraft({ store });
		draft.text = 'typed while the attempt was being created';
		await draft.attach(null);
		await draft.attach('a1');
		await draft.flush();
		expect(draft.text).toBe('typed while the attempt was being created');
		expect(parseStatusDraft((await getDraft(db, 'a1', 'status-update'))!.text)?.text).toBe(
			'typed while the attempt was being created'
		);
	});

	it('stores the last of many quick edits, and a cleared text after a post', async () => {
		const { db, store } = await setup();
		const draft = new StatusDraft({ store });
		await draft.attach('a1');
		for (const ch of 'abcdef') draft.text += ch;
		await draft.flush();
		expect(parseStatusDraft((await getDraft(db, 'a1', 'status-update'))!.text)?.text).toBe('abcdef');
		draft.status = 'monitoring';
		draft.clearText();
		await draft.flush();
		expect(parseStatusDraft((await getDraft(db, 'a1', 'status-update'))!.text)).toMatchObject({
			status: 'monitoring',
			text: ''
		});
	});

	it('says so when the draft cannot be saved, and keeps the text on screen', async () => {
		const { store } = await setup();
		const draft = new StatusDraft({ store });
		await draft.attach('gone');
		draft.text = UPDATE;
		await draft.flush();
		expect(draft.saveError).toMatch(/could not be saved: That attempt no longer exists/);
		expect(draft.text).toBe(UPDATE);
	});

	it('ignores a damaged stored draft instead of failing', () => {
		expect(parseStatusDraft('{not json')).toBeNull();
		expect(parseStatusDraft('{"status":"on fire","components":[1,"API"],"text":5}')).toEqual({
			status: null,
			components: ['API'],
			text: ''
		});
	});
});
