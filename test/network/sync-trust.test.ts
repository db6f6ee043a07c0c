import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../src/services/audit/verify.ts';
import { createTempPgDatabase } from '../support/pg.ts';
import { creditCode } from '../support/factories.ts';
import { call, kill, makeProc, tempRoot, until, type ProcNode } from './harness.ts';

/**
 * A child node may only write what it owns: records created by itself or a node below it, inside its
 * scope before and after the change, never moved. A province and a county run as real processes
 * (the county's records arrive through its uplink); a second county's token is used as an attacker
 * inside the hierarchy would, pushing forged rows to the province's /sync.
 */
for (const store of ['sqlite', 'postgres'] as const) {
  describe(`a child node writes only what it owns (province on ${store})`, () => {
    const root = tempRoot();
    const procs: ProcNode[] = [];
    let pg: Awaited<ReturnType<typeof createTempPgDatabase>> | null = null;
    afterAll(async () => {
      for (const p of procs) await kill(p, 'SIGKILL');
      await pg?.drop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('refuses rewrites of other regions, other nodes and node credentials, and keeps the real uplink working', { timeout: 120_000 }, async () => {
      pg = store === 'postgres' ? await createTempPgDatabase() : null;
      const province = await makeProc('province', { KUANGAN_LEVEL: 'province', KUANGAN_REGION: '140000', ...(pg ? { DATABASE_URL: pg.url } : {}) }, root);
      procs.push(province);

      // County 140827 runs its own node; its site reaches the province through the uplink.
      const regA = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140827' })).body;
      const countyA = await makeProc('countyA', { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140827', KUANGAN_UPSTREAM: province.url, KUANGAN_NODE_TOKEN: regA.token }, root);
      procs.push(countyA);
      const entA = (await call(countyA, 'POST', '/api/v1/enterprises', { name: '垣曲测试矿业', creditCode: creditCode(8271, '140827'), region: '140827' })).body;
      const siteA = (await call(countyA, 'POST', '/api/v1/sites', { code: 'YQ-1', name: '垣曲一号尾矿库', kind: 'tailings_pond', region: '140827', enterprise: entA.id, damHeight: 40, totalStorage: 500 })).body;
      expect(siteA.id).toBeTruthy();
      await until('county A site at the province', async () => (await call(province, 'GET', '/api/v1/sites/YQ-1')).status === 200);

      // The province's own pond in 140181 with a red alarm open.
      const entP = (await call(province, 'POST', '/api/v1/enterprises', { name: '古交测试矿业', creditCode: creditCode(1811, '140181'), region: '140181' })).body;
      await call(province, 'POST', '/api/v1/sites', { code: 'GJ-1', name: '古交尾矿库', kind: 'tailings_pond', region: '140181', enterprise: entP.id, damHeight: 40, totalStorage: 500 });
      expect((await call(province, 'POST', '/api/v1/sites/GJ-1/sensors', { code: 'WL1', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 100 } })).status).toBe(201);
      expect((await call(province, 'POST', '/api/v1/telemetry', { readings: [{ site: 'GJ-1', sensor: 'WL1', ts: Date.now(), value: 150 }] })).body.accepted).toBe(1);
      const alarm = await until('red alarm at the province', async () => (await call(province, 'GET', '/api/v1/alarms?site=GJ-1')).body.items?.find((a: { level: string }) => a.level === 'red'));

      // A third county's node, revoked.
      const regC = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140181' })).body;
      expect((await call(province, 'POST', `/api/v1/network/nodes/${regC.id}/revoke`)).status).toBe(200);

      // The attacker: county 140923's token.
      const regB = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140923' })).body;
      const attackerId = '01900000-0000-7000-8000-00000000b0b0';
      const db = await rawRows(province, store, pg?.url);
      let seq = 0;
      const push = async (items: { entity: string; id: string; row: Record<string, unknown> }[]) => {
        const from = seq;
        seq += items.length;
        const body = { node: attackerId, stream: 'records', from, to: seq, items: items.map((it, i) => ({ seq: from + i + 1, origin: it.row.origin_node ?? null, version: Number(it.row.version ?? 1), ...it })) };
        const r = await call(province, 'POST', '/api/v1/sync/push', body, regB.token);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        return r.body as { applied: number; refused: { seq: number; entity: string; reason: string }[] };
      };

      const site = await db.row('sites', siteA.id);
      const moved = await push([{ entity: 'site', id: siteA.id, row: { ...site, region_code: '140923', name: '被改名', version: Number(site.version) + 5 } }]);
      expect(moved.applied).toBe(0);
      expect(moved.refused[0]!.reason).toMatch(/scope|belongs|move/);
      // Claiming the site as its own does not help either.
      const claimed = await push([{ entity: 'site', id: siteA.id, row: { ...site, name: '被改名', origin_node: attackerId, version: Number(site.version) + 6 } }]);
      expect(claimed.applied).toBe(0);
      expect((await call(province, 'GET', '/api/v1/sites/YQ-1')).body).toMatchObject({ region: '140827', name: '垣曲一号尾矿库' });

      const alarmRow = await db.row('alarms', alarm.id);
      const closed = await push([{ entity: 'alarm', id: alarm.id, row: { ...alarmRow, state: 'closed', closed_at: Date.now(), updated_at: Number(alarmRow.updated_at) + 1000 } }]);
      expect(closed.applied).toBe(0);
      expect((await call(province, 'GET', `/api/v1/alarms/${alarm.id}`)).body.state).toBe('open');

      const ent = await db.row('enterprises', entA.id);
      const renamed = await push([{ entity: 'enterprise', id: entA.id, row: { ...ent, name: '被改名矿业', version: Number(ent.version) + 5 } }]);
      expect(renamed.applied).toBe(0);
      expect((await call(province, 'GET', `/api/v1/enterprises/${entA.id}`)).body.name).toBe('垣曲测试矿业');

      const nodeC = await db.row('net_nodes', regC.id);
      const unrevoked = await push([{ entity: 'node', id: regC.id, row: { ...nodeC, revoked_at: null, version: Number(nodeC.version) + 5 } }]);
      expect(unrevoked.applied).toBe(0);
      expect((await call(province, 'GET', '/api/v1/regions?parent=140000', undefined, regC.token)).status).toBe(401);

      // A new record of the attacker's own, in its own county, with a field the table does not have.
      const bogus = await push([{ entity: 'enterprise', id: '01900000-0000-7000-8000-0000000000e1', row: { id: '01900000-0000-7000-8000-0000000000e1', name: 'x', credit_code: creditCode(9231, '140923'), region_code: '140923', bogus_col: 1, version: 1, origin_node: attackerId, created_at: 1, updated_at: 1 } }]);
      expect(bogus.refused[0]!.reason).toContain('bogus_col');
      expect(bogus.refused[0]!.reason).not.toMatch(/table|column|SQL|sqlite|relation/i);

      // The honest line still works: county A's next site arrives.
      expect((await call(countyA, 'POST', '/api/v1/sites', { code: 'YQ-2', name: '垣曲二号尾矿库', kind: 'tailings_pond', region: '140827', enterprise: entA.id, damHeight: 20, totalStorage: 50 })).status).toBe(201);
      await until('county A second site at the province', async () => (await call(province, 'GET', '/api/v1/sites/YQ-2')).status === 200);
      // And the refusals are kept with their reasons.
      const q = (await call(province, 'GET', `/api/v1/network/quarantine?node=${regB.id}`)).body.items;
      expect(q.length).toBeGreaterThanOrEqual(5);
      // County A's change log arrived as its own chain and verifies at the province, beside the province's.
      const countyId = (await call(province, 'GET', '/api/v1/network/nodes')).body.items.find((n: { id: string }) => n.id === regA.id).remoteId;
      await until('county A chain at the province', async () => (await db.verify()).chains.some((c) => c.origin === countyId && c.checked >= 3));
      const v = await db.verify();
      expect(v.ok, JSON.stringify(v.chains)).toBe(true);
      await db.close();
    });
  });
}

/** Reads the province's stored rows directly (what a child's uplink would have sent as snapshots). */
async function rawRows(n: ProcNode, store: 'sqlite' | 'postgres', url?: string) {
  const { openStore } = await import('../../src/store/db.ts');
  const s = openStore({ dataDir: n.dataDir, databaseUrl: store === 'postgres' ? url : undefined });
  return {
    async row(table: string, id: string): Promise<Record<string, any>> {
      const r = await s.db.selectFrom(table as 'sites').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const out: Record<string, unknown> = { ...r };
      delete out.token_hash;
      return out;
    },
    async verify() {
      const self = (await s.db.selectFrom('settings').select('value').where('key', '=', 'node.id').executeTakeFirstOrThrow()).value;
      return verifyChains(s.db, self);
    },
    close: () => s.close(),
  };
}
