import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempPgDatabase } from '../../../test/support/pg.ts';
import { STORE_KINDS } from '../../../test/support/stores.ts';
import { openStore, type Store } from '../db.ts';
import { migrateToLatest } from '../migrate.ts';

const BEFORE = '2026120622_campaign_list_indexes';
const dir = path.dirname(new URL(import.meta.url).pathname);

/** The migrations up to and including `last`, as the store had them before this one. */
async function upTo(last: string): Promise<Record<string, Migration>> {
  const out: Record<string, Migration> = {};
  for (const f of fs.readdirSync(dir).filter((x) => /^\d{10,}_[\w-]+\.ts$/.test(x) && !x.endsWith('.test.ts')).sort()) {
    const name = f.replace(/\.ts$/, '');
    if (name > last) continue;
    out[name] = (await import(path.join(dir, f))) as Migration;
  }
  return out;
}

describe.each(STORE_KINDS)('sync of more records: migrating a store that holds them (%s)', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function oldStore(): Promise<Store> {
    if (kind === 'sqlite') {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-mig-'));
      const store = openStore({ dataDir: d });
      cleanups.push(async () => {
        await store.close();
        fs.rmSync(d, { recursive: true, force: true });
      });
      return store;
    }
    const pg = await createTempPgDatabase();
    const store = openStore({ dataDir: os.tmpdir(), databaseUrl: pg.url });
    cleanups.push(async () => {
      await store.close();
      await pg.drop();
    });
    return store;
  }

  it('keeps findings as this node’s, moves risk maps out of the settings, and queues what it holds', async () => {
    const store = await oldStore();
    const db = store.db as unknown as Kysely<any>;
    const migrations = await upTo(BEFORE);
    const r = await new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true }).migrateToLatest();
    expect(r.error).toBeUndefined();
    const now = Date.now();
    await db.insertInto('settings').values({ key: 'node.id', value: 'node-self', updated_at: now }).execute();
    await db.insertInto('enterprises').values({ id: 'e1', name: '甲矿业', credit_code: '91140105MA0000001X', region_code: '140105', created_at: now, updated_at: now, origin_node: 'node-self' }).execute();
    await db.insertInto('sites').values({ id: 's1', code: 'S-1', name: '甲尾矿库', kind: 'tailings_pond', region_code: '140105', enterprise_id: 'e1', created_at: now, updated_at: now, origin_node: 'node-self' }).execute();
    const finding = { id: 'f1', fingerprint: 'licence_valid|s1|', rule: 'licence_valid', site_id: 's1', region_code: '140105', enterprise_id: 'e1', key: '', message: '无证', evidence: '{}', state: 'new', reason: null, first_seen: now, last_seen: now, resolved_at: null, updated_at: now, updated_by: null, version: 3 };
    await db.insertInto('compliance_findings').values(finding).execute();
    const map = { file: 'file-1', width: 100, height: 80, areas: [{ area: '坝体', polygon: [[0, 0], [10, 0], [5, 5]] }] };
    await db.insertInto('settings').values({ key: 'dualprev.riskMap.s1', value: JSON.stringify(map), updated_at: now }).execute();
    await db.insertInto('settings').values({ key: 'dualprev.riskMap.gone', value: JSON.stringify(map), updated_at: now }).execute();

    expect((await migrateToLatest(db)).applied).toContain('2026120623_sync_more_records');

    expect(await db.selectFrom('compliance_findings').selectAll().execute()).toEqual([{ ...finding, first_seen: expect.anything(), last_seen: expect.anything(), updated_at: expect.anything(), origin_node: 'node-self' }]);
    // A fingerprint is unique per node: another node's finding about the same condition is held beside it.
    await db.insertInto('compliance_findings').values({ ...finding, id: 'f2', origin_node: 'node-below' }).execute();
    await expect(db.insertInto('compliance_findings').values({ ...finding, id: 'f3', origin_node: 'node-self' }).execute()).rejects.toThrow();

    const maps = await db.selectFrom('risk_maps').selectAll().execute();
    expect(maps).toMatchObject([{ id: 's1', site_id: 's1', region_code: '140105', enterprise_id: 'e1', file: 'file-1', areas: JSON.stringify(map.areas), version: 1, origin_node: 'node-self' }]);
    expect(await db.selectFrom('settings').select('key').where('key', 'like', 'dualprev.riskMap.%').execute()).toEqual([]);
    const queued = await db.selectFrom('net_outbox').select(['entity', 'entity_id']).where('entity', 'in', ['compliance_finding', 'risk_map']).orderBy('seq').execute();
    expect(queued).toEqual([
      { entity: 'risk_map', entity_id: 's1' },
      { entity: 'compliance_finding', entity_id: 'f1' },
      { entity: 'compliance_finding', entity_id: 'f2' },
    ]);
  });
});
