import type { Principal } from '../domain/access/policy.ts';
import type { Role } from '../domain/access/roles.ts';
import type { Node } from '../node.ts';
import { findUserByUsername } from '../store/repos/users.ts';
import { DEMO_ENTERPRISES } from './registry-data.ts';

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A well-formed unified social credit code (GB 32100-2015) for a demo enterprise. */
export function demoCreditCode(region: string, n: number): string {
  const body = `91${region}MA0${String(n).padStart(6, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + CHARS.indexOf(c) * WEIGHTS[i]!, 0);
  return body + CHARS[(31 - (sum % 31)) % 31];
}

export const DEMO_PASSWORD = 'Demo2026ka';
const SEEDER: Principal = { kind: 'user', id: 'system', name: '演示数据', role: 'admin', regionCode: null, enterpriseId: null };

export interface SeedResult {
  enterprises: number;
  sites: number;
  users: { username: string; role: Role; scope: string }[];
}

/** Loads the demo registry and one account per role; does nothing when the registry is not empty. */
export async function seedDemoRegistry(node: Node): Promise<SeedResult | null> {
  const existing = await node.services.enterprises.list(SEEDER, { sort: 'name', limit: 1, offset: 0 });
  if (existing.total > 0) return null;
  const ids = new Map<string, string>();
  let sites = 0;
  for (const [i, e] of DEMO_ENTERPRISES.entries()) {
    const created = await node.services.enterprises.create(SEEDER, {
      name: e.name,
      creditCode: demoCreditCode(e.region, i + 1),
      region: e.region,
      address: e.address,
      principal: { name: e.principal, phone: `139${String(10000000 + i * 7919).slice(0, 8)}` },
      safetyOfficer: { name: e.safetyOfficer, phone: `137${String(20000000 + i * 6133).slice(0, 8)}` },
    });
    ids.set(e.key, created.id);
    for (const s of e.sites) {
      await node.services.sites.create(SEEDER, { ...s, region: e.region, enterprise: created.id });
      sites++;
    }
  }
  const accounts: { username: string; role: Role; region?: string; enterprise?: string; displayName: string; scope: string }[] = [
    { username: 'sheng', role: 'province_officer', region: '140000', displayName: '省应急管理厅 监管员', scope: '山西省' },
    { username: 'xinzhou', role: 'city_officer', region: '140900', displayName: '忻州市应急管理局 监管员', scope: '忻州市' },
    { username: 'daixian', role: 'county_officer', region: '140923', displayName: '代县应急管理局 监管员', scope: '代县' },
    { username: 'zhifa', role: 'inspector', region: '140900', displayName: '忻州市 执法人员', scope: '忻州市' },
    { username: 'zhuanjia', role: 'expert', region: '140000', displayName: '尾矿库专家', scope: '山西省' },
    { username: 'jinling', role: 'enterprise_principal', enterprise: ids.get('dx-iron'), displayName: '王建国', scope: '代县金岭矿业有限公司' },
    { username: 'jinling_aq', role: 'enterprise_safety_officer', enterprise: ids.get('dx-iron'), displayName: '李志强', scope: '代县金岭矿业有限公司' },
  ];
  const users: SeedResult['users'] = [];
  for (const a of accounts) {
    if (await findUserByUsername(node.store.db, a.username)) continue;
    await node.services.users.create(null, { username: a.username, password: DEMO_PASSWORD, role: a.role, region: a.region, enterprise: a.enterprise, displayName: a.displayName });
    users.push({ username: a.username, role: a.role, scope: a.scope });
  }
  return { enterprises: DEMO_ENTERPRISES.length, sites, users };
}
