import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';
import { runMatrix, type Cell } from './matrix/cells.ts';
import { authChecks, existenceChecks, leakChecks, otherRecordChecks, populatedLists } from './matrix/checks.ts';
import { REFUSALS_ONLY, UNMAPPED, matrixRoutes, routeKey, type MatrixRoute } from './matrix/routes.ts';
import { printCells, printSlowest } from './matrix/report.ts';
import { compare, observed, readExpected, writeExpected } from './matrix/snapshot.ts';
import { buildWorld, type World } from './matrix/world.ts';

/**
 * Access proven cell by cell: every /api route of the node's route table × every role (and a child
 * node's token, a device's token, no token) × a record of the caller's own place and one of another
 * place. Each cell must keep the rules in checks.ts, and match the reviewed expectations in
 * matrix/expected.json (regenerate with KUANGAN_MATRIX_UPDATE=1, then read the diff before committing).
 */
const UPDATE = process.env.KUANGAN_MATRIX_UPDATE === '1';
// To review: KUANGAN_MATRIX_SHOW=<part of a route key> prints those cells' requests and answers;
// KUANGAN_MATRIX_TIMES=1 the slowest routes.

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
    printCells(cells, process.env.KUANGAN_MATRIX_SHOW);
    if (process.env.KUANGAN_MATRIX_TIMES) printSlowest(cells);
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

  it('answers nobody with a record or list item out of its scope, in lists that do hold the records', () => {
    expect(populatedLists(cells, world)).toEqual([]);
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
