import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { assess, type AccidentType, type ControlLevel, type KeyOperation, type MeasureKind, type RiskFactors, type RiskLevel, type RiskMethod } from '../../domain/dualprev/index.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { appendChange, listChanges } from '../../store/repos/change-log.ts';
import { findRisk, insertRisk, listRisks, riskCounts, updateRisk, type RiskQuery, type RiskRow } from '../../store/repos/dualprev/risks.ts';
import { regionColumns } from '../../store/repos/dualprev/place.ts';
import type { Deps } from '../context.ts';
import { presentChange } from '../registry/enterprises.ts';
import type { SiteService } from '../registry/sites.ts';
import { recordId } from './client-id.ts';
import type { DualPrevSettingsService } from './settings.ts';

export interface RiskMeasure {
  kind: MeasureKind;
  text: string;
  department?: string | null;
  person?: string | null;
  controlLevel?: ControlLevel | null;
}

export interface FactorsInput {
  method: RiskMethod;
  L: number;
  E?: number;
  C?: number;
  S?: number;
}

export interface RiskDetails {
  area?: string | null;
  process?: string | null;
  operation?: KeyOperation | null;
  hazardFactors?: string[];
  accidentTypes?: AccidentType[];
  measures?: RiskMeasure[];
  checkItems?: string[];
  controlLevel?: ControlLevel | null;
  department?: string | null;
  person?: string | null;
  templateId?: string | null;
}

export type RiskInput = FactorsInput & RiskDetails & { id?: string; site: string; name: string };

interface Assessed {
  method: RiskMethod;
  L: number;
  E: number | null;
  C: number | null;
  S: number | null;
  score: number;
  level: RiskLevel;
  assessedAt: number;
  assessedBy: string | null;
  reason?: string | null;
}

/** LEC takes L, E and C; LS takes L and S: a factor of the other method is a mistake worth naming. */
export function toFactors(f: FactorsInput): RiskFactors {
  const problems = [];
  const need = f.method === 'LEC' ? (['E', 'C'] as const) : (['S'] as const);
  const banned = f.method === 'LEC' ? (['S'] as const) : (['E', 'C'] as const);
  for (const k of need) if (f[k] === undefined) problems.push({ path: k, message: `required for ${f.method}` });
  for (const k of banned) if (f[k] !== undefined) problems.push({ path: k, message: `not part of ${f.method}` });
  if (problems.length) throw new Invalid(`Risk factors do not match the method ${f.method}`, problems);
  return f.method === 'LEC' ? { method: 'LEC', L: f.L, E: f.E!, C: f.C! } : { method: 'LS', L: f.L, S: f.S! };
}

const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

export function presentRisk(r: RiskRow) {
  return {
    id: r.id,
    site: r.site_id,
    region: r.region_code,
    enterprise: r.enterprise_id,
    name: r.name,
    area: r.area,
    process: r.process,
    operation: r.operation,
    method: r.method as RiskMethod,
    L: r.l,
    E: r.e,
    C: r.c,
    S: r.s,
    score: r.score,
    level: r.level as RiskLevel,
    hazardFactors: json<string[]>(r.hazard_factors, []),
    accidentTypes: json<string[]>(r.accident_types, []),
    measures: json<RiskMeasure[]>(r.measures, []),
    checkItems: json<string[]>(r.check_items, []),
    controlLevel: r.control_level,
    department: r.department,
    person: r.person,
    templateId: r.template_id,
    history: json<Assessed[]>(r.history, []),
    assessedAt: Number(r.assessed_at),
    assessedBy: r.assessed_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    version: r.version,
    originNode: r.origin_node,
  };
}
export type RiskView = ReturnType<typeof presentRisk>;

