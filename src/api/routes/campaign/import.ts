import { z } from 'zod';
import { PROBLEM_KINDS } from '../../../domain/campaign/import/types.ts';
import type { CampaignImportService } from '../../../services/campaign/import.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, errorSchema } from '../../schemas.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const campaignImportBody = z
  .strictObject({
    format: z.enum(['text', 'csv', 'xlsx']).describe('text: pasted text; csv: the file as text; xlsx: the file as base64'),
    content: z.string().describe('At most 10 MB'),
  })
  .meta({ id: 'CampaignImportRequest' });

const subItem = z.object({ number: z.number().int(), text: z.string(), deadline: isoDate.optional(), deadlineText: z.string().optional() });

export const importedTaskSchema = z
  .object({
    number: z.number().int(),
    text: z.string(),
    subItems: z.array(subItem).optional(),
    deadline: isoDate.nullable().describe('Last day of the period named, China Standard Time'),
    deadlineText: z.string().nullable().describe('The deadline as written'),
    deadlineSource: z.enum(['row', 'group', 'merged_cell', 'text', 'none']),
    startDate: isoDate.optional().describe('A start named in the text (自2020年起), not a deadline'),
    startText: z.string().optional(),
    section: z.string().optional(),
    responsible: z.string().optional(),
    extra: z.record(z.string(), z.string()).optional(),
    line: z.number().int(),
  })
  .meta({ id: 'ImportedCampaignTask' });

export const importProblemSchema = z
  .object({
    kind: z.enum(PROBLEM_KINDS),
    numbers: z.array(z.number().int()).optional(),
    line: z.number().int().optional(),
    message: z.string().describe('In Chinese (第13项缺号…), for the officials reviewing the import'),
    messageEn: z.string().describe('The same in English'),
    similarity: z.number().optional(),
  })
  .meta({ id: 'CampaignImportProblem' });

export const campaignImportReply = z.object({ tasks: z.array(importedTaskSchema), problems: z.array(importProblemSchema) }).meta({ id: 'CampaignImportResult' });

export function campaignImportRoutes(app: App, svc: CampaignImportService) {
  app.post(
    '/api/v1/campaigns/import',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Read a campaign task list (工作任务清单) from text, CSV or XLSX and report its defects; nothing is saved',
        body: campaignImportBody,
        response: { 200: campaignImportReply, ...errors, 413: errorSchema },
      },
    },
    async (req) => svc.preview(who(req), req.body),
  );
}
