import type { Weakening } from './floor.ts';

export type ChangeKind = 'thresholds' | 'disable' | 'delete';
export type ChangeRequestState = 'pending' | 'approved' | 'refused';

/**
 * A change request (变更申请) as the server presents it: what an enterprise asked that would weaken a
 * regulated sensor (`change`, the sensor patch asked for), what it weakens, and the supervising
 * level's decision. The web client takes its type from here.
 */
export interface ChangeRequestView<Change = unknown> {
  id: string;
  siteId: string;
  sensorId: string;
  region: string;
  enterprise: string | null;
  kind: ChangeKind;
  change: Change;
  weakens: Weakening[];
  state: ChangeRequestState;
  requestedBy: string | null;
  requestedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
  version: number;
}
