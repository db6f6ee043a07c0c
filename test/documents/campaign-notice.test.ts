import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';
import { printed, squeeze } from './pdf.ts';

describe.each(STORE_KINDS)('circulated notice of a campaign evaluation (%s)', (kind) => {
  let t: TestNode;
  let city: string;
  let county: string;
  let stranger: string;
  let campaignId: string;
  const name = `尾矿库安全专项整治${kind === 'sqlite' ? '甲' : '乙'}`;

  beforeAll(async () => {
    t = await makeTestNode(kind);
    city = (await makeUser(t, t.adminToken, { username: `n-city-${kind}`, role: 'city_officer', region: '140100' })).token;
    county = (await makeUser(t, t.adminToken, { username: `n-county-${kind}`, role: 'county_officer', region: '140105' })).token;
    const far = await makeEnterprise(t, t.adminToken, { region: '140212' });
    stranger = (await makeUser(t, t.adminToken, { username: `n-ent-${kind}`, role: 'enterprise_principal', enterprise: far.id })).token;

    campaignId = uuidv7();
    const made = await t.req('POST', '/api/v1/campaigns', {
      token: city,
      body: { id: campaignId, name, year: 2026, tasks: [{ number: 1, text: '尾矿库在线监测联网', deadline: '2099-12-31' }, { number: 2, text: '采空区专项治理', deadline: '2099-12-31' }] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const tasks = (await t.req('GET', `/api/v1/tasks?campaign=${campaignId}`, { token: city })).body.items as { id: string }[];
    // 小店区 is due far ahead and finishes; 迎泽区 was due in 2022 and has not.
    const done = await t.req('POST', `/api/v1/tasks/${tasks[0]!.id}/assign`, { token: city, body: { region: '140105', deadline: '2099-06-30' } });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    const late = await t.req('POST', `/api/v1/tasks/${tasks[1]!.id}/assign`, { token: city, body: { region: '140106', deadline: '2022-06-30' } });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    const rep = await t.req('POST', `/api/v1/assignments/${done.body.id}/report`, { token: county, body: { progress: 100, text: '全部联网' } });
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    const acc = await t.req('POST', `/api/v1/assignments/${done.body.id}/accept`, { token: city, body: { version: rep.body.version } });
    expect(acc.body.state).toBe('accepted');
    const m = await t.req('POST', '/api/v1/pressure-measures', { token: city, body: { kind: 'interview', region: '140106', campaign: campaignId, title: '约谈迎泽区应急管理局' } });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
  });
  afterAll(async () => t?.cleanup());

  it('prints the notice by county: title, issuer, totals, the ranked table, rectification and commendation', async () => {
    const ev = await t.req('GET', `/api/v1/campaigns/${campaignId}/evaluation?level=county`, { token: city });
    expect(ev.body.items.map((u: { name: string; completionRate: number; onTimeRate: number; overdue: number }) => [u.name, u.completionRate, u.onTimeRate, u.overdue])).toEqual([
      ['小店区', 100, 100, 0],
      ['迎泽区', 0, 0, 1],
    ]);
    const n = await printed(t, `/api/v1/campaigns/${campaignId}/documents/notice?level=county`, city);
    expect(n.status, JSON.stringify(n.error)).toBe(200);
    expect(n.headers['content-type']).toBe('application/pdf');
    const text = squeeze(n.text);
    for (const s of [`关于${name}推进情况的通报`, '山西省应急管理厅', '共分解下达任务2项', '已完成1项', '完成率50%', '按时完成率50%', '逾期未完成1项', '排名', '按时完成率', '约谈/通报等问责措施', '小店区', '迎泽区', '100%', '1次', '限期整改', '予以通报表扬', '签发单位']) {
      expect(text, s).toContain(squeeze(s));
    }
    // Ranked: the county that finished on time comes first; the overdue one is told to rectify, the first commended.
    expect(text.indexOf('1小店区')).toBeGreaterThan(-1);
    expect(text.indexOf('1小店区')).toBeLessThan(text.indexOf('2迎泽区'));
    expect(text).toMatch(/迎泽区（逾期1项）存在逾期未完成任务，要求限期整改/);
    expect(text).toMatch(/小店区任务推进有力.*予以通报表扬/);
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  });

  it('prints the notice by city; a county below the campaign does not see it', async () => {
    const byCity = await printed(t, `/api/v1/campaigns/${campaignId}/documents/notice?level=city`, city);
    expect(byCity.status).toBe(200);
    expect(squeeze(byCity.text)).toContain('太原市');
    expect((await printed(t, `/api/v1/campaigns/${campaignId}/documents/notice`, county)).status).toBe(404);
  });

  it('answers 404 to an enterprise of another place, 401 without a token, 400 to an unknown level', async () => {
    const other = await printed(t, `/api/v1/campaigns/${campaignId}/documents/notice?level=county`, stranger);
    expect([403, 404]).toContain(other.status);
    expect((await printed(t, `/api/v1/campaigns/${campaignId}/documents/notice`)).status).toBe(401);
    expect((await printed(t, `/api/v1/campaigns/${campaignId}/documents/notice?level=town`, city)).status).toBe(400);
  });
});
