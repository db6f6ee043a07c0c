import type { EnforcementDocuments, InspectionDocumentKind } from '../../../services/documents/enforcement.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { idParam } from '../../schemas.ts';
import { pdfResponse, sendPdf } from './common.ts';

const INSPECTION_DOCUMENTS: [InspectionDocumentKind, string][] = [
  ['record', 'The on-site record of a completed inspection (现场检查记录), PDF'],
  ['order', 'The order to rectify within a time limit (责令限期整改指令书), PDF; 409 when the inspection found nothing'],
  ['review', 'The rectification review (整改复查意见书): how each finding was followed up in the hazard ledger, PDF'],
];

export function enforcementDocumentRoutes(app: App, docs: EnforcementDocuments) {
  for (const [kind, summary] of INSPECTION_DOCUMENTS) {
    app.get(
      `/api/v1/inspections/:id/documents/${kind}`,
      { schema: { tags: ['documents'], summary: `${summary}; 409 until the inspection is completed`, params: idParam, response: pdfResponse } },
      async (req, reply) => sendPdf(reply, await docs.inspection(who(req), req.params.id, kind)),
    );
  }

  app.get(
    '/api/v1/cases/:id/documents/decision',
    { schema: { tags: ['documents'], summary: 'The administrative penalty decision (行政处罚决定书) of a closed case (from its latest penalty when one was decided), PDF; 409 until it is closed', params: idParam, response: pdfResponse } },
    async (req, reply) => sendPdf(reply, await docs.decision(who(req), req.params.id)),
  );

  app.get(
    '/api/v1/penalties/:id/documents/decision',
    { schema: { tags: ['documents'], summary: 'The administrative penalty decision (行政处罚决定书) of a penalty, with its number, legal basis and amount, PDF', params: idParam, response: pdfResponse } },
    async (req, reply) => sendPdf(reply, await docs.penaltyDecision(who(req), req.params.id)),
  );
}
