import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** A reading on a site's topic writes that site only, whatever its payload says. */
describe.each(['sqlite', 'postgres'] as const)('telemetry bound to its MQTT topic (%s)', (kind) => {
  let t: TestNode;
  let site = '';
  let other = '';
  const base = Date.now() - 3_600_000;

  beforeAll(async () => {
    t = await makeTestNode(kind);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    site = (await makeSite(t, t.adminToken, ent)).code;
    other = (await makeSite(t, t.adminToken, ent)).code;
    for (const s of [site, other]) {
      const r = await t.req('POST', `/api/v1/sites/${s}/sensors`, { token: t.adminToken, body: { code: 'WL1', kind: 'water_level', unit: 'm', thresholds: { direction: 'above', red: 200 } } });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => t?.cleanup());

  it('refuses and counts a reading naming another site, storing the rest', async () => {
    const r = await t.node.services.monitoring.ingest.ingestForSite(site, [
      { sensor: 'WL1', ts: base, value: 90 },
      { site: other, sensor: 'WL1', ts: base + 1000, value: 91 },
      { site, sensor: 'WL1', ts: base + 2000, value: 92 },
    ]);
    expect(r).toEqual({ accepted: 2, duplicates: 0, rejected: [{ index: 1, reason: `site ${other} does not match ${site}` }] });
    const read = async (code: string) => (await t.req('GET', `/api/v1/sites/${code}/sensors/WL1/readings?from=${base}&to=${base + 10_000}`, { token: t.adminToken })).body.items.map((i: { value: number }) => i.value);
    expect(await read(site)).toEqual([90, 92]);
    expect(await read(other)).toEqual([]);
  });
});

const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => fs.existsSync(p));

/** The shipped broker ACL (deploy/mosquitto/acl) run by a real Mosquitto: a device publishes only for its own site. */
// Mosquitto is part of this machine's kind and .ci/run starts it: a machine without it fails here, never skips.
describe('broker ACL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-acl-'));
  let broker: ChildProcess;
  let url = '';

  beforeAll(async () => {
    if (!MOSQUITTO) throw new Error('mosquitto not found (/usr/sbin/mosquitto): install Debian\'s mosquitto package');
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const passwd = path.join(dir, 'passwd');
    fs.writeFileSync(passwd, '');
    for (const user of ['kuangan-intake', 'S1', 'S2']) execFileSync('mosquitto_passwd', ['-b', passwd, user, `pw-${user}`]);
    const acl = path.join(dir, 'acl');
    fs.copyFileSync(path.resolve('deploy/mosquitto/acl'), acl);
    const conf = path.join(dir, 'mosquitto.conf');
    fs.writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${passwd}`, `acl_file ${acl}`, 'persistence false', ''].join('\n'));
    // Started as root, Mosquitto reads its files as the mosquitto user.
    fs.chmodSync(dir, 0o755);
    for (const f of [passwd, acl, conf]) fs.chmodSync(f, 0o644);
    broker = spawn(MOSQUITTO!, ['-c', conf], { stdio: 'ignore' });
    url = `mqtt://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((r) => net.connect(port, '127.0.0.1').on('connect', function (this: net.Socket) { this.destroy(); r(true); }).on('error', () => r(false)));
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => {
    broker?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const connect = (user: string) => mqtt.connectAsync(url, { username: user, password: `pw-${user}`, protocolVersion: 5, clean: true, clientId: `${user}-${Math.random().toString(36).slice(2)}`, reconnectPeriod: 0 });

  it('delivers a device’s readings on its own topic and drops them on another site’s', async () => {
    const intake = await connect('kuangan-intake');
    const seen: string[] = [];
    intake.on('message', (topic, payload) => seen.push(`${topic} ${payload.toString()}`));
    await intake.subscribeAsync('kuangan/v1/+/telemetry', { qos: 1 });
    const device = await connect('S1');
    await device.publishAsync('kuangan/v1/S1/telemetry', 'own', { qos: 1 });
    await device.publishAsync('kuangan/v1/S2/telemetry', 'forged', { qos: 1 }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).toEqual(['kuangan/v1/S1/telemetry own']);
    await device.endAsync();
    await intake.endAsync();
  });

  it('lets a device read only its own result topic, never other sites’ telemetry', async () => {
    const device = await connect('S1');
    const seen: string[] = [];
    device.on('message', (topic, payload) => seen.push(`${topic} ${payload.toString()}`));
    await device.subscribeAsync(['kuangan/v1/S1/telemetry/result', 'kuangan/v1/+/telemetry', 'kuangan/v1/S2/telemetry/result'], { qos: 1 });
    const s2 = await connect('S2');
    await s2.publishAsync('kuangan/v1/S2/telemetry', 'theirs', { qos: 1 });
    const intake = await connect('kuangan-intake');
    await intake.publishAsync('kuangan/v1/S1/telemetry/result', 'yours', { qos: 1 });
    await intake.publishAsync('kuangan/v1/S2/telemetry/result', 'not yours', { qos: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).toEqual(['kuangan/v1/S1/telemetry/result yours']);
    await Promise.all([device.endAsync(), s2.endAsync(), intake.endAsync()]);
  });
});
