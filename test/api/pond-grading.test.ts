import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

/**
 * Registry fidelity of a pond's grade (GB 50863-2013 §3.3.1, GB 51108-2015 §3.2.1): the current grade
 * from today's storage and dam height, the design grade from the final figures, raised one grade
 * after review with its reason, none for an open pit without a dam, provisional when a figure is missing.
 */
for (const kind of STORE_KINDS) describe(`pond grading in the registry (${kind})`, () => {
  let t: TestNode;
  let ent: { id: string; region: string };
  beforeAll(async () => {
    t = await makeTestNode(kind);
    ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
  });
  afterAll(async () => t?.cleanup());

  const get = async (code: string) => (await t.req('GET', `/api/v1/sites/${code}`, { token: t.adminToken })).body;

  it('shows the current grade and the design grade side by side', async () => {
    const s = await makeSite(t, t.adminToken, ent, { totalStorage: 860, damHeight: 45, designStorage: 1500, designDamHeight: 72 });
    expect(s.grade).toBe(4);
    const got = await get(s.code);
    expect(got).toMatchObject({ grade: 4, designStorage: 1500, designDamHeight: 72, gradeDerivation: { grade: 4, provisional: false } });
    expect(got.grading).toMatchObject({ current: { grade: 4 }, design: { grade: 3, byStorage: 3, byHeight: 3 }, raised: null, noGrade: null });
  });

  it('raises both one grade after review, with the reason, and back when the reason is withdrawn', async () => {
    const s = await makeSite(t, t.adminToken, ent, { totalStorage: 860, damHeight: 45, designStorage: 1500, designDamHeight: 72 });
    const r = await t.req('PATCH', `/api/v1/sites/${s.code}`, { token: t.adminToken, body: { version: s.version, gradeRaisedReason: '下游 800 m 有村庄和县道' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ grade: 3, grading: { current: { grade: 3 }, design: { grade: 2 }, raised: { reason: '下游 800 m 有村庄和县道' } } });
    expect(r.body.grading.current.rule).toContain('经论证提高一等');
    const back = await t.req('PATCH', `/api/v1/sites/${s.code}`, { token: t.adminToken, body: { version: r.body.version, gradeRaisedReason: null } });
    expect(back.body).toMatchObject({ grade: 4, grading: { raised: null } });
  });

  it('gives an open pit without a dam no grade, and a grade from one figure as provisional', async () => {
    const pit = await makeSite(t, t.adminToken, ent, { damType: null, damHeight: null, totalStorage: 300, withoutDam: true });
    expect(pit.grade).toBeNull();
    expect((await get(pit.code)).grading).toMatchObject({ current: null, design: null, noGrade: expect.stringContaining('不定等') });
    const half = await makeSite(t, t.adminToken, ent, { totalStorage: 300, damHeight: null });
    expect(half.grade).toBe(4);
    expect((await get(half.code)).gradeDerivation).toMatchObject({ grade: 4, provisional: true });
  });
});
