import type { Executor } from '../../db.ts';
import { syncEntity, type Entity, type Placement } from './entities.ts';

export type ApplyOutcome = 'applied' | 'duplicate' | { refused: string };
type Row = Record<string, unknown>;

/** The record as stored here, if any. */
export async function findRow(tx: Executor, entity: Entity, id: string): Promise<Row | undefined> {
  return (await tx.selectFrom(syncEntity(entity).table as 'sites').selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
}

const columnsOf = new Map<string, Set<string>>();

/** Fields of a forwarded row that its table does not have (named in the refusal, never a database error). */
export async function unknownFields(tx: Executor, entity: Entity, row: Row): Promise<string[]> {
  const { table, local = [] } = syncEntity(entity);
  const unknown = (cols: Set<string> | undefined) => Object.keys(row).filter((k) => !cols?.has(k) && !local.includes(k));
  let found = unknown(columnsOf.get(table));
  if (found.length === 0) return found;
  // Read the table's columns afresh (first use, or a migration added some since).
  const t = (await tx.introspection.getTables()).find((x) => x.name === table);
  columnsOf.set(table, new Set(t?.columns.map((c) => c.name) ?? []));
  found = unknown(columnsOf.get(table));
  return found;
}

/** Whether a forwarded copy is a later version than the stored one (a record written once never is). */
export function isNewer(entity: Entity, stored: Row, row: Row): boolean {
  const vcol = syncEntity(entity).version;
  return vcol !== null && Number(row[vcol]) > Number(stored[vcol]);
}

/**
 * Writes one forwarded record if it is newer than what is here (by id and version), so replays,
 * duplicates and late copies change nothing. Conflicts that can never resolve are refused with a reason.
 * Whether the sender may write it at all is the receiver's decision, made before.
 */
export async function applyRow(tx: Executor, entity: Entity, row: Row, existing?: Row | null): Promise<ApplyOutcome> {
  const def = syncEntity(entity);
  const table = def.table as 'sites';
  const id = row.id as string;
  const values: Row = { ...row };
  for (const c of def.local ?? []) delete values[c];
  const stored = existing === undefined ? await findRow(tx, entity, id) : existing;
  if (stored && !isNewer(entity, stored, row)) return 'duplicate';
  const refused = await conflicts(tx, entity, row);
  if (refused) return { refused };
  if (stored) {
    const { id: _id, ...set } = values;
    await tx.updateTable(table).set(set as never).where('id', '=', id).execute();
  } else {
    if (entity === 'node') values.token_hash = null;
    await tx.insertInto(table).values(values as never).execute();
  }
  return 'applied';
}

async function conflicts(tx: Executor, entity: Entity, row: Row): Promise<string | null> {
  const id = row.id as string;
  if (entity === 'enterprise') {
    const other = await tx.selectFrom('enterprises').select('id').where('credit_code', '=', row.credit_code as string).where('id', '!=', id).executeTakeFirst();
    if (other) return `credit code ${String(row.credit_code)} belongs to enterprise ${other.id} here (统一社会信用代码重复)`;
  }
  if (entity === 'site') {
    const ent = await tx.selectFrom('enterprises').select('id').where('id', '=', row.enterprise_id as string).executeTakeFirst();
    if (!ent) return `unknown enterprise ${String(row.enterprise_id)}`;
    const other = await tx.selectFrom('sites').select('id').where('code', '=', row.code as string).where('id', '!=', id).executeTakeFirst();
    if (other) return `site code ${String(row.code)} belongs to site ${other.id} here (编码重复)`;
  }
  if (entity === 'sensor') {
    const site = await tx.selectFrom('sites').select('id').where('id', '=', row.site_id as string).executeTakeFirst();
    if (!site) return `unknown site ${String(row.site_id)}`;
    const other = await tx
      .selectFrom('sensors')
      .select('id')
      .where('site_id', '=', row.site_id as string)
      .where('code', '=', row.code as string)
      .where('id', '!=', id)
      .executeTakeFirst();
    if (other) return `sensor code ${String(row.code)} is taken on that site by ${other.id}`;
  }
  if (entity === 'checklist_template') {
    const other = await tx
      .selectFrom('checklist_templates')
      .select(['id', 'origin_node'])
      .where('region_code', '=', row.region_code as string)
      .where('kind', '=', row.kind as string)
      .where('id', '!=', id)
      .executeTakeFirst();
    if (other) return `region ${String(row.region_code)} already has a ${String(row.kind)} checklist here (${other.id}, kept by node ${other.origin_node}) (检查表重复)`;
  }
  if (entity === 'risk_map') {
    const other = await tx.selectFrom('risk_maps').select('id').where('site_id', '=', row.site_id as string).where('id', '!=', id).executeTakeFirst();
    if (other) return `site ${String(row.site_id)} already has a risk map here (${other.id}) (风险分布图重复)`;
  }
  if (entity === 'change') {
    const other = await tx
      .selectFrom('change_log')
      .select('id')
      .where('origin_node', '=', row.origin_node as string)
      .where('node_seq', '=', Number(row.node_seq))
      .executeTakeFirst();
    if (other) return `position ${String(row.node_seq)} of the change chain of ${String(row.origin_node)} is held by entry ${other.id} (变更记录链位置重复)`;
  }
  return null;
}

/** Where a forwarded record sits in the hierarchy (null: it hangs off a record this node does not hold). */
export function placementOf(tx: Executor, entity: Entity, row: Row): Promise<Placement | null> {
  return syncEntity(entity).placement(tx, row);
}

/** The node that owns a record: its origin column, or that of the record it hangs off. */
export async function originOf(tx: Executor, entity: Entity, row: Row): Promise<string | null> {
  const def = syncEntity(entity);
  if (def.origin) return def.origin(tx, row);
  return typeof row.origin_node === 'string' && row.origin_node ? row.origin_node : null;
}

/** Which child an origin's records come through, if learnt. */
export async function originRoute(tx: Executor, origin: string): Promise<string | null> {
  return (await tx.selectFrom('net_origins').select('via_node').where('origin_node', '=', origin).executeTakeFirst())?.via_node ?? null;
}

/** Learns that an origin's records come through `via` (a child's id here, or 'upstream'); the first route learnt stays. */
export async function learnOrigin(tx: Executor, origin: string, via: string, at: number): Promise<void> {
  await tx.insertInto('net_origins').values({ origin_node: origin, via_node: via, first_seen: at }).onConflict((oc) => oc.column('origin_node').doNothing()).execute();
}

export interface SensorPlace {
  key: number;
  regionCode: string;
  enterpriseId: string;
}

export async function sensorPlaces(tx: Executor, ids: readonly string[]): Promise<Map<string, SensorPlace>> {
  const out = new Map<string, SensorPlace>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx
      .selectFrom('sensors')
      .innerJoin('sites', 'sites.id', 'sensors.site_id')
      .select(['sensors.id', 'sensors.key', 'sites.region_code', 'sites.enterprise_id'])
      .where('sensors.id', 'in', ids.slice(i, i + 500) as string[])
      .execute();
    for (const r of rows) out.set(r.id, { key: Number(r.key), regionCode: r.region_code, enterpriseId: r.enterprise_id });
  }
  return out;
}

export interface NewReading {
  sensor_key: number;
  ts: number;
  value: number;
}

/** A reading as stored here, with its local sequence. */
export interface StoredReading extends NewReading {
  seq: number;
}

/** Inserts readings, ignoring any (sensor, ts) already stored; returns the rows that were new. */
export async function insertReadings(tx: Executor, rows: readonly NewReading[]): Promise<StoredReading[]> {
  const stored: StoredReading[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await tx
      .insertInto('readings')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['sensor_key', 'ts']).doNothing())
      .returning(['seq', 'sensor_key', 'ts', 'value'])
      .execute();
    for (const x of r) stored.push({ seq: Number(x.seq), sensor_key: Number(x.sensor_key), ts: Number(x.ts), value: x.value });
  }
  return stored;
}
