import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { loadRows, type Entity } from '../../src/store/repos/network/outbox.ts';
import { createParentClient } from '../../src/sync/client.ts';
import { startUplink } from '../../src/sync/uplink.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

const PASSWORD = 'Admin12345';
const SENSORS = 50;
const BACKLOG = 40_000;
const LIVE = 10;

async function call(s: RunningServer, method: string, url: string, token?: string, body?: unknown) {
  const res = await fetch(s.url + url, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Readings stored at a node, as `sensor id|ts|value`, sorted. */
async function stored(s: RunningServer): Promise<string[]> {
  const rows = await s.node.deps.store.db.selectFrom('readings').innerJoin('sensors', 'sensors.key', 'readings.sensor_key').select(['sensors.id', 'readings.ts', 'readings.value']).execute();
  return rows.map((r) => `${r.id}|${Number(r.ts)}|${r.value}`).sort();
}

/**
 * A county drains its backlog into the city while sending its newest readings ahead (live); the
 * city stores both in arrival order, so in its own order the live readings sit behind the backlog.
 * Its express lane relays them to the province ahead of that order.
 */
describe('a forwarding node relays its child’s live readings ahead of the backlog passing through', () => {
  const dirs: string[] = [];
  let province: RunningServer;
  let city: RunningServer;
  let county: TestNode;
  let cityToken: string;
  let countyToken: string;
  let countyId: string;
  let sensorIds: string[] = [];

  const pushToCity = async (body: Record<string, unknown>) => {
    const r = await call(city, 'POST', '/api/v1/sync/push', countyToken, { node: countyId, ...body });
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    const dir = () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-ex-'));
      dirs.push(d);
      return d;
    };
    province = await startServer({ dataDir: dir(), adminPassword: PASSWORD, level: 'province', region: '140000', logLevel: 'silent' });
    const pTok = (await call(province, 'POST', '/api/v1/auth/login', undefined, { username: 'admin', password: PASSWORD })).body.token;
    cityToken = (await call(province, 'POST', '/api/v1/network/nodes', pTok, { level: 'city', region: '140100' })).body.token;
    // The city's uplink runs from the test, so that its batch size is under control.
    city = await startServer({ dataDir: dir(), adminPassword: PASSWORD, level: 'city', region: '140100', logLevel: 'silent' });
    const cTok = (await call(city, 'POST', '/api/v1/auth/login', undefined, { username: 'admin', password: PASSWORD })).body.token;
    countyToken = (await call(city, 'POST', '/api/v1/network/nodes', cTok, { level: 'county', region: '140105' })).body.token;
    // The county's records, as its uplink would send them.
    county = await makeTestNode('sqlite', { level: 'county', region: '140105' });
    countyId = county.node.deps.nodeId;
    const ent = await makeEnterprise(county, county.adminToken);
    const site = await makeSite(county, county.adminToken, ent);
    const records: [Entity, string][] = [['enterprise', ent.id], ['site', site.id]];
    for (let i = 0; i < SENSORS; i++) {
      const s = await county.req('POST', `/api/v1/sites/${site.code}/sensors`, { token: county.adminToken, body: { code: `S${i}`, kind: 'water_level', expectedIntervalSec: 1, thresholds: { direction: 'above', red: 1000 } } });
      expect(s.status).toBe(201);
      sensorIds.push(s.body.id);
      records.push(['sensor', s.body.id]);
    }
    const items = [];
    for (const [entity, id] of records) items.push({ seq: items.length + 1, entity, id, origin: countyId, version: 1, row: (await loadRows(county.node.deps.store.db, entity, [id])).get(id)! });
    expect(await pushToCity({ stream: 'records', from: 0, to: items.length, items })).toMatchObject({ applied: items.length });
  });
  afterAll(async () => {
    await city?.close();
    await province?.close();
    await county?.cleanup();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('reaches the province before the backlog ahead of it in the city, and everything arrives once', { timeout: 60_000 }, async () => {
    const deps = city.node.deps;
    const client = createParentClient(province.url, cityToken);
    const pStore = province.node.deps.store;
    const count = async (from: number, to: number) =>
      Number((await pStore.db.selectFrom('readings').select((eb) => eb.fn.countAll().as('n')).where('ts', '>=', from).where('ts', '<', to).executeTakeFirstOrThrow()).n);

    // The county's backlog (four hours old): half lands at the city while the city's line is down.
    const old = Date.now() - 4 * 3_600_000;
    const backlog = Array.from({ length: BACKLOG }, (_, i): [number, string, number, number] => [i + 1, sensorIds[i % SENSORS]!, old + Math.floor(i / SENSORS) * 1000, 1]);
    const land = async (from: number, to: number) => {
      for (let i = from; i < to; i += 10_000) expect(await pushToCity({ stream: 'readings', from: i, to: i + 10_000, readings: backlog.slice(i, i + 10_000) })).toMatchObject({ applied: 10_000 });
    };
    await land(0, BACKLOG / 2);

    // The line comes back with small batches: the city sends its newest first (a live range from its
    // head), then its own backlog; the backlog takes it many cycles.
    const up = startUplink({ store: deps.store, client, nodeId: deps.nodeId, now: deps.now, events: deps.events, readingBatch: 500, backfillMax: 500, backfillBudgetMs: 20, idleMs: 20, expressAfter: 1000 });
    for (let i = 0; i < 200 && (await pStore.db.selectFrom('sensors').select('id').execute()).length < SENSORS; i++) await sleep(50);
    for (let i = 0; i < 200 && (await count(old, old + 3_600_000)) === 0; i++) await sleep(20);

    // The rest of the county's backlog lands behind the city's live range start, then the county's
    // newest readings, sent ahead of it: in the city's order they follow 20,000 old readings.
    await land(BACKLOG / 2, BACKLOG);
    const now = Date.now();
    const live = sensorIds.slice(0, LIVE).map((id, k): [number, string, number, number] => [BACKLOG + 1000 + k, id, now, 2]);
    expect(await pushToCity({ stream: 'readings', from: BACKLOG + 999, to: BACKLOG + 1000 + LIVE, live: true, readings: live })).toMatchObject({ applied: LIVE });
    let backlogWhenLive = -1;
    for (let i = 0; i < 500; i++) {
      if ((await count(now, now + 1)) === LIVE) {
        backlogWhenLive = await count(old, now);
        break;
      }
      await sleep(10);
    }
    expect(backlogWhenLive).toBeGreaterThanOrEqual(0);
    expect(backlogWhenLive).toBeLessThan(BACKLOG / 4);

    // The rest drains in order: the province ends with what the city holds, each reading once.
    for (let i = 0; i < 1000 && (await count(old, now + 1)) < BACKLOG + LIVE; i++) await sleep(50);
    await up.stop();
    client.close();
    expect(await stored(province)).toEqual(await stored(city));
    expect((await stored(province)).length).toBe(BACKLOG + LIVE);
  });
});
