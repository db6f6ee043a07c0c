import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { requireAccess, requirePermission, type Principal } from '../../domain/access/policy.ts';
import { CARRIES } from '../../domain/compliance/define.ts';
import { Conflict } from '../../domain/errors.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findFacts, insertConsultation, insertEquipment, listConsultations, listEquipment, putFacts } from '../../store/repos/compliance/records.ts';
import type { ComplianceSiteFactsTable } from '../../store/repos/compliance/tables.ts';
import type { Site } from '../../store/repos/sites.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import { toEquipment, toFacts } from './context.ts';

const date = z.iso.date('a date such as 2026-03-01');
const optDate = date.nullable().optional();
const optBool = z.boolean().nullable().optional();

export const consultationInput = z.strictObject({
  site: z.string().min(1).max(100).describe('Site id or code'),
  date,
  experts: z.array(z.string().trim().min(1).max(100)).min(1).max(50).describe('Names of the experts (会诊专家)'),
  conclusion: z.string().trim().min(1).max(5000).describe('Consultation opinion (会诊意见)'),
});

export const equipmentInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.string().trim().min(1).max(60).describe("e.g. 'trackless_vehicle' (无轨胶轮车), 'hoist', 'drill'"),
  model: z.string().trim().max(100).nullable().optional(),
  brakeType: z.enum(['dry', 'wet', 'other']).nullable().optional().describe('Brake type of a vehicle (制动器类型): dry 干式, wet 湿式'),
  carries: z.array(z.enum(CARRIES)).max(4).optional().describe('What the vehicle carries (运输人员、炸药、油料、矿岩)'),
});

export const factsInput = z.strictObject({
  newMine: optBool.describe('A new (or rebuilt) mine (新建矿山)'),
  fillingAssessedOn: optDate.describe('Date of the filling-method assessment (充填采矿法论证)'),
  headsUpPlanOn: optDate.describe("Date of the heads-up pond's treatment plan (头顶库治理方案)"),
  atFinalElevation: optBool.describe('The pond has reached its final design elevation (已运行到设计最终标高)'),
  receivingTailings: optBool.describe('The pond still receives tailings (仍在排尾); false: no longer'),
  idleSince: optDate.describe('Idle since (停用日期)'),
  note: z.string().max(2000).nullable().optional(),
  version: z.number().int().min(0).describe('0 when the site has no facts yet'),
});

const int = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 1 : 0);

