import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { ADMIN_PASSWORD, makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

const DAY = 86_400_000;
const plan = { measures: '加固坝坡，增设排渗盲沟', funds: 150000, people: '王五（安全科）', deadline: Date.now() + 20 * DAY, interimMeasures: '降低库水位，加密巡坝，每日报告' };

describe.each(STORE_KINDS)('hazard ledger and closed loop (%s)', (kind) => {
  let t: TestNode;
  let clock = Date.now();
  let site: { id: string; code: string };
  let otherSite: { id: string };
  let principal: { id: string; token: string };
  let safety: { id: string; token: string };
  let staff: { id: string; token: string };
  let outsider: { token: string };
  let county: { token: string };
  let otherCounty: { token: string };
  let city: { token: string };

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const e = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const e2 = await makeEnterprise(t, t.adminToken, { region: '140105' });
    site = await makeSite(t, t.adminToken, e);
    otherSite = await makeSite(t, t.adminToken, e2);
    const u = (name: string, role: string, where: { enterprise?: string; region?: string }) => makeUser(t, t.adminToken, { username: `${name}-${kind}`, role, ...where });
    principal = await u('principal', 'enterprise_principal', { enterprise: e.id });
    safety = await u('safety', 'enterprise_safety_officer', { enterprise: e.id });
    staff = await u('staff', 'enterprise_staff', { enterprise: e.id });
    outsider = await u('outsider', 'enterprise_safety_officer', { enterprise: e2.id });
    county = await u('county', 'county_officer', { region: '140105' });
    otherCounty = await u('othercounty', 'county_officer', { region: '140106' });
    city = await u('city', 'city_officer', { region: '140100' });
  });
  afterAll(async () => t?.cleanup());

  const post = (url: string, token: string, body?: unknown) => t.req('POST', url, { token, body: body ?? {} });

  it('runs a major hazard through plan → rectify → verify → close, keeping version and history', async () => {
    const created = await post('/api/v1/hazards', staff.token, { site: site.code, description: '尾矿坝下游坡局部渗水', grade: 'major', deadline: '2030-06-30', location: '初期坝下游坡', criterion: '88-TP-B', category: 'equipment' });
    expect(created.status).toBe(201);
    const h = created.body;
    expect(h).toMatchObject({ state: 'registered', version: 1, grade: 'major', site: site.id, criterion: '88-TP-B', source: 'check', overdue: false });
    expect(h.deadline).toBe(Date.UTC(2030, 5, 30, 16) - 1);

    const early = await post(`/api/v1/hazards/${h.id}/rectify`, safety.token, { note: '已处理' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('illegal_transition');
    expect(early.body.error.message).toMatch(/state 'registered' cannot take action 'rectify'/);

    const thin = await post(`/api/v1/hazards/${h.id}/plan`, safety.token, { plan: { measures: '加固' } });
    expect(thin.status).toBe(422);
    expect(thin.body.error.details.map((d: { path: string }) => d.path)).toEqual(['plan.funds', 'plan.people', 'plan.deadline', 'plan.interimMeasures']);

    const planned = await post(`/api/v1/hazards/${h.id}/plan`, safety.token, { plan, version: 1 });
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({ state: 'planned', version: 2, deadline: plan.deadline });

    const rectified = await post(`/api/v1/hazards/${h.id}/rectify`, safety.token, { note: '已完成排渗盲沟施工', version: 2 });
    expect(rectified.body).toMatchObject({ state: 'rectified', rectifiedBy: safety.id, version: 3 });

    expect((await t.req('GET', `/api/v1/hazards/${h.id}`, { token: safety.token })).body.allowedActions).toEqual([]);
    expect((await t.req('GET', `/api/v1/hazards/${h.id}`, { token: principal.token })).body.allowedActions).toEqual(['verify', 'reject']);
    const self = await post(`/api/v1/hazards/${h.id}/verify`, safety.token, {});
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('verifier_is_rectifier');

    const staffVerify = await post(`/api/v1/hazards/${h.id}/verify`, staff.token, {});
    expect(staffVerify.status).toBe(403);

    const verified = await post(`/api/v1/hazards/${h.id}/verify`, principal.token, { note: '现场验收合格' });
    expect(verified.body).toMatchObject({ state: 'verified', verifiedBy: principal.id, version: 4 });
    const closed = await post(`/api/v1/hazards/${h.id}/close`, principal.token, {});
    expect(closed.body).toMatchObject({ state: 'closed', version: 5 });

    const again = await post(`/api/v1/hazards/${h.id}/close`, principal.token, {});
    expect(again.status).toBe(409);

    const got = await t.req('GET', `/api/v1/hazards/${h.id}`, { token: county.token });
    expect(got.status).toBe(200);
    expect(got.body.history.map((c: { op: string }) => c.op)).toEqual(['close', 'verify', 'rectify', 'plan', 'create']);
    expect(got.body.allowedActions).toEqual([]);
  });

  it('lets a general hazard be rectified at once, sent back, and refuses a stale version with the current record', async () => {
    const h = (await post('/api/v1/hazards', safety.token, { site: site.id, description: '2号溜井口格筛缺失一块', grade: 'general', deadline: clock + 3 * DAY })).body;
    const r1 = await post(`/api/v1/hazards/${h.id}/rectify`, safety.token, { note: '已补装格筛', version: 1 });
    expect(r1.body.state).toBe('rectified');
    const rejected = await post(`/api/v1/hazards/${h.id}/reject`, county.token, { note: '格筛未固定' });
    expect(rejected.body).toMatchObject({ state: 'planned', rejections: 1, version: 3 });
    const stale = await post(`/api/v1/hazards/${h.id}/rectify`, safety.token, { note: '已焊接固定', version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.details.current).toMatchObject({ id: h.id, state: 'planned', version: 3 });
    const fresh = await post(`/api/v1/hazards/${h.id}/rectify`, safety.token, { note: '已焊接固定', version: 3 });
    expect(fresh.body.state).toBe('rectified');
  });

  it('makes one record of a create sent twice with a client id, answering both times', async () => {
    const id = uuidv7();
    const body = { id, site: site.code, description: '运输道路挡车墙缺口', grade: 'general', deadline: clock + 5 * DAY, source: 'ad_hoc' };
    const first = await post('/api/v1/hazards', staff.token, body);
    const second = await post('/api/v1/hazards', staff.token, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const list = await t.req('GET', `/api/v1/hazards?site=${site.code}&limit=1000`, { token: safety.token });
    expect(list.body.items.filter((x: { id: string }) => x.id === id)).toHaveLength(1);
    const bad = await post('/api/v1/hazards', staff.token, { ...body, id: 'not-a-uuid' });
    expect(bad.status).toBe(422);
    const theirs = await post('/api/v1/hazards', outsider.token, { ...body, site: otherSite.id });
    expect(theirs.status).toBe(409);
  });

  it('keeps each enterprise to its own ledger and each officer to their region', async () => {
    const h = (await post('/api/v1/hazards', safety.token, { site: site.id, description: '配电箱未接地', grade: 'general', deadline: clock + DAY })).body;
    expect((await t.req('GET', `/api/v1/hazards/${h.id}`, { token: outsider.token })).status).toBe(404);
    expect((await post(`/api/v1/hazards/${h.id}/rectify`, outsider.token, { note: 'x' })).status).toBe(404);
    expect((await post('/api/v1/hazards', outsider.token, { site: site.id, description: 'x', grade: 'general', deadline: clock + DAY })).status).toBe(404);
    const theirs = await t.req('GET', '/api/v1/hazards', { token: outsider.token });
    expect(theirs.body.total).toBe(0);
    const other = await t.req('GET', '/api/v1/hazards', { token: otherCounty.token });
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ items: [], total: 0 });
    expect((await t.req('GET', `/api/v1/hazards/${h.id}`, { token: otherCounty.token })).status).toBe(404);
    const mine = await t.req('GET', '/api/v1/hazards?limit=1000', { token: city.token });
    expect(mine.body.items.some((x: { id: string }) => x.id === h.id)).toBe(true);
    expect(mine.body.total).toBe(mine.body.items.length);
  });

  it('refuses a criterion on a general hazard, an unknown one, and an alarm source without its alarm', async () => {
    const r = await post('/api/v1/hazards', safety.token, { site: site.id, description: 'x', grade: 'general', deadline: clock + DAY, criterion: '88-TP-A' });
    expect(r.status).toBe(422);
    const u = await post('/api/v1/hazards', safety.token, { site: site.id, description: 'x', grade: 'major', deadline: clock + DAY, criterion: '88-XX' });
    expect(u.status).toBe(422);
    const a = await post('/api/v1/hazards', safety.token, { site: site.id, description: 'x', grade: 'major', deadline: clock + DAY, source: 'alarm', sourceRef: uuidv7() });
    expect(a.status).toBe(422);
    expect(a.body.error.details[0].path).toBe('sourceRef');
  });

  it('filters by state, grade and overdue; counts found, rectified, overdue and the on-time rate; escalates overdue hazards level by level', async () => {
    let admin = t.adminToken;
    const e = await makeEnterprise(t, admin, { region: '140105' });
    const s = await makeSite(t, admin, e);
    const mk = (grade: string, deadline: number) => post('/api/v1/hazards', admin, { site: s.id, description: `${grade} 测试`, grade, deadline }).then((r) => r.body);
    const onTime = await mk('general', clock + DAY);
    await post(`/api/v1/hazards/${onTime.id}/rectify`, admin, { note: '完成' });
    const late = await mk('general', clock + 2 * DAY);
    const major = await mk('major', clock + 2 * DAY);
    clock += 3 * DAY + 1000;
    admin = await t.login('admin', ADMIN_PASSWORD);
    const overdue = await t.req('GET', `/api/v1/hazards?site=${s.id}&overdue=true`, { token: admin });
    expect(overdue.body.items.map((x: { id: string }) => x.id).sort()).toEqual([late.id, major.id].sort());
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, daysOverdue: 1 });
    const majors = await t.req('GET', `/api/v1/hazards?site=${s.id}&grade=major&state=registered,planned`, { token: admin });
    expect(majors.body.total).toBe(1);

    const stats = await t.req('GET', `/api/v1/hazards/stats?region=140105&from=${clock - 10 * DAY}`, { token: admin });
    expect(stats.status).toBe(200);
    const siteStats = await t.req('GET', `/api/v1/hazards/stats?site=${s.id}`, { token: admin });
    expect(siteStats.body).toMatchObject({ found: 3, rectified: 1, onTime: 1, overdue: 2, onTimeRate: 0.3333 });
    expect(siteStats.body.byGrade.major).toMatchObject({ found: 1, overdue: 1, onTimeRate: 0 });

    const run1 = await t.node.services.dualprev.escalateOverdue(clock);
    expect(run1.marked).toBeGreaterThanOrEqual(2);
    let m = (await t.req('GET', `/api/v1/hazards/${major.id}`, { token: admin })).body;
    expect(m.escalationTier).toBe('county');
    expect(m.history.map((c: { op: string }) => c.op).slice(0, 2)).toEqual(['escalate', 'overdue']);
    let g = (await t.req('GET', `/api/v1/hazards/${late.id}`, { token: admin })).body;
    expect(g.escalationTier).toBe('enterprise');

    clock += 20 * DAY;
    admin = await t.login('admin', ADMIN_PASSWORD);
    await t.node.services.dualprev.escalateOverdue(clock);
    m = (await t.req('GET', `/api/v1/hazards/${major.id}`, { token: admin })).body;
    expect(m.escalationTier).toBe('province');
    const steps = m.history.filter((c: { op: string }) => c.op === 'escalate').map((c: { changes: { from: string; to: string } }) => `${c.changes.from}>${c.changes.to}`);
    expect(steps.reverse()).toEqual(['enterprise>county', 'county>city', 'city>province']);
    g = (await t.req('GET', `/api/v1/hazards/${late.id}`, { token: admin })).body;
    expect(g.escalationTier).toBe('city');
    const idle = await t.node.services.dualprev.escalateOverdue(clock);
    expect(idle).toEqual({ marked: 0, escalated: 0 });
  });

  it('escalates by the configured days', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const put = await t.req('PUT', '/api/v1/dualprev/settings', {
      token: admin,
      body: { overduePolicy: { days: { general: { county: 0, city: 1, province: 2 }, major: { county: 0, city: 1, province: 2 } }, source: '测试：逾期即报县', confirmed: false } },
    });
    expect(put.status).toBe(200);
    const bad = await t.req('PUT', '/api/v1/dualprev/settings', { token: admin, body: { overduePolicy: { days: { general: { county: 5, city: 1, province: 2 }, major: { county: 0, city: 1, province: 2 } }, source: 'x', confirmed: false } } });
    expect(bad.status).toBe(422);
    const h = (await post('/api/v1/hazards', admin, { site: site.id, description: '逾期测试', grade: 'general', deadline: clock + 1000 })).body;
    await t.node.services.dualprev.escalateOverdue(clock + 1.5 * DAY);
    const got = (await t.req('GET', `/api/v1/hazards/${h.id}`, { token: admin })).body;
    expect(got.escalationTier).toBe('city');
    expect(got.history.filter((c: { op: string }) => c.op === 'escalate')).toHaveLength(2);
  });
});
