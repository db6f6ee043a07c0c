import type { Executor } from '../../db.ts';

/** Data-quality flags of readings (migration 2026112904_monitoring_quality). */
export interface ReadingsQualityTable {
  sensor_key: number;
  ts: number;
  /** 'stuck' | 'spike' */
  flag: string;
  /** JSON: the flag's figures (count and since for stuck; deviation, limit, basis for spike). */
  detail: string | null;
  created_at: number;
}

declare module '../../schema.ts' {
  interface Database {
    readings_quality: ReadingsQualityTable;
  }
}

/** Rows per statement: a backfill can bring tens of thousands of flags, past SQLite's bound-parameter limit. */
const FLAG_CHUNK = 1000;

export async function insertQualityFlags(db: Executor, rows: ReadingsQualityTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += FLAG_CHUNK) {
    await db
      .insertInto('readings_quality')
      .values(rows.slice(i, i + FLAG_CHUNK))
      .onConflict((oc) => oc.columns(['sensor_key', 'ts', 'flag']).doNothing())
      .execute();
  }
}

export async function qualityFlagsBetween(db: Executor, key: number, from: number, to: number) {
  const rows = await db.selectFrom('readings_quality').selectAll().where('sensor_key', '=', key).where('ts', '>=', from).where('ts', '<', to).orderBy('ts').execute();
  return rows.map((r) => ({ ts: Number(r.ts), flag: r.flag, detail: r.detail ? JSON.parse(r.detail) : null }));
}

export async function latestQualityFlags(db: Executor, key: number, limit = 5) {
  const rows = await db.selectFrom('readings_quality').selectAll().where('sensor_key', '=', key).orderBy('ts', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ts: Number(r.ts), flag: r.flag, detail: r.detail ? JSON.parse(r.detail) : null }));
}

export async function deleteQualityBefore(db: Executor, key: number, before: number): Promise<void> {
  await db.deleteFrom('readings_quality').where('sensor_key', '=', key).where('ts', '<', before).execute();
}
