import type { TestNode } from './node.ts';

/** Builds valid unified social credit codes (GB 32100-2015) for tests: 17 characters + check digit. */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function creditCode(seed: number, region = '140105'): string {
  const org = String(seed).padStart(8, '0').slice(-8) + 'X';
  const body = `91${region}${org}`;
  const sum = [...body].reduce((s, c, i) => s + CHARS.indexOf(c) * WEIGHTS[i]!, 0);
  return body + CHARS[(31 - (sum % 31)) % 31];
}

let seq = 1;

export async function makeEnterprise(t: TestNode, token: string, over: Record<string, unknown> = {}) {
  const region = (over.region as string) ?? '140105';
  const r = await t.req('POST', '/api/v1/enterprises', {
    token,
    body: { name: `测试矿业有限公司${seq}`, creditCode: creditCode(seq++, region), region, principal: { name: '张三', phone: '13800000000' }, ...over },
  });
  if (r.status !== 201) throw new Error(`enterprise: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; region: string; creditCode: string; version: number };
}

export async function makeSite(t: TestNode, token: string, enterprise: { id: string; region: string }, over: Record<string, unknown> = {}) {
  const r = await t.req('POST', '/api/v1/sites', {
    token,
    body: { code: `S${Date.now() % 1e6}${seq++}`, name: `测试尾矿库${seq}`, kind: 'tailings_pond', region: enterprise.region, enterprise: enterprise.id, damType: 'upstream', damHeight: 45, totalStorage: 1200, status: 'producing', ...over },
  });
  if (r.status !== 201) throw new Error(`site: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; code: string; region: string; grade: number | null; version: number };
}

export async function makeUser(t: TestNode, token: string, body: { username: string; role: string; region?: string; enterprise?: string }, password = 'Passw0rd1') {
  const r = await t.req('POST', '/api/v1/users', { token, body: { password, ...body } });
  if (r.status !== 201) throw new Error(`user: ${r.status} ${JSON.stringify(r.body)}`);
  return { ...(r.body as { id: string }), token: await t.login(body.username, password) };
}
