import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { startServer, type RunningServer } from '../src/server.ts';
import { placeOf } from '../src/services/monitoring/sensors.ts';
import { findSensor, insertSensor, type Sensor } from '../src/store/repos/monitoring/sensors.ts';
import { findSite } from '../src/store/repos/sites.ts';
import { createTempPgDatabase } from '../test/support/pg.ts';
import { creditCode } from '../test/support/factories.ts';

export type StoreKind = 'sqlite' | 'postgres';

const ADMIN_PASSWORD = 'Bench12345';

export interface BenchServer {
  server: RunningServer;
  url: string;
  token: string;
  kind: StoreKind;
  call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** A tailings pond with `count` sensors cloned from one made through the API; returns their codes and keys. */
  pond(count: number, opts?: { prefix?: string; thresholds?: Record<string, unknown> }): Promise<{ site: string; sensors: { code: string; key: number }[] }>;
  close(): Promise<void>;
}

let seq = 0;

/** A real node listening on loopback, on a fresh SQLite directory or a throwaway PostgreSQL database. */
export async function startBenchServer(kind: StoreKind): Promise<BenchServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-bench-'));
  const pg = kind === 'postgres' ? await createTempPgDatabase() : null;
  const server = await startServer({ dataDir: dir, databaseUrl: pg?.url, adminPassword: ADMIN_PASSWORD, logLevel: 'silent', host: '127.0.0.1', webDir: path.join(dir, 'no-web') });
  const call = async (method: string, url: string, body?: unknown, token?: string) => {
    const r = await fetch(server.url + url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  const login = await call('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const token = login.body.token as string;
  const authed = (method: string, url: string, body?: unknown) => call(method, url, body, token);
  const ent = await authed('POST', '/api/v1/enterprises', { name: '基准测试矿业有限公司', creditCode: creditCode(777_000 + (process.pid % 1000)), region: '140105', principal: { name: '张三', phone: '13800000000' } });
  if (ent.status !== 201) throw new Error(`enterprise: ${ent.status} ${JSON.stringify(ent.body)}`);
  const { store } = server.node;
  const monitoring = server.node.services.monitoring;

  async function pond(count: number, opts: { prefix?: string; thresholds?: Record<string, unknown> } = {}) {
    const n = ++seq;
    const code = `BENCH${n}`;
    const site = await authed('POST', '/api/v1/sites', { code, name: `基准尾矿库${n}`, kind: 'tailings_pond', region: '140105', enterprise: ent.body.id, damType: 'upstream', damHeight: 45, totalStorage: 1200, status: 'producing', crestElevation: 120 });
    if (site.status !== 201) throw new Error(`site: ${site.status} ${JSON.stringify(site.body)}`);
    const thresholds = opts.thresholds ?? { direction: 'above', blue: 100, yellow: 101, orange: 102, red: 103, hysteresis: 0.2 };
    const first = await authed('POST', `/api/v1/sites/${code}/sensors`, { code: 'TEMPLATE', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds });
    if (first.status !== 201) throw new Error(`sensor: ${first.status} ${JSON.stringify(first.body)}`);
    const template = (await findSensor(store.db, site.body.id, 'TEMPLATE'))!;
    const place = placeOf((await findSite(store.db, site.body.id))!);
    // Cloned straight into the store and the catalogue: creating thousands through the API would only time the API.
    const sensors: { code: string; key: number }[] = [];
    const prefix = opts.prefix ?? 'WL';
    await store.db.transaction().execute(async (tx) => {
      for (let i = 0; i < count; i++) {
        const { key: _k, ...rest } = template;
        const s: Omit<Sensor, 'key'> = { ...rest, id: uuidv7(), code: `${prefix}${i}` };
        const key = await insertSensor(tx, s);
        monitoring.catalog.put({ ...s, key }, place);
        sensors.push({ code: s.code, key });
      }
    });
    return { site: code, sensors };
  }

  return {
    server,
    url: server.url,
    token,
    kind,
    call: authed,
    pond,
    async close() {
      await server.close();
      await pg?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
