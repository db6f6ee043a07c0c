import { sql } from 'kysely';
import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { ClassOverridesTable } from './tables.ts';

export interface ClassOverride {
  id: string;
  region: string;
  enterprise: string;
  /** Null: the override was withdrawn and the computed class holds again. */
  class: string | null;
  computedClass: string | null;
  reason: string;
  actorId: string | null;
  actorName: string | null;
  at: number;
  version: number;
  originNode: string;
}

export async function insertOverride(db: Executor, o: ClassOverride): Promise<void> {
  const row: ClassOverridesTable = {
    id: o.id,
    region_code: o.region,
    enterprise_id: o.enterprise,
    class: o.class,
    computed_class: o.computedClass,
    reason: o.reason,
    actor_id: o.actorId,
    actor_name: o.actorName,
    version: o.version,
    origin_node: o.originNode,
    created_at: o.at,
    updated_at: o.at,
  };
  await db.insertInto('class_overrides').values(row).execute();
}

/** The latest override of each enterprise (overrides are append-only: the newest holds). */
export async function latestOverrides(db: Executor, enterprises: readonly string[]): Promise<Map<string, ClassOverride>> {
  const out = new Map<string, ClassOverride>();
  for (let i = 0; i < enterprises.length; i += 500) {
    const rows = await db.selectFrom('class_overrides').selectAll().where('enterprise_id', 'in', enterprises.slice(i, i + 500)).orderBy('created_at').orderBy('id').execute();
    for (const r of rows) {
      out.set(r.enterprise_id!, {
        id: r.id,
        region: r.region_code,
        enterprise: r.enterprise_id!,
        class: r.class,
        computedClass: r.computed_class,
        reason: r.reason,
        actorId: r.actor_id,
        actorName: r.actor_name,
        at: Number(r.created_at),
        version: r.version,
        originNode: r.origin_node,
      });
    }
  }
  return out;
}

/** Enterprises registered in a region (GB/T 2260 prefix) within a scope. */
export async function enterprisesOfRegion(db: Executor, scope: ScopeFilter, regionPrefix: string, enterprise?: string) {
  let q = applyScope(db.selectFrom('enterprises'), scope, 'enterprises.region_code', 'enterprises.id').where('region_code', 'like', `${regionPrefix}%`);
  if (enterprise) q = q.where('id', '=', enterprise);
  return q.select(['id', 'name', 'region_code']).orderBy('name').execute();
}

export async function enterprisesByIds(db: Executor, ids: readonly string[]) {
  const out: { id: string; name: string; region_code: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await db.selectFrom('enterprises').select(['id', 'name', 'region_code']).where('id', 'in', ids.slice(i, i + 500)).execute()));
  return out;
}

/** Red and orange alarms not yet closed, per enterprise. */
export async function openAlarmCounts(db: Executor, enterprises: readonly string[]): Promise<Map<string, { red: number; orange: number }>> {
  const out = new Map<string, { red: number; orange: number }>();
  for (let i = 0; i < enterprises.length; i += 500) {
    const rows = await db
      .selectFrom('alarms')
      .select(['enterprise_id', 'level', (eb) => eb.fn.countAll<number>().as('n')])
      .where('enterprise_id', 'in', enterprises.slice(i, i + 500))
      .where('state', '!=', 'closed')
      .where('level', 'in', ['red', 'orange'])
      .groupBy(['enterprise_id', 'level'])
      .execute();
    for (const r of rows) {
      const c = out.get(r.enterprise_id) ?? { red: 0, orange: 0 };
      c[r.level as 'red' | 'orange'] = Number(r.n);
      out.set(r.enterprise_id, c);
    }
  }
  return out;
}

async function tableExists(db: Executor, name: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_name = ${name}`.execute(db).catch(() => null);
  if (r) return Number(r.rows[0]?.n ?? 0) > 0;
  const s = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${name}`.execute(db);
  return Number(s.rows[0]?.n ?? 0) > 0;
}

/**
 * Open major hazards per enterprise, read from the hazard ledger (dual prevention) when this node
 * has it; null when it does not, so that the class says the factor was left out.
 */
export async function openMajorHazardCounts(db: Executor, enterprises: readonly string[]): Promise<Map<string, number> | null> {
  if (!(await tableExists(db, 'hazards'))) return null;
  const out = new Map<string, number>();
  const anyDb = db as unknown as Executor & { selectFrom(t: 'hazards'): any };
  for (let i = 0; i < enterprises.length; i += 500) {
    const rows: { enterprise_id: string; n: number }[] = await anyDb
      .selectFrom('hazards')
      .select(['enterprise_id', (eb: any) => eb.fn.countAll().as('n')])
      .where('enterprise_id', 'in', enterprises.slice(i, i + 500))
      .where('grade', '=', 'major')
      .where('state', 'not in', ['verified', 'closed'])
      .groupBy('enterprise_id')
      .execute();
    for (const r of rows) out.set(r.enterprise_id, Number(r.n));
  }
  return out;
}
