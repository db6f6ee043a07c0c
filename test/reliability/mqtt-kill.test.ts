import fs from 'node:fs';
import fc from 'fast-check';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { creditCode } from '../support/factories.ts';
import { call, kill, makeProc, startProc, tempRoot, until, type ProcNode } from '../network/harness.ts';

const BROKER = process.env.KUANGAN_TEST_MQTT ?? 'mqtt://127.0.0.1:1883';
const JUNK = Number(process.env.KUANGAN_FUZZ_RUNS ?? 150);

/**
 * The MQTT path killed mid-stream (SIGKILL, no goodbye to the broker) while devices publish at QoS 1,
 * with junk payloads among the readings: the broker redelivers what the node had not acknowledged,
 * and after the restart every published reading is stored exactly once.
 */
describe('MQTT intake killed mid-stream', () => {
  const root = tempRoot();
  let proc: ProcNode | null = null;
  let pub: MqttClient | null = null;
  let clientId = '';
  afterAll(async () => {
    await pub?.endAsync();
    if (proc) await kill(proc);
    if (clientId) {
      // Drop the node's persistent session so the shared broker stops queueing for it.
      const c = await mqtt.connectAsync(BROKER, { clientId, protocolVersion: 5, clean: true, properties: { sessionExpiryInterval: 0 } });
      await c.endAsync();
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('loses nothing and doubles nothing', { timeout: 120_000 }, async () => {
    proc = await makeProc('mqtt-node', { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140105', KUANGAN_MQTT_URL: BROKER }, root);
    const p = proc;
    clientId = `kuangan-${(await call(p, 'GET', '/api/v1/node')).body.id}`;
    const site = `MK${process.pid}x${Date.now() % 1e7}`;
    const ent = (await call(p, 'POST', '/api/v1/enterprises', { name: '消息断电测试矿业', creditCode: creditCode(7171, '140105'), region: '140105' })).body;
    expect((await call(p, 'POST', '/api/v1/sites', { code: site, name: '消息测试尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id })).status).toBe(201);
    expect((await call(p, 'POST', `/api/v1/sites/${site}/sensors`, { code: 'WL1', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 1e9 } })).status).toBe(201);
    pub = await mqtt.connectAsync(BROKER, { clientId: `kuangan-test-kill-${process.pid}-${Date.now()}`, protocolVersion: 5, clean: true });
    const topic = `kuangan/v1/${site}/telemetry`;
    const base = Date.now() - 2 * 86_400_000;
    const count = async () => ((await call(p, 'GET', `/api/v1/sites/${site}/sensors/WL1/readings?from=${base - 1}&to=${base + 1e7}&limit=100000`)).body?.items ?? []).length;

    await pub.publishAsync(topic, JSON.stringify({ readings: [{ sensor: 'WL1', ts: base, value: 1 }] }), { qos: 1 });
    await until('the node takes MQTT readings', async () => (await count()) === 1);

    const junk = fc.sample(fc.oneof(fc.anything().map((v) => JSON.stringify(v) ?? 'null'), fc.string(), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b))), JUNK);
    const messages = 300;
    let sent = 1;
    for (let m = 0; m < messages; m++) {
      const readings = Array.from({ length: 10 }, (_, k) => ({ sensor: 'WL1', ts: base + (1 + m * 10 + k) * 1000, value: (m + k) % 50 }));
      await pub.publishAsync(topic, JSON.stringify({ readings }), { qos: 1 });
      sent += readings.length;
      if (m % 2 === 0 && junk.length) await pub.publishAsync(topic, junk.pop()!, { qos: 1 });
      if (m === 120) await kill(p, 'SIGKILL');
      if (m === 200) await startProc(p);
    }
    await until(`all ${sent} readings stored`, async () => (await count()) >= sent, 60_000);
    expect(await count()).toBe(sent);
    // The node is up and answering after the junk.
    expect((await call(p, 'GET', '/healthz', undefined, '')).status).toBe(200);
    console.log(`mqtt: ${sent} readings published around a SIGKILL with ${JUNK} junk payloads; ${sent} stored`);
  });
});
