import { z } from 'zod';
import {
  ACCIDENT_TYPES,
  CONTROL_LEVELS,
  ESCALATION_TIERS,
  HAZARD_ACTIONS,
  HAZARD_CATEGORIES,
  HAZARD_GRADES,
  HAZARD_SOURCES,
  HAZARD_STATES,
  KEY_OPERATIONS,
  MEASURE_KINDS,
  RISK_LEVELS,
  RISK_METHODS,
} from '../../../domain/dualprev/index.ts';
import { changeSchema } from '../../schemas.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const opt = (max: number) => z.string().trim().max(max).nullable().optional();
/** Epoch ms, a date (end of that day in China) or ISO 8601 with its offset. */
export const instant = z.union([z.number().int().positive(), z.string().max(40)]);
const clientId = z.string().max(36).optional().describe('UUIDv7 made by the client: the same create sent twice makes one record');
const version = z.number().int().positive().optional().describe('the version the record was read at; a stale one answers 409 with the current record');

export const measureSchema = z.strictObject({
  kind: z.enum(MEASURE_KINDS),
  text: text(2000),
  department: opt(200),
  person: opt(100),
  controlLevel: z.enum(CONTROL_LEVELS).nullable().optional(),
});

const details = {
  area: opt(200),
  process: opt(200),
  operation: z.enum(KEY_OPERATIONS).nullable().optional(),
  hazardFactors: z.array(text(500)).max(50).optional(),
  accidentTypes: z.array(z.enum(ACCIDENT_TYPES)).max(20).optional(),
  measures: z.array(measureSchema).max(50).optional(),
  checkItems: z.array(text(500)).max(100).optional(),
  controlLevel: z.enum(CONTROL_LEVELS).nullable().optional(),
  department: opt(200),
  person: opt(100),
  templateId: opt(100),
};
const factors = { method: z.enum(RISK_METHODS), L: z.number(), E: z.number().optional(), C: z.number().optional(), S: z.number().optional() };

export const riskInput = z.strictObject({ id: clientId, site: text(100), name: text(200), ...factors, ...details });
export const riskReview = z.strictObject({ ...factors, reason: opt(2000), version });
export const riskPatch = z.strictObject({ name: text(200).optional(), ...details, version: z.number().int().positive() });

const assessed = z.object({
  method: z.enum(RISK_METHODS),
  L: z.number(),
  E: z.number().nullable(),
  C: z.number().nullable(),
  S: z.number().nullable(),
  score: z.number(),
  level: z.enum(RISK_LEVELS),
  assessedAt: z.number(),
  assessedBy: z.string().nullable(),
});

export const riskSchema = z
  .object({
    id: z.string(),
    site: z.string(),
    region: z.string(),
    enterprise: z.string(),
    name: z.string(),
    area: z.string().nullable(),
    process: z.string().nullable(),
    operation: z.string().nullable(),
    ...assessed.shape,
    hazardFactors: z.array(z.string()),
    accidentTypes: z.array(z.string()),
    measures: z.array(z.object({ kind: z.string(), text: z.string(), department: z.string().nullable().optional(), person: z.string().nullable().optional(), controlLevel: z.string().nullable().optional() })),
    checkItems: z.array(z.string()),
    controlLevel: z.string().nullable(),
    department: z.string().nullable(),
    person: z.string().nullable(),
    templateId: z.string().nullable(),
    history: z.array(assessed.extend({ reason: z.string().nullable().optional() })),
    createdAt: z.number(),
    updatedAt: z.number(),
    version: z.number(),
    originNode: z.string(),
  })
  .meta({ id: 'Risk' });

export const hazardInput = z.strictObject({
  id: clientId,
  site: text(100),
  description: text(4000),
  grade: z.enum(HAZARD_GRADES),
  deadline: instant,
  location: opt(500),
  category: z.enum(HAZARD_CATEGORIES).nullable().optional(),
  criterion: z.string().max(40).nullable().optional().describe('id of a 矿安〔2022〕88号 criterion (GET /api/v1/dualprev/criteria), for a major hazard'),
  source: z.enum(HAZARD_SOURCES).optional(),
  sourceRef: opt(100),
  photos: z.array(z.string().max(100)).max(20).optional(),
  risk: opt(100),
});

