import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode } from '../support/node.ts';
import { createTempPgDatabase } from '../support/pg.ts';
import { STORE_KINDS } from '../support/stores.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const kuangan = (args: string[], env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kuangan.js'), ...args], { cwd: ROOT, env: { ...process.env, KUANGAN_LOG_LEVEL: 'silent', ...env }, encoding: 'utf8' });

/** `kuangan backup` then `kuangan restore` into an empty store: the same records and files, and the change log's chains verify. */
for (const kind of STORE_KINDS) describe(`backup and restore (${kind})`, () => {
  it('round-trips records, files and a verifying change log', { timeout: 120_000 }, async () => {
    const t = await makeTestNode(kind);
    const target = kind === 'postgres' ? await createTempPgDatabase() : null;
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-backup-'));
    const restoreDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-restore-'));
    try {
      const ent = await makeEnterprise(t, t.adminToken);
      for (let i = 0; i < 3; i++) await makeSite(t, t.adminToken, ent);
      const site = await makeSite(t, t.adminToken, ent);
      const up = await t.req('POST', `/api/v1/files?site=${site.code}&name=photo.pdf`, { token: t.adminToken, body: Buffer.from('%PDF-1.4 现场检查记录'), headers: { 'content-type': 'application/pdf' } });
      expect(up.status).toBe(201);
      const counts = async (db: ReturnType<typeof openStore>['db']) => ({
        sites: Number((await db.selectFrom('sites').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        changes: Number((await db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      });
      const before = await counts(t.node.store.db);
      const source = { KUANGAN_DATA_DIR: t.node.config.dataDir, DATABASE_URL: t.node.config.databaseUrl };
      const b = kuangan(['backup', backupDir], source);
      expect(b.status, b.stderr).toBe(0);

      const dest = { KUANGAN_DATA_DIR: restoreDir, DATABASE_URL: target?.url };
      const r = kuangan(['restore', backupDir], dest);
      expect(r.status, r.stderr).toBe(0);
      const v = kuangan(['audit', 'verify'], dest);
      expect(v.status, v.stdout + v.stderr).toBe(0);
      expect(v.stdout).toMatch(/verify: \d+ entries/);

      const restored = openStore({ dataDir: restoreDir, databaseUrl: target?.url });
      try {
        expect(await counts(restored.db)).toEqual(before);
      } finally {
        await restored.close();
      }
      const stored = fs.readdirSync(path.join(t.node.config.dataDir, 'files'), { recursive: true }).length;
      expect(stored).toBeGreaterThan(0);
      expect(fs.readdirSync(path.join(restoreDir, 'files'), { recursive: true }).length).toBe(stored);
    } finally {
      await t.cleanup();
      await target?.drop();
      fs.rmSync(backupDir, { recursive: true, force: true });
      fs.rmSync(restoreDir, { recursive: true, force: true });
    }
  });
});
