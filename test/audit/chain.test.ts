import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../src/services/audit/verify.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The change log is a hash chain per node: every change is linked, and tampering is named. */
for (const kind of STORE_KINDS) describe(`tamper-evident change log (${kind})`, () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode(kind);
    // Concurrent writers append to one chain without forking it.
    const ents = await Promise.all(Array.from({ length: 12 }, () => makeEnterprise(t, t.adminToken)));
    await Promise.all(ents.map((e) => makeSite(t, t.adminToken, e)));
  });
  afterAll(() => t?.cleanup());

  const db = () => t.node.store.db;
  const verify = () => verifyChains(db(), t.node.deps.nodeId);

  it('links every change of this node into one chain that verifies', async () => {
    const r = await verify();
    expect(r.ok).toBe(true);
    const mine = r.chains.find((c) => c.origin === t.node.deps.nodeId)!;
    // The first admin, 12 enterprises, 12 sites.
    expect(mine.checked).toBeGreaterThanOrEqual(25);
    const seqs = (await db().selectFrom('change_log').select('node_seq').where('origin_node', '=', t.node.deps.nodeId).orderBy('node_seq').execute()).map((r) => Number(r.node_seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('names an edited entry, then a deleted one, then one inserted out of place', async () => {
    const entry = (n: number) => db().selectFrom('change_log').selectAll().where('origin_node', '=', t.node.deps.nodeId).where('node_seq', '=', n).executeTakeFirstOrThrow();
    const fifth = await entry(5);
    await db().updateTable('change_log').set({ changes: '{"name":"篡改"}' }).where('id', '=', fifth.id).execute();
    expect((await verify()).chains.find((c) => c.origin === t.node.deps.nodeId)!.firstBad).toMatchObject({ nodeSeq: 5, id: fifth.id, problem: 'edited' });
    await db().updateTable('change_log').set({ changes: fifth.changes }).where('id', '=', fifth.id).execute();
    expect((await verify()).ok).toBe(true);

    const seventh = await entry(7);
    await db().deleteFrom('change_log').where('id', '=', seventh.id).execute();
    expect((await verify()).chains.find((c) => c.origin === t.node.deps.nodeId)!.firstBad).toMatchObject({ nodeSeq: 7, problem: 'missing' });
    const { seq: _seq, ...rest } = seventh;
    await db().insertInto('change_log').values(rest).execute();
    expect((await verify()).ok).toBe(true);

    const last = await db().selectFrom('change_chain').select(['node_seq']).where('origin_node', '=', t.node.deps.nodeId).executeTakeFirstOrThrow();
    await db().deleteFrom('change_log').where('origin_node', '=', t.node.deps.nodeId).where('node_seq', '=', Number(last.node_seq)).execute();
    expect((await verify()).chains.find((c) => c.origin === t.node.deps.nodeId)!.firstBad).toMatchObject({ problem: 'missing' });
  });

  if (kind === 'sqlite') {
    it('`kuangan audit verify` exits 0 on an intact log and 1 naming the entry when one was edited', async () => {
      const fresh = await makeTestNode('sqlite');
      try {
        await makeEnterprise(fresh, fresh.adminToken);
        const env = { ...process.env, KUANGAN_DATA_DIR: fresh.node.config.dataDir, KUANGAN_LOG_LEVEL: 'silent' };
        const run = () => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kuangan.js'), 'audit', 'verify'], { cwd: ROOT, env, encoding: 'utf8' });
        const ok = run();
        expect(ok.status, ok.stderr).toBe(0);
        expect(ok.stdout).toMatch(/All 1 chain\(s\) verify/);
        const e = await fresh.node.store.db.selectFrom('change_log').select('id').where('entity', '=', 'enterprise').executeTakeFirstOrThrow();
        await fresh.node.store.db.updateTable('change_log').set({ actor_name: '他人' }).where('id', '=', e.id).execute();
        const bad = run();
        expect(bad.status).toBe(1);
        expect(bad.stdout).toContain(e.id);
      } finally {
        await fresh.cleanup();
      }
    });
  }
});
