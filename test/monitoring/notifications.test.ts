import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';

/** Alarm notifications: recipients by role and tier, channels, webhook retries, once per event. */
describe('alarm notifications', () => {
  let t: TestNode;
  let pond: { id: string; code: string };
  let users: Record<string, { id: string; token: string }>;
  let server: http.Server;
  let hookA = '';
  let hookB = '';
  const hits: { path: string; body: any }[] = [];
  let failuresLeftA = 1;
  let clock = Date.now();
  let alarmId = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        hits.push({ path: req.url!, body: JSON.parse(data) });
        if (req.url === '/a' && failuresLeftA-- > 0) res.writeHead(500).end('busy');
        else if (req.url === '/b') res.writeHead(503).end('down');
        else res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    hookA = `http://127.0.0.1:${port}/a`;
    hookB = `http://127.0.0.1:${port}/b`;

    t = await makeTestNode('sqlite', {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105', principal: { name: '张三', phone: '13800000001' }, safetyOfficer: { name: '李四', phone: '13800000002' } });
    pond = await makeSite(t, t.adminToken, ent);
    users = {
      principal: await makeUser(t, t.adminToken, { username: 'n_principal', role: 'enterprise_principal', enterprise: ent.id }),
      safety: await makeUser(t, t.adminToken, { username: 'n_safety', role: 'enterprise_safety_officer', enterprise: ent.id }),
      staff: await makeUser(t, t.adminToken, { username: 'n_staff', role: 'enterprise_staff', enterprise: ent.id }),
      county: await makeUser(t, t.adminToken, { username: 'n_county', role: 'county_officer', region: '140105' }),
      otherCounty: await makeUser(t, t.adminToken, { username: 'n_county2', role: 'county_officer', region: '140106' }),
      city: await makeUser(t, t.adminToken, { username: 'n_city', role: 'city_officer', region: '140100' }),
    };
    const s = await t.req('PATCH', '/api/v1/monitoring/settings', {
      token: t.adminToken,
      body: {
        webhooks: [
          { url: hookA, minLevel: 'yellow' },
          { url: hookB, minLevel: 'red' },
        ],
        sms: { gateway: 'none', minLevel: 'orange' },
        escalation: { responseSec: { blue: 120, yellow: 120, orange: 120, red: 120 } },
      },
    });
    expect(s.status).toBe(200);
    const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, {
      token: t.adminToken,
      body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', blue: 100, yellow: 101, orange: 102, red: 103, hysteresis: 0.2 } },
    });
    expect(r.status).toBe(201);
  });
  afterAll(async () => {
    await t?.cleanup();
    server?.close();
  });

  const post = (ts: number, value: number) => t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: [{ site: pond.code, sensor: 'WL1', ts, value }] } });
  const idle = () => t.node.services.monitoring.notifier.idle();
  const list = async (token = t.adminToken) => (await t.req('GET', `/api/v1/alarms/${alarmId}/notifications`, { token })).body.items as any[];
  const brief = (items: any[]) => items.map((n) => `${n.event} ${n.channel} ${n.recipient} ${n.status}${n.statusCode ? ` ${n.statusCode}` : ''}${n.attempts ? ` x${n.attempts}` : ''}`).sort();

  it('on opening, tells the enterprise principal and safety officer by live push and calls the webhook, retrying', async () => {
    await post(clock - 1000, 101.5);
    const alarms = await t.req('GET', `/api/v1/alarms?site=${pond.code}`, { token: t.adminToken });
    expect(alarms.body.items).toHaveLength(1);
    alarmId = alarms.body.items[0].id;
    expect(alarms.body.items[0].level).toBe('yellow');
    await idle();
    expect(brief(await list())).toEqual([
      'opened sse user:n_principal pushed',
      'opened sse user:n_safety pushed',
      `opened webhook ${hookA} sent 200 x2`,
    ]);
    expect(hits.filter((h) => h.path === '/a')).toHaveLength(2);
    expect(hits[1]!.body).toMatchObject({ event: 'opened', alarm: { id: alarmId, level: 'yellow', site: pond.code } });
  });

  it('notifies a level rise once, with SMS through the gateway at orange and above', async () => {
    await post(clock - 500, 102.5);
    await idle();
    // Publishing the same state again notifies nobody twice.
    await t.node.services.monitoring.alarms.publish([alarmId]);
    await idle();
    const raised = (await list()).filter((n) => n.event === 'level_raised');
    expect(brief(raised)).toEqual([
      'level_raised sms phone:13800000001 queued x1',
      'level_raised sms phone:13800000002 queued x1',
      'level_raised sse user:n_principal pushed',
      'level_raised sse user:n_safety pushed',
      `level_raised webhook ${hookA} sent 200 x1`,
    ]);
    expect(raised.find((n) => n.channel === 'sms').detail.text).toBe(`【矿安预警】${pond.code}/WL1 橙色预警，值 102.5，请及时叫应处置。`);
  });

  it('when nobody answers, tells the officers of the next level up, in scope only; a failing webhook is recorded as failed', async () => {
    clock += 121_000;
    await t.node.services.monitoring.jobs.tick();
    await post(clock - 1000, 103.5); // red: the second webhook joins
    await idle();
    const items = await list();
    const escalated = items.filter((n) => n.event === 'escalated');
    expect(brief(escalated)).toEqual([
      'escalated sms phone:13800000001 queued x1',
      'escalated sms phone:13800000002 queued x1',
      'escalated sse user:n_county pushed',
      `escalated webhook ${hookA} sent 200 x1`,
    ]);
    const red = items.filter((n) => n.detail.level === 'red');
    expect(brief(red)).toEqual([
      'level_raised sms phone:13800000001 queued x1',
      'level_raised sms phone:13800000002 queued x1',
      'level_raised sse user:n_county pushed',
      'level_raised sse user:n_principal pushed',
      'level_raised sse user:n_safety pushed',
      `level_raised webhook ${hookA} sent 200 x1`,
      `level_raised webhook ${hookB} failed 503 x3`,
    ]);
    clock += 121_000;
    await t.node.services.monitoring.jobs.tick();
    await idle();
    const city = (await list()).filter((n) => n.detail.tier === 'city' && n.channel === 'sse');
    expect(brief(city)).toEqual(['escalated sse user:n_city pushed']);
  });

  it('lists notifications only to those who may see the alarm', async () => {
    expect((await t.req('GET', `/api/v1/alarms/${alarmId}/notifications`, { token: users.otherCounty!.token })).status).toBe(404);
    expect((await t.req('GET', `/api/v1/alarms/${alarmId}/notifications`, { token: users.staff!.token })).status).toBe(200);
  });

  it('does not escalate an alarm forwarded from a node below: that node escalates it by its own clock', async () => {
    const db = t.node.store.db;
    const mine = await db.selectFrom('alarms').selectAll().where('id', '=', alarmId).executeTakeFirstOrThrow();
    const forwarded = { ...mine, id: `${alarmId}-fwd`, state: 'open', tier: 'enterprise', escalated_at: null, opened_at: clock - 3_600_000, origin_node: 'node-below' };
    await db.insertInto('alarms').values(forwarded).execute();
    clock += 121_000;
    await t.node.services.monitoring.jobs.tick();
    const after = await db.selectFrom('alarms').select(['tier', 'escalated_at']).where('id', '=', forwarded.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ tier: 'enterprise', escalated_at: null });
  });
});
