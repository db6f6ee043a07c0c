import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { creditCode } from '../support/factories.ts';
import { createTempPgDatabase } from '../support/pg.ts';
import { STORE_KINDS } from '../support/stores.ts';

const PASSWORD = 'Admin12345';

async function call(s: RunningServer, method: string, url: string, token?: string, body?: unknown) {
  const res = await fetch(s.url + url, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const login = async (s: RunningServer) => (await call(s, 'POST', '/api/v1/auth/login', undefined, { username: 'admin', password: PASSWORD })).body.token as string;
async function until<T>(fn: () => Promise<T | undefined | null | false>, ms = 20000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 150));
  }
}

for (const kind of STORE_KINDS) {
  describe(`enforcement records travel upward (${kind}: province ← county)`, () => {
    const dirs: string[] = [];
    const drops: (() => Promise<void>)[] = [];
    let province: RunningServer;
    let county: RunningServer;
    let pTok: string;
    let cTok: string;

    beforeAll(async () => {
      const dir = () => {
        const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-enf-'));
        dirs.push(d);
        return d;
      };
      const db = async () => {
        if (kind === 'sqlite') return undefined;
        const pg = await createTempPgDatabase();
        drops.push(pg.drop);
        return pg.url;
      };
      province = await startServer({ dataDir: dir(), databaseUrl: await db(), adminPassword: PASSWORD, level: 'province', region: '140000', logLevel: 'silent' });
      pTok = await login(province);
      const reg = await call(province, 'POST', '/api/v1/network/nodes', pTok, { level: 'county', region: '140923' });
      expect(reg.status).toBe(201);
      county = await startServer({ dataDir: dir(), databaseUrl: await db(), adminPassword: PASSWORD, level: 'county', region: '140923', upstream: province.url, nodeToken: reg.body.token, logLevel: 'silent' });
      cTok = await login(county);
    });
    afterAll(async () => {
      await county?.close();
      await province?.close();
      for (const d of drops) await d();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    });

    it('forwards licences, scores, cases and completed inspections with their history; the province may not act on them', async () => {
      const ent = await call(county, 'POST', '/api/v1/enterprises', cTok, { name: '代县同步矿业', creditCode: creditCode(9301, '140923'), region: '140923' });
      const site = await call(county, 'POST', '/api/v1/sites', cTok, { code: `DX-SYNC-${kind}`, name: '同步尾矿库', kind: 'tailings_pond', region: '140923', enterprise: ent.body.id, damType: 'upstream', damHeight: 30, totalStorage: 300, status: 'producing' });
      expect(site.status).toBe(201);
      const lic = await call(county, 'POST', '/api/v1/licences', cTok, { enterprise: ent.body.id, number: `(晋)FM安许证字〔2025〕${kind}`, issuedAt: '2025-01-01' });
      await call(county, 'POST', `/api/v1/licences/${lic.body.id}/suspend`, cTok, { reason: '排洪设施失效', conditions: '修复排洪设施' });
      const score = await call(county, 'POST', '/api/v1/scores', cTok, { enterprise: ent.body.id, person: { name: '孙八' }, points: 6, reason: '未落实隐患排查' });
      const kase = await call(county, 'POST', '/api/v1/cases', cTok, { kind: 'falsified_drawings', title: '图纸造假', enterprise: ent.body.id });
      const insp = await call(county, 'POST', '/api/v1/inspections', cTok, { site: site.body.id, kind: 'planned' });
      await call(county, 'POST', `/api/v1/inspections/${insp.body.id}/findings`, cTok, { description: '干滩长度不足', grade: 'general', deadline: '2026-12-31' });
      const done = await call(county, 'POST', `/api/v1/inspections/${insp.body.id}/complete`, cTok, {});
      expect(done.body.recordNumber).toMatch(/^140923〔/);
      const pen = await call(county, 'POST', '/api/v1/penalties', cTok, { enterprise: ent.body.id, inspection: insp.body.id, kind: 'fine', violation: '干滩长度不足', basis: { law: '《中华人民共和国安全生产法》', article: '第九十九条' }, amount: 20000 });
      expect(pen.status).toBe(201);
      await call(county, 'POST', `/api/v1/penalties/${pen.body.id}/notify`, cTok, { document: '送达回证' });
      const duty = await call(county, 'POST', '/api/v1/enforcement/responsibility', cTok, { site: site.body.id, role: 'commissioner', name: '周专员', post: '代县应急管理局', startsOn: '2026-01-01' });
      expect(duty.status).toBe(201);

      const l = await until(async () => {
        const r = await call(province, 'GET', `/api/v1/licences/${lic.body.id}`, pTok);
        return r.status === 200 && r.body.state === 'suspended' && r.body;
      });
      expect(l.conditions).toBe('修复排洪设施');
      const h = await until(async () => {
        const r = await call(province, 'GET', `/api/v1/licences/${lic.body.id}/history`, pTok);
        return r.body?.items?.length === 2 && r.body;
      });
      expect(h.items.map((a: { action: string }) => a.action)).toEqual(['create', 'suspend']);
      const sum = await until(async () => {
        const r = await call(province, 'GET', `/api/v1/scores/summary?enterprise=${ent.body.id}`, pTok);
        return r.body?.items?.length === 1 && r.body;
      });
      expect(sum.items[0]).toMatchObject({ person: score.body.person, total: 6 });
      await until(async () => (await call(province, 'GET', `/api/v1/cases/${kase.body.id}`, pTok)).status === 200);
      const i = await until(async () => {
        const r = await call(province, 'GET', `/api/v1/inspections/${insp.body.id}`, pTok);
        return r.status === 200 && r.body.state === 'completed' && r.body.findings.length === 1 && r.body;
      });
      expect(i.recordNumber).toBe(done.body.recordNumber);
      const p = await until(async () => {
        const r = await call(province, 'GET', `/api/v1/penalties/${pen.body.id}`, pTok);
        return r.status === 200 && r.body.state === 'notified' && r.body.history.length === 2 && r.body;
      });
      expect(p).toMatchObject({ number: pen.body.number, amount: 20000, basis: { article: '第九十九条' } });
      expect((await call(province, 'POST', `/api/v1/penalties/${pen.body.id}/pay`, pTok, {})).body.error.code).toBe('owned_elsewhere');
      await until(async () => (await call(province, 'GET', `/api/v1/enforcement/responsibility/${duty.body.id}`, pTok)).body?.name === '周专员');
      const gaps = await call(province, 'GET', '/api/v1/enforcement/responsibility/gaps?region=140923', pTok);
      expect(gaps.body.items.filter((g: { site: string }) => g.site === site.body.id).map((g: { missing: string }) => g.missing)).toEqual(['leader']);
      // Records stay with the node that keeps them.
      const act = await call(province, 'POST', `/api/v1/licences/${lic.body.id}/reinstate`, pTok, { reason: '省级恢复' });
      expect(act.status).toBe(409);
      expect(act.body.error.code).toBe('owned_elsewhere');
      const q = await call(province, 'GET', '/api/v1/network/quarantine', pTok);
      const refused = q.body.items.filter((x: { entity: string }) => /licence|score|case|inspection|enforcement|person|penalty|responsibility/.test(x.entity));
      expect(refused.map((x: { entity: string; reason: string }) => `${x.entity}: ${x.reason}`)).toEqual([]);
    });
  });
}
