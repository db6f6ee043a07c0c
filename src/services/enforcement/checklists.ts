import { uuidv7 } from 'uuidv7';
import { requirePermission, requirePlacement, type Principal } from '../../domain/access/policy.ts';
import { CHECKLIST_KINDS, STARTER_CHECKLISTS, type ChecklistItem, type ChecklistKind } from '../../domain/enforcement/checklists.ts';
import { Conflict, Invalid } from '../../domain/errors.ts';
import { structuralParent } from '../../domain/regions/regions.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findTemplate, insertTemplate, templatesFor, updateTemplate, type ChecklistTemplatesTable } from '../../store/repos/enforcement/checklists.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';

/** A region and those above it, nearest first. */
function chain(region: string): string[] {
  const out: string[] = [];
  for (let r: string | null = region; r; r = structuralParent(r)) out.push(r);
  return out;
}

export const isChecklistKind = (k: string): k is ChecklistKind => (CHECKLIST_KINDS as readonly string[]).includes(k);

/**
 * The checklist that applies in a region for a site kind: the template of the nearest region that
 * has one (the county's over the city's over the province's), else the starter library.
 */
export async function checklistFor(ex: Executor, region: string, kind: string) {
  if (!isChecklistKind(kind)) return null;
  const regions = chain(region);
  const rows = await templatesFor(ex, regions, kind);
  const nearest = regions.map((r) => rows.find((t) => t.region_code === r)).find((t) => t !== undefined);
  if (nearest) return { kind, region: nearest.region_code, source: 'region' as const, version: nearest.version, items: JSON.parse(nearest.items) as ChecklistItem[] };
  return { kind, region: null, source: 'starter' as const, version: 0, items: STARTER_CHECKLISTS[kind].map((i) => ({ ...i })) };
}

export function createChecklistService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'regions'>) {
  const { db } = deps.store;

  function regionOf(actor: Principal, region: string | undefined): string {
    const r = region ?? actor.regionCode;
    if (!r) throw new Invalid('Name the region', [{ path: 'region', message: 'required for a principal not bound to a region' }]);
    if (!deps.regions.get(r)) throw new Invalid('Unknown region', [{ path: 'region', message: `${r} is not a known GB/T 2260 code` }]);
    return r;
  }

  return {
    async get(actor: Principal, kind: ChecklistKind, region?: string) {
      requirePermission(actor, 'enforcement.read');
      return (await checklistFor(db, regionOf(actor, region), kind))!;
    },

    /** Replaces a region's template for a kind; `version` is the one read (0 when none was stored). */
    async put(actor: Principal, kind: string, input: { region: string; version: number; items: ChecklistItem[] }) {
      requirePermission(actor, 'enforcement.manage');
      const region = regionOf(actor, input.region);
      requirePlacement(actor, 'enforcement.manage', { regionCode: region });
      if (!isChecklistKind(kind)) throw new Invalid('Unknown site kind', [{ path: 'kind', message: `one of ${CHECKLIST_KINDS.join(', ')}` }]);
      const codes = input.items.map((i) => i.code);
      const dup = codes.find((c, i) => codes.indexOf(c) !== i);
      if (dup) throw new Invalid('Item codes must be unique', [{ path: 'items', message: `${dup} appears twice` }]);
      const now = deps.now();
      const saved = await db.transaction().execute(async (tx) => {
        const current = await findTemplate(tx, region, kind);
        if (current && current.origin_node !== deps.nodeId) throw new Conflict(`The ${kind} checklist of region ${region} is kept by node ${current.origin_node}; change it there (请在制定该检查表的节点修改)`, { originNode: current.origin_node }, 'owned_elsewhere');
        if ((current?.version ?? 0) !== input.version) throw new Conflict('The checklist was changed meanwhile; reload and retry (检查表已被他人修改)', { version: current?.version ?? 0 }, 'version_mismatch');
        const row: ChecklistTemplatesTable = current
          ? { ...current, items: JSON.stringify(input.items), updated_by: actor.name, version: current.version + 1, updated_at: now }
          : { id: uuidv7(), region_code: region, enterprise_id: null, kind, items: JSON.stringify(input.items), updated_by: actor.name, version: 1, origin_node: deps.nodeId, created_at: now, updated_at: now };
        if (current) {
          if (!(await updateTemplate(tx, row, current.version))) throw new Conflict('The checklist was changed meanwhile; reload and retry (检查表已被他人修改)');
        } else {
          await insertTemplate(tx, row);
        }
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'checklist_template', entityId: row.id, op: current ? 'update' : 'create', changes: { region, kind, items: input.items.length, version: row.version }, originNode: deps.nodeId, at: now });
        return row;
      });
      return { kind, region, source: 'region' as const, version: saved.version, items: JSON.parse(saved.items) as ChecklistItem[] };
    },
  };
}

export type ChecklistService = ReturnType<typeof createChecklistService>;
