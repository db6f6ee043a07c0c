import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { createNode, type Node } from '../../src/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { ADMIN_PASSWORD, type TestNode } from '../support/node.ts';

/** MQTT intake through the real Mosquitto on 127.0.0.1:1883 (QoS 1, persistent session). */
const BROKER = process.env.KUANGAN_TEST_MQTT ?? 'mqtt://127.0.0.1:1883';

async function until(what: string, fn: () => Promise<boolean> | boolean, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('MQTT ingest through Mosquitto', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-mqtt-'));
  const config: Config = { ...loadConfig({} as NodeJS.ProcessEnv), dataDir: dir, adminPassword: ADMIN_PASSWORD, logLevel: 'silent', mqttUrl: BROKER };
  let node: Node;
  let pub: MqttClient;
  let token = '';
  let site = '';
  let other = '';
  const base = Date.now() - 3_600_000;
  let clientId = '';

  async function start() {
    node = await createNode(config, { webDir: path.join(dir, 'no-web') });
    await node.app.ready();
    await node.mqtt!.ready();
    clientId = node.mqtt!.client.options.clientId!;
  }
  const t = {
    req: async (method: string, url: string, opts: { token?: string; body?: unknown } = {}) => {
      const r = await node.app.inject({ method: method as 'GET', url, headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {}, ...(opts.body ? { payload: opts.body as object } : {}) });
      return { status: r.statusCode, body: JSON.parse(r.body), headers: r.headers };
    },
  } as unknown as TestNode;
  const stored = async () => {
    const rows = await node.store.db
      .selectFrom('readings')
      .innerJoin('sensors', 'sensors.key', 'readings.sensor_key')
      .innerJoin('sites', 'sites.id', 'sensors.site_id')
      .select(['readings.ts', 'readings.value'])
      .where('sites.code', '=', site)
      .where('sensors.code', '=', 'WL1')
      .orderBy('readings.ts')
      .execute();
    return rows.map((r) => ({ ts: Number(r.ts), value: r.value }));
  };
  const topic = () => `kuangan/v1/${site}/telemetry`;
  const send = (payload: string | object, tp = topic()) => pub.publishAsync(tp, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
  const reading = (i: number, value = 90) => ({ sensor: 'WL1', ts: base + i * 1000, value });

  beforeAll(async () => {
    await start();
    token = (await t.req('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
    const ent = await makeEnterprise(t, token, { region: '140105' });
    // Site codes are unique per run: the broker is shared.
    site = (await makeSite(t, token, ent, { code: `MQ${process.pid}x${Date.now() % 1e7}` })).code;
    other = (await makeSite(t, token, ent, { code: `MQO${process.pid}x${Date.now() % 1e7}` })).code;
    for (const s of [site, other]) {
      const r = await t.req('POST', `/api/v1/sites/${s}/sensors`, { token, body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
      expect(r.status).toBe(201);
    }
    pub = await mqtt.connectAsync(BROKER, { clientId: `kuangan-test-pub-${process.pid}-${Date.now()}`, protocolVersion: 5, clean: true });
  }, 30_000);
  afterAll(async () => {
    await pub?.endAsync();
    await node?.close();
    // Remove the persistent session this run created, so the broker does not keep queueing for it.
    if (clientId) {
      const c = await mqtt.connectAsync(BROKER, { clientId, protocolVersion: 5, clean: true, properties: { sessionExpiryInterval: 0 } });
      await c.endAsync();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores readings published to kuangan/v1/{site}/telemetry, the payload as the HTTP body', async () => {
    await send({ readings: [reading(0, 91), reading(1, 92)] });
    await until('2 readings', async () => (await stored()).length === 2);
    expect(await stored()).toEqual([
      { ts: base, value: 91 },
      { ts: base + 1000, value: 92 },
    ]);
  });

  it('acknowledges and counts a bad payload without stopping the good ones after it; reports refused readings', async () => {
    const results: unknown[] = [];
    const sub = await mqtt.connectAsync(BROKER, { clientId: `kuangan-test-res-${process.pid}-${Date.now()}`, protocolVersion: 5, clean: true });
    await sub.subscribeAsync(`kuangan/v1/${site}/telemetry/result`, { qos: 0 });
    sub.on('message', (_t, p) => results.push(JSON.parse(p.toString())));
    const before = node.mqtt!.stats();
    await send('not json at all {');
    await send({ values: [1, 2] });
    await send({ readings: [reading(2, 93), { site: other, sensor: 'WL1', ts: base + 3000, value: 94 }, reading(4, 'x' as unknown as number)] });
    await send({ readings: [reading(5, 95)] });
    await until('good readings after the bad ones', async () => (await stored()).length === 4);
    expect((await stored()).map((r) => r.value)).toEqual([91, 92, 93, 95]);
    const after = node.mqtt!.stats();
    expect(after.invalid - before.invalid).toBe(2);
    expect(after.rejected - before.rejected).toBe(2);
    await until('result message', () => results.length === 1);
    expect(results[0]).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 1, reason: `site ${other} does not match ${site}` },
        { index: 2, reason: 'value is not a finite number' },
      ],
    });
    // Nothing was stored for the other site through this topic.
    const o = await t.req('GET', `/api/v1/sites/${other}/sensors/WL1/readings?from=${base}&to=${base + 10_000}`, { token });
    expect(o.body.items).toEqual([]);
    await sub.endAsync();
  });

  it('loses nothing when the node stops mid-stream: QoS 1 and the persistent session bring every message, stored once', async () => {
    const first = 300;
    const n = 600;
    const offset = 100;
    // Publish a first half while the node runs, and stop it while those are still arriving.
    const sending = Promise.all(Array.from({ length: first }, (_, i) => send({ readings: [reading(offset + i, 50 + (i % 40))] })));
    await until('some of the stream', async () => (await stored()).length >= 4 + 20);
    await node.close();
    await sending;
    // The rest while it is away: the broker queues them for the session.
    await Promise.all(Array.from({ length: n - first }, (_, i) => send({ readings: [reading(offset + first + i, 50 + ((first + i) % 40))] })));
    await start();
    await until(`${n} readings`, async () => (await stored()).length === 4 + n);
    await new Promise((r) => setTimeout(r, 300));
    const rows = await stored();
    expect(rows.length).toBe(4 + n);
    const ts = rows.slice(4).map((r) => r.ts);
    expect(ts).toEqual(Array.from({ length: n }, (_, i) => base + (offset + i) * 1000));
  }, 60_000);
});
