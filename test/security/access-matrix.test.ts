import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';
import { runMatrix, type Cell } from './matrix/cells.ts';
import { authChecks, existenceChecks, leakChecks, otherRecordChecks } from './matrix/checks.ts';
import { REFUSALS_ONLY, UNMAPPED, matrixRoutes, routeKey, type MatrixRoute } from './matrix/routes.ts';
import { compare, observed, readExpected, writeExpected } from './matrix/snapshot.ts';
import { buildWorld, type World } from './matrix/world.ts';

/**
 * Access proven cell by cell: every /api route of the node's route table × every role (and a child
 * node's token, a device's token, no token) × a record of the caller's own place and one of another
 * place. Each cell must keep the rules in checks.ts, and match the reviewed expectations in
 * matrix/expected.json (regenerate with KUANGAN_MATRIX_UPDATE=1, then read the diff before committing).
 */
const UPDATE = process.env.KUANGAN_MATRIX_UPDATE === '1';
/** KUANGAN_MATRIX_SHOW=<part of a route>: print that route's cells (request and answer) to review them. */
const SHOW = process.env.KUANGAN_MATRIX_SHOW;

describe.each(STORE_KINDS)('access matrix (%s)', (kind) => {
  let t: TestNode;
  let world: World;
  let routes: MatrixRoute[];
  let unmapped: { key: string; param: string }[];
  let cells: Cell[];

  beforeAll(async () => {
    t = await makeTestNode(kind);
    world = await buildWorld(t, kind);
    ({ routes, unmapped } = matrixRoutes(t.node.app.routeTable, new Set([...Object.keys(world.records.own), ...Object.keys(world.shared)])));
    const started = Date.now();
    cells = await runMatrix(t, world, routes);
    for (const c of SHOW ? cells.filter((c) => c.route.key.includes(SHOW)) : []) {
      console.log(`${c.route.key} ${c.principal.label} ${c.scope} ${c.status} ${c.outcome} ${c.path} ${JSON.stringify(c.body) ?? ''}\n   → ${JSON.stringify(c.response).slice(0, 400)}`);
    }
    if (process.env.KUANGAN_MATRIX_TIMES) {
      const per = new Map<string, number>();
      for (const c of cells) per.set(c.route.key, (per.get(c.route.key) ?? 0) + c.ms);
      console.log([...per].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, ms]) => `${Math.round(ms)} ms ${k}`).join('\n'));
    }
    const probes = cells.filter((c) => c.absentStatus !== undefined).length;
    console.log(`access matrix (${kind}): ${routes.length} routes, ${world.principals.length} callers, ${cells.length} cells asserted (+${probes} absent-record probes) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);
  afterAll(async () => t?.cleanup());

  it('keeps every route the node registers, with its configuration, in the route table', () => {
    const table = t.node.app.routeTable;
    const keys = table.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of table) expect(t.node.app.hasRoute({ method: r.method as 'GET', url: r.url }), routeKey(r)).toBe(true);
    expect(keys.filter((k) => k.startsWith('GET /api/')).length).toBeGreaterThan(50);
    const find = (key: string) => table.find((r) => routeKey(r) === key);
    expect(find('POST /api/v1/sync/push')?.config.nodeOnly).toBe(true);
    expect(find('POST /api/v1/telemetry')?.config.devices).toBe(true);
    expect(find('GET /api/v1/events')?.config.queryToken).toBe(true);
    expect(find('POST /api/v1/auth/login')?.config.public).toBe(true);
    expect(find('POST /api/v1/hazards')?.schema?.body).toBeDefined();
  });

  it('maps the parameters of every route, or names it in the explicit table with the reason', () => {
    const why = unmapped.map((u) => `${u.key} (:${u.param})`).join('; ') + ` — ${JSON.stringify(world.notMade)}`;
    expect(unmapped, `routes whose parameters name no record the matrix makes: make the record in world.ts, or list the route in UNMAPPED (routes.ts): ${why}`).toEqual([]);
    const driven = new Set(routes.map((r) => r.key));
    expect(routes.length).toBeGreaterThan(150);
    for (const key of Object.keys(REFUSALS_ONLY)) if (t.node.app.routeTable.some((r) => routeKey(r) === key)) expect(driven.has(key), key).toBe(true);
    for (const key of Object.keys(UNMAPPED)) expect(driven.has(key), key).toBe(false);
  });

  it('has every record a route names, in every place', () => {
    const needed = new Set(routes.flatMap((r) => r.params.filter((p) => !p.shared).map((p) => p.kind)));
    for (const place of ['own', 'other', 'far'] as const) {
      expect([...needed].filter((k) => !world.records[place][k]).map((k) => `${place}: ${k}`)).toEqual([]);
    }
  });

  it('refuses a missing token, a node token and a device token where they do not belong, and never the global admin', () => {
    expect(authChecks(cells)).toEqual([]);
  });

  it("never succeeds on another place's record named in the path or the body, for anyone but the global admin", () => {
    expect(otherRecordChecks(cells, world)).toEqual([]);
  });

  it('answers a record out of scope exactly like one that does not exist', () => {
    expect(existenceChecks(cells)).toEqual([]);
  });

  it('answers nobody with a record or list item out of its scope', () => {
    expect(leakChecks(cells, world)).toEqual([]);
  });

  it('matches the reviewed expectations, cell by cell', () => {
    const seen = observed(cells);
    if (UPDATE && kind === STORE_KINDS[0]) writeExpected(seen);
    const { changed, missing, stale } = compare(seen, readExpected());
    // missing: routes without expectations (run with KUANGAN_MATRIX_UPDATE=1 and review the diff of matrix/expected.json);
    // stale: expectations of routes the node no longer has; changed: cells whose outcome is not the expected one.
    expect({ missing, stale, changed }).toEqual({ missing: [], stale: [], changed: [] });
  });
});
