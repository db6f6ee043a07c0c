import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/**
 * The records rules read, over HTTP: the equipment register (dry-brake vehicles, banned catalogue),
 * a site's compliance facts (filling assessment, heads-up treatment plan, closure conditions) with a
 * version check, and the rules that read only the registry (licence, grade, one mine one operator).
 */
describe.each(['sqlite', 'postgres'] as const)('compliance records (%s)', (kind) => {
  let t: TestNode;
  let principal: { token: string };
  let staff: { token: string };
  let ent: { id: string; region: string };
  const codes = (f: { siteCode: string | null; rule: string; key: string }[], rule: string) => f.filter((x) => x.rule === rule).map((x) => `${x.siteCode}:${x.key}`).sort();

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => Date.UTC(2026, 11, 6, 2));
    ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const ent2 = await makeEnterprise(t, t.adminToken, { region: '140105' });
    principal = await makeUser(t, t.adminToken, { username: 'k_principal', role: 'enterprise_principal', enterprise: ent.id });
    staff = await makeUser(t, t.adminToken, { username: 'k_staff', role: 'enterprise_staff', enterprise: ent.id });
    const mine = { kind: 'underground', damType: null, damHeight: null, totalStorage: null, standardGrade: 2, safetyLicence: 'AQ' };
    const pond = { kind: 'tailings_pond', standardGrade: 2, safetyLicence: 'AQ' };
    await makeSite(t, t.adminToken, ent, { ...mine, code: 'MINE' });
    await makeSite(t, t.adminToken, ent, { ...mine, code: 'NEWCU', status: 'construction', minerals: ['copper'] });
    await makeSite(t, t.adminToken, ent, { ...mine, code: 'NOLIC', safetyLicence: null });
    await makeSite(t, t.adminToken, ent, { ...mine, code: 'GRADE3', standardGrade: 3, designCapacity: 50 });
    await makeSite(t, t.adminToken, ent, { ...mine, code: 'LIC-A', miningLicence: 'C140000' });
    await makeSite(t, t.adminToken, ent2, { ...mine, code: 'LIC-B', miningLicence: 'C140000' });
    await makeSite(t, t.adminToken, ent, { ...pond, code: 'HEADSUP', headsUp: true, isNew: false });
    await makeSite(t, t.adminToken, ent, { ...pond, code: 'FULL' });
  });
  afterAll(async () => t?.cleanup());

  const run = async () => (await t.req('POST', '/api/v1/compliance/run', { token: t.adminToken })).body.findings;

  it('reads the registry: no licence, grade below what is required, two enterprises on one mining licence, heads-up ponds', async () => {
    const f = await run();
    expect(codes(f, 'licence_valid')).toEqual(['NOLIC:']);
    expect(codes(f, 'standardisation_grade')).toEqual(['GRADE3:below']);
    expect(codes(f, 'one_mine_one_operator')).toEqual(['LIC-A:C140000', 'LIC-B:C140000']);
    expect(codes(f, 'heads_up_pond')).toEqual(['HEADSUP:existing']);
    expect(codes(f, 'heads_up_treatment')).toEqual(['HEADSUP:']);
    expect(codes(f, 'filling_method')).toEqual(['NEWCU:']);
  });

  it('keeps an equipment register; a dry-brake vehicle carrying people and a banned model are findings', async () => {
    const add = async (body: unknown, token = principal.token) => t.req('POST', '/api/v1/sites/MINE/equipment', { token, body });
    const car = await add({ name: '井下人车', kind: 'trackless_vehicle', model: 'WC5E', brakeType: 'dry', carries: ['people'] });
    expect(car.status).toBe(201);
    expect(car.body).toMatchObject({ siteCode: 'MINE', brakeType: 'dry', carries: ['people'] });
    await add({ name: '铲运机', kind: 'trackless_vehicle', brakeType: 'dry', carries: ['ore'] });
    await add({ name: '提升机电控', kind: 'hoist', model: 'TKD-A' });
    expect((await add({ name: 'x', kind: 'hoist', carries: ['gold'] })).status).toBe(400);
    expect((await add({ name: 'x', kind: 'hoist' }, staff.token)).status).toBe(403);
    const list = await t.req('GET', '/api/v1/sites/MINE/equipment', { token: staff.token });
    expect(list.body.items.map((e: any) => e.name)).toEqual(['井下人车', '铲运机', '提升机电控']);
    const f = await run();
    expect(codes(f, 'banned_equipment')).toEqual([`MINE:${car.body.id}:dry_brake`, `MINE:${list.body.items[2].id}:tkd_hoist_control`].sort());
  });

  it('site facts with a version check: the assessment, the treatment plan and closure conditions feed the rules', async () => {
    const put = async (site: string, body: unknown, token = principal.token) => t.req('PUT', `/api/v1/compliance/sites/${site}/facts`, { token, body });
    expect((await t.req('GET', '/api/v1/compliance/sites/NEWCU/facts', { token: staff.token })).body).toMatchObject({ version: 0, fillingAssessedOn: null });
    const a = await put('NEWCU', { fillingAssessedOn: '2026-10-01', version: 0 });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ fillingAssessedOn: '2026-10-01', version: 1 });
    expect((await put('NEWCU', { newMine: true, version: 0 })).status).toBe(409);
    expect((await put('NEWCU', { fillingAssessedOn: '2026-13-01', version: 1 })).status).toBe(400);
    expect((await put('HEADSUP', { headsUpPlanOn: '2026-06-01', version: 0 })).status).toBe(200);
    expect((await put('FULL', { atFinalElevation: true, version: 0 })).status).toBe(200);
    const f = await run();
    expect(codes(f, 'filling_method')).toEqual([]);
    expect(codes(f, 'heads_up_treatment')).toEqual([]);
    expect(codes(f, 'closure_candidate')).toEqual(['FULL:final_elevation']);
    const log = await t.node.store.db.selectFrom('change_log').select('op').where('entity', '=', 'compliance_site_facts').execute();
    expect(log).toHaveLength(3);
  });

  it('pond counts above the 2020 baseline are a regional finding the enterprise does not see', async () => {
    const rule = (await t.req('GET', '/api/v1/compliance/rules/pond_count_baseline', { token: t.adminToken })).body;
    await t.req('PUT', '/api/v1/compliance/rules/pond_count_baseline/parameters', { token: t.adminToken, body: { parameters: { baseline: { '140100': 1 } }, version: rule.version } });
    const f = await run();
    expect(f.filter((x: any) => x.rule === 'pond_count_baseline').map((x: any) => [x.site, x.region, x.evidence.count])).toEqual([[null, '140100', 2]]);
    const mine = await t.req('GET', '/api/v1/compliance/findings?rule=pond_count_baseline', { token: staff.token });
    expect(mine.body.total).toBe(0);
  });
});
