import type { Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import type { DevicesTable } from './tables.ts';

export type DeviceRow = Selectable<DevicesTable>;

export async function insertDevice(db: Executor, d: DevicesTable): Promise<void> {
  await db.insertInto('devices').values(d).execute();
}

export async function listDevices(db: Executor, siteId: string): Promise<DeviceRow[]> {
  return db.selectFrom('devices').selectAll().where('site_id', '=', siteId).orderBy('created_at').orderBy('id').execute();
}

export async function findDevice(db: Executor, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A live (not revoked) device by the hash of its token. */
export async function findLiveDeviceByHash(db: Executor, tokenHash: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function revokeDevice(db: Executor, id: string, at: number): Promise<boolean> {
  const r = await db.updateTable('devices').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function touchDevice(db: Executor, id: string, at: number): Promise<void> {
  await db.updateTable('devices').set({ last_used_at: at }).where('id', '=', id).execute();
}
