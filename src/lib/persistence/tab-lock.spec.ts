import { afterEach, describe, expect, it } from 'vitest';
import { acquireAttemptLock, releaseAllAttemptLocks, type LockManagerLike } from './tab-lock';

/** A minimal Web Locks manager shared by "tabs", with ifAvailable and steal as browsers implement them. */
function fakeLocks(): LockManagerLike {
	const holders = new Map<string, { reject: (e: Error) => void }>();
	return {
		request(name, options, callback) {
			if (options.ifAvailable && holders.has(name)) return Promise.resolve(callback(null));
			if (options.steal) holders.get(name)?.reject(new DOMException('stolen', 'AbortError'));
			return new Promise((resolve, reject) => {
				const entry = { reject };
				holders.set(name, entry);
				Promise.resolve(callback({ name })).then((v) => {
					if (holders.get(name) === entry) holders.delete(name);
					resolve(v);
				}, reject);
			});
		}
	};
}

afterEach(() => releaseAllAttemptLocks());

describe('attempt locks (Web Locks)', () => {
	it('keeps one lock per attempt for the page until it lets go', async () => {
		const shared = fakeLocks();
		const a = await acquireAttemptLock('a2', { locks: shared });
		if (a.kind !== 'held') throw new Error('expected the lock');
		// Same page again: the same lock.
		expect(await acquireAttemptLock('a2', { locks: shared })).toEqual(a);
		expect(await shared.request('pagerdrill.attempt.a2', { ifAvailable: true }, (l) => l)).toBeNull();
		a.lock.release();
		expect(a.lock.lost).toBe(true);
		await new Promise((r) => setTimeout(r, 0));
		expect((await acquireAttemptLock('a2', { locks: shared })).kind).toBe('held');
	});

	it('says busy while another tab holds it, and tells the holder when it is taken over', async () => {
		const locks = fakeLocks();
		const holder = await acquireAttemptLock('a3', { locks });
		if (holder.kind !== 'held') throw new Error('expected the lock');
		let lost = 0;
		holder.lock.onLost(() => lost++);

		// A second tab asks the same manager.
		const busy = await locks.request('pagerdrill.attempt.a3', { ifAvailable: true }, (l) => l);
		expect(busy).toBeNull();
		await locks.request('pagerdrill.attempt.a3', { steal: true }, () => undefined);
		await Promise.resolve();
		await Promise.resolve();
		expect(lost).toBe(1);
		expect(holder.lock.lost).toBe(true);
	});

	it('answers unsupported without navigator.locks (jsdom), so callers use the stored heartbeat', async () => {
		expect(await acquireAttemptLock('a4', { locks: null })).toEqual({ kind: 'unsupported' });
		// The default is the browser's manager; the node test environment has none.
		expect((await acquireAttemptLock('a5')).kind).toMatch(/unsupported|held/);
	});
});
