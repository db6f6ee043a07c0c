import { requirePermission, requirePlatformWide, type Principal } from '../../domain/access/policy.ts';
import { CRITERIA_88, CRITERIA_SECTIONS, type Criterion, type CriteriaSection } from '../../domain/dualprev/index.ts';
import { Invalid } from '../../domain/errors.ts';
import { appendChange, listChanges } from '../../store/repos/change-log.ts';
import { getSetting, putSetting } from '../../store/repos/settings.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import { presentChange } from '../registry/enterprises.ts';

const KEY = 'dualprev.criteria';

export interface CriterionPatch {
  section?: CriteriaSection;
  number?: string | null;
  heading?: string | null;
  text?: string;
  source?: string;
  confirmed?: boolean;
  note?: string | null;
}

/**
 * The 88号 catalogue in force: the sourced items shipped with the platform, completed and corrected
 * by an administrator from the official text (a new item, a number confirmed, a wording fixed). Each
 * change is kept in the change log; an item's id never changes, so hazards that cite it stay right.
 */
export function createCriteriaService(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>) {
  const { db } = deps.store;

  async function overrides(ex: Executor): Promise<Record<string, Partial<Criterion>>> {
    const raw = await getSetting(ex, KEY);
    return raw ? (JSON.parse(raw) as Record<string, Partial<Criterion>>) : {};
  }

  async function catalogue(ex: Executor = db): Promise<Criterion[]> {
    const o = await overrides(ex);
    const base = CRITERIA_88.map((c) => ({ ...c, ...o[c.id] }) as Criterion);
    const added = Object.entries(o)
      .filter(([id]) => !CRITERIA_88.some((c) => c.id === id))
      .map(([id, c]) => ({ ...c, id }) as Criterion);
    return [...base, ...added];
  }

  return {
    catalogue,
    async find(id: string): Promise<Criterion | undefined> {
      return (await catalogue()).find((c) => c.id === id);
    },
    async list(actor: Principal, section?: CriteriaSection) {
      requirePermission(actor, 'dualprev.read');
      return (await catalogue()).filter((c) => !section || c.section === section);
    },
    /** Adds an item or corrects one (settings.manage over the whole platform: the catalogue every region's hazards cite). */
    async put(actor: Principal, id: string, patch: CriterionPatch): Promise<Criterion> {
      requirePlatformWide(actor, 'settings.manage');
      if (!/^88-[A-Z0-9-]{1,30}$/.test(id)) throw new Invalid('Criterion ids look like 88-UG-07-1', [{ path: 'id', message: 'letters, digits and dashes after 88-' }]);
      return db.transaction().execute(async (tx) => {
        const all = await catalogue(tx);
        const before = all.find((c) => c.id === id);
        const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), id } as Criterion;
        const problems = [];
        if (!after.text?.trim()) problems.push({ path: 'text', message: 'required' });
        if (!after.source?.trim()) problems.push({ path: 'source', message: 'say where the wording comes from' });
        if (!(CRITERIA_SECTIONS as readonly string[]).includes(after.section)) problems.push({ path: 'section', message: `one of ${CRITERIA_SECTIONS.join(', ')}` });
        if (typeof after.confirmed !== 'boolean') after.confirmed = false;
        if (after.number === undefined) after.number = null;
        if (problems.length) throw new Invalid('Invalid criterion', problems);
        const o = await overrides(tx);
        const { id: _id, ...stored } = after;
        o[id] = stored;
        const now = deps.now();
        await putSetting(tx, KEY, JSON.stringify(o), now);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'criterion', entityId: id, op: before ? 'update' : 'create', changes: { from: before ?? null, to: after }, originNode: deps.nodeId, at: now });
        return after;
      });
    },
    async history(actor: Principal, id: string) {
      requirePermission(actor, 'dualprev.read');
      return (await listChanges(db, 'criterion', id)).map(presentChange);
    },
  };
}

export type CriteriaService = ReturnType<typeof createCriteriaService>;
