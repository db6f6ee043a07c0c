import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';
import { learnOrigin } from '../../src/store/repos/network/apply.ts';

/**
 * The regulator owns the floor: thresholds a regulator's template or an officer set bind the
 * enterprise. It may tighten them at once; loosening, removing a level, switching a sensor off or
 * retiring it becomes a change request the supervising level approves or refuses, the effective
 * values staying meanwhile. A sensor switched off without approval, or silent past its repair limit,
 * raises a monitoring_system alarm naming the 88号 criterion it meets.
 */
for (const kind of STORE_KINDS) describe(`monitoring floor (${kind})`, () => {
  const t0 = Date.UTC(2026, 2, 1, 0, 0, 0);
  let clock = t0;
  let t: TestNode;
  let pond: { id: string; code: string };
  let ent: { id: string; region: string };
  let boss: { token: string };
  let officer: { token: string };

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    boss = await makeUser(t, t.adminToken, { username: `boss-${kind}`, role: 'enterprise_principal', enterprise: ent.id });
    officer = await makeUser(t, t.adminToken, { username: `officer-${kind}`, role: 'county_officer', region: '140105' });
    // A measured freeboard: its red comes from the regulator's template (class 3 upstream pond: 0.7 m).
    const s = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code: 'FB1', kind: 'freeboard', expectedIntervalSec: 600 } });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body).toMatchObject({ thresholds: { direction: 'below', red: 0.7 }, thresholdsOwner: 'template' });
  });
  afterAll(async () => t?.cleanup());

  const sensor = async (code = 'FB1') => (await t.req('GET', `/api/v1/sites/${pond.code}/sensors/${code}`, { token: t.adminToken })).body;
  const patch = async (token: string, body: Record<string, unknown>, code = 'FB1') =>
    t.req('PATCH', `/api/v1/sites/${pond.code}/sensors/${code}`, { token, body: { version: (await sensor(code)).version, ...body } });
  const requests = async (token = officer.token, state = 'pending') => (await t.req('GET', `/api/v1/monitoring/change-requests?state=${state}`, { token })).body.items;

  it('turns an enterprise loosening or switching off of a regulated sensor into a change request, nothing applied', async () => {
    const absurd = await patch(boss.token, { thresholds: { red: 100000 } });
    expect(absurd.status, JSON.stringify(absurd.body)).toBe(202);
    expect(absurd.body.changeRequest).toMatchObject({ kind: 'thresholds', state: 'pending', change: { thresholds: { red: 100000 } }, weakens: [{ kind: 'implausible', level: 'red', value: 100000 }] });
    const off = await patch(boss.token, { disabled: true });
    expect(off.status).toBe(202);
    expect(off.body.changeRequest).toMatchObject({ kind: 'disable', state: 'pending', weakens: [{ kind: 'disabled' }] });
    const lower = await patch(boss.token, { thresholds: { red: 0.5 } });
    expect(lower.status).toBe(202);
    expect(lower.body.changeRequest.weakens).toEqual([{ kind: 'loosened', level: 'red', from: 0.7, to: 0.5 }]);
    const retire = await t.req('DELETE', `/api/v1/sites/${pond.code}/sensors/FB1`, { token: boss.token });
    expect(retire.status).toBe(202);
    expect(retire.body.changeRequest).toMatchObject({ kind: 'delete', weakens: [{ kind: 'retired' }] });
    // The effective values stay.
    expect(await sensor()).toMatchObject({ thresholds: { red: 0.7 }, disabled: false, thresholdsOwner: 'template' });
    expect((await requests()).map((r: { kind: string }) => r.kind).sort()).toEqual(['delete', 'disable', 'thresholds', 'thresholds']);
    // The enterprise sees its own requests but does not decide them.
    const mine = await requests(boss.token);
    expect(mine).toHaveLength(4);
    expect((await t.req('POST', `/api/v1/monitoring/change-requests/${mine[0].id}/approve`, { token: boss.token, body: {} })).status).toBe(403);
  });

  it('applies an enterprise tightening at once', async () => {
    const r = await patch(boss.token, { thresholds: { red: 0.9, orange: 1.2 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ thresholds: { red: 0.9, orange: 1.2 }, thresholdsOwner: 'template' });
  });

  it('applies a change the officer approves, and keeps the sensor as it is on a refusal, with the reason', async () => {
    const pending = await requests();
    const lower = pending.find((r: { change: { thresholds?: { red?: number } } }) => r.change.thresholds?.red === 0.5);
    const absurd = pending.find((r: { change: { thresholds?: { red?: number } } }) => r.change.thresholds?.red === 100000);
    const refused = await t.req('POST', `/api/v1/monitoring/change-requests/${absurd.id}/refuse`, { token: officer.token, body: { reason: '红色阈值超出量程，不予批准' } });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body).toMatchObject({ state: 'refused', reason: '红色阈值超出量程，不予批准', decidedBy: `officer-${kind}` });
    expect((await sensor()).thresholds.red).toBe(0.9);
    expect((await t.req('POST', `/api/v1/monitoring/change-requests/${absurd.id}/approve`, { token: officer.token, body: {} })).status).toBe(409);
    const approved = await t.req('POST', `/api/v1/monitoring/change-requests/${lower.id}/approve`, { token: officer.token, body: {} });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', sensor: { thresholds: { red: 0.5, orange: 1.2 }, thresholdsOwner: 'officer' } });
    // Refusals need a reason.
    const other = (await requests()).find((r: { kind: string }) => r.kind === 'disable');
    expect((await t.req('POST', `/api/v1/monitoring/change-requests/${other.id}/refuse`, { token: officer.token, body: { reason: ' ' } })).status).toBe(400);
  });

  // The regulator's view; logged in afresh, since the clock moves on by days.
  const systemAlarms = async () =>
    ((await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=monitoring_system`, { token: await t.login(`officer-${kind}`, 'Passw0rd1') })).body.items as { sensor: string; message: string; level: string; recoveredAt: number | null }[]).filter((a) => a.recoveredAt === null);

  it('raises a monitoring_system alarm the regulator sees for a sensor switched off without approval, none for an approved one', async () => {
    // The enterprise's own gauge (no template, its own thresholds): it may switch it off, but the regulator sees it.
    const own = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: boss.token, body: { code: 'WL9', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 1000 } } });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.thresholdsOwner).toBe('enterprise');
    await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: [{ site: pond.code, sensor: 'WL9', ts: clock, value: 900 }, { site: pond.code, sensor: 'FB1', ts: clock, value: 3 }] } });
    const off = await patch(boss.token, { disabled: true }, 'WL9');
    expect(off.status).toBe(200);
    await t.node.services.monitoring.jobs.tick();
    const raised = await systemAlarms();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ sensor: 'WL9', level: 'red' });
    expect(raised[0]!.message).toContain('关闭、破坏监测系统');
    // The approved switching off of the regulated sensor raises none.
    const disable = (await requests()).find((r: { kind: string }) => r.kind === 'disable');
    expect((await t.req('POST', `/api/v1/monitoring/change-requests/${disable.id}/approve`, { token: officer.token, body: {} })).status).toBe(200);
    expect((await sensor()).disabled).toBe(true);
    await t.node.services.monitoring.jobs.tick();
    expect((await systemAlarms()).map((a) => a.sensor)).toEqual(['WL9']);
    // Switched on again: the alarm recovers.
    expect((await patch(boss.token, { disabled: false }, 'WL9')).status).toBe(200);
    await t.node.services.monitoring.jobs.tick();
    expect(await systemAlarms()).toEqual([]);
  });

  it('raises one for a sensor silent past its repair limit (7 days, GB 51108 §10.0)', async () => {
    const s = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code: 'R7', kind: 'rainfall', expectedIntervalSec: 600, thresholds: { direction: 'above' } } });
    expect(s.status).toBe(201);
    await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: [{ site: pond.code, sensor: 'R7', ts: clock, value: 0 }] } });
    const settings = (await t.req('GET', '/api/v1/monitoring/settings', { token: t.adminToken })).body;
    expect(settings.values.offline.repairOverdueSec).toBe(7 * 86_400);
    expect(settings.sources.offline.ref).toContain('GB 51108-2015');
    clock += 6 * 86_400_000;
    await t.node.services.monitoring.jobs.tick();
    expect((await systemAlarms()).filter((a) => a.sensor === 'R7')).toEqual([]);
    clock += 2 * 86_400_000;
    await t.node.services.monitoring.jobs.tick();
    const overdue = (await systemAlarms()).filter((a) => a.sensor === 'R7');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.message).toContain('监测系统运行不正常未及时修复');
  });

  it('keeps the template as the floor of a sensor an enterprise creates with looser values, asking for the rest', async () => {
    const token = await t.login(`boss-${kind}`, 'Passw0rd1');
    const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token, body: { code: 'FB2', kind: 'freeboard', expectedIntervalSec: 600, thresholds: { red: 0.3 } } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ thresholds: { red: 0.7 }, thresholdsOwner: 'template', changeRequest: { kind: 'thresholds', state: 'pending', weakens: [{ kind: 'loosened', level: 'red', from: 0.7, to: 0.3 }] } });
    const tighter = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token, body: { code: 'FB3', kind: 'freeboard', expectedIntervalSec: 600, thresholds: { red: 0.9 } } });
    expect(tighter.body).toMatchObject({ thresholds: { red: 0.9 }, thresholdsOwner: 'template' });
    expect(tighter.body.changeRequest).toBeUndefined();
  });
});

/**
 * A request is kept where it was made (the enterprise's node) and travels up; a level above decides
 * on its copy, and the decision goes down as a `monitoring.change_request` order, applied there once.
 */
describe('change requests across levels', () => {
  let county: TestNode;
  let child: { id: string };
  let ent: { id: string; region: string };
  let pond: { id: string; code: string };
  beforeAll(async () => {
    county = await makeTestNode('sqlite', { level: 'county', region: '140105' });
    ent = await makeEnterprise(county, county.adminToken, { region: '140105' });
    pond = await makeSite(county, county.adminToken, ent);
    child = (await county.req('POST', '/api/v1/network/nodes', { token: county.adminToken, body: { level: 'enterprise', enterprise: ent.id } })).body;
    const s = await county.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: county.adminToken, body: { code: 'FB1', kind: 'freeboard', expectedIntervalSec: 600 } });
    expect(s.status).toBe(201);
  });
  afterAll(async () => county?.cleanup());

  it('sends the decision on a forwarded request down to the node that keeps it, and applies a decision that lands here once', async () => {
    const db = county.node.store.db;
    const sensor = (await county.req('GET', `/api/v1/sites/${pond.code}/sensors/FB1`, { token: county.adminToken })).body;
    const row = { id: 'cr-below', site_id: pond.id, sensor_id: sensor.id, region_code: '140105', enterprise_id: ent.id, kind: 'thresholds', change: JSON.stringify({ thresholds: { red: 0.5 } }), weakens: '[]', state: 'pending', requested_by: 'boss', requested_by_id: 'u', requested_at: 1, decided_by: null, decided_by_id: null, decided_at: null, reason: null, version: 1, origin_node: 'node-of-enterprise', updated_at: 1 };
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('monitoring_change_requests').values(row).execute();
      await learnOrigin(tx, 'node-of-enterprise', child.id, 1);
    });
    const sent = await county.req('POST', '/api/v1/monitoring/change-requests/cr-below/approve', { token: county.adminToken, body: {} });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toMatchObject({ state: 'pending', pending: { decision: 'approved', via: child.id } });
    const d = await db.selectFrom('net_directives').selectAll().where('node_id', '=', child.id).where('kind', '=', 'order').executeTakeFirstOrThrow();
    expect(JSON.parse(d.payload)).toMatchObject({ kind: 'monitoring.change_request', target: { origin: 'node-of-enterprise' }, body: { requestId: 'cr-below', decision: 'approved' } });

    // The same decision landing at the node that keeps a request: applied once.
    await db.insertInto('monitoring_change_requests').values({ ...row, id: 'cr-here', origin_node: county.node.deps.nodeId }).execute();
    const order = { ...JSON.parse(d.payload), orderId: 'o-1', target: { origin: county.node.deps.nodeId }, body: { requestId: 'cr-here', decision: 'approved', reason: null } };
    for (let i = 0; i < 2; i++) await db.transaction().execute((tx) => county.node.services.network.orders.receive(tx, order));
    const here = (await county.req('GET', '/api/v1/monitoring/change-requests/cr-here', { token: county.adminToken })).body;
    expect(here).toMatchObject({ state: 'approved', decidedBy: order.issuedBy.actorName });
    const after = (await county.req('GET', `/api/v1/sites/${pond.code}/sensors/FB1`, { token: county.adminToken })).body;
    expect(after).toMatchObject({ thresholds: { red: 0.5 }, thresholdsOwner: 'officer', version: sensor.version + 1 });
  });
});
