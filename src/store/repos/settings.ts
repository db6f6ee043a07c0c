import type { Executor } from '../db.ts';

export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function putSetting(db: Executor, key: string, value: string, now: number): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** Sets the value only when the key is absent; returns the value that holds afterwards. */
export async function ensureSetting(db: Executor, key: string, value: string, now: number): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getSetting(db, key)) as string;
}

/**
 * Replaces the value only if it still is `expected` (absent: `undefined`); false when another writer
 * got there first. The compare-and-set behind a setting's version.
 */
export async function swapSetting(db: Executor, key: string, expected: string | undefined, value: string, now: number): Promise<boolean> {
  if (expected === undefined) {
    const r = await db.insertInto('settings').values({ key, value, updated_at: now }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const r = await db.updateTable('settings').set({ value, updated_at: now }).where('key', '=', key).where('value', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
