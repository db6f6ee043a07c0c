/**
 * Cracking down on illegal activity (打非治违; the seed §4): stealing resources, mining beyond the
 * licensed layers or boundaries, falsified drawings, illegal subcontracting, producing without a
 * licence. A case is opened, investigated, referred where the law sends it (suspected crimes to public
 * security, suspected dereliction of duty to the discipline-inspection organs, mineral-rights matters
 * to natural resources) with each referral's reply tracked, and closed with its outcome.
 */
import { Conflict, Invalid } from '../errors.ts';
import { addDays, chinaDate } from './dates.ts';
import { actionsFrom, nextState, type TransitionTable } from './lifecycle.ts';

export const CASE_KINDS = ['resource_theft', 'beyond_boundary', 'falsified_drawings', 'illegal_subcontracting', 'unlicensed_production', 'other'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, { zh: string; en: string }> = {
  resource_theft: { zh: '盗采资源', en: 'Resource theft' },
  beyond_boundary: { zh: '超层越界', en: 'Mining beyond licensed layers or boundaries' },
  falsified_drawings: { zh: '图纸造假', en: 'Falsified drawings' },
  illegal_subcontracting: { zh: '违法分包转包', en: 'Illegal subcontracting' },
  unlicensed_production: { zh: '无证开采', en: 'Production without a licence' },
  other: { zh: '其他', en: 'Other' },
};

export const REFERRAL_TARGETS = ['public_security', 'discipline_inspection', 'natural_resources'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];
export const REFERRAL_TARGET_LABELS: Record<ReferralTarget, { zh: string; en: string }> = {
  public_security: { zh: '公安机关', en: 'Public security' },
  discipline_inspection: { zh: '纪检监察机关', en: 'Discipline inspection' },
  natural_resources: { zh: '自然资源部门', en: 'Natural resources' },
};

export const CASE_STATES = ['opened', 'investigating', 'referred', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_ACTIONS = ['investigate', 'refer', 'reply', 'evidence', 'close'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_TRANSITIONS: TransitionTable<CaseState, CaseAction> = {
  investigate: { from: ['opened'], to: 'investigating' },
  // A case may go to several departments; each referral is tracked on its own.
  refer: { from: ['investigating', 'referred'], to: 'referred' },
  reply: { from: ['referred'], to: null },
  evidence: { from: ['opened', 'investigating', 'referred'], to: null },
  // An unfounded report is closed from 'opened' with the reason.
  close: { from: ['opened', 'investigating', 'referred'], to: 'closed' },
};

/** Days a department is given to answer a referral before it shows as overdue (configuration). */
export const REFERRAL_REPLY_DAYS = 30;

export interface Referral {
  id: string;
  to: ReferralTarget;
  reason: string;
  reference: string | null;
  at: number;
  replyDue: string;
  reply: string | null;
  repliedAt: number | null;
}

export interface CaseFacts {
  state: CaseState;
  evidence: string[];
  referrals: Referral[];
  outcome: string | null;
  closedAt: number | null;
}

export type CaseActionInput =
  | { type: 'investigate'; reason?: string }
  | { type: 'refer'; to: ReferralTarget; reason: string; reference?: string | null; referralId: string }
  | { type: 'reply'; referral?: string; reply: string }
  | { type: 'evidence'; files: string[]; reason?: string }
  | { type: 'close'; reason: string; outcome: string };

/** Applies an action at `now`: the state check (409), then the payload (422/409). Never mutates its input. */
export function applyCaseAction(c: CaseFacts, a: CaseActionInput, now: number): CaseFacts {
  const state = nextState(CASE_TRANSITIONS, 'case', c.state, a.type);
  const next: CaseFacts = { ...c, state, evidence: [...c.evidence], referrals: c.referrals.map((r) => ({ ...r })) };
  switch (a.type) {
    case 'investigate':
      return next;
    case 'refer':
      next.referrals.push({ id: a.referralId, to: a.to, reason: a.reason, reference: a.reference ?? null, at: now, replyDue: addDays(chinaDate(now), REFERRAL_REPLY_DAYS), reply: null, repliedAt: null });
      return next;
    case 'reply': {
      const waiting = next.referrals.filter((r) => r.repliedAt === null);
      const target = a.referral ? next.referrals.find((r) => r.id === a.referral) : waiting.length === 1 ? waiting[0] : undefined;
      if (!target) {
        throw new Invalid(a.referral ? `No referral ${a.referral} on this case` : 'Say which referral the reply answers', [{ path: 'referral', message: a.referral ? 'unknown' : `one of ${waiting.map((r) => r.id).join(', ')}` }]);
      }
      if (target.repliedAt !== null) throw new Conflict(`The referral to ${target.to} was already answered`, { referral: target.id }, 'already_replied');
      target.reply = a.reply;
      target.repliedAt = now;
      return next;
    }
    case 'evidence':
      for (const f of a.files) if (!next.evidence.includes(f)) next.evidence.push(f);
      return next;
    case 'close':
      return { ...next, outcome: a.outcome, closedAt: now };
  }
}

/** Referrals still waiting for an answer, and whether their time ran out on `today`. */
export function pendingReferrals(c: Pick<CaseFacts, 'referrals'>, today: string) {
  return c.referrals.filter((r) => r.repliedAt === null).map((r) => ({ ...r, overdue: today > r.replyDue }));
}

export function caseActions(state: CaseState): CaseAction[] {
  return actionsFrom(CASE_TRANSITIONS, state);
}
