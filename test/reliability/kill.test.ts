import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempPgDatabase } from '../support/pg.ts';
import { creditCode } from '../support/factories.ts';
import { call, kill, makeProc, sleep, startProc, tempRoot, type ProcNode } from '../network/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Kills per store: a few in `npm test`, many in `npm run soak`. */
const KILLS = Number(process.env.KUANGAN_SOAK_KILLS ?? 2);

/**
 * SIGKILL at a random moment while records (sites, each with its audit entry) and readings are being
 * written: after the restart every acknowledged record and reading is there, and the change log's
 * chain verifies. What was not acknowledged may or may not be there; nothing is there twice.
 */
for (const store of ['sqlite', 'postgres'] as const) {
  describe(`killed while writing (${store})`, () => {
    const root = tempRoot();
    let proc: ProcNode | null = null;
    let pg: Awaited<ReturnType<typeof createTempPgDatabase>> | null = null;
    afterAll(async () => {
      if (proc) await kill(proc);
      await pg?.drop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it(`keeps every acknowledged write through ${KILLS} kills`, { timeout: 60_000 + KILLS * 40_000 }, async () => {
      pg = store === 'postgres' ? await createTempPgDatabase() : null;
      const env = { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140105', ...(pg ? { DATABASE_URL: pg.url } : {}) };
      proc = await makeProc('node', env, root);
      const p = proc;
      const ent = (await call(p, 'POST', '/api/v1/enterprises', { name: '断电测试矿业', creditCode: creditCode(5150, '140105'), region: '140105' })).body;
      await call(p, 'POST', '/api/v1/sites', { code: 'K-0', name: '断电测试尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id });
      expect((await call(p, 'POST', '/api/v1/sites/K-0/sensors', { code: 'WL1', kind: 'water_level', expectedIntervalSec: 60, thresholds: { direction: 'above', red: 1e9 } })).status).toBe(201);

      const ackedSites = new Set<string>();
      const ackedTs = new Set<number>();
      const base = Date.now() - 3 * 86_400_000; // readings stay in the past through many kills
      let n = 0;
      let t = 0;
      for (let round = 0; round < KILLS; round++) {
        let running = true;
        const writer = async (w: number) => {
          while (running) {
            try {
              if (w === 0) {
                const code = `K-${++n}`;
                const r = await call(p, 'POST', '/api/v1/sites', { code, name: `尾矿库${n}`, kind: 'tailings_pond', region: '140105', enterprise: ent.id });
                if (r.status === 201) ackedSites.add(code);
              } else {
                const batch = Array.from({ length: 200 }, () => base + ++t * 1000);
                const r = await call(p, 'POST', '/api/v1/telemetry', { readings: batch.map((ts) => ({ site: 'K-0', sensor: 'WL1', ts, value: ts % 97 })) });
                if (r.status === 200 && r.body.accepted + r.body.duplicates === batch.length) for (const ts of batch) ackedTs.add(ts);
              }
            } catch {
              return; // the process is gone mid-request: that write was never acknowledged
            }
          }
        };
        const writers = [0, 1, 2].map(writer);
        await sleep(800 + Math.random() * 1500);
        await kill(p, 'SIGKILL');
        running = false;
        await Promise.all(writers);
        await startProc(p);
        const sites = new Set<string>();
        for (let offset = 0; ; offset += 1000) {
          const page = (await call(p, 'GET', `/api/v1/sites?limit=1000&offset=${offset}&sort=code`)).body as { items: { code: string }[]; total: number };
          for (const s of page.items) sites.add(s.code);
          if (page.items.length === 0 || offset + page.items.length >= page.total) break;
        }
        expect(sites.size, 'sites listed, paging through all of them').toBeGreaterThan(ackedSites.size);
        for (const code of ackedSites) expect(sites.has(code), `site ${code} acknowledged before kill ${round + 1}`).toBe(true);
        const readings = (await call(p, 'GET', `/api/v1/sites/K-0/sensors/WL1/readings?from=${base}&to=${base + (t + 1) * 1000}&limit=100000`)).body.items as { ts: number }[];
        const stored = new Set(readings.map((r) => r.ts));
        expect(stored.size, 'no reading stored twice').toBe(readings.length);
        const lost = [...ackedTs].filter((ts) => !stored.has(ts));
        expect(lost, `acknowledged readings lost at kill ${round + 1}`).toEqual([]);
        console.log(`${store}: kill ${round + 1}: ${ackedSites.size} sites and ${ackedTs.size} readings acknowledged so far, all present`);
      }
      await kill(p, 'SIGTERM');
      const v = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kuangan.js'), 'audit', 'verify'], { cwd: ROOT, env: { ...process.env, KUANGAN_DATA_DIR: p.dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) }, encoding: 'utf8' });
      expect(v.status, v.stdout + v.stderr).toBe(0);
      await startProc(p);
    });
  });
}
