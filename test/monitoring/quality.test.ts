import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNode, type Node } from '../../src/node.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { STORE_KINDS } from '../support/stores.ts';

const MIN = 60_000;
const STEP = 30;

/**
 * Data-quality flags, committed with the readings: spikes and stuck sensors, shown in readings and the
 * sensor detail as soon as the POST is answered; a blue quality alarm while a sensor is flat-lined,
 * which a restart in the middle of a run neither loses nor duplicates.
 */
describe.each(STORE_KINDS)('data quality (%s)', (kind) => {
  let t: TestNode;
  /** The node answering requests: t.node until the restart. */
  let node: Node;
  let pond: { code: string };
  const base = Math.floor((Date.now() - 2 * 86_400_000) / 3_600_000) * 3_600_000;

  const req = async (method: string, url: string, body?: unknown) => {
    const r = await node.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${t.adminToken}` }, ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: r.statusCode, body: JSON.parse(r.body) };
  };

  beforeAll(async () => {
    t = await makeTestNode(kind);
    node = t.node;
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    for (const code of ['WL1', 'WL2', 'WL3', 'WL4', 'WL5']) {
      const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code, kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => {
    if (node !== t?.node) {
      await node?.close();
      // Closed at the restart already.
      t.node.close = async () => {};
    }
    await t?.cleanup();
  });

  const send = (sensor: string, values: number[], stepMin: number, from: number) =>
    req('POST', '/api/v1/telemetry', { readings: values.map((value, i) => ({ site: pond.code, sensor, ts: from + i * stepMin * MIN, value })) });
  /** Posts and, without waiting for anything else, returns: what the tests read next was committed with the readings. */
  const post = async (sensor: string, values: number[], stepMin: number, from = base) => {
    const r = await send(sensor, values, stepMin, from);
    expect(r.body.accepted).toBe(values.length);
  };
  const readings = async (sensor: string) => (await req('GET', `/api/v1/sites/${pond.code}/sensors/${sensor}/readings?from=${base}&to=${base + 86_400_000}`)).body.items;
  const flagged = async (sensor: string) =>
    (await readings(sensor)).filter((r: { flag?: string }) => r.flag).map((r: { ts: number; flag: string }) => [(r.ts - base) / MIN, r.flag]);
  const qualityAlarms = async (sensor: string) => (await req('GET', `/api/v1/alarms?site=${pond.code}&kind=quality`)).body.items.filter((a: { sensor: string }) => a.sensor === sensor);
  const at = (i: number) => base + i * STEP * MIN;

  it('flags a one-reading spike in the readings, and only it, as soon as the POST is answered', async () => {
    await post('WL1', [100.0, 100.1, 99.9, 100.05, 99.95, 100.1, 100.0, 105.0, 100.02, 99.98], 10);
    const items = await readings('WL1');
    expect(items).toHaveLength(10);
    expect(items.filter((r: { flag?: string }) => r.flag)).toEqual([{ ts: base + 70 * MIN, value: 105, flag: 'spike' }]);
    const detail = await req('GET', `/api/v1/sites/${pond.code}/sensors/WL1`);
    expect(detail.body.quality).toMatchObject({ stuckAlarm: null, recentFlags: [{ ts: base + 70 * MIN, flag: 'spike' }] });
  });

  it('flags a flat-lined sensor after 12 identical readings over 6 h and opens one blue quality alarm with the POST; a change recovers it', async () => {
    // 12 identical readings every 30 min span 5.5 h: not yet stuck.
    await post('WL2', Array(12).fill(88.8), STEP);
    expect(await qualityAlarms('WL2')).toEqual([]);
    await post('WL2', [88.8, 88.8], STEP, at(12));
    expect(await flagged('WL2')).toEqual([
      [360, 'stuck'],
      [390, 'stuck'],
    ]);
    const alarms = await qualityAlarms('WL2');
    expect(alarms).toHaveLength(1);
    const a = alarms[0];
    expect(a).toMatchObject({ sensor: 'WL2', kind: 'quality', level: 'blue', state: 'open', openedAt: base, recoveredAt: null });
    const detail = await req('GET', `/api/v1/sites/${pond.code}/sensors/WL2`);
    expect(detail.body.quality).toMatchObject({ stuckAlarm: a.id, sameValueCount: 14, sameValueSince: base });
    // The site's warning level is not raised by a data-quality finding.
    expect((await req('GET', `/api/v1/sites/${pond.code}/status`)).body.level).toBe(null);
    // The opening is in the change log's chain, with the alarm row.
    const changes = await node.store.db.selectFrom('change_log').select(['op', 'node_seq']).where('entity', '=', 'alarm').where('entity_id', '=', a.id).execute();
    expect(changes.map((c) => c.op)).toEqual(['create']);

    await post('WL2', [89.1], STEP, at(14));
    const after = await req('GET', `/api/v1/alarms/${a.id}`);
    expect(after.body).toMatchObject({ state: 'open', recoveredAt: at(14) });
    expect(after.body.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'recovered']);
    expect(await qualityAlarms('WL2')).toHaveLength(1);
    expect((await req('GET', `/api/v1/sites/${pond.code}/sensors/WL2`)).body.quality).toMatchObject({ stuckAlarm: null, sameValueCount: 1 });
  });

  it('writes nothing of a commit that failed, and evaluates its readings again when they are sent again', async () => {
    const db = node.store.db;
    await post('WL5', Array(12).fill(70.1), STEP);
    // The flags of the next readings cannot be written: the whole commit fails, readings included.
    if (kind === 'sqlite') await sql`CREATE TRIGGER refuse_quality BEFORE INSERT ON readings_quality BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(db);
    else {
      await sql`CREATE FUNCTION refuse_quality() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`.execute(db);
      await sql`CREATE TRIGGER refuse_quality BEFORE INSERT ON readings_quality FOR EACH ROW EXECUTE FUNCTION refuse_quality()`.execute(db);
    }
    const failed = await send('WL5', [70.1, 70.1], STEP, at(12));
    expect(failed.status).toBe(500);
    await sql`DROP TRIGGER refuse_quality${sql.raw(kind === 'postgres' ? ' ON readings_quality' : '')}`.execute(db);
    expect(await readings('WL5')).toHaveLength(12);
    expect(await qualityAlarms('WL5')).toEqual([]);
    // The sensor's window had moved on the refused readings: it was forgotten and seeded again from the store.
    await post('WL5', [70.1, 70.1], STEP, at(12));
    expect(await flagged('WL5')).toEqual([
      [360, 'stuck'],
      [390, 'stuck'],
    ]);
    expect(await qualityAlarms('WL5')).toHaveLength(1);
  });

  it('after a restart, completes a run begun before it and recovers a stuck alarm opened before it', async () => {
    // WL3: 8 identical readings, the run not yet long enough. WL4: 13, stuck, its alarm open.
    await post('WL3', Array(8).fill(55.5), STEP);
    await post('WL4', Array(13).fill(66.6), STEP);
    const [open] = await qualityAlarms('WL4');
    expect(open).toMatchObject({ state: 'open', recoveredAt: null, openedAt: base });
    expect(await qualityAlarms('WL3')).toEqual([]);

    await t.node.close();
    node = await createNode(t.node.config, { webDir: path.join(t.node.config.dataDir, 'no-web') });
    await node.app.ready();

    // WL3's run goes on across the restart: the 13th identical reading, 6 h after the first, opens the alarm.
    await post('WL3', Array(6).fill(55.5), STEP, at(8));
    expect(await flagged('WL3')).toEqual([
      [360, 'stuck'],
      [390, 'stuck'],
    ]);
    const wl3 = await qualityAlarms('WL3');
    expect(wl3).toHaveLength(1);
    expect(wl3[0]).toMatchObject({ state: 'open', openedAt: base, recoveredAt: null });
    expect((await req('GET', `/api/v1/sites/${pond.code}/sensors/WL3`)).body.quality).toMatchObject({ stuckAlarm: wl3[0].id, sameValueCount: 14, sameValueSince: base });

    // WL4 still flat: flagged, its alarm kept (not a second one); then it moves and the alarm recovers.
    await post('WL4', [66.6], STEP, at(13));
    expect((await flagged('WL4')).slice(-1)).toEqual([[390, 'stuck']]);
    expect(await qualityAlarms('WL4')).toHaveLength(1);
    await post('WL4', [67.2], STEP, at(14));
    const after = await req('GET', `/api/v1/alarms/${open.id}`);
    expect(after.body).toMatchObject({ state: 'open', recoveredAt: at(14) });
    expect(after.body.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'recovered']);
    expect(await qualityAlarms('WL4')).toHaveLength(1);
  });
});
