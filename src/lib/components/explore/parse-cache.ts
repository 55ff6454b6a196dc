/**
 * A tiny cache for parsed queries, keyed by query text: the panels re-run the same few queries every second.
 */

/** Memoises `make` by key, forgetting the oldest entry beyond `size` entries. */
export function memo<V>(size: number, make: (key: string) => V): (key: string) => V {
	const cache = new Map<string, V>();
	return (key) => {
		const hit = cache.get(key);
		if (hit !== undefined) return hit;
		const value = make(key);
		cache.set(key, value);
		if (cache.size > size) cache.delete(cache.keys().next().value!);
		return value;
	};
}
