import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { createTempPgDatabase } from '../support/pg.ts';
import { creditCode } from '../support/factories.ts';
import { call, kill, makeProc, sleep, startProc, startProxy, tempRoot, until, type ProcNode } from './harness.ts';

/**
 * Enterprise → county → city → province as four processes, with faults: the county (the enterprise's
 * parent) killed for a while, connections cut mid-request by a proxy, the enterprise SIGKILLed right
 * after a large write, clocks skewed. Afterwards the province holds exactly what the enterprise made.
 */
for (const store of ['sqlite', 'postgres'] as const) {
  describe(`four levels, province on ${store}`, () => {
    const root = tempRoot();
    const procs: ProcNode[] = [];
    let pg: Awaited<ReturnType<typeof createTempPgDatabase>> | null = null;
    let proxy: Awaited<ReturnType<typeof startProxy>> | null = null;
    afterAll(async () => {
      for (const p of procs) await kill(p, 'SIGKILL');
      await proxy?.close();
      await pg?.drop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('loses nothing, doubles nothing, and measures the outage', { timeout: 170_000 }, async () => {
      const fast = { heartbeatSec: 1, missedBeats: 2 };
      pg = store === 'postgres' ? await createTempPgDatabase() : null;
      const province = await makeProc('province', { KUANGAN_LEVEL: 'province', KUANGAN_REGION: '140000', ...(pg ? { DATABASE_URL: pg.url } : {}) }, root);
      procs.push(province);
      await call(province, 'PUT', '/api/v1/network/settings', fast);
      const cityReg = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'city', region: '140100' })).body;
      const city = await makeProc('city', { KUANGAN_LEVEL: 'city', KUANGAN_REGION: '140100', KUANGAN_UPSTREAM: province.url, KUANGAN_NODE_TOKEN: cityReg.token }, root);
      procs.push(city);
      await call(city, 'PUT', '/api/v1/network/settings', fast);
      const countyReg = (await call(city, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140105' })).body;
      const county = await makeProc('county', { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: city.url, KUANGAN_NODE_TOKEN: countyReg.token, KUANGAN_CLOCK_OFFSET_MS: '-30000' }, root);
      procs.push(county);
      await call(county, 'PUT', '/api/v1/network/settings', fast);
      const ent = (await call(county, 'POST', '/api/v1/enterprises', { name: '小店测试矿业', creditCode: creditCode(4242, '140105'), region: '140105' })).body;
      const entReg = (await call(county, 'POST', '/api/v1/network/nodes', { level: 'enterprise', enterprise: ent.id })).body;
      expect(entReg.token).toMatch(/^kn_/);
      proxy = await startProxy(() => county.port);
      const enterprise = await makeProc('enterprise', { KUANGAN_LEVEL: 'enterprise', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: proxy.url, KUANGAN_NODE_TOKEN: entReg.token, KUANGAN_CLOCK_OFFSET_MS: '90000' }, root);
      procs.push(enterprise);

      // Bootstrap: the enterprise node receives its own enterprise's record from the county.
      await until('bootstrap', async () => (await call(enterprise, 'GET', `/api/v1/enterprises/${ent.id}`)).status === 200);
      const site = await call(enterprise, 'POST', '/api/v1/sites', { code: 'XD-H-1', name: '测试尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id, damType: 'upstream', damHeight: 45, totalStorage: 1200 });
      expect(site.status).toBe(201);
      for (const code of ['WL1', 'WL2']) {
        const s = await call(enterprise, 'POST', '/api/v1/sites/XD-H-1/sensors', { code, kind: 'water_level', expectedIntervalSec: 1, thresholds: { direction: 'above', red: 1000 } });
        expect(s.status).toBe(201);
      }

      const count = async (n: ProcNode, code: string) => (await call(n, 'GET', `/api/v1/sites/XD-H-1/sensors/${code}/readings?from=${base}&to=${base + 7_200_000}&limit=100000`)).body?.items?.length ?? 0;
      let produced = 0;
      const base = Date.now() - 3_600_000;
      const produce = async (n: number) => {
        const readings = Array.from({ length: n }, () => {
          const i = produced++;
          return { site: 'XD-H-1', sensor: i % 2 ? 'WL2' : 'WL1', ts: base + Math.floor(i / 2) * 1000, value: 100 + (i % 50) / 10 };
        });
        // A node busy at its writer answers 429/503 and is asked again, as any sender would.
        let r = await call(enterprise, 'POST', '/api/v1/telemetry', { readings });
        for (let i = 0; i < 50 && (r.status === 429 || r.status === 503); i++) {
          await sleep(200);
          r = await call(enterprise, 'POST', '/api/v1/telemetry', { readings });
        }
        expect(r.body?.accepted, JSON.stringify(r)).toBe(n);
      };

      await produce(200);
      // Fault 1: the county is down for a while; the enterprise keeps working and buffering.
      await until('county sees the enterprise', async () => (await call(county, 'GET', '/api/v1/network/nodes')).body.items[0]?.online);
      await sleep(1500);
      const downAt = Date.now();
      await kill(county);
      await produce(200);
      await sleep(5000);
      await startProc(county);
      const upAt = Date.now();

      // Fault 2: every connection cut on a timer, and some after a random number of bytes, while data
      // flows (retries deliver the same batches again: duplicates).
      // First the line is back (the enterprise's retries back off while the county is down).
      await until('province holds the readings made so far', async () => (await count(province, 'WL1')) + (await count(province, 'WL2')) === produced, 60_000);
      proxy.cutting.p = 0.5;
      const stopCutting = proxy.cutEvery(300);
      for (let i = 0; i < 24; i++) {
        if (i % 4 === 0) await produce(500);
        await sleep(250);
      }
      stopCutting();
      proxy.cutting.p = 0;
      expect(proxy.cuts()).toBeGreaterThanOrEqual(8);
      expect(proxy.midStreamCuts()).toBeGreaterThan(0);
      const cutsSeen = proxy.cuts();

      // Fault 3: the enterprise is SIGKILLed right after a large write, mid-batch, and restarted.
      await produce(3000);
      await sleep(150);
      await kill(enterprise);
      await startProc(enterprise);
      await produce(200);

      await until('province holds every reading', async () => (await count(province, 'WL1')) + (await count(province, 'WL2')) === produced, 90_000);

      // Dropout: the city measured the county's outage; the figure is forwarded to the province too.
      const trueMs = upAt - downAt;
      for (const n of [city, province]) {
        const h = await until(`health at ${n.name}`, async () => {
          const r = await call(n, 'GET', `/api/v1/network/health?node=${countyReg.id}&from=${downAt - 60_000}&to=${Date.now()}`);
          return r.status === 200 && r.body.offlineMs > 0 && r.body;
        });
        expect(Math.abs(h.offlineMs - trueMs)).toBeLessThan(3000);
        console.log(`${store}: county outage ${trueMs} ms; dropout measured at ${n.name}: ${h.offlineMs} ms, rate ${h.dropoutRate.toFixed(3)} over ${h.observedMs} ms`);
      }
      // The county, down itself, still counts the enterprise's silence as an outage once it hears from it again.
      const atCounty = await until('health of the enterprise at the county', async () => {
        // Up to shortly after the restart (the later cutting window has outages of its own), on the county's skewed clock.
        const r = await call(county, 'GET', `/api/v1/network/health?node=${entReg.id}&from=${downAt - 60_000 - 30_000}&to=${upAt + 2000 - 30_000}`);
        return r.status === 200 && r.body.offlineMs > 0 && r.body;
      });
      expect(Math.abs(atCounty.offlineMs - trueMs)).toBeLessThan(3000);
      console.log(`${store}: enterprise silent at the county for ${atCounty.offlineMs} ms (county down ${trueMs} ms)`);
      // The offline alarm names the node, not a site, at the city that raised it and at the province.
      for (const n of [city, province]) {
        const a = await until(`network alarm at ${n.name}`, async () => (await call(n, 'GET', '/api/v1/alarms?kind=network')).body?.items?.[0]);
        expect(a).toMatchObject({ kind: 'network', site: null, siteId: null, node: countyReg.id, enterprise: null });
        expect(a.message).toContain(countyReg.name);
      }
      console.log(`${store}: ${produced} readings, ${cutsSeen} connections cut (${proxy.midStreamCuts()} mid-stream)`);
      await sleep(3000);

      // Exact comparison of the stores: every reading once, every site, sensor and alarm of the enterprise.
      for (const p of procs) await kill(p, 'SIGTERM');
      const e = openStore({ dataDir: enterprise.dataDir });
      const p = openStore({ dataDir: province.dataDir, databaseUrl: pg?.url });
      try {
        const readings = async (s: typeof e) =>
          (await s.db.selectFrom('readings').innerJoin('sensors', 'sensors.key', 'readings.sensor_key').select(['sensors.id', 'readings.ts', 'readings.value']).execute())
            .map((r) => `${r.id}|${Number(r.ts)}|${r.value}`)
            .sort();
        const er = await readings(e);
        const pr = await readings(p);
        expect(er.length).toBe(produced);
        expect(pr).toEqual(er);
        const origin = (await e.db.selectFrom('settings').select('value').where('key', '=', 'node.id').executeTakeFirstOrThrow()).value;
        for (const table of ['sites', 'sensors', 'alarms'] as const) {
          const ids = async (s: typeof e) => (await s.db.selectFrom(table).select('id').where('origin_node', '=', origin).execute()).map((r) => r.id).sort();
          expect(await ids(p), table).toEqual(await ids(e));
        }
        const siteAtProvince = await p.db.selectFrom('sites').select(['code', 'origin_node']).where('code', '=', 'XD-H-1').executeTakeFirstOrThrow();
        expect(siteAtProvince.origin_node).toBe(origin);
      } finally {
        await e.close();
        await p.close();
      }
    });
  });
}
