import { z } from 'zod';
import { HAZARD_GRADES, HAZARD_SOURCES, HAZARD_STATES, toInstant, type HazardAction } from '../../../domain/dualprev/index.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { HazardExport } from '../../../services/dualprev/export.ts';
import type { HazardService } from '../../../services/dualprev/hazards.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { actionBodies, hazardDetailSchema, hazardInput, hazardSchema, hazardStatsSchema, instant } from './schemas.ts';

const tags = ['dual prevention'];
const region = z.string().regex(/^\d{6}$/).optional();
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const states = z
  .string()
  .max(100)
  .refine((s) => s.split(',').every((x) => (HAZARD_STATES as readonly string[]).includes(x)), { message: `comma-separated states among ${HAZARD_STATES.join(', ')}` })
  .transform((s) => s.split(','));

const SUMMARIES = {
  plan: 'Set or amend the rectification plan (整改方案); a major hazard’s names measures, funds, people, deadline and interim safety measures',
  rectify: 'Report the rectification done (整改), with photos',
  verify: 'Verify the rectification (验收); not by the person who rectified',
  reject: 'Send the rectification back (退回重新整改)',
  close: 'Close a verified hazard (销号)',
} as const;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="${encodeURI(name).replace(/%/g, '')}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`;
const ledgerQuery = z.strictObject({
  site: z.string().max(100).optional(),
  state: states.optional(),
  grade: z.enum(HAZARD_GRADES).optional(),
  source: z.enum(HAZARD_SOURCES).optional(),
  overdue: bool.optional(),
  region,
});
const asInstant = (v: string | number | undefined, path: string, end: boolean) => (v === undefined ? undefined : toInstant(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v, path, end));

export function hazardRoutes(app: App, svc: HazardService, exports: HazardExport) {
  app.get('/api/v1/hazards.xlsx', { schema: { tags, summary: 'The hazard ledger (隐患台账) in my scope as an Excel workbook, streamed', querystring: ledgerQuery } }, async (req, reply) => {
    const stream = await exports.ledger(who(req), { ...req.query, region: req.query.region && scopePrefix(req.query.region) });
    return reply.type(XLSX).header('content-disposition', attachment('隐患台账')).send(stream);
  });

  app.get(
    '/api/v1/hazards/stats.xlsx',
    { schema: { tags, summary: 'Hazard statistics (隐患统计) as an Excel workbook', querystring: z.strictObject({ region, site: z.string().max(100).optional(), from: instant.optional(), to: instant.optional() }) } },
    async (req, reply) => {
      const q = req.query;
      const stream = await exports.stats(who(req), { region: q.region && scopePrefix(q.region), site: q.site, from: asInstant(q.from, 'from', false), to: asInstant(q.to, 'to', true) });
      return reply.type(XLSX).header('content-disposition', attachment('隐患统计')).send(stream);
    },
  );

  app.get(
    '/api/v1/hazards',
    {
      schema: {
        tags,
        summary: 'The hazard ledger in my scope (隐患台账), newest first',
        querystring: z.strictObject({
          ...paging,
          site: z.string().max(100).optional(),
          state: states.optional(),
          grade: z.enum(HAZARD_GRADES).optional(),
          source: z.enum(HAZARD_SOURCES).optional(),
          overdue: bool.optional(),
          region,
        }),
        response: { 200: z.object({ items: z.array(hazardSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => svc.list(who(req), { ...req.query, region: req.query.region && scopePrefix(req.query.region) }),
  );

  app.get(
    '/api/v1/hazards/stats',
    {
      schema: {
        tags,
        summary: 'Hazards found in [from, to): rectified, overdue, on-time rate, by grade (default: this year in China)',
        querystring: z.strictObject({ region, site: z.string().max(100).optional(), from: instant.optional(), to: instant.optional() }),
        response: { 200: hazardStatsSchema, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const asInstant = (v: string | number | undefined, path: string, end: boolean) => (v === undefined ? undefined : toInstant(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v, path, end));
      return svc.stats(who(req), { region: q.region && scopePrefix(q.region), site: q.site, from: asInstant(q.from, 'from', false), to: asInstant(q.to, 'to', true) });
    },
  );

  app.post(
    '/api/v1/hazards',
    {
      schema: {
        tags,
        summary: 'Register a hazard (登记隐患). With a client id, a repeat answers 200 with the record made first',
        body: hazardInput,
        response: { 200: hazardSchema, 201: hazardSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await svc.report(who(req), { ...req.body, deadline: toInstant(req.body.deadline) });
      return reply.code(r.created ? 201 : 200).send(r.hazard);
    },
  );

  app.get(
    '/api/v1/hazards/:id',
    { schema: { tags, summary: 'A hazard with the actions I may take and its history', params: idParam, response: { 200: hazardDetailSchema, ...errors } } },
    async (req) => svc.get(who(req), req.params.id),
  );

  for (const action of ['plan', 'rectify', 'verify', 'reject', 'close'] as const) {
    app.post(
      `/api/v1/hazards/:id/${action}`,
      { schema: { tags, summary: SUMMARIES[action], params: idParam, body: actionBodies[action].optional(), response: { 200: hazardSchema, ...errors } } },
      async (req) => {
        const body = (req.body ?? {}) as { version?: number; note?: string; photos?: string[]; plan?: Record<string, unknown> & { deadline?: string | number | null } };
        let a: HazardAction;
        if (action === 'plan') {
          const p = body.plan ?? { measures: '' };
          a = { type: 'plan', plan: { ...(p as { measures: string }), deadline: p.deadline === null || p.deadline === undefined ? null : toInstant(p.deadline, 'plan.deadline') } };
        } else if (action === 'rectify') a = { type: 'rectify', note: body.note ?? '', photos: body.photos };
        else if (action === 'reject') a = { type: 'reject', note: body.note ?? '' };
        else a = { type: action, note: body.note ?? undefined };
        return svc.act(who(req), req.params.id, a, body.version);
      },
    );
  }
}
