import { z } from 'zod';
import type { ImportService } from '../../services/registry/import.ts';
import type { App } from '../app.ts';
import { who } from '../auth.ts';
import { errors } from '../schemas.ts';
import { requirePermission } from '../../domain/access/policy.ts';

const kind = z.strictObject({ kind: z.enum(['enterprises', 'sites']) });

export function importRoutes(app: App, svc: ImportService) {
  app.post(
    '/api/v1/import/:kind',
    {
      schema: {
        tags: ['registry'],
        summary: 'Bulk import enterprises or sites from CSV (text) or XLSX (base64); good rows are kept, bad rows reported with line and reason',
        params: kind,
        body: z.strictObject({ format: z.enum(['csv', 'xlsx']), content: z.string().min(1) }),
        response: {
          200: z.object({ created: z.number(), createdIds: z.array(z.string()), errors: z.array(z.object({ line: z.number(), field: z.string().nullable(), reason: z.string() })) }),
          ...errors,
        },
      },
    },
    async (req) => {
      requirePermission(who(req), 'registry.import');
      return svc.run(who(req), req.params.kind, req.body.format, req.body.content);
    },
  );

  app.get(
    '/api/v1/import/templates/:file',
    { schema: { tags: ['registry'], summary: 'A CSV template with the import columns', params: z.strictObject({ file: z.enum(['enterprises.csv', 'sites.csv']) }) } },
    async (req, reply) => {
      const k = req.params.file === 'enterprises.csv' ? 'enterprises' : 'sites';
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${k}-template.csv"`).send(svc.template(k));
    },
  );
}
