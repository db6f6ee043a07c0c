import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';

/** Ingest, alarms and the handling loop through the HTTP API, on both stores. */
describe.each(['sqlite', 'postgres'] as const)('telemetry and alarms (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string };
  let ent: { id: string; region: string };
  let users: Record<string, { id: string; token: string }>;
  // Readings an hour in the past, on a whole hour, so that rollup buckets are predictable.
  const base = Math.floor((Date.now() - 3 * 3_600_000) / 3_600_000) * 3_600_000;
  const at = (min: number) => base + min * 60_000;
  // The node's clock, moved by the tests: offline detection and the future-timestamp check read it.
  let clock = at(55);

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent, { crestElevation: 110 });
    users = {
      principal: await makeUser(t, t.adminToken, { username: `mp_${kind}`, role: 'enterprise_principal', enterprise: ent.id }),
      county: await makeUser(t, t.adminToken, { username: `mc_${kind}`, role: 'county_officer', region: '140105' }),
      other: await makeUser(t, t.adminToken, { username: `mo_${kind}`, role: 'county_officer', region: '140106' }),
    };
    const wl = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, {
      token: t.adminToken,
      body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', blue: 100, yellow: 101, orange: 102, red: 103, hysteresis: 0.2 } },
    });
    expect(wl.status).toBe(201);
    const fb = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code: 'FB1', kind: 'freeboard', derived: { type: 'freeboard', from: 'WL1' } } });
    expect(fb.status).toBe(201);
  });
  afterAll(async () => t?.cleanup());

  const post = (readings: unknown[], token = t.adminToken) => t.req('POST', '/api/v1/telemetry', { token, body: { readings } });

  it('keeps the good readings of a batch and says why each bad one was refused', async () => {
    const r = await post([
      { site: pond.code, sensor: 'WL1', ts: new Date(at(0)).toISOString(), value: 95 },
      { site: pond.code, sensor: 'NOPE', ts: at(0), value: 1 },
      { site: pond.code, sensor: 'WL1', ts: at(1), value: 'high' },
      { site: pond.code, sensor: 'WL1', ts: clock + 301_000, value: 95 },
      { site: pond.code, sensor: 'WL1', ts: at(2), value: 99_999 },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(1);
    expect(r.body.duplicates).toBe(0);
    expect(r.body.rejected.map((x: { index: number }) => x.index)).toEqual([1, 2, 3, 4]);
    expect(r.body.rejected[0].reason).toBe(`unknown sensor ${pond.code}/NOPE`);
    expect(r.body.rejected[1].reason).toBe('value is not a finite number');
    expect(r.body.rejected[2].reason).toMatch(/in the future/);
    expect(r.body.rejected[3].reason).toMatch(/outside the physical range of water_level/);
  });

  it('stores a reading once however often it arrives, and derives freeboard from it', async () => {
    const again = await post([
      { site: pond.code, sensor: 'WL1', ts: at(0), value: 95 },
      { site: pond.code, sensor: 'WL1', ts: at(0), value: 95 },
    ]);
    expect(again.body).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    const raw = await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1/readings?from=${at(0)}&to=${at(60)}`, { token: t.adminToken });
    expect(raw.body.items).toEqual([{ ts: at(0), value: 95 }]);
    const fb = await t.req('GET', `/api/v1/sites/${pond.code}/sensors/FB1/readings?from=${at(0)}&to=${at(60)}`, { token: t.adminToken });
    expect(fb.body.items).toEqual([{ ts: at(0), value: 15 }]);
  });

  it('opens, escalates, recovers and relapses one threshold alarm', async () => {
    // Out of order within the batch: evaluated in time order.
    const r = await post([
      { site: pond.code, sensor: 'WL1', ts: at(20), value: 102.5 },
      { site: pond.code, sensor: 'WL1', ts: at(10), value: 100.5 },
    ]);
    expect(r.body.accepted).toBe(2);
    let list = await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=threshold`, { token: t.adminToken });
    expect(list.body.total).toBe(1);
    const alarm = list.body.items[0];
    expect(alarm).toMatchObject({ sensor: 'WL1', kind: 'threshold', level: 'orange', currentLevel: 'orange', state: 'open', openedAt: at(10), recoveredAt: null });
    // Opened at blue, escalated to orange in the same commit: the text follows the peak.
    expect(alarm.message).toBe(`${pond.code}/WL1 橙色预警: 监测值 102.5 m`);

    // 101.9 is inside the hysteresis band of orange (102 − 0.2): still orange.
    await post([{ site: pond.code, sensor: 'WL1', ts: at(30), value: 101.9 }]);
    await post([{ site: pond.code, sensor: 'WL1', ts: at(40), value: 99 }]);
    list = await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=threshold`, { token: t.adminToken });
    expect(list.body.items[0]).toMatchObject({ id: alarm.id, level: 'orange', currentLevel: null, recoveredAt: at(40) });
    let status = await t.req('GET', `/api/v1/sites/${pond.code}/status`, { token: t.adminToken });
    expect(status.body.level).toBe(null);

    await post([{ site: pond.code, sensor: 'WL1', ts: at(50), value: 101.2 }]);
    list = await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=threshold`, { token: t.adminToken });
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: alarm.id, level: 'orange', currentLevel: 'yellow', recoveredAt: null, relapses: 1 });
    // A relapse below the peak keeps the peak's text.
    expect(list.body.items[0].message).toBe(`${pond.code}/WL1 橙色预警: 监测值 102.5 m`);
    status = await t.req('GET', `/api/v1/sites/${pond.code}/status`, { token: t.adminToken });
    expect(status.body.level).toBe('yellow');
    // The freeboard derived from WL1 is filed under WL1's item (库水位) and counts with it as one point.
    expect(status.body.items).toEqual([
      {
        item: 'water_level',
        level: 'yellow',
        points: [
          { sensor: 'WL1', kind: 'water_level', level: 'yellow', derivedFrom: null, stale: false, lastHeard: at(50), disabled: false },
          { sensor: 'FB1', kind: 'freeboard', level: null, derivedFrom: 'WL1', stale: false, lastHeard: at(50), disabled: false },
        ],
      },
    ]);

    const detail = await t.req('GET', `/api/v1/alarms/${alarm.id}`, { token: t.adminToken });
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'escalated', 'recovered', 'relapsed']);
  });

  it('runs the handling loop with its access rules, and a closed alarm lets the next one open', async () => {
    const list = await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=threshold`, { token: t.adminToken });
    const id = list.body.items[0].id;
    expect((await t.req('POST', `/api/v1/alarms/${id}/ack`, { token: users.other!.token, body: {} })).status).toBe(404);
    expect((await t.req('GET', `/api/v1/alarms/${id}`, { token: users.other!.token })).status).toBe(404);
    const early = await t.req('POST', `/api/v1/alarms/${id}/verify`, { token: users.county!.token, body: {} });
    expect(early.body.error?.code).toBe('illegal_transition');
    expect(early.status).toBe(409);
    expect((await t.req('POST', `/api/v1/alarms/${id}/ack`, { token: users.county!.token, body: {} })).status).toBe(403);
    const ack = await t.req('POST', `/api/v1/alarms/${id}/ack`, { token: users.principal!.token, body: { note: '已到现场' } });
    expect(ack.status).toBe(200);
    expect(ack.body.state).toBe('acknowledged');
    const an = await t.req('POST', `/api/v1/alarms/${id}/analyse`, { token: users.principal!.token, body: { cause: 'danger', measures: '开启排洪设施' } });
    expect(an.body).toMatchObject({ state: 'analysed', cause: 'danger', measures: '开启排洪设施' });
    expect((await t.req('POST', `/api/v1/alarms/${id}/close`, { token: users.county!.token, body: {} })).status).toBe(409);
    expect((await t.req('POST', `/api/v1/alarms/${id}/verify`, { token: users.county!.token, body: { note: '核查属实' } })).body.state).toBe('verified');
    const closed = await t.req('POST', `/api/v1/alarms/${id}/close`, { token: users.county!.token, body: {} });
    expect(closed.body.state).toBe('closed');
    expect(closed.body.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'escalated', 'recovered', 'relapsed', 'ack', 'analyse', 'verify', 'close']);

    // The condition still holds: the point forgot the closed alarm, so the next reading opens a new one.
    clock = at(65);
    await post([{ site: pond.code, sensor: 'WL1', ts: at(60), value: 101.5 }]);
    const after = await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=threshold&state=open`, { token: t.adminToken });
    expect(after.body.total).toBe(1);
    expect(after.body.items[0]).toMatchObject({ level: 'yellow', openedAt: at(60) });
    expect(after.body.items[0].id).not.toBe(id);
  });

  it('keeps hourly rollups of newly stored readings only', async () => {
    const r = await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1/readings?from=${at(0)}&to=${at(120)}&step=1h`, { token: t.adminToken });
    expect(r.body.items).toEqual([
      // Sums are added in commit order, so the mean is exact up to rounding.
      { ts: at(0), value: expect.closeTo(600.1 / 6, 10), min: 95, max: 102.5, avg: expect.closeTo(600.1 / 6, 10), count: 6, first: 95, last: 101.2 },
      { ts: at(60), value: 101.5, min: 101.5, max: 101.5, avg: 101.5, count: 1, first: 101.5, last: 101.5 },
    ]);
    const tenMin = await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1/readings?from=${at(0)}&to=${at(30)}&step=10m`, { token: t.adminToken });
    expect(tenMin.body.items.map((i: { ts: number; count: number }) => [i.ts, i.count])).toEqual([[at(0), 1], [at(10), 1], [at(20), 1]]);
  });

  it('refuses telemetry for a site outside the caller scope', async () => {
    // A safety officer may post readings, but only for its own enterprise's sites.
    const elsewhere = await makeEnterprise(t, t.adminToken, { region: '140106' });
    const outsider = await makeUser(t, t.adminToken, { username: `mso_${kind}`, role: 'enterprise_safety_officer', enterprise: elsewhere.id });
    const r = await post([{ site: pond.code, sensor: 'WL1', ts: at(70), value: 95 }], outsider.token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, reason: `unknown sensor ${pond.code}/WL1` }] });
    const stored = await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1/readings?from=${at(70)}&to=${at(71)}`, { token: t.adminToken });
    expect(stored.body.items).toEqual([]);
    // A role without the permission is refused outright.
    expect((await post([{ site: pond.code, sensor: 'WL1', ts: at(70), value: 95 }], users.other!.token)).status).toBe(403);
  });
});
