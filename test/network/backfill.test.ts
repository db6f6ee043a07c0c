import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createParentClient } from '../../src/sync/client.ts';
import { startUplink } from '../../src/sync/uplink.ts';
import { creditCode } from '../support/factories.ts';
import { createTempPgDatabase } from '../support/pg.ts';

const PASSWORD = 'Admin12345';

async function call(s: RunningServer, method: string, url: string, token?: string, body?: unknown) {
  const res = await fetch(s.url + url, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const login = async (s: RunningServer) => (await call(s, 'POST', '/api/v1/auth/login', undefined, { username: 'admin', password: PASSWORD })).body.token as string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Readings stored at a node per sensor code, as `code|ts|value`, sorted. */
async function stored(s: RunningServer): Promise<string[]> {
  const rows = await s.node.deps.store.db.selectFrom('readings').innerJoin('sensors', 'sensors.key', 'readings.sensor_key').select(['sensors.code', 'readings.ts', 'readings.value']).execute();
  return rows.map((r) => `${r.code}|${Number(r.ts)}|${r.value}`).sort();
}

// The city (the sender) on either store: on PostgreSQL its reads stop at the commit horizon.
for (const kind of ['sqlite', 'postgres'] as const) describe(`backfill behind a live cursor (province ← city on ${kind})`, () => {
  const dirs: string[] = [];
  let pg: Awaited<ReturnType<typeof createTempPgDatabase>> | null = null;
  let province: RunningServer;
  let city: RunningServer;
  let cityToken: string;
  let cTok: string;

  beforeAll(async () => {
    const dir = () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-bf-'));
      dirs.push(d);
      return d;
    };
    province = await startServer({ dataDir: dir(), adminPassword: PASSWORD, level: 'province', region: '140000', logLevel: 'silent' });
    const pTok = await login(province);
    cityToken = (await call(province, 'POST', '/api/v1/network/nodes', pTok, { level: 'city', region: '140100' })).body.token;
    // The city runs its uplink from the test, so that the outage and the batch sizes are under control.
    pg = kind === 'postgres' ? await createTempPgDatabase() : null;
    city = await startServer({ dataDir: dir(), databaseUrl: pg?.url, adminPassword: PASSWORD, level: 'city', region: '140100', logLevel: 'silent' });
    cTok = await login(city);
  });
  afterAll(async () => {
    await city?.close();
    await province?.close();
    await pg?.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('sends live readings while a backlog drains, and ends with every reading once', { timeout: 60_000 }, async () => {
    const ent = await call(city, 'POST', '/api/v1/enterprises', cTok, { name: '太原回填矿业', creditCode: creditCode(kind === 'sqlite' ? 931 : 932, '140105'), region: '140105' });
    await call(city, 'POST', '/api/v1/sites', cTok, { code: 'TY-BF-1', name: '回填尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.body.id, damType: 'upstream', damHeight: 40, totalStorage: 1000 });
    for (const code of ['B1', 'B2', 'B3', 'B4', 'LIVE']) {
      expect((await call(city, 'POST', '/api/v1/sites/TY-BF-1/sensors', cTok, { code, kind: 'water_level', expectedIntervalSec: 1, thresholds: { direction: 'above', red: 1000 } })).status).toBe(201);
    }
    const deps = city.node.deps;
    const client = createParentClient(province.url, cityToken);
    const uplink = (backfillMax: number) => startUplink({ store: deps.store, client, nodeId: deps.nodeId, now: deps.now, readingBatch: 1000, backfillMax, backfillBudgetMs: 20, idleMs: 20 });

    // Registry first, then the outage: 40,000 readings pile up at the city.
    let up = uplink(20_000);
    const pStore = province.node.deps.store;
    for (let i = 0; i < 100; i++) {
      if ((await pStore.db.selectFrom('sensors').select('id').where('code', '=', 'LIVE').executeTakeFirst()) !== undefined) break;
      await sleep(100);
    }
    await up.stop();
    const base = Date.now() - 4 * 3_600_000;
    for (let k = 0; k < 4; k++) {
      const readings = Array.from({ length: 10_000 }, (_, i) => ({ site: 'TY-BF-1', sensor: `B${(i % 4) + 1}`, ts: base + (k * 10_000 + i) * 250, value: 50 + (i % 100) / 10 }));
      expect((await call(city, 'POST', '/api/v1/telemetry', cTok, { readings })).body.accepted).toBe(10_000);
    }

    // The line comes back with small backfill batches; live readings are written throughout.
    up = uplink(2000);
    let live = 0;
    let liveDuringDrain = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const t = Date.now() - 60_000 + live;
        const readings = Array.from({ length: 10 }, (_, i) => ({ site: 'TY-BF-1', sensor: 'LIVE', ts: t + i, value: 1 }));
        live += (await call(city, 'POST', '/api/v1/telemetry', cTok, { readings })).body.accepted;
        await sleep(20);
      }
    })();
    const count = async (code: string) =>
      Number((await pStore.db.selectFrom('readings').innerJoin('sensors', 'sensors.key', 'readings.sensor_key').select((eb) => eb.fn.countAll().as('n')).where('sensors.code', '=', code).executeTakeFirstOrThrow()).n);
    for (let i = 0; i < 1000; i++) {
      const backfilled = (await count('B1')) + (await count('B2')) + (await count('B3')) + (await count('B4'));
      if (backfilled === 40_000) break;
      liveDuringDrain = Math.max(liveDuringDrain, await count('LIVE'));
      await sleep(20);
    }
    writing = false;
    await writer;
    // Live readings reached the province while the older backlog was still incomplete there.
    expect(liveDuringDrain).toBeGreaterThan(0);
    // The live range is folded into the contiguous ack on both sides once the child has the last answer.
    const setting = async (k: string) => (await deps.store.db.selectFrom('settings').select('value').where('key', '=', k).executeTakeFirst())?.value;
    const maxSeq = Number((await deps.store.db.selectFrom('readings').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m);
    for (let i = 0; i < 200 && Number(await setting('sync.cursor.readings')) < maxSeq; i++) await sleep(50);
    await up.stop();
    client.close();

    expect(await stored(province)).toEqual(await stored(city));
    expect((await stored(city)).length).toBe(40_000 + live);
    expect(await setting('sync.cursor.readings.live_from')).toBe('0');
    expect(Number(await setting('sync.cursor.readings'))).toBe(maxSeq);
    const cursors = await pStore.db.selectFrom('net_cursors').select(['stream', 'seq']).where('stream', 'like', 'readings%').execute();
    expect(cursors.map((c) => [c.stream, Number(c.seq)])).toEqual([['readings', maxSeq]]);
  });
});
