import type { Executor } from '../../db.ts';
import { ENTITY_TABLES, type Entity } from './outbox.ts';

export type ApplyOutcome = 'applied' | 'duplicate' | { refused: string };
type Row = Record<string, unknown>;

/** Which column orders the versions of a record; alarms carry no counter, their update time serves. */
const VERSION_COLUMN: Record<Entity, string | null> = {
  enterprise: 'version',
  site: 'version',
  sensor: 'version',
  node: 'version',
  interval: 'version',
  alarm: 'updated_at',
  alarm_action: null,
};

/** Columns that belong to this node only and never travel. */
const LOCAL_COLUMNS: Partial<Record<Entity, string[]>> = { sensor: ['key'], node: ['token_hash'] };

/**
 * Writes one forwarded record if it is newer than what is here (by id and version), so replays,
 * duplicates and late copies change nothing. Conflicts that can never resolve are refused with a reason.
 */
export async function applyRow(tx: Executor, entity: Entity, row: Row): Promise<ApplyOutcome> {
  const table = ENTITY_TABLES[entity] as 'sites';
  const id = row.id as string;
  const values: Row = { ...row };
  for (const c of LOCAL_COLUMNS[entity] ?? []) delete values[c];
  const vcol = VERSION_COLUMN[entity];
  const existing = (await tx.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
  if (existing) {
    if (!vcol || Number(existing[vcol]) >= Number(row[vcol])) return 'duplicate';
  }
  const refused = await conflicts(tx, entity, row);
  if (refused) return { refused };
  if (existing) {
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
  return null;
}

/** Where a forwarded record sits in the hierarchy, to check it against the sender's scope. */
export async function placementOf(tx: Executor, entity: Entity, row: Row): Promise<{ regionCode: string; enterpriseId: string | null } | null> {
  switch (entity) {
    case 'enterprise':
      return { regionCode: row.region_code as string, enterpriseId: row.id as string };
    case 'site':
    case 'node':
    case 'alarm':
      return { regionCode: row.region_code as string, enterpriseId: (row.enterprise_id as string | null) || null };
    case 'sensor': {
      const s = await tx.selectFrom('sites').select(['region_code', 'enterprise_id']).where('id', '=', row.site_id as string).executeTakeFirst();
      return s ? { regionCode: s.region_code, enterpriseId: s.enterprise_id } : null;
    }
    case 'interval': {
      const n = await tx.selectFrom('net_nodes').select(['region_code', 'enterprise_id']).where('id', '=', row.node_id as string).executeTakeFirst();
      return n ? { regionCode: n.region_code, enterpriseId: n.enterprise_id } : null;
    }
    case 'alarm_action': {
      const a = await tx.selectFrom('alarms').select(['region_code', 'enterprise_id']).where('id', '=', row.alarm_id as string).executeTakeFirst();
      return a ? { regionCode: a.region_code, enterpriseId: a.enterprise_id || null } : null;
    }
  }
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
