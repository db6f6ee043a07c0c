import type { Deps } from '../context.ts';
import { createLicenceService } from './licences.ts';

/** Supervision and enforcement (监管执法): one service per record kind. */
export function createEnforcement(deps: Deps) {
  return {
    licences: createLicenceService(deps),
  };
}

export type Enforcement = ReturnType<typeof createEnforcement>;