function detailColumns(d: RiskDetails) {
  const cols: Partial<RiskRow> = {};
  if (d.area !== undefined) cols.area = d.area;
  if (d.process !== undefined) cols.process = d.process;
  if (d.operation !== undefined) cols.operation = d.operation;
  if (d.hazardFactors !== undefined) cols.hazard_factors = JSON.stringify(d.hazardFactors);
  if (d.accidentTypes !== undefined) cols.accident_types = JSON.stringify(d.accidentTypes);
  if (d.measures !== undefined) cols.measures = JSON.stringify(d.measures);
  if (d.checkItems !== undefined) cols.check_items = JSON.stringify(d.checkItems);
  if (d.controlLevel !== undefined) cols.control_level = d.controlLevel;
  if (d.department !== undefined) cols.department = d.department;
  if (d.person !== undefined) cols.person = d.person;
  if (d.templateId !== undefined) cols.template_id = d.templateId;
  return cols;
}

/** The risk register (风险分级管控清单): assess, re-assess keeping the history, and count by level. */
export function createRiskService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>, sites: SiteService, settings: DualPrevSettingsService) {
  const { db } = deps.store;

  async function visible(actor: Principal, id: string): Promise<RiskRow> {
    const r = await findRisk(db, id);
    if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Risk ${id} not found (风险点不存在)`);
    return r;
  }

  function checkVersion(r: RiskRow, version: number | undefined) {
    // A risk forwarded from a node below is that node's to change: records travel upward only.
    if (r.origin_node !== deps.nodeId) throw new Conflict(`Risk ${r.id} is kept by the node that made it (${r.origin_node}); change it there`, { originNode: r.origin_node }, 'owned_elsewhere');
    if (version !== undefined && version !== r.version) {
      throw new Conflict(`The risk was changed by someone else (version ${r.version}, yours ${version}); reload and retry (记录已被他人修改)`, { current: presentRisk(r) }, 'stale_version');
    }
  }

  function changed(op: string, r: RiskRow) {
    deps.events.publish('record.changed', { entity: 'risk', id: r.id, op, regionCode: r.region_code, enterpriseId: r.enterprise_id });
  }

  async function write(actor: Principal, before: RiskRow, after: RiskRow, op: string, changes: unknown, reason: string | null = null) {
    await db.transaction().execute(async (tx) => {
      if (!(await updateRisk(tx, after, before.version))) {
        const current = await findRisk(tx, before.id);
        throw new Conflict('The risk was changed by someone else; reload and retry (记录已被他人修改)', { current: current && presentRisk(current) }, 'stale_version');
      }
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'risk', entityId: after.id, op, changes, originNode: deps.nodeId, at: after.updated_at, reason });
    });
    changed(op, after);
    return presentRisk(after);
  }

  return {
    /** Creates a risk; a repeated create with the same client id answers the record made the first time. */
    async create(actor: Principal, input: RiskInput): Promise<{ risk: RiskView; created: boolean }> {
      const site = await sites.visible(actor, input.site);
      requirePlacement(actor, 'risk.manage', { regionCode: site.region, enterpriseId: site.enterprise });
      const id = recordId(input.id);
      const factors = toFactors(input);
      const { score, level } = assess(factors, (await settings.get()).riskBands);
      const now = deps.now();
      const row: RiskRow = {
        id,
        region_code: site.region,
        ...regionColumns(site.region),
        enterprise_id: site.enterprise,
        site_id: site.id,
        version: 1,
        origin_node: deps.nodeId,
        created_at: now,
        updated_at: now,
        name: input.name,
        area: null,
        process: null,
        operation: null,
        method: factors.method,
        l: factors.L,
        e: factors.method === 'LEC' ? factors.E : null,
        c: factors.method === 'LEC' ? factors.C : null,
        s: factors.method === 'LS' ? factors.S : null,
        score,
        level,
        hazard_factors: '[]',
        accident_types: '[]',
        measures: '[]',
        check_items: '[]',
        control_level: null,
        department: null,
        person: null,
        template_id: null,
        history: '[]',
        assessed_at: now,
        assessed_by: actor.name,
        created_by: actor.id,
        ...detailColumns(input),
      };
      const existing = await db.transaction().execute(async (tx) => {
        if (!(await insertRisk(tx, row))) return (await findRisk(tx, id)) ?? null;
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'risk', entityId: id, op: 'create', changes: presentRisk(row), originNode: deps.nodeId, at: now });
        return null;
      });
      if (existing) {
        if (!canSee(actor, { regionCode: existing.region_code, enterpriseId: existing.enterprise_id }) || existing.site_id !== site.id) {
          throw new Conflict(`id ${id} belongs to another record`, [{ path: 'id', message: 'already used' }], 'id_taken');
        }
        return { risk: presentRisk(existing), created: false };
      }
      changed('create', row);
      return { risk: presentRisk(row), created: true };
    },

    /** Re-assessment (复评): the new score replaces the old, which moves into the history. */
    async review(actor: Principal, id: string, input: FactorsInput & { reason?: string | null; version?: number }) {
      const before = await visible(actor, id);
      requireAccess(actor, 'risk.manage', { regionCode: before.region_code, enterpriseId: before.enterprise_id }, 'Risk');
      checkVersion(before, input.version);
      const factors = toFactors(input);
      const { score, level } = assess(factors, (await settings.get()).riskBands);
      const now = deps.now();
      const previous: Assessed = {
        method: before.method as RiskMethod,
        L: before.l,
        E: before.e,
        C: before.c,
        S: before.s,
        score: before.score,
        level: before.level as RiskLevel,
        assessedAt: Number(before.assessed_at),
        assessedBy: before.assessed_by,
      };
      const after: RiskRow = {
        ...before,
        method: factors.method,
        l: factors.L,
        e: factors.method === 'LEC' ? factors.E : null,
        c: factors.method === 'LEC' ? factors.C : null,
        s: factors.method === 'LS' ? factors.S : null,
        score,
        level,
        history: JSON.stringify([...json<Assessed[]>(before.history, []), previous]),
        assessed_at: now,
        assessed_by: actor.name,
        version: before.version + 1,
        updated_at: now,
      };
      return write(actor, before, after, 'review', { from: { score: before.score, level: before.level }, to: { score, level }, reason: input.reason ?? null }, input.reason ?? null);
    },

    /** Edits what the risk is and how it is controlled; the score changes only by review. */
    async update(actor: Principal, id: string, patch: RiskDetails & { name?: string; version: number }) {
      const before = await visible(actor, id);
      requireAccess(actor, 'risk.manage', { regionCode: before.region_code, enterpriseId: before.enterprise_id }, 'Risk');
      checkVersion(before, patch.version);
      const after: RiskRow = { ...before, ...detailColumns(patch), ...(patch.name ? { name: patch.name } : {}), version: before.version + 1, updated_at: deps.now() };
      const { version: _v, ...changes } = patch;
      return write(actor, before, after, 'update', changes);
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'dualprev.read');
      return presentRisk(await visible(actor, id));
    },

    async list(actor: Principal, q: Omit<RiskQuery, 'scope' | 'site'> & { site?: string }) {
      requirePermission(actor, 'dualprev.read');
      const site = q.site ? (await sites.visible(actor, q.site)).id : undefined;
      const r = await listRisks(db, { ...q, site, scope: scopeOf(actor) });
      return { items: r.items.map(presentRisk), total: r.total };
    },

    async stats(actor: Principal, q: { region?: string; site?: string }) {
      requirePermission(actor, 'dualprev.read');
      const site = q.site ? (await sites.visible(actor, q.site)).id : undefined;
      const rows = await riskCounts(db, { scope: scopeOf(actor), region: q.region, site });
      const byLevel: Record<RiskLevel, number> = { major: 0, significant: 0, general: 0, low: 0 };
      const byOperation: Record<string, number> = {};
      let total = 0;
      for (const r of rows) {
        total += r.n;
        byLevel[r.level as RiskLevel] = (byLevel[r.level as RiskLevel] ?? 0) + r.n;
        const op = r.operation ?? 'other';
        byOperation[op] = (byOperation[op] ?? 0) + r.n;
      }
      return { total, byLevel, byOperation };
    },

    async history(actor: Principal, id: string) {
      requirePermission(actor, 'dualprev.read');
      await visible(actor, id);
      return (await listChanges(db, 'risk', id)).map(presentChange);
    },
  };
}

export type RiskService = ReturnType<typeof createRiskService>;
