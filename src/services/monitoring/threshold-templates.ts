import { z } from 'zod';
import { requirePermission, requirePlatformWide, type Principal } from '../../domain/access/policy.ts';
import { Conflict, Invalid } from '../../domain/errors.ts';
import { LEVELS, kindsForSite, validateThresholds, type SensorKind, type ThresholdTemplate, type Thresholds } from '../../domain/monitoring/index.ts';
import type { Executor } from '../../store/db.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { updateSensor } from '../../store/repos/monitoring/sensors.ts';
import { findThresholdTemplate, listPondSensorsOfKind, listThresholdTemplates, putThresholdTemplate, type ThresholdTemplatesTable } from '../../store/repos/monitoring/threshold-templates.ts';
import type { Site } from '../../store/repos/sites.ts';
import type { Deps } from '../context.ts';
import { isTemplatedPond, reapplyTemplate } from './thresholds.ts';

declare module '../events.ts' {
  interface EventMap {
    /** Sensors whose thresholds a threshold template changed, after commit: the catalogue reloads them. */
    'thresholds.applied': { sensorIds: string[] };
  }
}

const level = z.number().finite().optional();
const POND_KINDS = kindsForSite('tailings_pond') as [SensorKind, ...SensorKind[]];

const templateFields = {
  grade: z.number().int().min(1).max(5).describe('Pond grade (等别) 1–5'),
  damType: z.enum(['upstream', 'centerline', 'downstream', 'one_time']),
  kind: z.enum(POND_KINDS),
  direction: z.enum(['above', 'below']),
  blue: level,
  yellow: level,
  orange: level,
  red: level,
  source: z.string().trim().min(1).max(500).describe('Where the values come from, e.g. a document number (文号)'),
  note: z.string().max(1000).optional(),
  applyToExisting: z.boolean().default(false).describe('Also move levels of existing sensors that still hold template values (never manual ones)'),
  issuedBy: z.string().min(1).max(100).optional().describe('The node that issued the template (filled in by the issuing node)'),
};

function checkLevels(t: Partial<Record<(typeof LEVELS)[number], number>> & { direction: 'above' | 'below' }, ctx: z.RefinementCtx) {
  if (!LEVELS.some((l) => t[l] !== undefined)) ctx.addIssue({ code: 'custom', path: ['red'], message: 'give at least one of blue, yellow, orange, red' });
  for (const p of validateThresholds({ direction: t.direction, blue: t.blue, yellow: t.yellow, orange: t.orange, red: t.red })) {
    ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  }
}

/**
 * A threshold template (阈值模板) for one pond grade, dam type and sensor kind, with the document it
 * comes from (e.g. a provincial notice number). It replaces the built-in default for new sensors and,
 * with `applyToExisting`, moves the levels of existing sensors that still hold template values.
 */
export const thresholdTemplatePayload = z.strictObject(templateFields).superRefine(checkLevels).meta({ id: 'ThresholdTemplatePayload' });

/** Setting a template here, optionally sending it to every child in the same call. */
export const thresholdTemplateBody = z
  .strictObject({ ...templateFields, sendToChildren: z.boolean().default(false).describe('Also send it to every child registered here (one directive each)') })
  .superRefine(checkLevels)
  .meta({ id: 'ThresholdTemplateBody' });
export type ThresholdTemplatePayload = z.output<typeof thresholdTemplatePayload>;

