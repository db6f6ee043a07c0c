import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/**
 * The catalogue over HTTP: every rule with its source, Chinese description and parameters; parameters
 * changed only by administrators of the whole platform, with a version check and the change log; a
 * dry run that says which findings would be added and removed, and saves nothing.
 */
describe.each(['sqlite', 'postgres'] as const)('compliance rules (%s)', (kind) => {
  let t: TestNode;
  let province: { token: string };
  let regionalAdmin: { token: string } | null;
  let staff: { token: string };

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => Date.UTC(2026, 11, 6, 2));
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    province = await makeUser(t, t.adminToken, { username: 'r_prov', role: 'province_officer', region: '140000' });
    staff = await makeUser(t, t.adminToken, { username: 'r_staff', role: 'enterprise_staff', enterprise: ent.id });
    regionalAdmin = await makeUser(t, t.adminToken, { username: 'r_radmin', role: 'admin', region: '140100' }).catch(() => null);
    const mine = { kind: 'underground', damType: null, damHeight: null, totalStorage: null, standardGrade: 2, safetyLicence: 'AQ' };
    await makeSite(t, t.adminToken, ent, { ...mine, code: 'CU29', region: '140105', minerals: ['copper'], designCapacity: 29 });
    await makeSite(t, t.adminToken, ent, { ...mine, code: 'FE12', region: '140106', minerals: ['iron'], designCapacity: 12 });
  });
  afterAll(async () => t?.cleanup());

  const rules = async (token = t.adminToken) => t.req('GET', '/api/v1/compliance/rules', { token });
  const put = async (id: string, body: unknown, token = t.adminToken) => t.req('PUT', `/api/v1/compliance/rules/${id}/parameters`, { token, body });

  it('lists the catalogue: 13 rules with sources, Chinese descriptions and parameters with their defaults and sources', async () => {
    const r = await rules(staff.token);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(13);
    const ms = r.body.items.find((x: any) => x.id === 'min_scale');
    expect(ms.source).toMatch(/晋应急函〔2022〕136号/);
    expect(ms.zh).toMatch(/30万吨/);
    expect(ms.version).toBe(0);
    expect(ms.parameters.find((p: any) => p.key === 'keyCounties')).toMatchObject({ default: [], value: [], note: expect.stringMatching(/not which ones/) });
    const yr = r.body.items.find((x: any) => x.id === 'yellow_river_distance');
    expect(yr.parameters.map((p: any) => [p.key, p.default])).toEqual([['mainKm', 3], ['tributaryKm', 1]]);
  });

  it('only an administrator of the whole platform changes parameters', async () => {
    expect((await put('min_scale', { parameters: { keyCounties: ['140105'] }, version: 0 }, province.token)).status).toBe(403);
    expect((await put('min_scale', { parameters: { keyCounties: ['140105'] }, version: 0 }, staff.token)).status).toBe(403);
    if (regionalAdmin) expect((await put('min_scale', { parameters: { keyCounties: ['140105'] }, version: 0 }, regionalAdmin.token)).status).toBe(403);
  });

  it('previews a change: which findings it would add and remove today, saving nothing', async () => {
    const p = await t.req('POST', '/api/v1/compliance/rules/min_scale/preview', { token: province.token, body: { parameters: { keyCounties: ['140105'], undergroundIron: 11 } } });
    expect(p.status).toBe(200);
    expect(p.body.added.map((c: any) => `${c.rule}:${c.evidence.siteCode}`).sort()).toEqual(['closure_candidate:CU29', 'min_scale:CU29']);
    expect(p.body.removed).toEqual([]);
    const down = await t.req('POST', '/api/v1/compliance/rules/min_scale/preview', { token: province.token, body: { parameters: { undergroundIron: 12 } } });
    expect(down.body.added).toEqual([]);
    expect(down.body.removed).toEqual([]);
    const up = await t.req('POST', '/api/v1/compliance/rules/min_scale/preview', { token: province.token, body: { parameters: { undergroundIron: 12.01 } } });
    expect(up.body.added.map((c: any) => `${c.rule}:${c.evidence.siteCode}`).sort()).toEqual(['closure_candidate:FE12', 'min_scale:FE12']);
    expect((await rules()).body.items.find((x: any) => x.id === 'min_scale').version).toBe(0);
    expect((await t.req('POST', '/api/v1/compliance/rules/min_scale/preview', { token: staff.token, body: { parameters: {} } })).status).toBe(403);
  });

  it('sets parameters with a version check, names bad values, and keeps the history with the reason', async () => {
    const bad = await put('min_scale', { parameters: { keyCounties: ['14'], undergroundIron: -1, nope: 1 }, version: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: any) => d.path)).toEqual(['keyCounties.0', 'undergroundIron', 'nope']);
    const ok = await put('min_scale', { parameters: { keyCounties: ['140105'] }, version: 0, reason: '省厅确定重点县' });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(1);
    expect(ok.body.parameters.find((p: any) => p.key === 'keyCounties').value).toEqual(['140105']);
    expect((await put('min_scale', { parameters: { openPitIron: 25 }, version: 0 })).status).toBe(409);
    const two = await put('min_scale', { parameters: { openPitIron: 25 }, version: 1 });
    expect(two.body.parameters.find((p: any) => p.key === 'keyCounties').value).toEqual(['140105']);
    const h = await t.req('GET', '/api/v1/compliance/rules/min_scale/history', { token: province.token });
    expect(h.body.items.map((c: any) => c.changes)).toEqual([{ openPitIron: { from: 20, to: 25 } }, { keyCounties: { from: [], to: ['140105'] } }]);
    expect(h.body.items.map((c: any) => c.reason)).toEqual([null, '省厅确定重点县']);
    const run = await t.req('POST', '/api/v1/compliance/run', { token: province.token });
    expect(run.body.findings.filter((f: any) => f.rule === 'min_scale').map((f: any) => f.siteCode)).toEqual(['CU29']);
    expect((await t.req('GET', '/api/v1/compliance/rules/nope', { token: province.token })).status).toBe(400);
  });

  it('shows the river geometry in force and takes authoritative lines from an administrator', async () => {
    const shipped = await t.req('GET', '/api/v1/compliance/rivers', { token: province.token });
    expect(shipped.body.source).toMatch(/Natural Earth/);
    const geojson = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { role: 'main', name: 'Huang', name_zh: '黄河' }, geometry: { type: 'LineString', coordinates: [[110.5, 36], [110.5, 37]] } }] };
    expect((await t.req('PUT', '/api/v1/compliance/rivers', { token: province.token, body: { source: '省水利厅 2025', geojson } })).status).toBe(403);
    const bad = await t.req('PUT', '/api/v1/compliance/rivers', { token: t.adminToken, body: { source: 'x', geojson: { type: 'FeatureCollection', features: [{ properties: {} }] } } });
    expect(bad.status).toBe(422);
    const ok = await t.req('PUT', '/api/v1/compliance/rivers', { token: t.adminToken, body: { source: '省水利厅 2025', geojson } });
    expect(ok.body).toEqual({ source: '省水利厅 2025', lines: [{ name: 'Huang', nameZh: '黄河', role: 'main', points: 2 }] });
  });
});
