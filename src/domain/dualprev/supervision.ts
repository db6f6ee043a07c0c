import { Conflict } from '../errors.ts';
import type { HazardGrade, HazardState } from './hazard-loop.ts';

/**
 * Listed supervision (挂牌督办) of a major hazard by a supervising department, and its lifting on the
 * department's acceptance of the close-out (销号验收, 摘牌). Neither changes the hazard's closed-loop
 * state: they are the regulator's marks on it, made once each.
 */
export const SUPERVISING_LEVELS = ['province', 'city', 'county'] as const;
export type SupervisingLevel = (typeof SUPERVISING_LEVELS)[number];

export interface Supervision {
  level: SupervisingLevel;
  /** The supervising body (督办单位), e.g. 太原市应急管理局. */
  body: string;
  /** The supervision order's text (督办令): what is demanded. */
  order: string;
  /** The last instant by which the hazard must be rectified under supervision. */
  deadline: number;
  at: number;
  by: string | null;
  byId: string | null;
  /** The order that carried it down (absent when made at the hazard's own node). */
  orderId: string | null;
}

export interface Acceptance {
  level: SupervisingLevel;
  body: string;
  note: string | null;
  at: number;
  by: string | null;
  byId: string | null;
  orderId: string | null;
}

interface Listed {
  grade: HazardGrade;
  state: HazardState;
  supervision: Supervision | null;
  acceptance: Acceptance | null;
}

/** Why a hazard cannot be put under listed supervision now, or null when it can. */
export function refuseSupervision(h: Listed): Conflict | null {
  if (h.grade !== 'major') return new Conflict('Only major hazards are listed for supervision (仅重大隐患挂牌督办)', { grade: h.grade }, 'not_major');
  if (h.supervision) return new Conflict(`The hazard is already under listed supervision by ${h.supervision.body} (已挂牌督办)`, { supervision: h.supervision }, 'already_supervised');
  if (h.state === 'closed') return new Conflict('A closed hazard is not listed for supervision (隐患已销号)', { state: h.state }, 'hazard_closed');
  return null;
}

/** Why the close-out of a listed hazard cannot be accepted now, or null when it can. */
export function refuseAcceptance(h: Listed): Conflict | null {
  if (!h.supervision) return new Conflict('The hazard is not under listed supervision (未挂牌督办)', null, 'not_supervised');
  if (h.acceptance) return new Conflict('The close-out was already accepted (已验收摘牌)', { acceptance: h.acceptance }, 'already_accepted');
  if (h.state !== 'verified' && h.state !== 'closed') return new Conflict('Only a rectification verified by the enterprise is accepted by the supervising department (企业验收后方可督办销号)', { state: h.state }, 'not_verified');
  return null;
}