const plan = z.strictObject({
  goal: opt(2000),
  measures: z.string().trim().max(4000),
  funds: z.number().min(0).nullable().optional(),
  people: opt(500),
  deadline: instant.nullable().optional(),
  interimMeasures: opt(4000),
});

export const actionBodies = {
  plan: z.strictObject({ plan, version }),
  rectify: z.strictObject({ note: z.string().trim().max(4000), photos: z.array(z.string().max(100)).max(20).optional(), version }),
  verify: z.strictObject({ note: opt(2000), version }),
  reject: z.strictObject({ note: z.string().trim().max(2000), version }),
  close: z.strictObject({ note: opt(2000), version }),
} satisfies Record<(typeof HAZARD_ACTIONS)[number], z.ZodType>;

export const hazardSchema = z
  .object({
    id: z.string(),
    site: z.string(),
    region: z.string(),
    enterprise: z.string(),
    description: z.string(),
    location: z.string().nullable(),
    category: z.string().nullable(),
    grade: z.enum(HAZARD_GRADES),
    criterion: z.string().nullable(),
    source: z.string(),
    sourceRef: z.string().nullable(),
    risk: z.string().nullable(),
    photos: z.array(z.string()),
    deadline: z.number(),
    state: z.enum(HAZARD_STATES),
    plan: z.unknown().nullable(),
    rectification: z.object({ note: z.string(), photos: z.array(z.string()) }).nullable(),
    rectifiedAt: z.number().nullable(),
    rectifiedBy: z.string().nullable(),
    rectifiedByName: z.string().nullable(),
    verifiedAt: z.number().nullable(),
    verifiedBy: z.string().nullable(),
    verifiedByName: z.string().nullable(),
    verificationNote: z.string().nullable(),
    closedAt: z.number().nullable(),
    closedBy: z.string().nullable(),
    rejections: z.number(),
    reportedBy: z.string().nullable(),
    reportedByName: z.string().nullable(),
    overdue: z.boolean(),
    daysOverdue: z.number().nullable(),
    escalationTier: z.enum(ESCALATION_TIERS).nullable(),
    escalatedAt: z.number().nullable(),
    supervisedAt: z.number().nullable(),
    supervisedBy: z.string().nullable(),
    supervision: z
      .object({ level: z.string(), body: z.string(), order: z.string(), deadline: z.number(), at: z.number(), by: z.string().nullable(), byId: z.string().nullable(), orderId: z.string().nullable() })
      .nullable()
      .describe('listed supervision (挂牌督办)'),
    supervisionAcceptance: z
      .object({ level: z.string(), body: z.string(), note: z.string().nullable(), at: z.number(), by: z.string().nullable(), byId: z.string().nullable(), orderId: z.string().nullable() })
      .nullable()
      .describe('the supervising department’s acceptance of the close-out (督办销号验收)'),
    createdAt: z.number(),
    updatedAt: z.number(),
    version: z.number(),
    originNode: z.string(),
  })
  .meta({ id: 'Hazard' });

export const hazardDetailSchema = hazardSchema.extend({ allowedActions: z.array(z.enum(HAZARD_ACTIONS)), history: z.array(changeSchema) });

const tally = z.object({ found: z.number(), rectified: z.number(), onTime: z.number(), overdue: z.number(), onTimeRate: z.number().nullable() });
export const hazardStatsSchema = tally.extend({ from: z.number(), to: z.number(), byGrade: z.object({ general: tally, major: tally }) });
export const riskStatsSchema = z.object({ total: z.number(), byLevel: z.record(z.string(), z.number()), byOperation: z.record(z.string(), z.number()) });
