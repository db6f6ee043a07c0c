import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearing, destination } from '../../src/domain/compliance/geodesy.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** A point `km` east of the middle of a long straight stretch of the Yellow River's main course (Shanxi side). */
function nearYellowRiver(km: number): { lng: number; lat: number } {
  const a: [number, number] = [110.44687, 36.14179];
  const b: [number, number] = [110.49749, 35.9796];
  const mid = destination(a, 9.3, bearing(a, b));
  const [lng, lat] = destination(mid, km, bearing(mid, b) - 90);
  return { lng, lat };
}

/**
 * Runs over HTTP: findings per site with evidence, kept across runs (same rule, site and key), resolved
 * when the condition ends, reopened when it returns; ack, waive and resolve with the change log; the
 * list scoped to the caller (region prefix, own enterprise).
 */
describe.each(['sqlite', 'postgres'] as const)('compliance findings (%s)', (kind) => {
  let t: TestNode;
  let county: { token: string };
  let otherCounty: { token: string };
  let staff: { token: string };
  let ent: { id: string; region: string };
  let ent2: { id: string; region: string };
  const clock = Date.UTC(2026, 11, 6, 2);

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    ent2 = await makeEnterprise(t, t.adminToken, { region: '141023' });
    county = await makeUser(t, t.adminToken, { username: 'c_county', role: 'county_officer', region: '140105' });
    otherCounty = await makeUser(t, t.adminToken, { username: 'c_other', role: 'county_officer', region: '141023' });
    staff = await makeUser(t, t.adminToken, { username: 'c_staff', role: 'enterprise_staff', enterprise: ent.id });
  });
  afterAll(async () => t?.cleanup());

  const run = async (token = t.adminToken) => t.req('POST', '/api/v1/compliance/run', { token });
  const list = async (query = '', token = t.adminToken) => t.req('GET', `/api/v1/compliance/findings${query}`, { token });
  const mine = (body: { findings: { siteCode: string | null; rule: string; key: string }[] }, code: string) => body.findings.filter((f) => f.siteCode === code).map((f) => `${f.rule}:${f.key}`).sort();

  it('finds the seed rules on both sides of each boundary, with evidence', async () => {
    const pond = { kind: 'tailings_pond', standardGrade: 2, safetyLicence: 'AQ-1', damType: 'upstream' };
    const mineBase = { damType: null, damHeight: null, totalStorage: null, kind: 'underground', standardGrade: 2, safetyLicence: 'AQ-1', status: 'producing' };
    const sites = {
      near: await makeSite(t, t.adminToken, ent, { ...pond, code: 'NEAR', isNew: true, damHeight: 50, ...nearYellowRiver(2.99) }),
      far: await makeSite(t, t.adminToken, ent, { ...pond, code: 'FAR', isNew: true, damHeight: 50, ...nearYellowRiver(3.01) }),
      high: await makeSite(t, t.adminToken, ent, { ...pond, code: 'HIGH', isNew: true, damHeight: 200.1 }),
      low: await makeSite(t, t.adminToken, ent, { ...pond, code: 'LOW', isNew: true, damHeight: 199.9, totalStorage: 1200 }),
      p30: await makeSite(t, t.adminToken, ent, { ...mineBase, code: 'P30', peopleUnderground: 30, depth: 799 }),
      p31: await makeSite(t, t.adminToken, ent, { ...mineBase, code: 'P31', peopleUnderground: 31, depth: 100 }),
      d801: await makeSite(t, t.adminToken, ent2, { ...mineBase, code: 'D801', depth: 801 }),
      at10: await makeSite(t, t.adminToken, ent, { ...mineBase, code: 'AT10', minerals: ['iron'], designCapacity: 10 }),
      below10: await makeSite(t, t.adminToken, ent, { ...mineBase, code: 'BELOW10', minerals: ['iron'], actualCapacity: 9.5 }),
    };
    const r = await run();
    expect(r.status).toBe(200);
    expect(mine(r.body, 'NEAR')).toEqual(['yellow_river_distance:main']);
    expect(mine(r.body, 'FAR')).toEqual([]);
    expect(mine(r.body, 'HIGH')).toEqual(['pond_dam_height:']);
    expect(mine(r.body, 'LOW')).toEqual([]);
    expect(mine(r.body, 'P30')).toEqual([]);
    expect(mine(r.body, 'P31')).toEqual(['expert_consultation:']);
    expect(mine(r.body, 'D801')).toEqual(['expert_consultation:']);
    expect(mine(r.body, 'AT10')).toEqual([]);
    expect(mine(r.body, 'BELOW10')).toEqual(['closure_candidate:below_min_scale', 'min_scale:']);
    const near = r.body.findings.find((f: any) => f.siteCode === 'NEAR');
    expect(near.evidence).toMatchObject({ river: 'Huang', riverZh: '黄河', limitKm: 3 });
    expect(near.evidence.distanceKm).toBeCloseTo(2.99, 2);
    expect(near.evidence.geometry).toMatch(/Natural Earth/);
    const below = r.body.findings.find((f: any) => f.siteCode === 'BELOW10' && f.rule === 'min_scale');
    expect(below.evidence).toMatchObject({ capacity: 9.5, capacityField: 'actualCapacity', minimum: 10 });
    expect(r.body.summary).toMatchObject({ added: r.body.findings.length, resolved: 0, failed: [] });
    void sites;
  });

  it('a re-run keeps the same findings; ending a condition resolves its finding, its return reopens the same one', async () => {
    const before = (await list('?rule=pond_dam_height')).body.items;
    expect(before).toHaveLength(1);
    const again = await run();
    expect(again.body.summary).toMatchObject({ added: 0, resolved: 0, reopened: 0 });
    const high = (await t.req('GET', '/api/v1/sites/HIGH', { token: t.adminToken })).body;
    await t.req('PATCH', '/api/v1/sites/HIGH', { token: t.adminToken, body: { damHeight: 200, version: high.version } });
    expect((await run()).body.summary).toMatchObject({ added: 0, resolved: 1 });
    const resolved = (await t.req('GET', `/api/v1/compliance/findings/${before[0].id}`, { token: t.adminToken })).body;
    expect(resolved).toMatchObject({ state: 'resolved', id: before[0].id });
    expect(resolved.resolvedAt).toBe(clock);
    await t.req('PATCH', '/api/v1/sites/HIGH', { token: t.adminToken, body: { damHeight: 210, version: high.version + 1 } });
    expect((await run()).body.summary).toMatchObject({ added: 0, reopened: 1 });
    const back = (await list('?rule=pond_dam_height')).body.items;
    expect(back.map((f: any) => [f.id, f.state])).toEqual([[before[0].id, 'new']]);
    expect(back[0].evidence.damHeight).toBe(210);
  });

  it('ack, waive (with a reason) and resolve move a finding through its life, each in the change log', async () => {
    const l = await list('?rule=expert_consultation&region=140105');
    expect(l.body).toMatchObject({ total: 1 });
    const f = l.body.items[0];
    const ack = await t.req('POST', `/api/v1/compliance/findings/${f.id}/ack`, { token: county.token, body: { version: f.version } });
    expect(ack.status).toBe(200);
    expect(ack.body.state).toBe('acknowledged');
    expect((await t.req('POST', `/api/v1/compliance/findings/${f.id}/ack`, { token: county.token, body: {} })).status).toBe(409);
    expect((await t.req('POST', `/api/v1/compliance/findings/${f.id}/waive`, { token: county.token, body: { version: f.version } })).status).toBe(409);
    const noReason = await t.req('POST', `/api/v1/compliance/findings/${f.id}/waive`, { token: county.token, body: {} });
    expect(noReason.status).toBe(422);
    const waived = await t.req('POST', `/api/v1/compliance/findings/${f.id}/waive`, { token: county.token, body: { reason: '已组织会诊，待补录' } });
    expect(waived.body).toMatchObject({ state: 'waived', reason: '已组织会诊，待补录' });
    expect((await run()).body.findings.find((x: any) => x.id === f.id).state).toBe('waived');
    const log = await t.node.store.db.selectFrom('change_log').select(['op', 'actor_id']).where('entity', '=', 'compliance_finding').where('entity_id', '=', f.id).orderBy('seq').execute();
    expect(log.map((l) => l.op)).toEqual(['create', 'ack', 'waive']);
    const res = await t.req('POST', `/api/v1/compliance/findings/${f.id}/resolve`, { token: county.token, body: {} });
    expect(res.body.state).toBe('resolved');
  });

  it('lists findings in the caller\'s scope, paged, filtered by region, rule, site and state', async () => {
    const all = (await list('?limit=1000')).body;
    expect(all.total).toBe(all.items.length);
    const paged = (await list('?limit=2&offset=1')).body;
    expect(paged.items.map((f: any) => f.id)).toEqual(all.items.slice(1, 3).map((f: any) => f.id));
    const c = (await list('?limit=1000', county.token)).body;
    expect(c.items.length).toBeGreaterThan(0);
    expect(c.items.every((f: any) => f.region.startsWith('140105'))).toBe(true);
    const o = (await list('', otherCounty.token)).body;
    expect(o.items.map((f: any) => f.siteCode)).toEqual(['D801']);
    const e = (await list('?limit=1000', staff.token)).body;
    expect(e.items.every((f: any) => f.enterprise === ent.id)).toBe(true);
    expect(e.total).toBe(c.total);
    expect((await list('?site=' + o.items[0].site)).body.items).toHaveLength(1);
    expect((await list('?state=resolved')).body.items.every((f: any) => f.state === 'resolved')).toBe(true);
    expect((await t.req('GET', `/api/v1/compliance/findings/${o.items[0].id}`, { token: county.token })).status).toBe(404);
  });

  it('enterprise users read but do not run or act; officers run; the run answers in the caller\'s scope', async () => {
    expect((await run(staff.token)).status).toBe(403);
    const f = (await list('', staff.token)).body.items[0];
    expect((await t.req('POST', `/api/v1/compliance/findings/${f.id}/ack`, { token: staff.token, body: {} })).status).toBe(403);
    const r = await run(otherCounty.token);
    expect(r.status).toBe(200);
    expect(r.body.findings.map((x: any) => x.siteCode)).toEqual(['D801']);
  });

  it('a consultation record ends the consultation finding at the next run', async () => {
    const c = await t.req('POST', '/api/v1/compliance/consultations', { token: otherCounty.token, body: { site: 'D801', date: '2026-11-20', experts: ['王工', '李工'], conclusion: '通风系统需完善' } });
    expect(c.status).toBe(201);
    expect((await run()).body.findings.some((x: any) => x.siteCode === 'D801' && x.rule === 'expert_consultation')).toBe(false);
    expect((await t.req('GET', '/api/v1/compliance/consultations?site=D801', { token: otherCounty.token })).body.items[0]).toMatchObject({ date: '2026-11-20', experts: ['王工', '李工'] });
    expect((await t.req('POST', '/api/v1/compliance/consultations', { token: county.token, body: { site: 'D801', date: '2026-11-20', experts: ['x'], conclusion: 'y' } })).status).toBe(404);
  });
});
