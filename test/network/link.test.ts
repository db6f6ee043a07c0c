import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { creditCode } from '../support/factories.ts';

const PASSWORD = 'Admin12345';

async function call(s: RunningServer, method: string, url: string, token?: string, body?: unknown) {
  const res = await fetch(s.url + url, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
async function login(s: RunningServer) {
  return (await call(s, 'POST', '/api/v1/auth/login', undefined, { username: 'admin', password: PASSWORD })).body.token as string;
}
async function until<T>(fn: () => Promise<T | undefined | null | false>, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('uplink between two in-process nodes (province ← city)', () => {
  const dirs: string[] = [];
  let province: RunningServer;
  let city: RunningServer;
  let pTok: string;
  let cTok: string;
  let cityNodeId: string;

  beforeAll(async () => {
    const dir = () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-net-'));
      dirs.push(d);
      return d;
    };
    province = await startServer({ dataDir: dir(), adminPassword: PASSWORD, level: 'province', region: '140000', logLevel: 'silent' });
    pTok = await login(province);
    await call(province, 'PUT', '/api/v1/network/settings', pTok, { heartbeatSec: 1, missedBeats: 2 });
    const reg = await call(province, 'POST', '/api/v1/network/nodes', pTok, { level: 'city', region: '140100' });
    expect(reg.status).toBe(201);
    expect(reg.body.token).toMatch(/^kn_/);
    cityNodeId = reg.body.id;
    city = await startServer({ dataDir: dir(), adminPassword: PASSWORD, level: 'city', region: '140100', upstream: province.url, nodeToken: reg.body.token, logLevel: 'silent' });
    cTok = await login(city);
  });
  afterAll(async () => {
    await city?.close();
    await province?.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('forwards enterprises, sites, sensors and readings; refuses what lies outside the city with a reason', async () => {
    const ent = await call(city, 'POST', '/api/v1/enterprises', cTok, { name: '太原测试矿业', creditCode: creditCode(901, '140105'), region: '140105' });
    expect(ent.status).toBe(201);
    const outside = await call(city, 'POST', '/api/v1/enterprises', cTok, { name: '大同测试矿业', creditCode: creditCode(902, '140212'), region: '140212' });
    expect(outside.status).toBe(201);
    const site = await call(city, 'POST', '/api/v1/sites', cTok, { code: 'TY-NET-1', name: '测试尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.body.id, damType: 'upstream', damHeight: 45, totalStorage: 1200 });
    expect(site.status).toBe(201);
    const sensor = await call(city, 'POST', '/api/v1/sites/TY-NET-1/sensors', cTok, { code: 'WL1', kind: 'water_level', expectedIntervalSec: 60, thresholds: { direction: 'above', red: 1000 } });
    expect(sensor.status).toBe(201);
    const t0 = Date.now() - 600_000;
    const readings = Array.from({ length: 300 }, (_, i) => ({ site: 'TY-NET-1', sensor: 'WL1', ts: t0 + i * 1000, value: 10 + i / 100 }));
    const w = await call(city, 'POST', '/api/v1/telemetry', cTok, { readings });
    expect(w.body.accepted).toBe(300);

    const found = await until(async () => {
      const r = await call(province, 'GET', '/api/v1/sites/TY-NET-1', pTok);
      return r.status === 200 && r.body;
    });
    expect(found.enterprise).toBe(ent.body.id);
    const got = await until(async () => {
      const r = await call(province, 'GET', `/api/v1/sites/TY-NET-1/sensors/WL1/readings?from=${t0}&to=${t0 + 600_000}`, pTok);
      return r.status === 200 && r.body.items.length === 300 && r.body;
    });
    expect(got.items[0].value).toBe(10);
    const q = await until(async () => {
      const r = await call(province, 'GET', '/api/v1/network/quarantine', pTok);
      return r.body.items.length > 0 && r.body;
    });
    expect(q.items[0]).toMatchObject({ node: cityNodeId, entity: 'enterprise', entityId: outside.body.id });
    expect(q.items[0].reason).toContain('outside the node');
    expect((await call(province, 'GET', `/api/v1/enterprises/${outside.body.id}`, pTok)).status).toBe(404);

    const nodes = await call(province, 'GET', '/api/v1/network/nodes', pTok);
    expect(nodes.body.items).toHaveLength(1);
    expect(nodes.body.items[0]).toMatchObject({ id: cityNodeId, level: 'city', region: '140100', online: true });
  });

  it('refuses a revoked token', async () => {
    const reg = await call(province, 'POST', '/api/v1/network/nodes', pTok, { level: 'city', region: '140200' });
    const body = { node: 'x', backlog: 0, backlogAgeSec: 0, sensorsOnline: null, sentAt: 0 };
    expect((await call(province, 'POST', '/api/v1/sync/heartbeat', reg.body.token, body)).status).toBe(200);
    expect((await call(province, 'POST', `/api/v1/network/nodes/${reg.body.id}/revoke`, pTok)).status).toBe(200);
    expect((await call(province, 'POST', '/api/v1/sync/heartbeat', reg.body.token, body)).status).toBe(401);
  });

  it('applies duplicated and reordered batches exactly once, acknowledging only what is contiguous', async () => {
    const reg = await call(province, 'POST', '/api/v1/network/nodes', pTok, { level: 'city', region: '140400' });
    const tok = reg.body.token as string;
    const ent = (id: string, n: number) => ({ id, name: `长治测试${n}`, credit_code: creditCode(950 + n, '140403'), region_code: '140403', address: null, principal_name: null, principal_phone: null, safety_officer_name: null, safety_officer_phone: null, contacts: null, created_at: 1, updated_at: 1, version: 1, origin_node: 'origin-x' });
    const item = (seq: number, id: string, n: number) => ({ seq, entity: 'enterprise', id, origin: 'origin-x', version: 1, row: ent(id, n) });
    const b1 = { node: 'x', stream: 'records', from: 0, to: 2, items: [item(1, 'e-1', 1), item(2, 'e-2', 2)] };
    const b2 = { node: 'x', stream: 'records', from: 2, to: 3, items: [item(3, 'e-3', 3)] };
    // The second batch arrives first: a gap, nothing applied, the ack stays at 0.
    const early = await call(province, 'POST', '/api/v1/sync/push', tok, b2);
    expect(early.body).toMatchObject({ ack: 0, applied: 0 });
    expect(early.body.held).toContain('gap');
    const first = await call(province, 'POST', '/api/v1/sync/push', tok, { ...b1, items: [...b1.items].reverse() });
    expect(first.body).toMatchObject({ ack: 2, applied: 2, duplicates: 0 });
    const again = await call(province, 'POST', '/api/v1/sync/push', tok, b1);
    expect(again.body).toMatchObject({ ack: 2, applied: 0 });
    const second = await call(province, 'POST', '/api/v1/sync/push', tok, b2);
    expect(second.body).toMatchObject({ ack: 3, applied: 1 });
    // A replay from an older cursor (the child lost its ack) changes nothing.
    const replay = await call(province, 'POST', '/api/v1/sync/push', tok, { node: 'x', stream: 'records', from: 1, to: 3, items: [item(2, 'e-2', 2), item(3, 'e-3', 3)] });
    expect(replay.body).toMatchObject({ ack: 3, applied: 0 });
    const list = await call(province, 'GET', '/api/v1/enterprises?region=140400', pTok);
    expect(list.body.items.map((e: { id: string }) => e.id).sort()).toEqual(['e-1', 'e-2', 'e-3']);
  });
});
