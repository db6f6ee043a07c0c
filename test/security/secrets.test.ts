import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** Webhook and SMS gateway keys are shown whole only to those who may change the settings. */
describe.each(['sqlite', 'postgres'] as const)('secrets in monitoring settings (%s)', (kind) => {
  let t: TestNode;
  let server: http.Server;
  let hook = '';
  let officer: { token: string };
  let regionalAdmin: { token: string };
  let alarmId = '';
  const SMS = 'https://sms.example.cn/send?apikey=GATEWAYKEY42';

  beforeAll(async () => {
    server = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end('ok')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?key=HOOKSECRET99`;
    t = await makeTestNode(kind);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const pond = await makeSite(t, t.adminToken, ent);
    officer = await makeUser(t, t.adminToken, { username: `sec_officer_${kind}`, role: 'county_officer', region: '140105' });
    regionalAdmin = await makeUser(t, t.adminToken, { username: `sec_radm_${kind}`, role: 'admin', region: '140105' });
    const s = await t.req('PATCH', '/api/v1/monitoring/settings', { token: t.adminToken, body: { webhooks: [{ url: hook, minLevel: 'blue' }], sms: { gateway: 'http', url: SMS, minLevel: 'red' } } });
    expect(s.status).toBe(200);
    await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code: 'WL1', kind: 'water_level', unit: 'm', thresholds: { direction: 'above', blue: 100, red: 200 } } });
    const r = await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: [{ site: pond.code, sensor: 'WL1', ts: Date.now() - 1000, value: 150 }] } });
    expect(r.body.accepted).toBe(1);
    await t.node.services.monitoring.notifier.idle();
    alarmId = (await t.req('GET', '/api/v1/alarms', { token: t.adminToken })).body.items[0].id;
  });
  afterAll(async () => {
    await t?.cleanup();
    server?.close();
  });

  const reads = (token: string) =>
    Promise.all([
      t.req('GET', '/api/v1/monitoring/settings', { token }),
      t.req('GET', '/api/v1/monitoring/settings/history', { token }),
      t.req('GET', `/api/v1/alarms/${alarmId}/notifications`, { token }),
    ]);

  it('masks keys for readers who may not change the settings', async () => {
    for (const token of [officer.token, regionalAdmin.token]) {
      const [settings, history, notes] = await reads(token);
      for (const r of [settings, history, notes]) expect(r.status).toBe(200);
      const text = JSON.stringify([settings.body, history.body, notes.body]);
      expect(text).not.toContain('HOOKSECRET99');
      expect(text).not.toContain('GATEWAYKEY42');
      expect(settings.body.values.webhooks[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hook\?key=\*\*\*$/);
      expect(settings.body.values.sms.url).toBe('https://sms.example.cn/send?apikey=***');
      expect(notes.body.items.find((n: { channel: string }) => n.channel === 'webhook').recipient).toMatch(/\?key=\*\*\*$/);
    }
  });

  it('shows them whole to an administrator of everything', async () => {
    const [settings, history, notes] = await reads(t.adminToken);
    expect(settings.body.values.webhooks[0].url).toBe(hook);
    expect(settings.body.values.sms.url).toBe(SMS);
    expect(JSON.stringify(history.body)).toContain('HOOKSECRET99');
    expect(notes.body.items.find((n: { channel: string }) => n.channel === 'webhook').recipient).toBe(hook);
  });
});
