import { uuidv7 } from 'uuidv7';
import { can, canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { addDays, chinaDate, startOfChinaDate } from '../../domain/enforcement/dates.ts';
import { documentNumber, inspectionAfter, type FindingGrade, type InspectionKind, type InspectionState } from '../../domain/enforcement/inspections.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { listActions } from '../../store/repos/enforcement/actions.ts';
import { findFinding, findingsOf, findInspection, insertFinding, insertInspection, listInspections, nextDocumentSeq, updateFinding, updateInspection } from '../../store/repos/enforcement/inspections.ts';
import { findHazard } from '../../store/repos/dualprev/hazards.ts';
import type { InspectionFindingsTable, InspectionsTable } from '../../store/repos/enforcement/tables.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import type { HazardService } from '../dualprev/hazards.ts';
import { audit, requireOwnedHere } from './audit.ts';
import { checklistFor } from './checklists.ts';
import { recordResults, startChecklist, type CheckedItem, type CheckResult } from '../../domain/enforcement/checklists.ts';
import { findInspectionChecklist, insertInspectionChecklist, updateInspectionChecklist, type InspectionChecklistsTable } from '../../store/repos/enforcement/checklists.ts';
import { sendHazardOpen, type EnforcementNetwork } from './hazard-orders.ts';

export interface InspectionInput {
  /** Made by the client, so that a retried create does not make a second inspection. */
  id?: string;
  site: string;
  kind: InspectionKind;
  at?: number;
  inspectors?: string[];
  notes?: string | null;
}

export interface FindingInput {
  /** From a checklist item answered not_ok: description, basis and grade are prefilled from it. */
  checklistItem?: string | null;
  description?: string | null;
  grade?: FindingGrade | null;
  deadline?: string | null;
  basis?: string | null;
}

function presentFinding(f: InspectionFindingsTable) {
  return {
    id: f.id,
    inspection: f.inspection_id,
    description: f.description,
    grade: f.grade,
    deadline: f.deadline,
    basis: f.basis,
    hazard: f.hazard_id,
    verifiedAt: f.verified_at === null || f.verified_at === undefined ? null : Number(f.verified_at),
    verifiedBy: f.verified_by ?? null,
    verificationNote: f.verification_note ?? null,
    createdAt: Number(f.created_at),
  };
}

/** Hazard states in which the enterprise has done its part: the inspecting authority may review the finding. */
const RECTIFIED: readonly string[] = ['rectified', 'verified', 'closed'];

function presentInspection(r: InspectionsTable) {
  return {
    id: r.id,
    site: r.site_id,
    region: r.region_code,
    enterprise: r.enterprise_id,
    kind: r.kind,
    state: r.state,
    at: Number(r.at),
    inspectors: r.inspectors ? (JSON.parse(r.inspectors) as string[]) : [],
    notes: r.notes,
    issuerRegion: r.issuer_region,
    recordNumber: r.record_number,
    orderNumber: r.order_number,
    completedAt: r.completed_at === null ? null : Number(r.completed_at),
    createdBy: r.created_by,
    version: r.version,
    originNode: r.origin_node,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function presentChecklist(c: InspectionChecklistsTable | undefined) {
  if (!c) return null;
  const items = JSON.parse(c.items) as CheckedItem[];
  return { kind: c.kind, version: c.version, items, pending: items.filter((i) => i.result === 'pending').length };
}

const isUniqueViolation = (e: unknown) => /unique|duplicate key/i.test(String((e as Error)?.message ?? e));

/** Days given to rectify a finding when the inspector sets no deadline. */
const DEFAULT_RECTIFY_DAYS = 30;

/**
 * `hazards`: the enterprise's hazard ledger (dual prevention), where each finding opens a hazard
 * (source 'inspection') when the inspector may report one.
 */
export function createInspectionService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'regions' | 'config'>, hazards?: Pick<HazardService, 'report'>) {
  const { db } = deps.store;
  let network: EnforcementNetwork | null = null;

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<InspectionsTable> {
    const r = await findInspection(ex, id);
    if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Inspection ${id} not found (检查记录不存在)`);
    return r;
  }

  /** The same create sent again answers with what was made the first time; a different one with that id is a conflict. */
  function sameCreate(existing: InspectionsTable, site: string, kind: string) {
    if (existing.site_id !== site || existing.kind !== kind) {
      throw new Conflict(`Inspection ${existing.id} already exists for another site or kind`, { id: existing.id, site: existing.site_id, kind: existing.kind }, 'id_taken');
    }
    return { ...presentInspection(existing), findings: [] as ReturnType<typeof presentFinding>[], checklist: null as ReturnType<typeof presentChecklist>, created: false };
  }

  return {
    async create(actor: Principal, input: InspectionInput) {
      requirePermission(actor, 'inspection.record');
      const site = await findSite(db, input.site);
      if (!site || !canSee(actor, { regionCode: site.region, enterpriseId: site.enterprise })) throw new Invalid('Unknown site', [{ path: 'site', message: `no site ${input.site} in your scope` }]);
      requirePlacement(actor, 'inspection.record', { regionCode: site.region, enterpriseId: site.enterprise });
      if (input.id) {
        const existing = await findInspection(db, input.id);
        if (existing) return sameCreate(existing, site.id, input.kind);
      }
      const now = deps.now();
      const row: InspectionsTable = {
        id: input.id ?? uuidv7(),
        region_code: site.region,
        enterprise_id: site.enterprise,
        site_id: site.id,
        kind: input.kind,
        state: 'open',
        at: input.at ?? now,
        inspectors: JSON.stringify(input.inspectors ?? [actor.name]),
        notes: input.notes ?? null,
        // The issuing authority numbers the documents: the inspector's own region, else the site's county.
        issuer_region: actor.regionCode ?? site.region,
        record_number: null,
        order_number: null,
        completed_at: null,
        created_by: actor.id,
        version: 1,
        origin_node: deps.nodeId,
        created_at: now,
        updated_at: now,
      };
      // The checklist of the site's kind, as the region has it now: later edits of the template leave it be.
      const template = await checklistFor(db, site.region, site.kind);
      const checklist: InspectionChecklistsTable | undefined = template
        ? { id: row.id, region_code: row.region_code, enterprise_id: row.enterprise_id, kind: template.kind, items: JSON.stringify(startChecklist(template.items)), version: 1, origin_node: deps.nodeId, created_at: now, updated_at: now }
        : undefined;
      try {
        await db.transaction().execute(async (tx) => {
          await insertInspection(tx, row);
          if (checklist) await insertInspectionChecklist(tx, checklist);
          await audit(tx, actor, deps.nodeId, now, { entity: 'inspection', entityId: row.id, region: row.region_code, enterprise: row.enterprise_id, op: 'create', changes: presentInspection(row), toState: 'open' });
        });
      } catch (e) {
        // Two copies of the same create raced: the loser answers with the winner's.
        const existing = input.id && isUniqueViolation(e) ? await findInspection(db, input.id) : undefined;
        if (existing) return sameCreate(existing, site.id, input.kind);
        throw e;
      }
      deps.events.publish('record.changed', { entity: 'inspection', id: row.id, op: 'create', regionCode: row.region_code, enterpriseId: row.enterprise_id });
      return { ...presentInspection(row), findings: [], checklist: presentChecklist(checklist), created: true };
    },

    async addFinding(actor: Principal, id: string, input: FindingInput) {
      const r = await visible(actor, id);
      requireAccess(actor, 'inspection.record', { regionCode: r.region_code, enterpriseId: r.enterprise_id }, 'Inspection');
      requireOwnedHere('Inspection', id, r.origin_node, deps.nodeId);
      inspectionAfter(r.state as InspectionState, 'findings');
      if (input.checklistItem) {
        const item = presentChecklist(await findInspectionChecklist(db, id))?.items.find((i) => i.code === input.checklistItem);
        if (!item) throw new Invalid('Unknown checklist item', [{ path: 'checklistItem', message: `no item ${input.checklistItem} on this inspection's checklist` }]);
        if (item.result !== 'not_ok') throw new Conflict(`Checklist item ${item.code} is ${item.result}, not not_ok (检查项未判定为不符合)`, { code: item.code, result: item.result }, 'item_not_failed');
        input = { ...input, description: input.description ?? (item.note ? `${item.text}：${item.note}` : item.text), basis: input.basis ?? item.basis, grade: input.grade ?? (item.major ? 'major' : 'general') };
      }
      if (!input.description || !input.grade) throw new Invalid('A finding needs a description and grade, or a checklist item', [{ path: input.description ? 'grade' : 'description', message: 'required' }]);
      const description = input.description;
      const grade = input.grade;
      const now = deps.now();
      const deadline = input.deadline ?? addDays(chinaDate(now), DEFAULT_RECTIFY_DAYS);
      // A site kept by a node below (an enterprise's own node): the hazard is opened in that node's
      // ledger by an order sent with the finding, under an id made here so that the finding names it.
      const site = await findSite(db, r.site_id);
      const remote = network !== null && site !== undefined && site.originNode !== deps.nodeId && hazards !== undefined && can(actor, 'hazard.report');
      const hazardDeadline = startOfChinaDate(addDays(deadline, 1)) - 1;
      // Otherwise the hazard is opened here first, under an id made here, so that the finding can name
      // it; a finding that fails afterwards leaves the hazard in the ledger, pointing at this inspection.
      let hazardId: string | null = remote ? uuidv7() : null;
      if (!remote && hazards && can(actor, 'hazard.report')) {
        const h = await hazards.report(actor, {
          id: uuidv7(),
          site: r.site_id,
          description: description,
          grade: grade,
          deadline: hazardDeadline,
          source: 'inspection',
          sourceRef: r.id,
        });
        hazardId = h.hazard.id;
      }
      const f: InspectionFindingsTable = {
        id: uuidv7(),
        inspection_id: r.id,
        region_code: r.region_code,
        enterprise_id: r.enterprise_id,
        description: description,
        grade: grade,
        deadline,
        basis: input.basis ?? null,
        hazard_id: hazardId,
        verified_at: null,
        verified_by: null,
        verification_note: null,
        version: 1,
        origin_node: deps.nodeId,
        created_at: now,
        updated_at: now,
      };
      const sent = await db.transaction().execute(async (tx) => {
        // Bumping the version makes a completion racing this finding retry rather than miss it.
        if (!(await updateInspection(tx, { ...r, version: r.version + 1, updated_at: now }, r.version))) throw new Conflict('The inspection was changed meanwhile; retry');
        await insertFinding(tx, f);
        const out = remote
          ? await sendHazardOpen(tx, network!, actor, deps.config.level, site!.originNode, { hazardId: hazardId!, site: site!.id, description: description, grade: grade, deadline: hazardDeadline, inspection: r.id, finding: f.id })
          : null;
        await audit(tx, actor, deps.nodeId, now, { entity: 'inspection', entityId: r.id, region: r.region_code, enterprise: r.enterprise_id, op: 'finding', changes: presentFinding(f), details: { finding: f.id, ...(out ? { hazardSentTo: site!.originNode } : {}) } });
        return out;
      });
      if (sent?.child) network!.directives.wake([sent.child]);
      deps.events.publish('record.changed', { entity: 'inspection', id: r.id, op: 'finding', regionCode: r.region_code, enterpriseId: r.enterprise_id });
      return presentFinding(f);
    },

    /** Completes the inspection and numbers its documents in the same transaction (no gap, no repeat). */
    async complete(actor: Principal, id: string) {
      const r = await visible(actor, id);
      requireAccess(actor, 'inspection.record', { regionCode: r.region_code, enterpriseId: r.enterprise_id }, 'Inspection');
      requireOwnedHere('Inspection', id, r.origin_node, deps.nodeId);
      const state = inspectionAfter(r.state as InspectionState, 'complete');
      const now = deps.now();
      const year = Number(chinaDate(now).slice(0, 4));
      const after = await db.transaction().execute(async (tx) => {
        const current = await findInspection(tx, id);
        if (!current || current.version !== r.version) throw new Conflict('The inspection was changed meanwhile; reload and retry (记录已被他人修改)');
        const findings = await findingsOf(tx, id);
        const next: InspectionsTable = { ...current, state, completed_at: now, version: current.version + 1, updated_at: now };
        next.record_number = documentNumber('record', r.issuer_region, year, await nextDocumentSeq(tx, 'record', r.issuer_region, year));
        if (findings.length) next.order_number = documentNumber('order', r.issuer_region, year, await nextDocumentSeq(tx, 'order', r.issuer_region, year));
        // A lost race rolls the numbers back with it.
        if (!(await updateInspection(tx, next, current.version))) throw new Conflict('The inspection was completed by someone else (记录已被他人修改)');
        await audit(tx, actor, deps.nodeId, now, { entity: 'inspection', entityId: id, region: r.region_code, enterprise: r.enterprise_id, op: 'complete', changes: { state: { from: current.state, to: state }, recordNumber: next.record_number, orderNumber: next.order_number }, fromState: current.state, toState: state });
        return next;
      });
      deps.events.publish('record.changed', { entity: 'inspection', id, op: 'complete', regionCode: r.region_code, enterpriseId: r.enterprise_id });
      return { ...presentInspection(after), findings: (await findingsOf(db, id)).map(presentFinding), checklist: presentChecklist(await findInspectionChecklist(db, id)) };
    },

    /** The order router that sends a finding's hazard to the node keeping the site (wired at start). */
    connect(n: EnforcementNetwork) {
      network = n;
    },

    /**
     * The authority's review of a finding (复查) once its hazard is rectified in the enterprise's ledger
     * (here, or come back up from the enterprise's node); 409 before that, and once reviewed.
     */
    async verifyFinding(actor: Principal, id: string, findingId: string, input: { note?: string | null }) {
      const r = await visible(actor, id);
      requireAccess(actor, 'inspection.record', { regionCode: r.region_code, enterpriseId: r.enterprise_id }, 'Inspection');
      requireOwnedHere('Inspection', id, r.origin_node, deps.nodeId);
      const f = await findFinding(db, findingId);
      if (!f || f.inspection_id !== id) throw new NotFound(`Finding ${findingId} not found on inspection ${id}`);
      if (f.verified_at !== null && f.verified_at !== undefined) throw new Conflict('The finding was already reviewed (已复查)', { verifiedAt: Number(f.verified_at) }, 'already_verified');
      const h = f.hazard_id ? await findHazard(db, f.hazard_id) : undefined;
      if (f.hazard_id && !h) throw new Conflict("The finding's hazard has not reached this node yet (整改情况尚未上报)", { hazard: f.hazard_id }, 'hazard_not_here');
      if (h && !RECTIFIED.includes(h.state)) throw new Conflict(`The hazard is ${h.state}, not rectified yet (尚未整改完毕)`, { hazard: h.id, state: h.state }, 'not_rectified');
      const now = deps.now();
      const after: InspectionFindingsTable = { ...f, verified_at: now, verified_by: actor.name, verification_note: input.note ?? null, version: f.version + 1, updated_at: now };
      await db.transaction().execute(async (tx) => {
        if (!(await updateFinding(tx, after, f.version))) throw new Conflict('The finding was changed meanwhile; reload and retry (记录已被他人修改)');
        await audit(tx, actor, deps.nodeId, now, { entity: 'inspection', entityId: id, region: r.region_code, enterprise: r.enterprise_id, op: 'verify_finding', changes: { finding: f.id, hazard: h ? { id: h.id, state: h.state } : null }, reason: input.note ?? null, details: { finding: f.id } });
      });
      deps.events.publish('record.changed', { entity: 'inspection', id, op: 'verify_finding', regionCode: r.region_code, enterpriseId: r.enterprise_id });
      return { ...presentFinding(after), hazardState: h?.state ?? null };
    },

    /** Records checklist results (ok / not_ok / n_a, with a note) while the inspection is open. */
    async recordChecklist(actor: Principal, id: string, results: { code: string; result: Exclude<CheckResult, 'pending'>; note?: string | null }[]) {
      const r = await visible(actor, id);
      requireAccess(actor, 'inspection.record', { regionCode: r.region_code, enterpriseId: r.enterprise_id }, 'Inspection');
      requireOwnedHere('Inspection', id, r.origin_node, deps.nodeId);
      inspectionAfter(r.state as InspectionState, 'findings');
      const c = await findInspectionChecklist(db, id);
      if (!c) throw new NotFound(`Inspection ${id} has no checklist (该检查无检查表)`);
      const done = recordResults(JSON.parse(c.items) as CheckedItem[], results);
      if (done.unknown.length) throw new Invalid('Unknown checklist items', done.unknown.map((code) => ({ path: 'results', message: `no item ${code}` })));
      const now = deps.now();
      const after: InspectionChecklistsTable = { ...c, items: JSON.stringify(done.items), version: c.version + 1, updated_at: now };
      await db.transaction().execute(async (tx) => {
        if (!(await updateInspectionChecklist(tx, after, c.version))) throw new Conflict('The checklist was changed meanwhile; reload and retry (记录已被他人修改)');
        await audit(tx, actor, deps.nodeId, now, { entity: 'inspection', entityId: id, region: r.region_code, enterprise: r.enterprise_id, op: 'checklist', changes: { results } });
      });
      deps.events.publish('record.changed', { entity: 'inspection', id, op: 'checklist', regionCode: r.region_code, enterpriseId: r.enterprise_id });
      return presentChecklist(after)!;
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'enforcement.read');
      const r = await visible(actor, id);
      return { ...presentInspection(r), findings: (await findingsOf(db, id)).map(presentFinding), checklist: presentChecklist(await findInspectionChecklist(db, id)), history: await listActions(db, 'inspection', id) };
    },

    async list(actor: Principal, q: { region?: string; enterprise?: string; site?: string; kind?: string; state?: string; from?: number; to?: number; limit: number; offset: number }) {
      requirePermission(actor, 'enforcement.read');
      const r = await listInspections(db, { ...q, scope: scopeOf(actor) });
      return { items: r.items.map(presentInspection), total: r.total };
    },
  };
}

export type InspectionService = ReturnType<typeof createInspectionService>;
