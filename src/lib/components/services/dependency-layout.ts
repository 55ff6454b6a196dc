/**
 * Layout of the service dependency diagram: callers on the left, their dependencies to the right, one column per
 * depth (longest call path from a service nobody calls). Pure; sizes are SVG user units.
 */

export interface DepNode {
	id: string;
	label: string;
	/** Column (0 = entry points). */
	layer: number;
	x: number;
	y: number;
	/** Not a service of the scenario, only named as a dependency. */
	external: boolean;
}

export interface DepEdge {
	from: string;
	to: string;
	/** SVG path from the caller's right edge to the dependency's left edge. */
	d: string;
}

export interface DepLayout {
	width: number;
	height: number;
	nodeWidth: number;
	nodeHeight: number;
	nodes: DepNode[];
	edges: DepEdge[];
}

export const NODE_W = 150;
export const NODE_H = 34;
const GAP_X = 60;
const GAP_Y = 14;
const PAD = 8;

/**
 * Lays out services and their `dependsOn` edges. Cycles are tolerated (a back edge does not push layers further)
 * and dependencies that are not listed as services become external nodes.
 */
export function layoutDependencies(
	services: { id: string; label?: string; dependsOn: string[] }[]
): DepLayout {
	const known = new Map(services.map((s) => [s.id, s]));
	const ids = [...services.map((s) => s.id)];
	for (const s of services) for (const d of s.dependsOn) if (!known.has(d) && !ids.includes(d)) ids.push(d);
	const deps = (id: string) => known.get(id)?.dependsOn ?? [];
	const called = new Set(services.flatMap((s) => s.dependsOn));

	const layer = new Map<string, number>();
	const visit = (id: string, depth: number, path: Set<string>) => {
		if (path.has(id)) return;
		if ((layer.get(id) ?? -1) >= depth) return;
		layer.set(id, depth);
		path.add(id);
		for (const d of deps(id)) visit(d, depth + 1, path);
		path.delete(id);
	};
	const roots = ids.filter((id) => !called.has(id));
	for (const r of roots.length ? roots : ids.slice(0, 1)) visit(r, 0, new Set());
	for (const id of ids) if (!layer.has(id)) visit(id, 0, new Set());

	const columns: string[][] = [];
	for (const id of ids) (columns[layer.get(id)!] ??= []).push(id);
	const rows = Math.max(...columns.map((c) => c?.length ?? 0), 1);
	const height = PAD * 2 + rows * NODE_H + (rows - 1) * GAP_Y;
	const nodes: DepNode[] = [];
	columns.forEach((col, li) => {
		const colHeight = col.length * NODE_H + (col.length - 1) * GAP_Y;
		const top = (height - colHeight) / 2;
		col.forEach((id, i) =>
			nodes.push({
				id,
				label: known.get(id)?.label ?? id,
				layer: li,
				x: PAD + li * (NODE_W + GAP_X),
				y: top + i * (NODE_H + GAP_Y),
				external: !known.has(id)
			})
		);
	});
	const at = new Map(nodes.map((n) => [n.id, n]));
	const edges: DepEdge[] = [];
	for (const s of services) {
		for (const d of s.dependsOn) {
			const a = at.get(s.id)!;
			const b = at.get(d)!;
			const x1 = a.x + NODE_W;
			const y1 = a.y + NODE_H / 2;
			const x2 = b.x;
			const y2 = b.y + NODE_H / 2;
			const bend = Math.max(30, Math.abs(x2 - x1) / 2);
			edges.push({ from: s.id, to: d, d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}` });
		}
	}
	return {
		width: PAD * 2 + columns.length * NODE_W + (columns.length - 1) * GAP_X,
		height,
		nodeWidth: NODE_W,
		nodeHeight: NODE_H,
		nodes,
		edges
	};
}
