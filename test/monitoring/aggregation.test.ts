import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

/** GB 39496-2020 §5.5.4 as the site status applies it, and the chained reading as a setting. */
describe.each(['sqlite', 'postgres'] as const)('warning aggregation on a site (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string };
  const t0 = Date.UTC(2026, 2, 1, 0, 0, 0);
  const clock = t0 + 60_000;
  const status = async () => (await t.req('GET', `/api/v1/sites/${pond.code}/status`, { token: t.adminToken })).body;

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    for (let i = 0; i < 12; i++) {
      const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code: `GN${i}`, kind: i % 2 ? 'internal_displacement' : 'surface_displacement', expectedIntervalSec: 600, thresholds: { direction: 'above', blue: 10, yellow: 20, orange: 30, red: 40 } } });
      expect(r.status).toBe(201);
    }
    const readings = Array.from({ length: 12 }, (_, i) => ({ site: pond.code, sensor: `GN${i}`, ts: t0, value: 15 }));
    expect((await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings } })).body.accepted).toBe(12);
  });
  afterAll(async () => t?.cleanup());

  it('12 blue points of one item (surface and internal displacement are one item) make it yellow, not orange', async () => {
    const s = await status();
    expect(s.items.map((i: { item: string; level: string }) => [i.item, i.level])).toEqual([['dam_displacement', 'yellow']]);
    expect(s.level).toBe('yellow');
  });

  it('the chained reading is a setting with its source, off by default; turned on, 12 blue chain to orange', async () => {
    const view = (await t.req('GET', '/api/v1/monitoring/settings', { token: t.adminToken })).body;
    expect(view.values.aggregation).toMatchObject({ points: { blue: 4, yellow: 3, orange: 2, chain: false }, items: { blue: 4, yellow: 3, orange: 2, chain: false }, confirmed: false });
    expect(view.values.aggregation.source).toContain('GB 39496-2020 §5.5.4');
    expect(view.sources.aggregation).toMatchObject({ source: 'default' });
    const r = await t.req('PATCH', '/api/v1/monitoring/settings', { token: t.adminToken, body: { aggregation: { points: { blue: 4, yellow: 3, orange: 2, chain: true }, source: '某省解读：逐级折算' } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.values.aggregation.source).toBe('某省解读：逐级折算');
    expect((await status()).level).toBe('orange');
    // Counts are configuration too: 13 blue points needed, the 12 stay blue.
    await t.req('PATCH', '/api/v1/monitoring/settings', { token: t.adminToken, body: { aggregation: { points: { blue: 13, yellow: 3, orange: 2, chain: false } } } });
    expect((await status()).level).toBe('blue');
  });
});