/** Parses a template from outside (a directive's payload, a request); problems name their field under `path`. */
export function parseThresholdTemplate(input: unknown, path: string): ThresholdTemplatePayload {
  const r = thresholdTemplatePayload.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => ({ path: [path, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
  throw new Invalid(`Invalid threshold template — ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

/** The stored template as thresholds with their provenance: each level's source is the issuing document. */
export function issuedTemplate(row: ThresholdTemplatesTable): ThresholdTemplate {
  const values = JSON.parse(row.thresholds) as Thresholds;
  const prov = { source: row.source, confirmed: true, ...(row.note ? { note: row.note } : {}) };
  const out: ThresholdTemplate = { direction: values.direction, provenance: {} };
  for (const l of LEVELS) {
    const v = values[l];
    if (typeof v === 'number') (out[l] = v), (out.provenance[l] = prov);
  }
  return out;
}

/** The template in force here for this pond and kind, if one was issued or set. */
export async function issuedTemplateFor(db: Executor, site: Site, kind: SensorKind): Promise<ThresholdTemplate | null> {
  if (!isTemplatedPond(site)) return null;
  const row = await findThresholdTemplate(db, site.grade, site.damType, kind);
  return row ? issuedTemplate(row) : null;
}

export interface TemplateApplication {
  /** Sensors moved to the new values, with their placement for the change events. */
  changed: { id: string; code: string; site: string; regionCode: string; enterpriseId: string }[];
  /** Sensors left as they were because the kept manual levels and the new ones do not form a valid rule. */
  skipped: { sensor: string; site: string; reason: string }[];
}

/**
 * Stores the template and, when asked, moves this node's own sensors still on template values to it,
 * each change in the change log — all in the caller's transaction. Applying the same template again
 * changes nothing.
 */
export async function applyThresholdTemplate(
  tx: Executor,
  t: ThresholdTemplatePayload,
  ctx: { nodeId: string; directiveId: string | null; actorId: string | null; actorName: string; at: number },
): Promise<TemplateApplication> {
  const row: ThresholdTemplatesTable = {
    grade: t.grade,
    dam_type: t.damType,
    kind: t.kind,
    thresholds: JSON.stringify({ direction: t.direction, ...Object.fromEntries(LEVELS.filter((l) => t[l] !== undefined).map((l) => [l, t[l]])) }),
    source: t.source,
    note: t.note ?? null,
    issued_by: t.issuedBy ?? ctx.nodeId,
    directive_id: ctx.directiveId,
    updated_at: ctx.at,
    updated_by: ctx.actorName,
  };
  await putThresholdTemplate(tx, row);
  const out: TemplateApplication = { changed: [], skipped: [] };
  if (!t.applyToExisting) return out;
  const tpl = issuedTemplate(row);
  for (const { sensor, site } of await listPondSensorsOfKind(tx, { grade: t.grade, damType: t.damType, kind: t.kind, originNode: ctx.nodeId })) {
    let thresholds;
    try {
      thresholds = reapplyTemplate(sensor.thresholds, tpl);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      out.skipped.push({ sensor: sensor.code, site: site.code, reason: err.message });
      continue;
    }
    if (!thresholds) continue;
    const after = { ...sensor, thresholds, updatedAt: ctx.at, version: sensor.version + 1 };
    if (!(await updateSensor(tx, after, sensor.version))) throw new Conflict(`Sensor ${sensor.code} on ${site.code} changed meanwhile; retry`);
    const { sources: _s, ...values } = thresholds;
    await appendChange(tx, {
      actorId: ctx.actorId,
      actorName: ctx.actorName,
      entity: 'sensor',
      entityId: sensor.id,
      op: 'update',
      changes: { thresholds: values, template: { source: t.source, issuedBy: row.issued_by, directive: ctx.directiveId } },
      originNode: ctx.nodeId,
      at: ctx.at,
    });
    out.changed.push({ id: sensor.id, code: sensor.code, site: site.code, regionCode: site.region, enterpriseId: site.enterprise });
  }
  return out;
}

/** Publishes what an applied template changed, after its commit. */
export function announceTemplateApplied(events: Deps['events'], a: TemplateApplication): void {
  if (a.changed.length === 0) return;
  events.publish('thresholds.applied', { sensorIds: a.changed.map((c) => c.id) });
  for (const c of a.changed) events.publish('record.changed', { entity: 'sensor', id: c.id, op: 'update', regionCode: c.regionCode, enterpriseId: c.enterpriseId });
}

export function presentTemplate(row: ThresholdTemplatesTable, nodeId: string) {
  return {
    grade: row.grade,
    damType: row.dam_type,
    kind: row.kind,
    thresholds: JSON.parse(row.thresholds) as Thresholds,
    source: row.source,
    note: row.note,
    issuedBy: row.issued_by,
    issuedHere: row.issued_by === nodeId,
    directive: row.directive_id,
    updatedAt: Number(row.updated_at),
    updatedBy: row.updated_by,
  };
}

/** Sends a directive to every child registered here (one each), in the caller's transaction. */
export type SendToChildren = (tx: Executor, kind: 'threshold_template', payload: unknown, by: string) => Promise<{ id: string; node: string }[]>;

/**
 * The threshold templates in force at this node: listed by anyone who reads monitoring, set by its
 * administrators, and optionally sent down to every child in the same call.
 */
export function createThresholdTemplates(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>, down: { send: SendToChildren; wake(nodes: string[]): void }) {
  const { db } = deps.store;
  return {
    async list(actor: Principal) {
      requirePermission(actor, 'monitoring.read');
      return (await listThresholdTemplates(db)).map((r) => presentTemplate(r, deps.nodeId));
    },
    async set(actor: Principal, body: z.input<typeof thresholdTemplateBody>) {
      requirePlatformWide(actor, 'settings.manage');
      const { sendToChildren, ...rest } = body;
      if (sendToChildren) requirePermission(actor, 'network.manage');
      const t = { ...parseThresholdTemplate(rest, ''), issuedBy: deps.nodeId };
      const at = deps.now();
      const { applied, sent } = await db.transaction().execute(async (tx) => {
        const applied = await applyThresholdTemplate(tx, t, { nodeId: deps.nodeId, directiveId: null, actorId: actor.id, actorName: actor.name, at });
        const sent = sendToChildren ? await down.send(tx, 'threshold_template', t, actor.name) : [];
        return { applied, sent };
      });
      announceTemplateApplied(deps.events, applied);
      down.wake(sent.map((s) => s.node));
      const row = await findThresholdTemplate(db, t.grade, t.damType, t.kind);
      return {
        template: presentTemplate(row!, deps.nodeId),
        changed: applied.changed.map(({ code, site }) => ({ sensor: code, site })),
        skipped: applied.skipped,
        directives: sent,
      };
    },
  };
}

export type ThresholdTemplates = ReturnType<typeof createThresholdTemplates>;
