import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { makeTestStore, STORE_KINDS, type TestStore } from '../../../test/support/stores.ts';
import { appendChange, listChanges } from './change-log.ts';
import { findEnterprise, findEnterpriseByCreditCode, insertEnterprise, listEnterprises, updateEnterprise, type Enterprise } from './enterprises.ts';
import { findSite, insertSite, listSites, updateSite, type Site } from './sites.ts';
import { ensureSetting, getSetting, putSetting } from './settings.ts';
import { countUsers, findUserByUsername, insertUser, listUsers } from './users.ts';
import { findLiveSession, insertSession, revokeSession } from './sessions.ts';

function enterprise(region: string, name: string, creditCode: string): Enterprise {
  return {
    id: uuidv7(), name, creditCode, region, address: null,
    principal: { name: '张三', phone: null }, safetyOfficer: { name: null, phone: null }, contacts: [{ name: '李四', phone: '1' }],
    createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, version: 1, originNode: 'node-a',
  };
}

function site(e: Enterprise, code: string, over: Partial<Site> = {}): Site {
  return {
    id: uuidv7(), code, name: `矿${code}`, kind: 'tailings_pond', region: e.region, enterprise: e.id, status: 'producing',
    minerals: ['iron'], miningMethod: null, designCapacity: 30.5, actualCapacity: null, depth: null, peopleUnderground: null,
    standardGrade: 2, miningLicence: null, safetyLicence: null, lng: 112.5, lat: 37.8, damType: 'upstream', damHeight: 45,
    totalStorage: 1200, crestElevation: 1250.25, headsUp: false, residentsDistance: 2000, isNew: null, grade: 3,
    designStorage: 1500, designDamHeight: 60, withoutDam: false, gradeRaisedReason: null,
    createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, version: 1, originNode: 'node-a', ...over,
  };
}

/** The store contract: every repository behaves the same on SQLite and on PostgreSQL. */
describe.each(STORE_KINDS)('registry repositories on %s', (kind) => {
  let t: TestStore;
  let a: Enterprise;
  let b: Enterprise;
  beforeAll(async () => {
    t = await makeTestStore(kind);
    a = enterprise('140105', '甲矿业', 'A'.repeat(18));
    b = enterprise('140213', '乙矿业', 'B'.repeat(18));
    await insertEnterprise(t.store.db, a);
    await insertEnterprise(t.store.db, b);
  });
  afterAll(async () => t?.cleanup());

  it('round-trips an enterprise and finds it by credit code', async () => {
    expect(await findEnterprise(t.store.db, a.id)).toEqual(a);
    expect((await findEnterpriseByCreditCode(t.store.db, 'B'.repeat(18)))?.id).toBe(b.id);
    expect(await findEnterprise(t.store.db, 'nope')).toBeUndefined();
  });

  it('updates only at the expected version', async () => {
    const next = { ...a, name: '甲矿业（新）', version: 2 };
    expect(await updateEnterprise(t.store.db, next, 1)).toBe(true);
    expect(await updateEnterprise(t.store.db, { ...next, version: 3 }, 1)).toBe(false);
    expect((await findEnterprise(t.store.db, a.id))?.name).toBe('甲矿业（新）');
  });

  it('lists within a scope, by region prefix, search and sort, with counts', async () => {
    const all = await listEnterprises(t.store.db, { scope: { all: true }, sort: 'name', limit: 10, offset: 0 });
    expect(all.total).toBe(2);
    const taiyuan = await listEnterprises(t.store.db, { scope: { all: false, regionPrefix: '1401' }, sort: 'name', limit: 10, offset: 0 });
    expect(taiyuan.items.map((e) => e.id)).toEqual([a.id]);
    const own = await listEnterprises(t.store.db, { scope: { all: false, enterpriseId: b.id }, sort: 'name', limit: 10, offset: 0 });
    expect(own.items.map((e) => e.id)).toEqual([b.id]);
    const q = await listEnterprises(t.store.db, { scope: { all: true }, q: '乙', sort: '-name', limit: 10, offset: 0 });
    expect(q.items.map((e) => e.id)).toEqual([b.id]);
  });

  it('round-trips a site with numbers, booleans and lists, by id or code', async () => {
    const s = site(a, 'TP-1');
    await insertSite(t.store.db, s);
    expect(await findSite(t.store.db, s.id)).toEqual(s);
    expect(await findSite(t.store.db, 'TP-1')).toEqual(s);
    expect(await updateSite(t.store.db, { ...s, headsUp: true, version: 2 }, 1)).toBe(true);
    expect((await findSite(t.store.db, s.id))?.headsUp).toBe(true);
    await insertSite(t.store.db, site(b, 'UG-1', { kind: 'underground', grade: null, damType: null }));
    await expect(insertSite(t.store.db, site(b, 'UG-1'))).rejects.toThrow();
    const ponds = await listSites(t.store.db, { scope: { all: true }, kind: 'tailings_pond', sort: 'code', limit: 10, offset: 0 });
    expect(ponds.items.map((x) => x.code)).toEqual(['TP-1']);
    expect(ponds.items[0]?.enterpriseName).toBe('甲矿业（新）');
    const scoped = await listSites(t.store.db, { scope: { all: false, regionPrefix: '1402' }, sort: '-code', limit: 10, offset: 0 });
    expect(scoped.items.map((x) => x.code)).toEqual(['UG-1']);
    const counted = await listEnterprises(t.store.db, { scope: { all: true }, sort: 'name', limit: 10, offset: 0 });
    expect(counted.items.map((e) => e.siteCount)).toEqual([1, 1]);
  });

  it('keeps the change log in order per record', async () => {
    for (const op of ['create', 'update', 'update']) {
      await appendChange(t.store.db, { actorId: 'u', actorName: '管理员', entity: 'site', entityId: 'x1', op, changes: { n: op }, originNode: 'n', at: 1 });
    }
    const rows = await listChanges(t.store.db, 'site', 'x1');
    expect(rows.map((r) => r.op)).toEqual(['update', 'update', 'create']);
    expect(rows[0]!.seq).toBeGreaterThan(rows[2]!.seq);
  });

  it('stores settings once and updates them', async () => {
    expect(await ensureSetting(t.store.db, 'k', 'v1', 1)).toBe('v1');
    expect(await ensureSetting(t.store.db, 'k', 'v2', 2)).toBe('v1');
    await putSetting(t.store.db, 'k', 'v3', 3);
    expect(await getSetting(t.store.db, 'k')).toBe('v3');
  });

  it('stores users and sessions; a revoked session no longer resolves', async () => {
    await insertUser(t.store.db, { id: 'u1', username: 'wang', password_hash: 'h', display_name: null, role: 'county_officer', region_code: '140105', enterprise_id: null, disabled: 0, created_at: 1, updated_at: 1, origin_node: 'n' });
    expect(await countUsers(t.store.db)).toBe(1);
    expect((await findUserByUsername(t.store.db, 'wang'))?.region_code).toBe('140105');
    expect((await listUsers(t.store.db, { all: false, regionPrefix: '1402' }, 10, 0)).total).toBe(0);
    await insertSession(t.store.db, { id: 's1', tokenHash: 'th', userId: 'u1', now: 10, expiresAt: 100 });
    expect((await findLiveSession(t.store.db, 'th', 50))?.username).toBe('wang');
    expect(await findLiveSession(t.store.db, 'th', 100)).toBeUndefined();
    expect(await revokeSession(t.store.db, 'th', 60)).toBe(1);
    expect(await findLiveSession(t.store.db, 'th', 61)).toBeUndefined();
  });
});
