import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';

/** Required items (GB 39496-2020 §5.5.2): each pond's status names the ones with no working point. */
describe.each(['sqlite', 'postgres'] as const)('required monitoring items (%s)', (kind) => {
  let t: TestNode;
  let wet: { id: string; code: string; grade: number | null };
  let dry: { id: string; code: string; grade: number | null };
  const t0 = Date.UTC(2026, 2, 1, 0, 0, 0);
  let clock = t0;
  const status = async (code: string) => (await t.req('GET', `/api/v1/sites/${code}/status`, { token: t.adminToken })).body;
  const sensor = async (site: string, code: string, k: string, direction = 'above') => {
    const r = await t.req('POST', `/api/v1/sites/${site}/sensors`, { token: t.adminToken, body: { code, kind: k, expectedIntervalSec: 600, thresholds: { direction } } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    wet = await makeSite(t, t.adminToken, ent);
    dry = await makeSite(t, t.adminToken, ent);
    await sensor(wet.code, 'WL1', 'water_level');
    await sensor(wet.code, 'BL1', 'beach_length', 'below');
    for (const [code, k, dir] of [['GN1', 'surface_displacement', 'above'], ['PH1', 'phreatic_depth', 'below'], ['RF1', 'rainfall', 'above'], ['CAM1', 'video_status', 'below']] as const) await sensor(dry.code, code, k, dir);
  });
  afterAll(async () => t?.cleanup());

  it('a pond with no storage recorded is held to the wet list, with the grade 3 extras', async () => {
    expect(wet.grade).toBe(3);
    const s = await status(wet.code);
    expect(s.storage).toBeNull();
    expect(s.requiredItems).toHaveLength(10);
    // WL1 and BL1 are registered but never reported: 库水位 and 干滩 have no working point either.
    expect(s.missingItems).toEqual(s.requiredItems);
    clock = t0 + 60_000;
    await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: [{ site: wet.code, sensor: 'WL1', ts: t0, value: 1 }, { site: wet.code, sensor: 'BL1', ts: t0, value: 100 }] } });
    expect((await status(wet.code)).missingItems).toEqual(['dam_displacement', 'phreatic_line', 'rainfall', 'landslide_displacement', 'video', 'pore_pressure', 'seepage_flow', 'turbidity']);
    clock = t0;
  });

  it('readings make an item work; a dry pond needs four items; a silent point leaves its item missing', async () => {
    const p = await t.req('PUT', `/api/v1/sites/${dry.code}/monitoring-profile`, { token: t.adminToken, body: { storage: 'dry' } });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body).toMatchObject({ storage: 'dry', requiredItems: ['dam_displacement', 'phreatic_line', 'rainfall', 'video'] });
    expect(p.body.source).toContain('GB 39496-2020 §5.5.2');
    const readings = ['GN1', 'PH1', 'RF1', 'CAM1'].map((sensor) => ({ site: dry.code, sensor, ts: t0, value: 1 }));
    expect((await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings } })).body.accepted).toBe(4);
    expect((await status(dry.code)).missingItems).toEqual([]);
    const only = async () => (await t.req('GET', '/api/v1/monitoring/overview?missingItem=true', { token: t.adminToken })).body.items.map((i: { site: string }) => i.site).sort();
    expect(await only()).toEqual([wet.code]);
    // Past the offline limit with CAM1 silent and the rest reporting: video has no working point.
    clock = t0 + 31 * 60_000;
    const again = ['GN1', 'PH1', 'RF1'].map((sensor) => ({ site: dry.code, sensor, ts: clock, value: 1 }));
    await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: again } });
    expect((await status(dry.code)).missingItems).toEqual(['video']);
    expect(await only()).toEqual([dry.code, wet.code].sort());
    const row = (await t.req('GET', '/api/v1/monitoring/overview', { token: t.adminToken })).body.items.find((i: { site: string }) => i.site === dry.code);
    expect(row.missingItems).toEqual(['video']);
  });

  it('only those who configure monitoring may set the storage, and only on a tailings pond', async () => {
    const inspector = await makeUser(t, t.adminToken, { username: `ri_insp_${kind}`, role: 'inspector', region: '140105' });
    expect((await t.req('PUT', `/api/v1/sites/${dry.code}/monitoring-profile`, { token: inspector.token, body: { storage: 'wet' } })).status).toBe(403);
    expect((await t.req('GET', `/api/v1/sites/${dry.code}/monitoring-profile`, { token: inspector.token })).body.storage).toBe('dry');
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const mine = await makeSite(t, t.adminToken, ent, { kind: 'underground', damType: undefined, damHeight: undefined, totalStorage: undefined });
    expect((await t.req('PUT', `/api/v1/sites/${mine.code}/monitoring-profile`, { token: t.adminToken, body: { storage: 'dry' } })).status).toBe(422);
  });
});

