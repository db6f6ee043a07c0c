import { z } from 'zod';
import { ASSIGNMENT_STATES } from '../../../domain/campaign/assignment-loop.ts';
import { TASK_ACTIONS, TASK_STATES } from '../../../domain/campaign/task-loop.ts';

/** Schemas of the campaign ledger's routes. */
export const regionCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 region code');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const clientId = z.string().max(40).optional().describe('A UUIDv7 made by the client: sending the same id again gives the same record');
export const version = z.number().int().min(1).optional().describe('The version the record was read at; a stale one answers 409 with the current record');
const meta = { version: z.number(), originNode: z.string(), createdAt: z.number(), updatedAt: z.number() };

export const subItemSchema = z.object({ number: z.union([z.number(), z.string()]), text: z.string(), deadline: isoDate.nullable().optional() });

export const taskInput = z
  .object({
    id: clientId,
    number: z.union([z.number().int(), z.string().trim().min(1).max(20)]),
    text: z.string().trim().min(1).max(5000),
    subItems: z.array(subItemSchema.transform((s) => ({ number: s.number, text: s.text, deadline: s.deadline ?? null }))).max(100).optional(),
    deadline: isoDate.nullable().optional(),
    deadlineText: z.string().max(200).nullable().optional(),
    owner: z.string().trim().max(200).nullable().optional(),
    responsible: z.string().trim().max(200).nullable().optional(),
    remarks: z.string().trim().max(2000).nullable().optional(),
  })
  .describe('A reviewed task as the importer returned it (other fields it returned are ignored)');

export const campaignInput = z.strictObject({
  id: clientId,
  name: z.string().trim().min(1).max(200),
  year: z.number().int().min(2000).max(2100).nullable().optional(),
  document: z.string().trim().max(200).nullable().optional().describe('The document behind it, e.g. 晋应急函〔2022〕136号'),
  region: regionCode.optional().describe("Whose campaign: defaults to the caller's region (or this node's)"),
  tasks: z.array(taskInput).max(5000),
});

export const campaignSchema = z
  .object({ id: z.string(), name: z.string(), year: z.number().nullable(), document: z.string().nullable(), region: z.string(), enterprise: z.string().nullable(), createdBy: z.string().nullable(), ...meta })
  .meta({ id: 'Campaign' });

const byAssignee = z.object({ assignment: z.string(), region: z.string(), regionName: z.string().nullable(), enterprise: z.string().nullable(), state: z.string(), deadline: z.string(), progress: z.number() });

export const taskSchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    number: z.string(),
    ordinal: z.number(),
    text: z.string(),
    subItems: z.array(z.object({ number: z.union([z.number(), z.string()]), text: z.string(), deadline: z.string().nullable().optional() })),
    deadline: z.string().nullable(),
    deadlineText: z.string().nullable(),
    owner: z.string().nullable(),
    state: z.string().describe(TASK_STATES.join(' | ')),
    stateLabel: z.string(),
    actions: z.array(z.enum(TASK_ACTIONS)),
    steps: z.array(z.unknown()).describe('Each step with who and when: {action, from, to, by, byId, at, reason?, details?}'),
    supervision: z.unknown().nullable().describe('挂牌督办: {by, what, deadline, at}'),
    visits: z.array(z.unknown()).describe('重点督导 visits: {by, findings, at}'),
    escalations: z.array(z.unknown()).describe('Reminders and escalations: {kind, level, region, at}'),
    evaluation: z.unknown().nullable(),
    remarks: z.string().nullable(),
    publishedAt: z.number().nullable(),
    listedAt: z.number().nullable(),
    remindedAt: z.number().nullable(),
    overdueAt: z.number().nullable(),
    region: z.string(),
    enterprise: z.string().nullable(),
    progress: z.number().nullable().describe('Mean of its assignments’ rolled-up progress; null when not assigned'),
    byAssignee: z.array(byAssignee),
    ...meta,
  })
  .meta({ id: 'CampaignTask' });

export const assignmentSchema = z
  .object({
    id: z.string(),
    taskId: z.string(),
    campaignId: z.string(),
    parentId: z.string().nullable(),
    assignerRegion: z.string(),
    assignerNode: z.string(),
    campaignName: z.string(),
    taskNumber: z.string(),
    taskText: z.string(),
    deadline: z.string(),
    state: z.string().describe(ASSIGNMENT_STATES.join(' | ')),
    stateLabel: z.string(),
    actions: z.array(z.string()),
    progress: z.number(),
    rolledProgress: z.number(),
    evidence: z.object({ text: z.string().nullable(), files: z.array(z.string()) }),
    reports: z.array(z.object({ id: z.string(), progress: z.number(), text: z.string().nullable(), files: z.array(z.string()), round: z.number().nullable(), by: z.string().nullable(), byId: z.string().nullable(), at: z.number() })),
    reviews: z.array(z.object({ id: z.string(), decision: z.string(), reason: z.string().nullable(), by: z.string().nullable(), byId: z.string().nullable(), at: z.number() })),
    escalations: z.array(z.object({ kind: z.string(), level: z.string(), region: z.string(), at: z.number() })),
    returnReason: z.string().nullable(),
    reportedAt: z.number().nullable(),
    acceptedAt: z.number().nullable(),
    remindedAt: z.number().nullable(),
    overdueAt: z.number().nullable(),
    region: z.string(),
    regionName: z.string().nullable(),
    enterprise: z.string().nullable(),
    ownedHere: z.boolean(),
    children: z.array(z.object({ id: z.string(), region: z.string(), regionName: z.string().nullable(), enterprise: z.string().nullable(), state: z.string(), deadline: z.string(), progress: z.number() })),
    ...meta,
  })
  .meta({ id: 'TaskAssignment' });

export const assignInput = z
  .strictObject({ id: clientId, region: regionCode.optional(), enterprise: z.string().trim().min(1).max(64).optional(), deadline: isoDate })
  .refine((b) => !!b.region !== !!b.enterprise, 'give one of region or enterprise');

export const assignReply = z
  .object({ id: z.string(), delivered: z.enum(['here', 'sent']).describe('here: created on this node; sent: on its way to the node serving the assignee'), via: z.string().nullable(), assignment: assignmentSchema.nullable() })
  .meta({ id: 'AssignResult' });

export const keyProblemSchema = z
  .object({
    id: z.string(),
    number: z.string().describe('晋-<city code>-<year>-<sequence>, e.g. 晋-1401-2022-017'),
    year: z.number(),
    seq: z.number(),
    title: z.string(),
    description: z.string().nullable(),
    state: z.string(),
    campaignId: z.string().nullable(),
    taskIds: z.array(z.string()),
    siteIds: z.array(z.string()),
    hazardIds: z.array(z.string()),
    owner: z.string().nullable(),
    deadline: z.string().nullable(),
    createdBy: z.string().nullable(),
    region: z.string(),
    enterprise: z.string().nullable(),
    ...meta,
  })
  .meta({ id: 'KeyProblem' });

export const pressureSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    target: z.string(),
    campaignId: z.string().nullable(),
    taskId: z.string().nullable(),
    title: z.string(),
    content: z.string().nullable(),
    document: z.string().nullable(),
    at: z.number(),
    createdBy: z.string().nullable(),
    region: z.string(),
    enterprise: z.string().nullable(),
    ...meta,
  })
  .meta({ id: 'PressureMeasure' });

export const roundSchema = z.object({ id: z.string(), campaignId: z.string(), round: z.number(), title: z.string().nullable(), due: z.string(), createdBy: z.string().nullable(), region: z.string(), ...meta }).meta({ id: 'ReportingRound' });
