import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db.ts';
import type { UsersTable } from '../schema.ts';
import { applyScope, type ScopeFilter } from './scope.ts';

export type UserRow = UsersTable;

export async function insertUser(db: Executor, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateUser(db: Executor, id: string, patch: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listUsers(db: Executor, scope: ScopeFilter, limit: number, offset: number) {
  let q = db.selectFrom('users').selectAll();
  q = applyScope(q, scope, 'users.region_code', 'users.enterprise_id');
  const items = await q.orderBy('username').limit(limit).offset(offset).execute();
  let c = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
  c = applyScope(c, scope, 'users.region_code', 'users.enterprise_id');
  const total = Number((await c.executeTakeFirstOrThrow()).n);
  return { items, total };
}
