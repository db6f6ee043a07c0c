import { z } from 'zod';
import {
  ACCIDENT_TYPES,
  CONTROL_LEVEL_LABELS,
  CRITERIA_DOCUMENT,
  CRITERIA_SECTIONS,
  HAZARD_CATEGORY_LABELS,
  HAZARD_SOURCE_LABELS,
  KEY_OPERATIONS,
  KEY_OPERATION_LABELS,
  LEC_C,
  LEC_E,
  LEC_L,
  LS_SCALE,
  MEASURE_KIND_LABELS,
  RISK_LEVEL_LABELS,
  templatesFor,
} from '../../../domain/dualprev/index.ts';
import type { CriteriaService } from '../../../services/dualprev/criteria.ts';
import type { DualPrevSettingsService } from '../../../services/dualprev/settings.ts';
import { requirePermission } from '../../../domain/access/policy.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam } from '../../schemas.ts';

const tags = ['dual prevention'];
const ok = { 200: z.unknown(), ...errors };

const band = z.strictObject({ level: z.enum(['major', 'significant', 'general', 'low']), min: z.number() });
const bandSet = z.strictObject({ bands: z.array(band).length(4), source: z.string().trim().min(1).max(500), confirmed: z.boolean(), note: z.string().max(1000).optional() });
const tierDays = z.strictObject({ county: z.number().int().min(0), city: z.number().int().min(0), province: z.number().int().min(0) });

/** What risks and hazards are described with: scales, vocabularies, the 88号 criteria, templates, and the rule values. */
export function dualprevReferenceRoutes(app: App, settings: DualPrevSettingsService, criteria: CriteriaService) {
  app.get(
    '/api/v1/dualprev/criteria',
    {
      schema: {
        tags,
        summary: 'Major-hazard criteria of 矿安〔2022〕88号 as far as sourced (cite by id); unconfirmed rows are marked',
        querystring: z.strictObject({ section: z.enum(CRITERIA_SECTIONS).optional() }),
        response: ok,
      },
    },
    async (req) => ({ document: CRITERIA_DOCUMENT, items: await criteria.list(who(req), req.query.section) }),
  );

  app.put(
    '/api/v1/dualprev/criteria/:id',
    {
      schema: {
        tags,
        summary: 'Add or correct a criterion from the official text (administrators); the change is kept',
        params: idParam,
        body: z.strictObject({
          section: z.enum(CRITERIA_SECTIONS).optional(),
          number: z.string().trim().max(40).nullable().optional(),
          heading: z.string().trim().max(500).nullable().optional(),
          text: z.string().trim().min(1).max(2000).optional(),
          source: z.string().trim().min(1).max(500).optional(),
          confirmed: z.boolean().optional(),
          note: z.string().trim().max(1000).nullable().optional(),
        }),
        response: ok,
      },
    },
    async (req) => criteria.put(who(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/dualprev/criteria/:id/history',
    { schema: { tags, summary: 'Corrections of a criterion', params: idParam, response: ok } },
    async (req) => ({ items: await criteria.history(who(req), req.params.id) }),
  );

  app.get(
    '/api/v1/dualprev/templates',
    {
      schema: {
        tags,
        summary: 'Starter risk points for the key operations and each kind of site',
        querystring: z.strictObject({ siteKind: z.enum(['tailings_pond', 'underground', 'open_pit']).optional(), operation: z.enum(KEY_OPERATIONS).optional() }),
        response: ok,
      },
    },
    async (req) => {
      requirePermission(who(req), 'dualprev.read');
      return { items: templatesFor(req.query.siteKind, req.query.operation) };
    },
  );

  app.get('/api/v1/dualprev/vocabulary', { schema: { tags, summary: 'Scales and vocabularies for the forms', response: ok } }, async (req) => {
    requirePermission(who(req), 'dualprev.read');
    return {
      scales: { LEC: { L: LEC_L, E: LEC_E, C: LEC_C }, LS: { L: LS_SCALE, S: LS_SCALE } },
      levels: RISK_LEVEL_LABELS,
      operations: KEY_OPERATION_LABELS,
      accidentTypes: ACCIDENT_TYPES,
      measureKinds: MEASURE_KIND_LABELS,
      controlLevels: CONTROL_LEVEL_LABELS,
      hazardCategories: HAZARD_CATEGORY_LABELS,
      hazardSources: HAZARD_SOURCE_LABELS,
    };
  });

  app.get('/api/v1/dualprev/settings', { schema: { tags, summary: 'Risk bands and overdue escalation days in force, with their sources', response: ok } }, async (req) => settings.read(who(req)));

  app.put(
    '/api/v1/dualprev/settings',
    {
      schema: {
        tags,
        summary: 'Change the risk bands or the overdue escalation days (administrators)',
        body: z.strictObject({
          riskBands: z.strictObject({ LEC: bandSet.optional(), LS: bandSet.optional() }).optional(),
          overduePolicy: z.strictObject({ days: z.strictObject({ general: tierDays, major: tierDays }), source: z.string().trim().min(1).max(500), confirmed: z.boolean() }).optional(),
        }),
        response: ok,
      },
    },
    async (req) => settings.update(who(req), req.body as never),
  );
}
