import { sql, type Kysely, type SqlBool } from 'kysely';
import { dialectOf } from '../migrate.ts';

/**
 * Province-wide hazard counts without reading a province's hazards. `hazard_tallies` holds how many
 * hazards there are under each province, city and county (`scope`: the region code's prefix of 2, 4
 * or 6 digits) by month found (China time), grade, state, timing (rectified by the deadline, after
 * it, or not yet) and, for open hazards, the month of their deadline (so that "open past the
 * deadline" is a sum too). A trigger keeps it in the same transaction as every insert, update and
 * delete of a hazard, whichever path writes it (services, the sync apply of a child's records).
 * Enterprises are not a key: an enterprise's hazards are few enough to count from its index, and with
 * them the tally would grow nearly as large as the ledger. Open hazards get their own indexes (by
 * date found and by deadline) for the overdue lists and the part months the tally does not cover.
 */
const OPEN = `state IN ('registered', 'planned')`;
const KEY = ['scope', 'month', 'grade', 'state', 'timing', 'due'] as const;
const LEVELS = [2, 4, 6];

/** SQL for the tally key of hazard row `r` (NEW, OLD or an alias) at the level of `digits`. */
function keyOf(dialect: 'sqlite' | 'postgres', r: string, digits: number): Record<(typeof KEY)[number], string> {
  const month = (col: string) =>
    dialect === 'postgres'
      ? `to_char(TIMESTAMP '1970-01-01' + ((${r}.${col} + 28800000) / 1000) * INTERVAL '1 second', 'YYYY-MM')`
      : `strftime('%Y-%m', (${r}.${col} + 28800000) / 1000, 'unixepoch')`;
  return {
    scope: `substr(${r}.region_code, 1, ${digits})`,
    month: month('created_at'),
    grade: `${r}.grade`,
    state: `${r}.state`,
    timing: `CASE WHEN ${r}.rectified_at IS NULL THEN '' WHEN ${r}.rectified_at <= ${r}.deadline THEN 'on_time' ELSE 'late' END`,
    due: `CASE WHEN ${r}.${OPEN} THEN ${month('deadline')} ELSE '' END`,
  };
}

const matches = (k: Record<string, string>) => KEY.map((c) => `${c} = ${k[c]}`).join(' AND ');
const add = (dialect: 'sqlite' | 'postgres', r: string) =>
  LEVELS.map((d) => {
    const k = keyOf(dialect, r, d);
    return `INSERT INTO hazard_tallies (${KEY.join(', ')}, n) VALUES (${KEY.map((c) => k[c]).join(', ')}, 1) ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET n = hazard_tallies.n + 1;`;
  }).join('\n');
const remove = (dialect: 'sqlite' | 'postgres', r: string) =>
  LEVELS.map((d) => {
    const k = keyOf(dialect, r, d);
    return `UPDATE hazard_tallies SET n = n - 1 WHERE ${matches(k)}; DELETE FROM hazard_tallies WHERE ${matches(k)} AND n <= 0;`;
  }).join('\n');

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('hazard_tallies')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('timing', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hazard_tallies_pk', [...KEY])
    .execute();

  const levels = LEVELS.map((d) => {
    const k = keyOf(dialect, 'h', d);
    return `SELECT ${KEY.map((c) => `${k[c]} AS ${c}`).join(', ')} FROM hazards h`;
  });
  await sql.raw(`INSERT INTO hazard_tallies (${KEY.join(', ')}, n) SELECT ${KEY.join(', ')}, count(*) FROM (${levels.join(' UNION ALL ')}) t GROUP BY ${KEY.join(', ')}`).execute(db);

  // An update that leaves every key column as it was (most do: a plan, a note) leaves the tally alone.
  const changed = KEY.map((c) => `${keyOf(dialect, 'OLD', 6)[c]} IS DISTINCT FROM ${keyOf(dialect, 'NEW', 6)[c]}`).join(' OR ');
  if (dialect === 'postgres') {
    await sql
      .raw(
        `CREATE FUNCTION hazard_tally() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND NOT (${changed}) THEN RETURN NULL; END IF;
          IF TG_OP <> 'INSERT' THEN ${remove(dialect, 'OLD')} END IF;
          IF TG_OP <> 'DELETE' THEN ${add(dialect, 'NEW')} END IF;
          RETURN NULL;
        END $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql.raw(`CREATE TRIGGER hazards_tally AFTER INSERT OR UPDATE OR DELETE ON hazards FOR EACH ROW EXECUTE FUNCTION hazard_tally()`).execute(db);
    await sql`ANALYZE hazard_tallies`.execute(db);
  } else {
    await sql.raw(`CREATE TRIGGER hazards_tally_insert AFTER INSERT ON hazards BEGIN ${add(dialect, 'NEW')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER hazards_tally_update AFTER UPDATE ON hazards WHEN ${changed.replaceAll('IS DISTINCT FROM', 'IS NOT')} BEGIN ${remove(dialect, 'OLD')} ${add(dialect, 'NEW')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER hazards_tally_delete AFTER DELETE ON hazards BEGIN ${remove(dialect, 'OLD')} END`).execute(db);
  }

  // Open hazards newest first (the overdue lists), and those falling due in a period. The second keys on
  // the expression `deadline + 0`, which only the queries for hazards falling due write: a list of
  // overdue hazards (`deadline < now`, newest first) then keeps to the first, which holds its order,
  // instead of sorting every open hazard of the province found by deadline.
  // The province's (province, state, grade, deadline) goes: its counts are the tally's now, and for an
  // overdue list it looked the better way in (three equalities) and sorted every open major hazard of the province.
  await db.schema.dropIndex('hazards_province_code_open').execute();
  for (const col of ['province_code', 'city_code', 'region_code']) {
    await db.schema.createIndex(`hazards_${col}_open_found`).on('hazards').columns([col, 'created_at', 'deadline', 'grade']).where(sql.raw<SqlBool>(OPEN)).execute();
    await sql.raw(`CREATE INDEX hazards_${col}_open_due ON hazards (${col}, (deadline + 0), grade) WHERE ${OPEN}`).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