/** The records some rules read: expert consultations, the equipment register, a site's compliance facts. */
export function createRecordService(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>, sites: SiteService) {
  const { db } = deps.store;
  const place = (s: Site) => ({ regionCode: s.region, enterpriseId: s.enterprise });

  async function addConsultation(actor: Principal, input: z.output<typeof consultationInput>) {
    const s = await sites.visible(actor, input.site);
    requireAccess(actor, 'site.update', place(s), 'Site');
    const row = { id: uuidv7(), site_id: s.id, region_code: s.region, enterprise_id: s.enterprise, date: input.date, experts: JSON.stringify(input.experts), conclusion: input.conclusion, created_at: deps.now(), created_by: actor.id, origin_node: deps.nodeId };
    await db.transaction().execute(async (tx) => {
      await insertConsultation(tx, row);
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'compliance_consultation', entityId: row.id, op: 'create', changes: { site: s.id, date: input.date, experts: input.experts, conclusion: input.conclusion }, originNode: deps.nodeId, at: row.created_at });
    });
    return presentConsultation(row, s);
  }

  async function consultations(actor: Principal, site: string) {
    requirePermission(actor, 'compliance.read');
    const s = await sites.visible(actor, site);
    return (await listConsultations(db, s.id)).map((r) => presentConsultation(r, s));
  }

  async function addEquipment(actor: Principal, site: string, input: z.output<typeof equipmentInput>) {
    const s = await sites.visible(actor, site);
    requireAccess(actor, 'site.update', place(s), 'Site');
    const row = { id: uuidv7(), site_id: s.id, region_code: s.region, enterprise_id: s.enterprise, name: input.name, kind: input.kind, model: input.model ?? null, brake_type: input.brakeType ?? null, carries: JSON.stringify(input.carries ?? []), created_at: deps.now(), created_by: actor.id, origin_node: deps.nodeId };
    await db.transaction().execute(async (tx) => {
      await insertEquipment(tx, row);
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'compliance_equipment', entityId: row.id, op: 'create', changes: { site: s.id, ...input }, originNode: deps.nodeId, at: row.created_at });
    });
    return { ...toEquipment(row), siteCode: s.code, createdAt: row.created_at };
  }

  async function equipment(actor: Principal, site: string) {
    requirePermission(actor, 'compliance.read');
    const s = await sites.visible(actor, site);
    return (await listEquipment(db, s.id)).map((r) => ({ ...toEquipment(r), siteCode: s.code, createdAt: Number(r.created_at) }));
  }

  async function facts(actor: Principal, site: string) {
    requirePermission(actor, 'compliance.read');
    const s = await sites.visible(actor, site);
    return presentFacts(s, await findFacts(db, s.id));
  }

  async function setFacts(actor: Principal, site: string, input: z.output<typeof factsInput>) {
    const s = await sites.visible(actor, site);
    requireAccess(actor, 'site.update', place(s), 'Site');
    const at = deps.now();
    const row = await db.transaction().execute(async (tx) => {
      const before = await findFacts(tx, s.id);
      const version = before?.version ?? 0;
      if (input.version !== version) throw new Conflict(`The compliance facts of ${s.code} were changed by someone else (version ${version}, yours ${input.version}); reload and retry (记录已被他人修改)`, { currentVersion: version });
      const pick = <K extends keyof ComplianceSiteFactsTable>(k: K, v: ComplianceSiteFactsTable[K] | undefined): ComplianceSiteFactsTable[K] => (v === undefined ? (before?.[k] ?? null) : v) as ComplianceSiteFactsTable[K];
      const next: ComplianceSiteFactsTable = {
        site_id: s.id,
        new_mine: pick('new_mine', input.newMine === undefined ? undefined : int(input.newMine)),
        filling_assessed_on: pick('filling_assessed_on', input.fillingAssessedOn),
        heads_up_plan_on: pick('heads_up_plan_on', input.headsUpPlanOn),
        at_final_elevation: pick('at_final_elevation', input.atFinalElevation === undefined ? undefined : int(input.atFinalElevation)),
        receiving_tailings: pick('receiving_tailings', input.receivingTailings === undefined ? undefined : int(input.receivingTailings)),
        idle_since: pick('idle_since', input.idleSince),
        note: pick('note', input.note),
        updated_at: at,
        updated_by: actor.id,
        version: version + 1,
      };
      if (!(await putFacts(tx, next, version))) throw new Conflict(`The compliance facts of ${s.code} were changed by someone else; reload and retry (记录已被他人修改)`);
      const { version: _v, ...changes } = input;
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'compliance_site_facts', entityId: s.id, op: before ? 'update' : 'create', changes, originNode: deps.nodeId, at });
      return next;
    });
    return presentFacts(s, row);
  }

  return { addConsultation, consultations, addEquipment, equipment, facts, setFacts };
}

function presentConsultation(r: { id: string; site_id: string; date: string; experts: string; conclusion: string; created_at: number; created_by: string | null }, s: Site) {
  return { id: r.id, site: r.site_id, siteCode: s.code, date: r.date, experts: JSON.parse(r.experts) as string[], conclusion: r.conclusion, createdAt: Number(r.created_at), createdBy: r.created_by };
}

function presentFacts(s: Site, r: ComplianceSiteFactsTable | undefined) {
  return { site: s.id, siteCode: s.code, ...(r ? toFacts(r) : { newMine: null, fillingAssessedOn: null, headsUpPlanOn: null, atFinalElevation: null, receivingTailings: null, idleSince: null }), note: r?.note ?? null, updatedAt: r ? Number(r.updated_at) : null, version: r?.version ?? 0 };
}

export type RecordService = ReturnType<typeof createRecordService>;
