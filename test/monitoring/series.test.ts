import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

/** Series at 10-minute steps come from rollups kept as data arrives, late readings included. */
describe.each(['sqlite', 'postgres'] as const)('series at 10-minute steps (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string };
  const base = Math.floor((Date.now() - 5 * 3_600_000) / 3_600_000) * 3_600_000;
  const at = (min: number) => base + min * 60_000;

  beforeAll(async () => {
    t = await makeTestNode(kind);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent, { crestElevation: 110 });
    const wl = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, {
      token: t.adminToken,
      body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 60, thresholds: { direction: 'above', blue: 100, yellow: 101, orange: 102, red: 103 } },
    });
    expect(wl.status).toBe(201);
  });
  afterAll(async () => t?.cleanup());

  const post = (readings: [number, number][]) =>
    t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: readings.map(([min, value]) => ({ site: pond.code, sensor: 'WL1', ts: at(min), value })) } });
  const get = async (from: number, to: number, step: string) =>
    (await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1/readings?from=${from}&to=${to}&step=${step}`, { token: t.adminToken })).body.items;

  it('merges late readings into their buckets and gives the raw computation’s figures', async () => {
    expect((await post([[0, 90], [5, 92], [12, 94], [25, 96], [31, 91]])).body.accepted).toBe(5);
    // Late, out of order, and one repeat that must not count twice.
    expect((await post([[9, 98], [1, 89], [12, 94]])).body).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(await get(at(0), at(40), '10m')).toEqual([
      { ts: at(0), value: 92.25, min: 89, max: 98, avg: 92.25, count: 4 },
      { ts: at(10), value: 94, min: 94, max: 94, avg: 94, count: 1 },
      { ts: at(20), value: 96, min: 96, max: 96, avg: 96, count: 1 },
      { ts: at(30), value: 91, min: 91, max: 91, avg: 91, count: 1 },
    ]);
    expect(await get(at(0), at(40), '20m')).toEqual([
      { ts: at(0), value: 463 / 5, min: 89, max: 98, avg: 463 / 5, count: 5 },
      { ts: at(20), value: 93.5, min: 91, max: 96, avg: 93.5, count: 2 },
    ]);
    // Off the 10-minute bounds the buckets start at `from`, computed from the raw readings.
    expect((await get(at(3), at(40), '10m')).map((i: { ts: number; count: number }) => [i.ts, i.count])).toEqual([
      [at(3), 3],
      [at(23), 2],
    ]);
  });
});
