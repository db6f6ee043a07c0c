import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

/**
 * From monitoring to the hazard ledger: a pond's alarms that suggest a major hazard are listed with
 * the alarm as evidence and the 88号 criterion pre-selected; registering one makes a major hazard
 * linked to the alarm, once per alarm.
 */
describe.each(STORE_KINDS)('hazard candidates from monitoring (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string; region: string };
  let safety: { token: string };
  let outsider: { token: string };
  const alarms: Record<string, string> = {};

  beforeAll(async () => {
    t = await makeTestNode(kind);
    const e = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const e2 = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = (await makeSite(t, t.adminToken, e)) as typeof pond;
    safety = await makeUser(t, t.adminToken, { username: `hc-${kind}`, role: 'enterprise_safety_officer', enterprise: e.id });
    outsider = await makeUser(t, t.adminToken, { username: `hco-${kind}`, role: 'enterprise_safety_officer', enterprise: e2.id });
    const sensor = async (code: string, k: string, thresholds: Record<string, unknown>) => {
      const r = await t.req('POST', `/api/v1/sites/${pond.id}/sensors`, { token: t.adminToken, body: { code, kind: k, expectedIntervalSec: 3600, thresholds } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    };
    const pd = await sensor('PD1', 'phreatic_depth', { direction: 'below', red: 2 });
    const fb = await sensor('FB1', 'freeboard', { direction: 'below', red: 0.5 });
    const sd = await sensor('SD1', 'surface_displacement', { direction: 'above', red: 50 });
    const now = Date.now();
    let n = 0;
    const alarm = (name: string, sensorId: string | null, k: string, level: string, cause: string | null) => {
      alarms[name] = uuidv7();
      return { id: alarms[name], site_id: pond.id, sensor_id: sensorId, region_code: pond.region, enterprise_id: e.id, kind: k, level, state: 'analysed', value: 1.2, message: `${name} 预警`, cause, opened_at: now + n++, relapses: 0, tier: 'enterprise', created_at: now, updated_at: now, origin_node: 'test' };
    };
    await t.node.store.db
      .insertInto('alarms')
      .values([
        alarm('phreatic', pd, 'threshold', 'red', null),
        alarm('freeboardOrange', fb, 'threshold', 'orange', null),
        alarm('freeboardFalse', fb, 'threshold', 'red', 'false_alarm'),
        alarm('freeboard', fb, 'threshold', 'red', 'danger'),
        alarm('danger', sd, 'threshold', 'yellow', 'danger'),
        alarm('system', pd, 'monitoring_system', 'red', null),
      ] as never)
      .execute();
  });
  afterAll(async () => t?.cleanup());

  it('lists the alarms that suggest a major hazard, with their evidence and criterion', async () => {
    const r = await t.req('GET', `/api/v1/hazard-candidates?site=${pond.id}`, { token: safety.token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const byAlarm = new Map(r.body.items.map((c: { alarm: string }) => [c.alarm, c]));
    expect(byAlarm.size).toBe(4);
    expect(byAlarm.get(alarms.phreatic!)).toMatchObject({ reason: 'phreatic_red', criterion: '88-TP-PHREATIC', hazard: null, evidence: { level: 'red', sensorKind: 'phreatic_depth', sensorCode: 'PD1', message: 'phreatic 预警' } });
    expect(byAlarm.get(alarms.freeboard!)).toMatchObject({ reason: 'freeboard_red', criterion: '88-TP-FREEBOARD' });
    expect(byAlarm.get(alarms.danger!)).toMatchObject({ reason: 'danger', criterion: null });
    expect(byAlarm.get(alarms.system!)).toMatchObject({ reason: 'monitoring_system', criterion: '88-TP-MON-2' });
    expect((await t.req('GET', `/api/v1/hazard-candidates?site=${pond.id}`, { token: outsider.token })).status).toBe(404);
  });

  it('registers the major hazard once per alarm, linked to it', async () => {
    const first = await t.req('POST', `/api/v1/hazard-candidates/${alarms.phreatic}/register`, { token: safety.token, body: { deadline: '2030-06-30' } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ grade: 'major', criterion: '88-TP-PHREATIC', source: 'alarm', sourceRef: alarms.phreatic, site: pond.id, state: 'registered' });
    expect(first.body.description).toContain('浸润线');
    const again = await t.req('POST', `/api/v1/hazard-candidates/${alarms.phreatic}/register`, { token: safety.token });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const list = await t.req('GET', `/api/v1/hazard-candidates?site=${pond.id}`, { token: safety.token });
    expect(list.body.items.find((c: { alarm: string }) => c.alarm === alarms.phreatic).hazard).toBe(first.body.id);
    const ledger = await t.req('GET', `/api/v1/hazards?site=${pond.id}&source=alarm`, { token: safety.token });
    expect(ledger.body.total).toBe(1);

    const danger = await t.req('POST', `/api/v1/hazard-candidates/${alarms.danger}/register`, { token: safety.token, body: { description: '坝体位移研判为险情' } });
    expect(danger.body).toMatchObject({ grade: 'major', criterion: null, description: '坝体位移研判为险情' });
    const no = await t.req('POST', `/api/v1/hazard-candidates/${alarms.freeboardOrange}/register`, { token: safety.token });
    expect(no.status).toBe(404);
    expect(no.body.error.code).toBe('not_a_candidate');
    expect((await t.req('POST', `/api/v1/hazard-candidates/${alarms.system}/register`, { token: outsider.token })).status).toBe(404);
  });
});
