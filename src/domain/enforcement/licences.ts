/**
 * Safety production licences (安全生产许可证; 安全生产许可证条例, 非煤矿矿山企业安全生产许可证实施办法):
 * valid 3 years, renewal applied for in the 3 months before expiry; suspended (暂扣) when the holder
 * loses the conditions, revoked (吊销) when rectification fails, cancelled (注销) on expiry without
 * renewal or on failing renewal review.
 *
 * The store keeps what officers decided (`status`); what a licence is at a given moment (`state`)
 * also depends on the calendar, so it is computed by `licenceStateAt`, never stored.
 */
import { Invalid } from '../errors.ts';
import { addDays, addMonths, chinaDate } from './dates.ts';
import { actionsFrom, nextState, type TransitionTable } from './lifecycle.ts';

export const LICENCE_STATUSES = ['valid', 'suspended', 'revoked', 'cancelled'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export const LICENCE_STATES = ['valid', 'expiring', 'expired', 'suspended', 'revoked', 'cancelled'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

export const LICENCE_STATE_LABELS: Record<LicenceState, { zh: string; en: string }> = {
  valid: { zh: '有效', en: 'Valid' },
  expiring: { zh: '即将到期', en: 'Expiring' },
  expired: { zh: '已过期', en: 'Expired' },
  suspended: { zh: '暂扣', en: 'Suspended' },
  revoked: { zh: '吊销', en: 'Revoked' },
  cancelled: { zh: '注销', en: 'Cancelled' },
};

export const LICENCE_ACTIONS = ['renew', 'suspend', 'reinstate', 'revoke', 'cancel'] as const;
export type LicenceAction = (typeof LICENCE_ACTIONS)[number];

/** Rule values, with where they come from. */
export const LICENCE_RULES = {
  validityYears: 3,
  renewalWindowMonths: 3,
  source: '安全生产许可证条例 第九条（有效期3年，期满前3个月申请延期）',
};

/**
 * By computed state. An expired licence is not renewed (the holder applied too late): it is
 * cancelled and a new one issued; revoked and cancelled licences are final.
 */
export const LICENCE_TRANSITIONS: TransitionTable<LicenceState, LicenceAction> = {
  renew: { from: ['valid', 'expiring'], to: 'valid' },
  suspend: { from: ['valid', 'expiring'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'valid' },
  revoke: { from: ['valid', 'expiring', 'suspended'], to: 'revoked' },
  cancel: { from: ['valid', 'expiring', 'expired', 'suspended'], to: 'cancelled' },
};

export interface LicenceDates {
  status: LicenceStatus;
  /** Last day of validity, a China calendar date. */
  expiresAt: string;
}

/** The first day of the renewal window (期满前3个月). */
export function renewalFrom(expiresAt: string): string {
  return addMonths(expiresAt, -LICENCE_RULES.renewalWindowMonths);
}

/** The default expiry of a licence issued on a date: 3 years, the day before the anniversary. */
export function defaultExpiry(issuedAt: string): string {
  return addDays(addMonths(issuedAt, 12 * LICENCE_RULES.validityYears), -1);
}

/** What the licence is at an instant, or on a China calendar date ('YYYY-MM-DD'). */
export function licenceStateAt(l: LicenceDates, now: number | string): LicenceState {
  if (l.status !== 'valid') return l.status;
  const today = typeof now === 'number' ? chinaDate(now) : now;
  if (today > l.expiresAt) return 'expired';
  if (today >= renewalFrom(l.expiresAt)) return 'expiring';
  return 'valid';
}

/** A licence in this state lets its holder produce. */
export function permitsProduction(state: LicenceState): boolean {
  return state === 'valid' || state === 'expiring';
}

export type LicenceActionInput =
  | { type: 'renew'; expiresAt?: string; reason?: string }
  | { type: 'suspend'; reason: string; conditions: string }
  | { type: 'reinstate' | 'revoke' | 'cancel'; reason: string };

export interface LicenceChange {
  status: LicenceStatus;
  expiresAt: string;
  conditions: string | null;
}

/**
 * Applies an action to a licence on date `today`: the state check (409), then the payload (422).
 * Returns the stored fields after the action.
 */
export function applyLicenceAction(l: LicenceDates & { conditions: string | null }, action: LicenceActionInput, today: string): LicenceChange {
  const state = licenceStateAt(l, today);
  const to = nextState(LICENCE_TRANSITIONS, 'licence', state, action.type);
  switch (action.type) {
    case 'renew': {
      const expiresAt = action.expiresAt ?? addMonths(l.expiresAt, 12 * LICENCE_RULES.validityYears);
      if (expiresAt <= l.expiresAt) {
        throw new Invalid(`The new expiry ${expiresAt} must be after the current one ${l.expiresAt}`, [{ path: 'expiresAt', message: `must be after ${l.expiresAt}` }]);
      }
      return { status: 'valid', expiresAt, conditions: l.conditions };
    }
    case 'suspend':
      return { status: 'suspended', expiresAt: l.expiresAt, conditions: action.conditions };
    case 'reinstate':
      return { status: 'valid', expiresAt: l.expiresAt, conditions: null };
    default:
      return { status: to as LicenceStatus, expiresAt: l.expiresAt, conditions: l.conditions };
  }
}

export function licenceActions(l: LicenceDates, today: string): LicenceAction[] {
  return actionsFrom(LICENCE_TRANSITIONS, licenceStateAt(l, today));
}
