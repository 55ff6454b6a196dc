/**
 * Geometry of a virtualised list with a fixed row height, where some rows are expanded by a known extra height.
 * Only the rows that intersect the viewport (plus an overscan margin) are rendered. All values are CSS px. Pure;
 * cost is O(expanded rows), independent of the row count.
 */

export interface VirtualLayout {
	count: number;
	/** Height of a collapsed row. Invariant: > 0. */
	rowHeight: number;
	/** Extra height below expanded rows, by row index. */
	extra: ReadonlyMap<number, number>;
}

function sortedExtra(layout: VirtualLayout): [number, number][] {
	return [...layout.extra]
		.filter(([i, h]) => i >= 0 && i < layout.count && h > 0)
		.sort((a, b) => a[0] - b[0]);
}

/** Total scroll height of the list. */
export function totalHeight(layout: VirtualLayout): number {
	let extra = 0;
	for (const [, h] of sortedExtra(layout)) extra += h;
	return layout.count * layout.rowHeight + extra;
}

/** Top offset of row `i`. */
export function rowTop(layout: VirtualLayout, i: number): number {
	let extra = 0;
	for (const [k, h] of sortedExtra(layout)) {
		if (k >= i) break;
		extra += h;
	}
	return i * layout.rowHeight + extra;
}

/** Height of row `i` including its expansion. */
export function rowHeightAt(layout: VirtualLayout, i: number): number {
	return layout.rowHeight + (layout.extra.get(i) ?? 0);
}

/** Index of the row that contains offset `y` (clamped to the list; 0 for an empty list). */
export function indexAt(layout: VirtualLayout, y: number): number {
	if (layout.count === 0) return 0;
	const rh = layout.rowHeight;
	let offset = 0;
	for (const [k, h] of sortedExtra(layout)) {
		const endOfK = (k + 1) * rh + offset + h;
		if (y < endOfK) return Math.max(0, Math.min(k, Math.floor((y - offset) / rh)));
		offset += h;
	}
	return Math.max(0, Math.min(layout.count - 1, Math.floor((y - offset) / rh)));
}

/**
 * The rows to render for a viewport at `scrollTop` of height `viewportHeight`: `[start, end)`, widened by `overscan`
 * rows on each side. Empty (`start = end = 0`) for an empty list.
 */
export function visibleRange(
	layout: VirtualLayout,
	scrollTop: number,
	viewportHeight: number,
	overscan = 8
): { start: number; end: number } {
	if (layout.count === 0) return { start: 0, end: 0 };
	const first = indexAt(layout, Math.max(0, scrollTop));
	const last = indexAt(layout, Math.max(0, scrollTop + Math.max(0, viewportHeight) - 1));
	return { start: Math.max(0, first - overscan), end: Math.min(layout.count, last + 1 + overscan) };
}
