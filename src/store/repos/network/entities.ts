import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../db.ts';
import { dialectOf } from '../../migrate.ts';

/** Where a record sits in the hierarchy: what the sender's scope is checked against, before and after a change. */
export interface Placement {
  regionCode: string;
  enterpriseId: string | null;
}

type Row = Record<string, unknown>;

/**
 * A kind of record that travels upward through the outbox. Each capability lists its own here; its
 * migration creates the outbox trigger with `createOutboxTrigger`, so that the outbox row commits with
 * the change whoever makes it.
 */
export interface SyncEntity {
  table: string;
  /** 'alarms' goes ahead of everything else; the rest travels in 'records'. */
  stream: 'records' | 'alarms';
  /** The column that orders a record's versions; null: written once, never changed (logs, actions). */
  version: string | null;
  /** Columns that belong to this node only: never sent, never taken from a child. */
  local?: string[];
  /** Where the record sits, from its own columns or the record it hangs off; null when that record is unknown here. */
  placement(tx: Executor, row: Row): Promise<Placement | null>;
  /**
   * The node that owns the record. Default: its `origin_node` column. A record without one (an
   * alarm's action) belongs to the node that owns the record it hangs off.
   */
  origin?(tx: Executor, row: Row): Promise<string | null>;
}

const own = (row: Row, region = 'region_code', enterprise = 'enterprise_id'): Placement => ({
  regionCode: String(row[region] ?? ''),
  enterpriseId: (row[enterprise] as string | null) || null,
});

async function placeOf(tx: Executor, table: 'sites' | 'net_nodes' | 'alarms', id: unknown): Promise<Placement | null> {
  if (typeof id !== 'string') return null;
  const r = await tx.selectFrom(table).select(['region_code', 'enterprise_id']).where('id', '=', id).executeTakeFirst();
  return r ? own(r) : null;
}

export const SYNC_ENTITIES = {
  enterprise: { table: 'enterprises', stream: 'records', version: 'version', placement: async (_tx, row) => ({ regionCode: String(row.region_code ?? ''), enterpriseId: String(row.id) }) },
  site: { table: 'sites', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  sensor: { table: 'sensors', stream: 'records', version: 'version', local: ['key'], placement: (tx, row) => placeOf(tx, 'sites', row.site_id) },
  node: { table: 'net_nodes', stream: 'records', version: 'version', local: ['token_hash'], placement: async (_tx, row) => own(row) },
  interval: { table: 'net_intervals', stream: 'records', version: 'version', placement: (tx, row) => placeOf(tx, 'net_nodes', row.node_id) },
  alarm: { table: 'alarms', stream: 'alarms', version: 'updated_at', placement: async (_tx, row) => own(row) },
  alarm_action: {
    table: 'alarm_actions',
    stream: 'alarms',
    version: null,
    placement: (tx, row) => placeOf(tx, 'alarms', row.alarm_id),
    origin: async (tx, row) => (await tx.selectFrom('alarms').select('origin_node').where('id', '=', String(row.alarm_id)).executeTakeFirst())?.origin_node ?? null,
  },
  /** An enterprise's request to weaken regulated monitoring: seen and decided by the levels above, kept where it was made. */
  monitoring_change_request: { table: 'monitoring_change_requests', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  // Dual prevention (双重预防): the risk register and the hazard ledger, placed by their own columns.
  risk: { table: 'risks', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  hazard: { table: 'hazards', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  /** A region's or enterprise's share of a campaign task (专项整治任务交办), made where its assignee is served. */
  assignment: { table: 'task_assignments', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  // Supervision and enforcement (监管执法), each placed by its own columns.
  licence: { table: 'licences', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  person: { table: 'persons', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  score: { table: 'scores', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  case: { table: 'cases', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  class_override: { table: 'class_overrides', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  inspection_plan: { table: 'inspection_plans', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  plan_visit: { table: 'plan_visits', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  inspection: { table: 'inspections', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  inspection_finding: { table: 'inspection_findings', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  penalty: { table: 'penalties', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  responsibility: { table: 'site_responsibilities', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  enforcement_action: { table: 'enforcement_actions', stream: 'records', version: null, placement: async (_tx, row) => (row.region_code ? own(row) : null) },
  /** Hazard investigation (隐患排查): a site's checks, done and missed, with their results (photos as file ids). */
  check: { table: 'checks', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  /** A site's four-colour risk map (四色风险分布图): its plan image (a file id) and the areas drawn on it. */
  risk_map: { table: 'risk_maps', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  /** A finding kept by the rule runs of the node that made it (合规检查发现). */
  compliance_finding: { table: 'compliance_findings', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  /** Campaigns and their tasks raised at a lower level (专项整治), seen by the levels above. */
  campaign: { table: 'campaigns', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  campaign_task: { table: 'campaign_tasks', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  /** A region's checklist templates (检查表), the checklist each inspection carried, and its special periods (特殊时段). */
  checklist_template: { table: 'checklist_templates', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  inspection_checklist: { table: 'inspection_checklists', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  special_period: { table: 'special_periods', stream: 'records', version: 'version', placement: async (_tx, row) => own(row) },
  /**
   * The change log: each node's chain travels whole and is verified per origin at every level. An
   * entry sits where the node that wrote it sits (checked against the sender's subtree by origin).
   */
  change: { table: 'change_log', stream: 'records', version: null, local: ['seq'], placement: async () => null },
} satisfies Record<string, SyncEntity>;

export type Entity = keyof typeof SYNC_ENTITIES;
export const isEntity = (e: string): e is Entity => Object.hasOwn(SYNC_ENTITIES, e);
export const syncEntity = (e: Entity): SyncEntity => SYNC_ENTITIES[e];
/** The table each entity lives in. */
export const ENTITY_TABLES = Object.fromEntries(Object.entries(SYNC_ENTITIES).map(([k, v]) => [k, v.table])) as { [K in Entity]: (typeof SYNC_ENTITIES)[K]['table'] };

/**
 * The trigger that puts every insert and update of `table` into the outbox in the same transaction.
 * Used by the migrations of every capability whose records travel upward.
 */
export async function createOutboxTrigger(db: Kysely<any>, s: { table: string; stream: 'records' | 'alarms'; entity: string }): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`CREATE OR REPLACE FUNCTION net_outbox_enqueue() RETURNS trigger AS $$
      BEGIN
        INSERT INTO net_outbox(stream, entity, entity_id) VALUES (TG_ARGV[0], TG_ARGV[1], NEW.id);
        RETURN NEW;
      END $$ LANGUAGE plpgsql`.execute(db);
    await sql
      .raw(`CREATE TRIGGER ${s.table}_outbox AFTER INSERT OR UPDATE ON ${s.table} FOR EACH ROW EXECUTE FUNCTION net_outbox_enqueue('${s.stream}', '${s.entity}')`)
      .execute(db);
    return;
  }
  for (const op of ['INSERT', 'UPDATE']) {
    await sql
      .raw(
        `CREATE TRIGGER ${s.table}_outbox_${op.toLowerCase()} AFTER ${op} ON ${s.table} FOR EACH ROW BEGIN INSERT INTO net_outbox(stream, entity, entity_id) VALUES ('${s.stream}', '${s.entity}', NEW.id); END`,
      )
      .execute(db);
  }
}
