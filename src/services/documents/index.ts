import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import { createEnforcementDocuments } from './enforcement.ts';
import { createRiskDocuments } from './risks.ts';

/** Printable documents (PDF, in Chinese) drawn from the records of other capabilities. */
export function createDocuments(deps: Pick<Deps, 'store' | 'regions' | 'now'>, sites: Pick<SiteService, 'visible'>) {
  return {
    enforcement: createEnforcementDocuments(deps),
    risks: createRiskDocuments(deps, sites),
  };
}

export type Documents = ReturnType<typeof createDocuments>;
