import type { Region } from '../api/types.ts';

export interface RegionNode {
  value: string;
  title: string;
  level: string;
  children?: RegionNode[];
  isLeaf?: boolean;
}

/** Nests a flat list of regions by their GB/T 2260 parent (given, or read from the code's digits). */
export function buildRegionTree(list: Region[]): RegionNode[] {
  const codes = new Set(list.map((r) => r.code));
  const nodes = new Map<string, RegionNode>(list.map((r) => [r.code, { value: r.code, title: r.name, level: r.level }]));
  const roots: RegionNode[] = [];
  for (const r of list) {
    const parent = r.parent ?? impliedParent(r.code);
    const node = nodes.get(r.code)!;
    const p = parent && codes.has(parent) ? nodes.get(parent) : undefined;
    if (p) (p.children ??= []).push(node);
    else roots.push(node);
  }
  for (const n of nodes.values()) if (!n.children) n.isLeaf = true;
  return roots;
}

/** 140105 → 140100 → 140000 → null. */
export function impliedParent(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return null;
  if (code.slice(4) !== '00') return `${code.slice(0, 4)}00`;
  if (code.slice(2, 4) !== '00') return `${code.slice(0, 2)}0000`;
  return null;
}

/** Whether a region can have children worth asking the server for. */
export function mayHaveChildren(r: Pick<Region, 'level' | 'code'>): boolean {
  if (r.level) return r.level === 'province' || r.level === 'city' || r.level === 'national';
  return r.code.slice(4) === '00';
}
