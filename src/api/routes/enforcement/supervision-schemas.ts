import { z } from 'zod';
import { CLASSES } from '../../../domain/enforcement/classes.ts';
import { actionSchema } from './common.ts';

// The shapes of supervision classes and enforcement plans as they leave the server; the web client
// takes its types from here, so this file imports only zod and pure domain code.

const factorSchema = z.object({ factor: z.string(), value: z.unknown(), points: z.number(), explanation: z.string() });

export const classItemSchema = z
  .object({
    enterprise: z.string(),
    enterpriseName: z.string(),
    region: z.string(),
    class: z.enum(CLASSES),
    computedClass: z.enum(CLASSES),
    score: z.number(),
    factors: z.array(factorSchema),
    inspectionsPerYear: z.number(),
    override: z.object({ class: z.enum(CLASSES), reason: z.string(), by: z.string().nullable(), at: z.number() }).nullable(),
    sites: z.array(z.string()),
    history: z.array(actionSchema).optional().describe('Overrides and withdrawals, oldest first: listed when one enterprise is asked for'),
  })
  .meta({ id: 'SupervisionClass' });

const visitSchema = z.object({
  id: z.string(),
  site: z.string(),
  siteCode: z.string(),
  siteName: z.string(),
  siteKind: z.string(),
  siteStatus: z.string().nullable(),
  enterprise: z.string().nullable(),
  region: z.string(),
  class: z.string(),
  seq: z.number(),
  due: z.string(),
  kind: z.string().describe('unscheduled: added by a special period (不定期检查)'),
  reason: z.string().nullable().describe("An unscheduled visit's special period, e.g. 汛期"),
  inDepth: z.boolean().describe('An in-depth inspection (解剖式执法检查)'),
  priority: z.boolean().describe('The site has open compliance findings (重点检查); such visits are listed first'),
  reasons: z.array(z.string()).describe('Why it is a priority, in Chinese'),
});

export const planSchema = z
  .object({
    id: z.string(),
    region: z.string(),
    year: z.number(),
    quarter: z.number().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.number(),
    version: z.number(),
    originNode: z.string(),
    visits: z.array(visitSchema),
    /** In a quarter's plan: the sites whose visits fall in other quarters, with their due dates. */
    elsewhere: z.array(z.object({ site: z.string(), dues: z.array(z.string()) })),
  })
  .meta({ id: 'InspectionPlan' });

export const specialPeriodSchema = z
  .object({ id: z.string(), region: z.string(), name: z.string(), from: z.string(), to: z.string(), extraVisits: z.record(z.string(), z.number()), createdAt: z.number() })
  .meta({ id: 'SpecialPeriod' });

export const planListSchema = z.object({ items: z.array(z.object({ id: z.string(), region: z.string(), year: z.number(), quarter: z.number().nullable(), createdBy: z.string().nullable(), createdAt: z.number() })), total: z.number() });

/** Sites no inspection reached in a period (监管盲区), of `sites` not closed. */
export const blindSpotsSchema = z.object({
  items: z.array(z.object({ site: z.string(), siteCode: z.string(), siteName: z.string(), kind: z.string(), status: z.string().nullable(), enterprise: z.string(), enterpriseName: z.string(), region: z.string() })),
  total: z.number(),
  sites: z.number(),
});
