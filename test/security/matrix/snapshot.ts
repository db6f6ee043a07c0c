import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cell, Outcome } from './cells.ts';

/** route → principal → {own, other}: the reviewed expectations, test/security/matrix/expected.json. */
export type Matrix = Record<string, Record<string, { own: Outcome; other: Outcome }>>;

export const EXPECTED_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'expected.json');

export function observed(cells: Cell[]): Matrix {
  const m: Matrix = {};
  for (const c of cells) {
    const row = (m[c.route.key] ??= {});
    const cell = (row[c.principal.label] ??= { own: 'denied', other: 'denied' });
    cell[c.scope] = c.outcome;
  }
  return m;
}

export function readExpected(): Matrix {
  return fs.existsSync(EXPECTED_FILE) ? (JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8')) as Matrix) : {};
}

/** One line per route and caller, sorted, so that a change of behaviour reads as a small diff. */
export function writeExpected(m: Matrix): void {
  const routes = Object.keys(m).sort();
  const body = routes
    .map((r) => {
      const rows = Object.entries(m[r]!).map(([who, c]) => `    ${JSON.stringify(who)}: { "own": ${JSON.stringify(c.own)}, "other": ${JSON.stringify(c.other)} }`);
      return `  ${JSON.stringify(r)}: {\n${rows.join(',\n')}\n  }`;
    })
    .join(',\n');
  fs.writeFileSync(EXPECTED_FILE, `{\n${body}\n}\n`);
}

/** Differences between what was seen and what is expected: changed cells, routes without an entry, entries without a route. */
export function compare(seen: Matrix, expected: Matrix): { changed: string[]; missing: string[]; stale: string[] } {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [route, row] of Object.entries(seen)) {
    const want = expected[route];
    if (!want) {
      missing.push(route);
      continue;
    }
    for (const [who, got] of Object.entries(row)) {
      const w = want[who];
      if (!w) changed.push(`${route} as ${who}: no expectation`);
      else for (const scope of ['own', 'other'] as const) if (w[scope] !== got[scope]) changed.push(`${route} as ${who} (${scope}): expected ${w[scope]}, got ${got[scope]}`);
    }
  }
  const stale = Object.keys(expected).filter((r) => !seen[r]);
  return { changed, missing, stale };
}
