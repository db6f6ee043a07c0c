import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

/** The four-colour risk map: areas drawn on the uploaded site plan, coloured by their highest risk. */
describe.each(STORE_KINDS)('four-colour risk map (%s)', (kind) => {
  let t: TestNode;
  let site: { id: string };
  let safety: { token: string };
  let staff: { token: string };
  let outsider: { token: string };
  let file: string;

  beforeAll(async () => {
    t = await makeTestNode(kind);
    const e = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const e2 = await makeEnterprise(t, t.adminToken, { region: '140105' });
    site = await makeSite(t, t.adminToken, e);
    safety = await makeUser(t, t.adminToken, { username: `rm-${kind}`, role: 'enterprise_safety_officer', enterprise: e.id });
    staff = await makeUser(t, t.adminToken, { username: `rms-${kind}`, role: 'enterprise_staff', enterprise: e.id });
    outsider = await makeUser(t, t.adminToken, { username: `rmo-${kind}`, role: 'enterprise_safety_officer', enterprise: e2.id });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('平面图')]);
    const up = await t.req('POST', `/api/v1/files?site=${site.id}&name=plan.png`, { token: safety.token, body: png, headers: { 'content-type': 'image/png' } });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    file = up.body.id;
    for (const [name, area, L, S] of [['坝体滑坡', '尾矿坝', 4, 5], ['坝面冲刷', '尾矿坝', 2, 2], ['排洪井堵塞', '排洪系统', 3, 3], ['库区溺水', '库区', 1, 2]] as const) {
      const r = await t.req('POST', '/api/v1/risks', { token: safety.token, body: { site: site.id, name, area, method: 'LS', L, S } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  });
  afterAll(async () => t?.cleanup());

  it('colours each drawn area by the highest level of its risk points, and lists the areas not drawn', async () => {
    const empty = await t.req('GET', `/api/v1/sites/${site.id}/risk-map`, { token: staff.token });
    expect(empty.body).toMatchObject({ plan: null, areas: [], undrawn: ['库区', '排洪系统', '尾矿坝'].sort() });
    const body = {
      file,
      width: 1200,
      height: 800,
      areas: [
        { area: '尾矿坝', polygon: [[100, 100], [600, 100], [600, 300], [100, 300]] },
        { area: '排洪系统', polygon: [[700, 100], [900, 100], [800, 300]] },
        { area: '选厂', polygon: [[0, 500], [200, 500], [200, 700]] },
      ],
    };
    const put = await t.req('PUT', `/api/v1/sites/${site.id}/risk-map`, { token: safety.token, body });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const byArea = Object.fromEntries(put.body.areas.map((a: { area: string; colour: string | null; risks: number }) => [a.area, [a.colour, a.risks]]));
    expect(byArea['尾矿坝']).toEqual(['red', 2]);
    expect(byArea['选厂']).toEqual([null, 0]);
    expect(byArea['排洪系统']![1]).toBe(1);
    expect(put.body.undrawn).toEqual(['库区']);
    expect(put.body.plan).toEqual({ file, width: 1200, height: 800 });
    expect((await t.req('GET', `/api/v1/sites/${site.id}/risk-map`, { token: staff.token })).body.areas).toHaveLength(3);
  });

  it('refuses polygons outside the image, unknown files, and people without the right', async () => {
    const outside = await t.req('PUT', `/api/v1/sites/${site.id}/risk-map`, { token: safety.token, body: { file, width: 100, height: 100, areas: [{ area: 'x', polygon: [[0, 0], [150, 0], [0, 50]] }] } });
    expect(outside.status).toBe(422);
    const noFile = await t.req('PUT', `/api/v1/sites/${site.id}/risk-map`, { token: safety.token, body: { file: 'nope', width: 100, height: 100, areas: [] } });
    expect(noFile.body.error.details[0].path).toBe('file');
    expect((await t.req('PUT', `/api/v1/sites/${site.id}/risk-map`, { token: staff.token, body: { file, width: 100, height: 100, areas: [] } })).status).toBe(403);
    expect((await t.req('GET', `/api/v1/sites/${site.id}/risk-map`, { token: outsider.token })).status).toBe(404);
  });
});
