import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRows, type Entity } from '../../src/store/repos/network/outbox.ts';
import { applyDirective } from '../../src/sync/downlink.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

const MIN = 60_000;
const H = 60 * MIN;

/**
 * A province with an enterprise node below it. The enterprise node watches its enterprise's sites
 * (their devices report there): the province raises no no-data alarm for them, and shows their state
 * from what the enterprise node forwarded — its levels, its offline decisions, its readings.
 */
for (const kind of STORE_KINDS) describe(`sites watched by a node below (province on ${kind})`, () => {
  const t0 = Date.UTC(2026, 2, 1, 0, 0); // March: not flood season
  let clock = t0;
  let province: TestNode;
  let child: TestNode;
  let nodeToken: string;
  let nodeId: string;
  let ent: { id: string; region: string };
  /** Created at the province, then bootstrapped down to the enterprise node: in the province's catalogue. */
  let down: { id: string; code: string };
  /** Another enterprise's pond, watched by the province itself. */
  let local: { id: string; code: string };
  /** Created at the enterprise node and forwarded up. */
  let pond: { id: string; code: string };
  const cursors = { records: 0, alarms: 0, readings: 0 };

  const tick = () => province.node.services.monitoring.jobs.tick();
  const provinceAlarms = (siteId: string) =>
    province.node.store.db.selectFrom('alarms').select(['id', 'kind', 'sensor_id', 'recovered_at', 'reminded_at']).where('site_id', '=', siteId).orderBy('kind').orderBy('opened_at').execute();
  const status = async (t: TestNode, code: string) => {
    const r = await t.req('GET', `/api/v1/sites/${code}/status`, { token: t.adminToken });
    expect(r.status).toBe(200);
    return r.body;
  };
  const post = async (readings: { sensor: string; value: number }[]) => {
    const r = await child.req('POST', '/api/v1/telemetry', { token: child.adminToken, body: { readings: readings.map((x) => ({ site: pond.code, ts: clock, ...x })) } });
    expect(r.body).toMatchObject({ accepted: readings.length, rejected: [] });
  };
  const push = async (body: Record<string, unknown>) => {
    const r = await province.req('POST', '/api/v1/sync/push', { token: nodeToken, body: { node: child.node.deps.nodeId, ...body } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.refused).toEqual([]);
    return r.body as { ack: number };
  };

  /** What the enterprise node's uplink sends: new records and alarms (latest snapshots), then new readings. */
  async function forward() {
    const db = child.node.store.db;
    for (const stream of ['records', 'alarms'] as const) {
      const rows = await db.selectFrom('net_outbox').select(['seq', 'entity', 'entity_id']).where('stream', '=', stream).where('seq', '>', cursors[stream]).orderBy('seq').execute();
      if (rows.length === 0) continue;
      const items = [];
      for (const r of rows) {
        const row = (await loadRows(db, r.entity as Entity, [r.entity_id])).get(r.entity_id)!;
        items.push({ seq: Number(r.seq), entity: r.entity, id: r.entity_id, origin: (row.origin_node as string | undefined) ?? null, version: Number(row.version ?? row.updated_at ?? 1), row });
      }
      const to = Number(rows.at(-1)!.seq);
      expect(await push({ stream, from: cursors[stream], to, items })).toMatchObject({ ack: to });
      cursors[stream] = to;
    }
    const readings = await db
      .selectFrom('readings')
      .innerJoin('sensors', 'sensors.key', 'readings.sensor_key')
      .select(['readings.seq', 'sensors.id', 'readings.ts', 'readings.value'])
      .where('readings.seq', '>', cursors.readings)
      .orderBy('readings.seq')
      .execute();
    if (readings.length === 0) return;
    const to = Number(readings.at(-1)!.seq);
    const tuples = readings.map((r) => [Number(r.seq), r.id, Number(r.ts), r.value]);
    expect(await push({ stream: 'readings', from: cursors.readings, to, readings: tuples })).toMatchObject({ ack: to });
    cursors.readings = to;
  }

  beforeAll(async () => {
    province = await makeTestNode(kind, { level: 'province', region: '140000' }, () => clock);
    child = await makeTestNode('sqlite', { level: 'enterprise', region: '140105' }, () => clock);
    // Escalation of unanswered alarms is not what this is about: out of the way for the hours simulated.
    for (const t of [province, child]) {
      const day = 86_400;
      const r = await t.req('PATCH', '/api/v1/monitoring/settings', { token: t.adminToken, body: { escalation: { responseSec: { blue: day, yellow: day, orange: day, red: day } } } });
      expect(r.status).toBe(200);
    }
    ent = await makeEnterprise(province, province.adminToken, { region: '140105' });
    const other = await makeEnterprise(province, province.adminToken, { region: '140106' });
    down = await makeSite(province, province.adminToken, ent);
    local = await makeSite(province, province.adminToken, other);
    for (const s of [down, local]) {
      const r = await province.req('POST', `/api/v1/sites/${s.code}/sensors`, { token: province.adminToken, body: { code: 'PW1', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => {
    await child?.cleanup();
    await province?.cleanup();
  });

  it('raises no offline alarm for a watched site, hands over the ones it raised before, and keeps alarming for its own', async () => {
    // Before the enterprise node exists the province watches both ponds: neither ever reported.
    clock = t0 + 31 * MIN;
    // Each pond's only sensor is silent: one station alarm per pond (数据中断), not one per sensor.
    expect(await tick()).toHaveLength(2);
    expect((await provinceAlarms(down.id)).map((a) => [a.kind, a.recovered_at])).toEqual([['site_offline', null]]);

    clock = t0 + 32 * MIN;
    const reg = await province.req('POST', '/api/v1/network/nodes', { token: province.adminToken, body: { level: 'enterprise', enterprise: ent.id } });
    expect(reg.status).toBe(201);
    nodeToken = reg.body.token;
    nodeId = reg.body.id;
    // Registered but not heard from yet: the node is not watching, the province keeps its alarms.
    expect(await tick()).toEqual([]);
    expect((await provinceAlarms(down.id)).map((a) => a.recovered_at)).toEqual([null]);
    const beat = await province.req('POST', '/api/v1/sync/heartbeat', { token: nodeToken, body: { node: child.node.deps.nodeId, backlog: 0, backlogAgeSec: 0, sensorsOnline: null, sentAt: clock } });
    expect(beat.status).toBe(200);
    // The enterprise node now watches the pond: the province's own no-data alarms for it recover, once.
    const handedOver = await tick();
    expect(handedOver.sort()).toEqual((await provinceAlarms(down.id)).map((a) => a.id).sort());
    expect((await provinceAlarms(down.id)).map((a) => a.recovered_at)).toEqual([clock]);
    expect((await provinceAlarms(local.id)).map((a) => a.recovered_at)).toEqual([null]);

    // Hours without a reading: nothing new for the watched pond; the province's own pond is reminded.
    clock = t0 + 5 * H;
    const later = await tick();
    expect(later.sort()).toEqual((await provinceAlarms(local.id)).map((a) => a.id).sort());
    expect((await provinceAlarms(local.id)).map((a) => [a.kind, a.recovered_at, a.reminded_at])).toEqual([['site_offline', null, clock]]);
    expect((await provinceAlarms(down.id)).map((a) => a.recovered_at)).toEqual([t0 + 32 * MIN]);
    expect(await tick()).toEqual([]);

    // The watched pond's state is the enterprise node's to report: nothing forwarded, nothing offline.
    const s = await status(province, down.code);
    expect(s).toMatchObject({ level: null, offline: [], items: [{ item: 'water_level', level: null, points: [{ sensor: 'PW1', level: null }] }] });
    expect(s.connectivity).toEqual([{ code: 'PW1', state: 'online', intervalSec: 600, silentSec: 5 * 3600, offlineSince: null }]);
    expect((await status(province, local.code)).offline).toEqual(['PW1']);
  });

  it('shows a watched pond’s levels and connectivity as the enterprise node forwarded them', async () => {
    // The enterprise node starts from its bootstrap, then registers its own pond and sensors.
    const d = await province.node.store.db.selectFrom('net_directives').selectAll().where('kind', '=', 'bootstrap').executeTakeFirstOrThrow();
    expect(await applyDirective(child.node.store, { seq: Number(d.seq), id: d.id, kind: d.kind, payload: JSON.parse(d.payload), createdAt: Number(d.created_at) }, clock)).toBe(true);
    pond = await makeSite(child, child.adminToken, ent);
    for (const code of ['WL1', 'WL2']) {
      const r = await child.req('POST', `/api/v1/sites/${pond.code}/sensors`, {
        token: child.adminToken,
        body: { code, kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', blue: 80, yellow: 85, orange: 90, red: 100 } },
      });
      expect(r.status).toBe(201);
    }
    await forward();
    const same = async () => {
      const p = await status(province, pond.code);
      expect(p).toEqual(await status(child, pond.code));
      return p;
    };
    const points = (s: { items: { points: { sensor: string; level: string | null }[] }[] }) => s.items.flatMap((i) => i.points.map((p) => [p.sensor, p.level]));

    // WL1 red, WL2 orange: the item is red, and so the pond.
    clock = t0 + 6 * H;
    await post([{ sensor: 'WL1', value: 105 }, { sensor: 'WL2', value: 95 }]);
    await forward();
    let s = await same();
    expect(points(s)).toEqual([['WL1', 'red'], ['WL2', 'orange']]);
    expect(s).toMatchObject({ level: 'red', offline: [], items: [{ item: 'water_level', level: 'red' }] });
    expect(s.connectivity.map((c: { state: string }) => c.state)).toEqual(['online', 'online']);

    // WL1 recovers: the pond falls to WL2's orange.
    clock += 10 * MIN;
    await post([{ sensor: 'WL1', value: 50 }, { sensor: 'WL2', value: 95 }]);
    await forward();
    s = await same();
    expect(points(s)).toEqual([['WL1', null], ['WL2', 'orange']]);
    expect(s.level).toBe('orange');

    // WL1 relapses to orange: two orange points make the item red (GB 39496 §5.5.4), with no red point.
    clock += 10 * MIN;
    await post([{ sensor: 'WL1', value: 95 }, { sensor: 'WL2', value: 95 }]);
    await forward();
    s = await same();
    expect(points(s)).toEqual([['WL1', 'orange'], ['WL2', 'orange']]);
    expect(s).toMatchObject({ level: 'red', items: [{ item: 'water_level', level: 'red' }] });

    const overview = await province.req('GET', '/api/v1/monitoring/overview', { token: province.adminToken });
    expect(overview.status).toBe(200);
    const rows = Object.fromEntries(overview.body.items.map((i: { site: string; level: string | null; sensors: number; offline: string[]; silent: boolean; monitored: boolean }) => [i.site, [i.level, i.sensors, i.offline, i.silent, i.monitored]]));
    expect(rows).toEqual({
      [pond.code]: ['red', 2, [], false, true],
      [down.code]: [null, 1, [], false, true],
      [local.code]: [null, 1, ['PW1'], true, true],
    });
  });

  it('shows a watched sensor offline exactly while the enterprise node reports it offline', async () => {
    const lastReading = clock;
    // Two hours without a reading: past the offline limit, but the enterprise node has not said so yet.
    clock += 2 * H;
    let s = await status(province, pond.code);
    expect(s).toMatchObject({ level: 'red', offline: [] });
    expect(s.connectivity.map((c: { state: string; silentSec: number }) => [c.state, c.silentSec])).toEqual([
      ['online', 7200],
      ['online', 7200],
    ]);

    // The enterprise node's job raises its offline alarms and forwards them: now the province agrees with it.
    // The enterprise node's station is silent as a whole: one alarm naming both sensors.
    expect(await child.node.services.monitoring.jobs.tick()).toHaveLength(1);
    await forward();
    s = await status(province, pond.code);
    expect(s).toEqual(await status(child, pond.code));
    // Silence is not safety: both points keep their last level, marked stale; the pond stays red, its data interrupted.
    expect(s).toMatchObject({
      level: 'red',
      offline: ['WL1', 'WL2'],
      dataInterrupted: true,
      items: [{ item: 'water_level', level: 'red', points: [{ sensor: 'WL1', level: 'orange', stale: true, lastHeard: lastReading }, { sensor: 'WL2', level: 'orange', stale: true, lastHeard: lastReading }] }],
    });
    expect(s.connectivity.map((c: { state: string; offlineSince: number }) => [c.state, c.offlineSince])).toEqual([
      ['offline', lastReading + 30 * MIN],
      ['offline', lastReading + 30 * MIN],
    ]);
    const overview = await province.req('GET', '/api/v1/monitoring/overview', { token: province.adminToken });
    expect(overview.body.items.find((i: { site: string }) => i.site === pond.code)).toMatchObject({ level: 'red', offline: ['WL1', 'WL2'], silent: true, dataInterrupted: true, sensors: 2 });
    // The province raised nothing of its own for the pond.
    expect(await tick()).toEqual([]);
    expect((await provinceAlarms(pond.id)).filter((a) => a.kind === 'offline' || a.kind === 'site_offline')).toHaveLength(1);
    expect(await province.node.store.db.selectFrom('alarms').select('id').where('site_id', '=', pond.id).where('origin_node', '=', province.node.deps.nodeId).execute()).toEqual([]);

    // Readings again, and the enterprise node's job recovers its alarms: online at the province too.
    clock += MIN;
    await post([{ sensor: 'WL1', value: 50 }, { sensor: 'WL2', value: 50 }]);
    expect(await child.node.services.monitoring.jobs.tick()).toHaveLength(1);
    await forward();
    s = await status(province, pond.code);
    expect(s).toEqual(await status(child, pond.code));
    expect(s).toMatchObject({ level: null, offline: [] });
    expect(s.connectivity.map((c: { state: string; silentSec: number }) => [c.state, c.silentSec])).toEqual([
      ['online', 0],
      ['online', 0],
    ]);
  });

  it('watches a site again itself once the node below is revoked', async () => {
    const r = await province.req('POST', `/api/v1/network/nodes/${nodeId}/revoke`, { token: province.adminToken });
    expect(r.status).toBe(200);
    // The pond it handed over has been silent all along: its no-data alarms relapse.
    const back = await tick();
    expect(back.sort()).toEqual((await provinceAlarms(down.id)).map((a) => a.id).sort());
    expect((await provinceAlarms(down.id)).map((a) => [a.kind, a.recovered_at])).toEqual([['site_offline', null]]);
    expect((await status(province, down.code)).offline).toEqual(['PW1']);
  });
});
