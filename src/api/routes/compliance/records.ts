import { z } from 'zod';
import { CARRIES } from '../../../domain/compliance/define.ts';
import type { Compliance } from '../../../services/compliance/index.ts';
import { consultationInput, equipmentInput, factsInput } from '../../../services/compliance/records.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, siteParam } from '../../schemas.ts';

const tags = ['compliance'];

const consultationSchema = z.object({ id: z.string(), site: z.string(), siteCode: z.string(), date: z.string(), experts: z.array(z.string()), conclusion: z.string(), createdAt: z.number(), createdBy: z.string().nullable() }).meta({ id: 'ExpertConsultation' });
const equipmentSchema = z
  .object({ id: z.string(), site: z.string(), siteCode: z.string(), name: z.string(), kind: z.string(), model: z.string().nullable(), brakeType: z.string().nullable(), carries: z.array(z.enum(CARRIES)), createdAt: z.number() })
  .meta({ id: 'SiteEquipment' });
const factsSchema = z
  .object({
    site: z.string(),
    siteCode: z.string(),
    newMine: z.boolean().nullable(),
    fillingAssessedOn: z.string().nullable(),
    headsUpPlanOn: z.string().nullable(),
    atFinalElevation: z.boolean().nullable(),
    receivingTailings: z.boolean().nullable(),
    idleSince: z.string().nullable(),
    note: z.string().nullable(),
    updatedAt: z.number().nullable(),
    version: z.number(),
  })
  .meta({ id: 'SiteComplianceFacts' });

/** Records the rules read: expert consultations, the equipment register, a site's compliance facts. */
export function complianceRecordRoutes(app: App, c: Compliance) {
  app.post(
    '/api/v1/compliance/consultations',
    { schema: { tags, summary: 'Record an expert consultation (专家会诊) of a site', body: consultationInput, response: { 201: consultationSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await c.records.addConsultation(who(req), req.body)),
  );
  app.get(
    '/api/v1/compliance/consultations',
    { schema: { tags, summary: "A site's expert consultations, newest first", querystring: z.strictObject({ site: z.string().min(1).max(100) }), response: { 200: z.object({ items: z.array(consultationSchema) }), ...errors } } },
    async (req) => ({ items: await c.records.consultations(who(req), req.query.site) }),
  );
  app.post(
    '/api/v1/sites/:site/equipment',
    { schema: { tags, summary: "Add an item to the site's equipment register (设备台账)", params: siteParam, body: equipmentInput, response: { 201: equipmentSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await c.records.addEquipment(who(req), req.params.site, req.body)),
  );
  app.get(
    '/api/v1/sites/:site/equipment',
    { schema: { tags, summary: "The site's equipment register", params: siteParam, response: { 200: z.object({ items: z.array(equipmentSchema) }), ...errors } } },
    async (req) => ({ items: await c.records.equipment(who(req), req.params.site) }),
  );
  app.get(
    '/api/v1/compliance/sites/:site/facts',
    { schema: { tags, summary: "A site's compliance facts (filling assessment, heads-up treatment plan, closure conditions)", params: siteParam, response: { 200: factsSchema, ...errors } } },
    async (req) => c.records.facts(who(req), req.params.site),
  );
  app.put(
    '/api/v1/compliance/sites/:site/facts',
    { schema: { tags, summary: "Set some of a site's compliance facts; send the version you read (0 the first time)", params: siteParam, body: factsInput, response: { 200: factsSchema, ...errors } } },
    async (req) => c.records.setFacts(who(req), req.params.site, req.body),
  );
}
