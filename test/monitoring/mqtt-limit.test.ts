import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { createNode, type Node } from '../../src/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { ADMIN_PASSWORD, type TestNode } from '../support/node.ts';

/** A site's topic over its readings-per-second limit is delayed, never dropped (QoS 1), through the real Mosquitto. */
const BROKER = process.env.KUANGAN_TEST_MQTT ?? 'mqtt://127.0.0.1:1883';

describe('MQTT ingest over the per-caller limit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-mqtt-limit-'));
  const config: Config = { ...loadConfig({} as NodeJS.ProcessEnv), dataDir: dir, adminPassword: ADMIN_PASSWORD, logLevel: 'silent', mqttUrl: BROKER, ingestRatePerSec: 20, ingestBurst: 20 };
  let node: Node;
  let pub: MqttClient;
  let site = '';
  let clientId = '';
  const base = Date.now() - 3_600_000;
  const t = {
    req: async (method: string, url: string, opts: { token?: string; body?: unknown } = {}) => {
      const r = await node.app.inject({ method: method as 'GET', url, headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {}, ...(opts.body ? { payload: opts.body as object } : {}) });
      return { status: r.statusCode, body: JSON.parse(r.body), headers: r.headers };
    },
  } as unknown as TestNode;
  const stored = async () =>
    (
      await node.store.db
        .selectFrom('readings')
        .innerJoin('sensors', 'sensors.key', 'readings.sensor_key')
        .innerJoin('sites', 'sites.id', 'sensors.site_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sites.code', '=', site)
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    node = await createNode(config, { webDir: path.join(dir, 'no-web') });
    await node.app.ready();
    await node.mqtt!.ready();
    clientId = node.mqtt!.client.options.clientId!;
    const token = (await t.req('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
    const ent = await makeEnterprise(t, token, { region: '140105' });
    site = (await makeSite(t, token, ent, { code: `MQL${process.pid}x${Date.now() % 1e7}` })).code;
    const r = await t.req('POST', `/api/v1/sites/${site}/sensors`, { token, body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
    expect(r.status).toBe(201);
    pub = await mqtt.connectAsync(BROKER, { clientId: `kuangan-test-publim-${process.pid}-${Date.now()}`, protocolVersion: 5, clean: true });
  }, 30_000);
  afterAll(async () => {
    await pub?.endAsync();
    await node?.close();
    if (clientId) {
      const c = await mqtt.connectAsync(BROKER, { clientId, protocolVersion: 5, clean: true, properties: { sessionExpiryInterval: 0 } });
      await c.endAsync();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds the messages over the limit and stores them later, every one', async () => {
    const started = Date.now();
    const message = (m: number) => JSON.stringify({ readings: Array.from({ length: 20 }, (_, i) => ({ sensor: 'WL1', ts: base + (m * 20 + i) * 1000, value: 90 })) });
    await Promise.all([0, 1, 2].map((m) => pub.publishAsync(`kuangan/v1/${site}/telemetry`, message(m), { qos: 1 })));
    await new Promise((r) => setTimeout(r, 300));
    expect(Number(await stored())).toBe(20);
    const end = Date.now() + 15_000;
    while (Number(await stored()) < 60 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(Number(await stored())).toBe(60);
    // 60 readings at 20/s with a burst of 20: the last 40 waited about two seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(node.mqtt!.stats().acked).toBeGreaterThanOrEqual(3);
  }, 30_000);
});
