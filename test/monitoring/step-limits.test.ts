import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { ADMIN_PASSWORD, makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Time limits at every step of the loop: response, analysis and verification each have a limit by
 * level (settings, each with its source); a step missed climbs a tier whatever the state. An analysis
 * of real danger tells the supervising levels at once and puts the emergency steps beside the alarm.
 */
for (const kind of STORE_KINDS) describe(`time limits at every step (${kind})`, () => {
  const t0 = Date.UTC(2026, 2, 1, 0, 0, 0);
  let clock = t0;
  let t: TestNode;
  let pond: { id: string; code: string };
  let ent: { id: string; region: string };
  const PASSWORD = 'Passw0rd1';
  // Logged in afresh once the clock has moved on (by hours and days here), else the session in hand.
  const sessions = new Map<string, { token: string; at: number }>();
  const as = async (username: string) => {
    const s = sessions.get(username);
    if (s && clock - s.at < HOUR) return s.token;
    const token = await t.login(username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);
    sessions.set(username, { token, at: clock });
    return token;
  };

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    await makeUser(t, t.adminToken, { username: `s_safety_${kind}`, role: 'enterprise_safety_officer', enterprise: ent.id });
    await makeUser(t, t.adminToken, { username: `s_county_${kind}`, role: 'county_officer', region: '140105' });
    await makeUser(t, t.adminToken, { username: `s_city_${kind}`, role: 'city_officer', region: '140100' });
    await makeUser(t, t.adminToken, { username: `s_prov_${kind}`, role: 'province_officer', region: '140000' });
    for (const code of ['WL1', 'WL2']) {
      const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code, kind: 'water_level', expectedIntervalSec: 86_400, thresholds: { direction: 'above', red: 1000 } } });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => t?.cleanup());

  const tick = () => t.node.services.monitoring.jobs.tick();
  const open = async (sensor: string) => {
    await t.req('POST', '/api/v1/telemetry', { token: await as(`s_safety_${kind}`), body: { readings: [{ site: pond.code, sensor, ts: clock, value: 1500 }] } });
    await t.node.services.monitoring.writer.drain();
    const items = (await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=threshold`, { token: await as(`s_county_${kind}`) })).body.items as { id: string; sensor: string }[];
    return items.find((a) => a.sensor === sensor)!.id;
  };
  const get = async (id: string) => (await t.req('GET', `/api/v1/alarms/${id}`, { token: await as(`s_county_${kind}`) })).body;
  const escalations = (a: { history: { action: string; details: { step?: string; to?: string } | null }[] }) =>
    a.history.filter((h) => h.action === 'escalate').map((h) => [h.details?.step, h.details?.to]);

  it('escalates an answered alarm whose analysis is late, then one whose verification is late', async () => {
    const id = await open('WL1');
    clock += MIN;
    expect((await t.req('POST', `/api/v1/alarms/${id}/ack`, { token: await as(`s_safety_${kind}`), body: {} })).status).toBe(200);
    // Red: 2 h from the answer to the signed analysis (a platform default, its source stated).
    const a = await get(id);
    expect(a.deadline).toEqual({ step: 'analysis', dueAt: clock + 2 * HOUR });
    clock += 2 * HOUR - 1;
    await tick();
    expect((await get(id)).tier).toBe('enterprise');
    clock += 1;
    await tick();
    const late = await get(id);
    expect(late).toMatchObject({ state: 'acknowledged', tier: 'county' });
    expect(escalations(late)).toEqual([['analysis', 'county']]);
    // The clock restarts at the county: the whole time again.
    expect(late.deadline).toEqual({ step: 'analysis', dueAt: clock + 2 * HOUR });
    const analysed = await t.req('POST', `/api/v1/alarms/${id}/analyse`, { token: await as(`s_safety_${kind}`), body: { cause: 'equipment_fault', measures: '更换水位计' } });
    expect(analysed.status).toBe(200);
    // Red: 24 h for the supervising level's verification.
    clock += 24 * HOUR;
    await tick();
    const unverified = await get(id);
    expect(unverified).toMatchObject({ state: 'analysed', tier: 'city' });
    expect(escalations(unverified)).toEqual([
      ['analysis', 'county'],
      ['verification', 'city'],
    ]);
    // The city officers are told of it.
    const notes = (await t.req('GET', `/api/v1/alarms/${id}/notifications`, { token: await as('admin') })).body.items as { event: string; recipient: string }[];
    await t.node.services.monitoring.notifier.idle();
    const after = (await t.req('GET', `/api/v1/alarms/${id}/notifications`, { token: await as(`s_city_${kind}`) })).body.items as { event: string; recipient: string }[];
    expect(after.length).toBeGreaterThanOrEqual(notes.length);
    expect(after.filter((n) => n.event === 'escalated').map((n) => n.recipient)).toContain(`user:s_city_${kind}`);
  });

  it('takes its limits from the settings, each with its source', async () => {
    const view = (await t.req('GET', '/api/v1/monitoring/settings', { token: await as('admin') })).body;
    expect(view.values.escalation).toMatchObject({ analysisSec: { red: 7200 }, verificationSec: { red: 86_400 } });
    expect(view.values.escalation.analysisSource).toContain('平台默认值');
    expect(view.values.escalation.verificationSource).toContain('平台默认值');
    const r = await t.req('PATCH', '/api/v1/monitoring/settings', { token: await as('admin'), body: { escalation: { analysisSec: { blue: 86_400, yellow: 43_200, orange: 14_400, red: 3600 }, analysisSource: '晋应急发〔2025〕296号（示例）' } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.values.escalation).toMatchObject({ analysisSec: { red: 3600 }, analysisSource: '晋应急发〔2025〕296号（示例）', responseSec: { red: 900 } });
  });

  it('tells every supervising level at once of real danger, and shows the emergency steps', async () => {
    const id = await open('WL2');
    expect((await t.req('POST', `/api/v1/alarms/${id}/ack`, { token: await as(`s_safety_${kind}`), body: {} })).status).toBe(200);
    const r = await t.req('POST', `/api/v1/alarms/${id}/analyse`, { token: await as(`s_safety_${kind}`), body: { cause: 'danger', measures: '坝体渗水，已撤人' } });
    expect(r.status).toBe(200);
    expect(r.body.tier).toBe('enterprise');
    expect(r.body.emergencySteps.map((s: { zh: string }) => s.zh)).toContain('立即启动应急预案，主要负责人到场指挥');
    await t.node.services.monitoring.notifier.idle();
    const notes = (await t.req('GET', `/api/v1/alarms/${id}/notifications`, { token: await as('admin') })).body.items as { event: string; recipient: string }[];
    expect(notes.filter((n) => n.event === 'danger').map((n) => n.recipient).sort()).toEqual([`user:s_city_${kind}`, `user:s_county_${kind}`, `user:s_prov_${kind}`]);
    // An alarm without danger shows no emergency steps.
    const other = await get((await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=threshold`, { token: await as('admin') })).body.items.find((a: { sensor: string }) => a.sensor === 'WL1').id);
    expect(other.emergencySteps).toEqual([]);
  });
});
