import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

const DAY = 86_400_000;

/**
 * Hazard investigation (隐患排查) on a simulated clock: the check plan derived from the control
 * measures, checks generated once per period, completed with each item's result (an item not ok
 * registering a hazard linked to the check), and missed checks listed.
 */
describe.each(STORE_KINDS)('hazard investigation (%s)', (kind) => {
  // Monday 2026-12-07, 10:00 in Beijing.
  let clock = Date.parse('2026-12-07T02:00:00Z');
  let t: TestNode;
  let site: { id: string; code: string };
  let safety: { token: string };
  let staff: { token: string };
  let outsider: { token: string };
  const generate = () => t.node.services.dualprev.checks.generate();
  /** Sessions lapse when the clock moves on by a day: log in again. */
  async function advance(ms: number) {
    clock += ms;
    safety.token = await t.login(`cs-${kind}`, 'Passw0rd1');
    staff.token = await t.login(`cst-${kind}`, 'Passw0rd1');
    outsider.token = await t.login(`co-${kind}`, 'Passw0rd1');
  }

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const e = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const e2 = await makeEnterprise(t, t.adminToken, { region: '140105' });
    site = await makeSite(t, t.adminToken, e, { kind: 'underground', damType: undefined, damHeight: undefined, totalStorage: undefined });
    safety = await makeUser(t, t.adminToken, { username: `cs-${kind}`, role: 'enterprise_safety_officer', enterprise: e.id });
    staff = await makeUser(t, t.adminToken, { username: `cst-${kind}`, role: 'enterprise_staff', enterprise: e.id });
    outsider = await makeUser(t, t.adminToken, { username: `co-${kind}`, role: 'enterprise_safety_officer', enterprise: e2.id });
    const hoist = await t.req('POST', '/api/v1/risks', {
      token: safety.token,
      body: { site: site.id, name: '竖井罐笼提升', method: 'LEC', L: 3, E: 6, C: 15, measures: [{ kind: 'engineering', text: '设置过卷、过速保护', department: '机电科' }], checkItems: ['保护装置是否试验有效'] },
    });
    expect(hoist.body.level).toBe('significant');
    const goaf = await t.req('POST', '/api/v1/risks', { token: safety.token, body: { site: site.id, name: '采空区', method: 'LS', L: 4, S: 5, department: '采矿车间', measures: [{ kind: 'management', text: '采空区每日巡查' }] } });
    expect(goaf.body.level).toBe('major');
  });
  afterAll(async () => t?.cleanup());

  it('derives the plan from the control measures, with frequencies and responsible posts', async () => {
    const p = await t.req('GET', `/api/v1/check-plans/${site.id}`, { token: staff.token });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.items.map((i: { text: string; frequency: string; post: string }) => [i.text, i.frequency, i.post]).sort()).toEqual([
      ['保护装置是否试验有效', 'weekly', '安全管理部门'],
      ['设置过卷、过速保护', 'weekly', '机电科'],
      ['采空区每日巡查', 'daily', '采矿车间'],
    ]);
  });

  it('generates each period’s checks once, and lists missed ones when the due instant passes', async () => {
    expect(await generate()).toBe(2);
    expect(await generate()).toBe(0);
    const due = await t.req('GET', `/api/v1/checks?state=due&site=${site.id}`, { token: staff.token });
    expect(due.body.items.map((c: { frequency: string }) => c.frequency).sort()).toEqual(['daily', 'weekly']);
    const daily = due.body.items.find((c: { frequency: string }) => c.frequency === 'daily');
    expect(daily.dueAt).toBe(Date.parse('2026-12-07T16:00:00Z') - 1);
    expect((await t.req('GET', `/api/v1/checks?state=missed&site=${site.id}`, { token: staff.token })).body.total).toBe(0);

    await advance(DAY);
    expect(await generate()).toBe(1);
    const missed = await t.req('GET', `/api/v1/checks?state=missed&site=${site.id}`, { token: safety.token });
    expect(missed.body.items.map((c: { id: string; state: string }) => [c.id, c.state])).toEqual([[daily.id, 'missed']]);
    expect((await t.req('GET', `/api/v1/checks?state=missed&site=${site.id}`, { token: outsider.token })).status).toBe(404);
    expect((await t.req('GET', '/api/v1/checks?state=missed', { token: outsider.token })).body.total).toBe(0);
  });

  it('completes a check with each item’s result; an item not ok registers a hazard linked to the check', async () => {
    const weekly = (await t.req('GET', `/api/v1/checks?state=due&site=${site.id}`, { token: staff.token })).body.items.find((c: { frequency: string }) => c.frequency === 'weekly');
    const [a, b] = weekly.items as { key: string; risk: string }[];
    const incomplete = await t.req('POST', `/api/v1/checks/${weekly.id}/complete`, { token: staff.token, body: { results: [{ key: a!.key, result: 'ok' }] } });
    expect(incomplete.status).toBe(422);
    const stale = await t.req('POST', `/api/v1/checks/${weekly.id}/complete`, { token: staff.token, body: { version: 9, results: [{ key: a!.key, result: 'ok' }, { key: b!.key, result: 'ok' }] } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await t.req('POST', `/api/v1/checks/${weekly.id}/complete`, { token: outsider.token, body: { results: [{ key: a!.key, result: 'ok' }] } })).status).toBe(404);

    const done = await t.req('POST', `/api/v1/checks/${weekly.id}/complete`, {
      token: staff.token,
      body: {
        version: weekly.version,
        results: [
          { key: a!.key, result: 'ok', note: '试验正常' },
          { key: b!.key, result: 'not_ok', note: '过卷保护未按期试验', hazard: { grade: 'general', deadline: '2026-12-15' } },
        ],
      },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', version: 2, completedAt: clock });
    const hazardId = done.body.results[1].hazard as string;
    expect(done.body.results[0].hazard).toBeNull();
    const h = await t.req('GET', `/api/v1/hazards/${hazardId}`, { token: safety.token });
    expect(h.body).toMatchObject({ source: 'check', sourceRef: weekly.id, risk: b!.risk, grade: 'general', state: 'registered', site: site.id });
    const again = await t.req('POST', `/api/v1/checks/${weekly.id}/complete`, { token: staff.token, body: { results: [{ key: a!.key, result: 'ok' }, { key: b!.key, result: 'ok' }] } });
    expect(again.body.error.code).toBe('already_done');
    expect((await t.req('GET', `/api/v1/checks?state=done&site=${site.id}`, { token: staff.token })).body.total).toBe(1);
  });

  it('makes a check by hand with a client id, once', async () => {
    const id = uuidv7();
    const first = await t.req('POST', '/api/v1/checks', { token: staff.token, body: { id, site: site.id, frequency: 'daily' } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const repeat = await t.req('POST', '/api/v1/checks', { token: staff.token, body: { id, site: site.id, frequency: 'daily' } });
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(id);
    expect((await t.req('POST', '/api/v1/checks', { token: staff.token, body: { site: site.id, frequency: 'monthly' } })).status).toBe(422);
    expect((await t.req('POST', '/api/v1/checks', { token: outsider.token, body: { site: site.id, frequency: 'daily' } })).status).toBe(404);
  });
});
