import type { Cell } from './cells.ts';

/** For review by hand: the cells of routes whose key contains `show`, request and answer, one pair of lines each. */
export function printCells(cells: Cell[], show: string | undefined): void {
  for (const c of show ? cells.filter((c) => c.route.key.includes(show)) : []) {
    console.log(`${c.route.key} ${c.principal.label} ${c.scope} ${c.status} ${c.outcome} ${c.path} ${JSON.stringify(c.body) ?? ''}\n   → ${JSON.stringify(c.response).slice(0, 400)}`);
  }
}

/** The routes whose cells took longest, summed (cells of a read run at once, so their sums overlap). */
export function printSlowest(cells: Cell[], n = 15): void {
  const per = new Map<string, number>();
  for (const c of cells) per.set(c.route.key, (per.get(c.route.key) ?? 0) + c.ms);
  console.log([...per].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${Math.round(ms)} ms ${k}`).join('\n'));
}
