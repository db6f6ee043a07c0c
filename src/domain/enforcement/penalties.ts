/**
 * Violations and administrative penalties (违法行为与行政处罚). A penalty is decided against an
 * enterprise (and, where the law punishes a person, its principal person) for a violation, on a legal
 * basis (law and article), with a kind and, for a fine, an amount in yuan. It is notified to the party
 * (送达), then paid, or appealed (申请复议/提起诉讼) and upheld or overturned, and closed (结案).
 * Enforcement records are never deleted: a correction (更正) is a new action on the same decision.
 */
import { Conflict, Invalid } from '../errors.ts';
import { actionsFrom, nextState, type TransitionTable } from './lifecycle.ts';

export const PENALTY_KINDS = ['warning', 'fine', 'confiscation', 'suspension', 'licence_suspension', 'licence_revocation', 'closure'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const PENALTY_KIND_LABELS: Record<PenaltyKind, { zh: string; en: string }> = {
  warning: { zh: '警告', en: 'Warning' },
  fine: { zh: '罚款', en: 'Fine' },
  confiscation: { zh: '没收违法所得', en: 'Confiscation of illegal gains' },
  suspension: { zh: '责令停产停业整顿', en: 'Suspension of production' },
  licence_suspension: { zh: '暂扣安全生产许可证', en: 'Licence suspension' },
  licence_revocation: { zh: '吊销安全生产许可证', en: 'Licence revocation' },
  closure: { zh: '提请关闭', en: 'Closure proposed to the government' },
};
/** Kinds that take an amount of money. */
export const MONEY_KINDS: readonly PenaltyKind[] = ['fine', 'confiscation'];

export const PENALTY_STATES = ['decided', 'notified', 'paid', 'appealed', 'upheld', 'overturned', 'closed'] as const;
export type PenaltyState = (typeof PENALTY_STATES)[number];

export const PENALTY_ACTIONS = ['notify', 'pay', 'appeal', 'uphold', 'overturn', 'correct', 'close'] as const;
export type PenaltyAction = (typeof PENALTY_ACTIONS)[number];

export const PENALTY_TRANSITIONS: TransitionTable<PenaltyState, PenaltyAction> = {
  notify: { from: ['decided'], to: 'notified' },
  pay: { from: ['notified', 'upheld'], to: 'paid' },
  appeal: { from: ['notified'], to: 'appealed' },
  uphold: { from: ['appealed'], to: 'upheld' },
  overturn: { from: ['appealed'], to: 'overturned' },
  // A decision is corrected before it is carried out or while it is contested, never after closing.
  correct: { from: ['decided', 'notified', 'appealed'], to: null },
  close: { from: ['notified', 'paid', 'upheld', 'overturned'], to: 'closed' },
};

export interface LegalBasis {
  /** The law or regulation (e.g. 《中华人民共和国安全生产法》). */
  law: string;
  /** The article, paragraph, item (e.g. 第一百零二条). */
  article: string;
}

export interface PenaltyFacts {
  state: PenaltyState;
  kind: PenaltyKind;
  violation: string;
  basis: LegalBasis;
  /** Yuan; null when the kind takes no money. */
  amount: number | null;
  paidAmount: number | null;
}

export type PenaltyActionInput =
  | { type: 'notify'; reason?: string }
  | { type: 'pay'; amount?: number; reason?: string }
  | { type: 'appeal'; reason: string }
  | { type: 'uphold'; reason: string }
  | { type: 'overturn'; reason: string }
  | { type: 'correct'; reason: string; violation?: string; basis?: LegalBasis; amount?: number | null }
  | { type: 'close'; reason?: string };

/** A kind with money needs a positive amount; a kind without takes none. */
export function checkAmount(kind: PenaltyKind, amount: number | null | undefined): number | null {
  if (MONEY_KINDS.includes(kind)) {
    if (amount === null || amount === undefined || !(amount > 0)) throw new Invalid('A fine needs its amount (罚款须写明金额)', [{ path: 'amount', message: `required and positive for ${kind}` }]);
    return Math.round(amount * 100) / 100;
  }
  if (amount !== null && amount !== undefined && amount !== 0) throw new Invalid(`A ${kind} takes no amount`, [{ path: 'amount', message: `not allowed for ${kind}` }]);
  return null;
}

/** Applies an action: the state check (409), then the payload (422/409). Never mutates its input. */
export function applyPenaltyAction(p: PenaltyFacts, a: PenaltyActionInput): PenaltyFacts {
  const state = nextState(PENALTY_TRANSITIONS, 'penalty', p.state, a.type);
  const next: PenaltyFacts = { ...p, state, basis: { ...p.basis } };
  switch (a.type) {
    case 'pay': {
      if (p.amount === null) throw new Conflict(`A ${p.kind} has nothing to pay`, { kind: p.kind }, 'nothing_to_pay');
      const paid = a.amount ?? p.amount;
      if (Math.abs(paid - p.amount) > 0.005) throw new Invalid('The amount paid differs from the decision', [{ path: 'amount', message: `decided ${p.amount} yuan` }]);
      return { ...next, paidAmount: paid };
    }
    case 'correct':
      if (a.violation !== undefined) next.violation = a.violation;
      if (a.basis !== undefined) next.basis = { ...a.basis };
      if (a.amount !== undefined) next.amount = checkAmount(p.kind, a.amount);
      return next;
    case 'close':
      // A fine is closed once paid, or once the decision was overturned.
      if ((p.state === 'notified' || p.state === 'upheld') && p.amount !== null) {
        throw new Conflict(`The fine of ${p.amount} yuan is not paid yet (罚款尚未缴纳)`, { state: p.state, amount: p.amount }, 'unpaid');
      }
      return next;
    default:
      return next;
  }
}

export function penaltyActions(state: PenaltyState): PenaltyAction[] {
  return actionsFrom(PENALTY_TRANSITIONS, state);
}
