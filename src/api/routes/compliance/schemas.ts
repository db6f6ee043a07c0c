import { z } from 'zod';
import { RULES } from '../../../domain/compliance/catalogue.ts';
import { FINDING_STATES } from '../../../domain/compliance/findings.ts';

/** Shapes of the compliance API, beside its routes; they feed the OpenAPI document. */
export const ruleId = z.enum(RULES.map((r) => r.id) as [string, ...string[]]);
export const ruleParam = z.strictObject({ id: ruleId });

export const ruleSchema = z
  .object({
    id: z.string(),
    source: z.string().describe("The seed's clause or task number, or the standard"),
    zh: z.string(),
    en: z.string(),
    parameters: z.array(
      z.object({
        key: z.string(),
        zh: z.string(),
        en: z.string(),
        default: z.unknown(),
        value: z.unknown(),
        source: z.string(),
        note: z.string().nullable(),
        schema: z.unknown().describe('JSON Schema of the value'),
      }),
    ),
    version: z.number().describe('0 while every parameter is at its default'),
    updatedAt: z.number().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'ComplianceRule' });

export const parametersBody = z.strictObject({
  parameters: z.record(z.string(), z.unknown()).describe('Some or all of the rule\'s parameters, by key'),
  version: z.number().int().min(0).describe('The version you read'),
  reason: z.string().trim().max(1000).nullable().optional().describe('Why (变更理由), kept in the change log'),
});

export const previewBody = z.strictObject({ parameters: z.record(z.string(), z.unknown()) });

const candidateSchema = z.object({ rule: z.string(), site: z.string().nullable(), region: z.string(), enterprise: z.string().nullable(), key: z.string(), message: z.string(), evidence: z.record(z.string(), z.unknown()) });

export const previewSchema = z.object({ rule: z.string(), today: z.string(), parameters: z.record(z.string(), z.unknown()), added: z.array(candidateSchema), removed: z.array(candidateSchema) }).meta({ id: 'CompliancePreview' });

export const findingSchema = z
  .object({
    id: z.string(),
    rule: z.string(),
    site: z.string().nullable().describe('Null for a finding about a region (pond counts)'),
    siteCode: z.string().nullable(),
    siteName: z.string().nullable(),
    region: z.string(),
    enterprise: z.string().nullable(),
    key: z.string(),
    message: z.string(),
    evidence: z.record(z.string(), z.unknown()),
    state: z.enum(FINDING_STATES),
    reason: z.string().nullable(),
    firstSeen: z.number(),
    lastSeen: z.number(),
    resolvedAt: z.number().nullable(),
    updatedAt: z.number(),
    version: z.number(),
    originNode: z.string().describe('The node whose rule runs keep the finding; it alone acknowledges, waives or resolves it'),
    tasks: z.array(z.lazy(() => findingTaskSchema)).optional().describe('Campaign tasks raised from the finding (专项整治任务)'),
  })
  .meta({ id: 'ComplianceFinding' });

export const findingTaskSchema = z
  .object({
    campaign: z.string(),
    campaignName: z.string(),
    task: z.string(),
    number: z.string(),
    text: z.string(),
    state: z.string(),
    deadline: z.string().nullable(),
    site: z.string().nullable().describe("The finding's site, linked to the task"),
    createdAt: z.number(),
  })
  .meta({ id: 'ComplianceFindingTask' });

export const findingTaskBody = z.strictObject({
  campaign: z.string().min(1).max(64).describe('The campaign (专项整治) the task goes in'),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').describe('By when (整改期限)'),
  text: z.string().trim().max(5000).nullable().optional().describe("The task's text; the rule's description by default"),
});

export const runSummarySchema = z.object({
  id: z.string(),
  today: z.string(),
  added: z.number(),
  resolved: z.number(),
  reopened: z.number(),
  open: z.number(),
  failed: z.array(z.object({ rule: z.string(), error: z.string() })),
});

export const actionBody = z.strictObject({
  reason: z.string().trim().max(2000).nullable().optional().describe('Required to waive (豁免理由)'),
  version: z.number().int().positive().optional().describe('The version you read; refused with 409 if it moved'),
});
