import type { Documents } from '../../../services/documents/index.ts';
import type { App } from '../../app.ts';
import { enforcementDocumentRoutes } from './enforcement.ts';
import { riskDocumentRoutes } from './risks.ts';

/** Printable documents (PDF): enforcement documents and dual-prevention boards and cards. */
export function documentRoutes(app: App, docs: Documents) {
  enforcementDocumentRoutes(app, docs.enforcement);
  riskDocumentRoutes(app, docs.risks);
}
