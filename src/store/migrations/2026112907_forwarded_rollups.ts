import { sql, type Kysely } from 'kysely';

/** Local midnight, China Standard Time, as the rollups' days (ms). */
const DAY_OFFSET_MS = 480 * 60_000;

/**
 * Readings forwarded by child nodes were stored without their hourly and daily rollups, and without
 * 10-minute ones since the migration that built those. The parent now keeps them as readings arrive;
 * here the rollups of every sensor that came from elsewhere are rebuilt from its stored readings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const forwarded = sql`SELECT key FROM sensors WHERE origin_node <> (SELECT value FROM settings WHERE key = 'node.id')`;
  await sql`DELETE FROM rollups WHERE sensor_key IN (${forwarded})`.execute(db);
  for (const [sec, offset] of [[600, 0], [3600, 0], [86_400, DAY_OFFSET_MS]] as const) {
    const ms = sec * 1000;
    // Integer division floors for the positive epoch times stored; the first and last values are those
    // of the bucket's earliest and latest readings. WHERE true: SQLite would read ON CONFLICT after a
    // bare FROM as a join constraint.
    await sql`INSERT INTO rollups (sensor_key, bucket_sec, bucket_start, count, sum, min, max, first_ts, first_value, last_ts, last_value)
      SELECT g.sensor_key, ${sql.lit(sec)}, g.b, g.n, g.s, g.mn, g.mx, g.ft,
        (SELECT r.value FROM readings r WHERE r.sensor_key = g.sensor_key AND r.ts = g.ft),
        g.lt,
        (SELECT r.value FROM readings r WHERE r.sensor_key = g.sensor_key AND r.ts = g.lt)
      FROM (SELECT sensor_key, ((ts + ${sql.lit(offset)}) / ${sql.lit(ms)}) * ${sql.lit(ms)} - ${sql.lit(offset)} AS b,
          COUNT(*) AS n, SUM(value) AS s, MIN(value) AS mn, MAX(value) AS mx, MIN(ts) AS ft, MAX(ts) AS lt
        FROM readings WHERE sensor_key IN (${forwarded}) GROUP BY sensor_key, (ts + ${sql.lit(offset)}) / ${sql.lit(ms)}) g
      WHERE true
      ON CONFLICT (sensor_key, bucket_sec, bucket_start) DO NOTHING`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
