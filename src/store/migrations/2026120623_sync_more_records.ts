import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { dialectOf } from '../migrate.ts';
import { createOutboxTrigger } from '../repos/network/entities.ts';

/**
 * The records a regulator above must see travel upward too: a site's checks (done and missed), its
 * four-colour risk map, the compliance findings a node's rule runs keep, the campaigns and tasks a
 * lower level raises, a region's inspection checklists (and the checklist each inspection carried),
 * and a region's special periods.
 *
 * The risk map moves out of the settings table into a record of its own (one per site, id = the
 * site's id). Compliance findings learn the node whose runs keep them: each node's runs compare and
 * clear only their own findings, and a fingerprint is unique per node (a county's finding about a site
 * and the province's own evaluation of it may both be held at the province).
 */
export const MORE_OUTBOX = [
  { table: 'checks', entity: 'check' },
  { table: 'risk_maps', entity: 'risk_map' },
  { table: 'compliance_findings', entity: 'compliance_finding' },
  { table: 'campaigns', entity: 'campaign' },
  { table: 'campaign_tasks', entity: 'campaign_task' },
  { table: 'checklist_templates', entity: 'checklist_template' },
  { table: 'inspection_checklists', entity: 'inspection_checklist' },
  { table: 'special_periods', entity: 'special_period' },
] as const;

const FINDING_INDEXES: [name: string, columns: string[]][] = [
  ['compliance_findings_region', ['region_code', 'state']],
  ['compliance_findings_enterprise', ['enterprise_id', 'state']],
  ['compliance_findings_site', ['site_id']],
  ['compliance_findings_rule', ['rule', 'state']],
];

/** This node's id: the one the node will keep (set here on a new store, before the node sets it). */
async function nodeId(db: Kysely<any>): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: 'node.id', value: uuidv7(), updated_at: Date.now() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const r = await db.selectFrom('settings').select('value').where('key', '=', 'node.id').executeTakeFirstOrThrow();
  return r.value as string;
}

async function findingOrigins(db: Kysely<any>, self: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await db.schema.alterTable('compliance_findings').addColumn('origin_node', 'text').execute();
    await db.updateTable('compliance_findings').set({ origin_node: self }).execute();
    await sql`ALTER TABLE compliance_findings ALTER COLUMN origin_node SET NOT NULL`.execute(db);
    await sql`ALTER TABLE compliance_findings DROP CONSTRAINT IF EXISTS compliance_findings_fingerprint_key`.execute(db);
  } else {
    // SQLite keeps a column's UNIQUE for the table's life: the table is rebuilt without it.
    await db.schema
      .createTable('compliance_findings_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text')
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('enterprise_id', 'text')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('first_seen', 'bigint', (c) => c.notNull())
      .addColumn('last_seen', 'bigint', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('origin_node', 'text', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO compliance_findings_next
        SELECT id, fingerprint, rule, site_id, region_code, enterprise_id, key, message, evidence, state, reason,
               first_seen, last_seen, resolved_at, updated_at, updated_by, version, ${self}
        FROM compliance_findings`.execute(db);
    await db.schema.dropTable('compliance_findings').execute();
    await db.schema.alterTable('compliance_findings_next').renameTo('compliance_findings').execute();
    for (const [name, columns] of FINDING_INDEXES) await db.schema.createIndex(name).on('compliance_findings').columns(columns).execute();
  }
  await db.schema.createIndex('compliance_findings_origin_fingerprint').on('compliance_findings').columns(['origin_node', 'fingerprint']).unique().execute();
}

async function riskMaps(db: Kysely<any>, self: string): Promise<void> {
  await db.schema
    .createTable('risk_maps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    // JSON: [{area, polygon: [[x, y], ...]}]
    .addColumn('areas', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('risk_maps_site').on('risk_maps').column('site_id').unique().execute();
  const stored = await db.selectFrom('settings').select(['key', 'value', 'updated_at']).where('key', 'like', 'dualprev.riskMap.%').execute();
  for (const s of stored) {
    const siteId = String(s.key).slice('dualprev.riskMap.'.length);
    const site = await db.selectFrom('sites').select(['region_code', 'enterprise_id']).where('id', '=', siteId).executeTakeFirst();
    if (!site) continue;
    const m = JSON.parse(String(s.value)) as { file: string; width: number; height: number; areas: unknown[] };
    const at = Number(s.updated_at);
    await db
      .insertInto('risk_maps')
      .values({ id: siteId, site_id: siteId, region_code: site.region_code, enterprise_id: site.enterprise_id, file: m.file, width: m.width, height: m.height, areas: JSON.stringify(m.areas ?? []), version: 1, origin_node: self, created_at: at, updated_at: at, updated_by: null })
      .execute();
  }
  await db.deleteFrom('settings').where('key', 'like', 'dualprev.riskMap.%').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  const self = await nodeId(db);
  await findingOrigins(db, self);
  await riskMaps(db, self);
  for (const s of MORE_OUTBOX) await createOutboxTrigger(db, { ...s, stream: 'records' });
  // What a node already holds goes up once, like every later change.
  for (const s of MORE_OUTBOX) {
    await sql`INSERT INTO net_outbox(stream, entity, entity_id) SELECT 'records', ${s.entity}, id FROM ${sql.table(s.table)} WHERE origin_node = ${self}`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
