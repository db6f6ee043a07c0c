import { Conflict, Invalid } from '../errors.ts';

/**
 * A finding's life (合规问题): new → acknowledged (已确认) → resolved (已整改) or waived (已豁免, with a
 * reason). Runs clear a finding whose condition ended and reopen a resolved one whose condition came
 * back; a waived finding stays waived while its condition lasts and is resolved when it ends.
 */
export const FINDING_STATES = ['new', 'acknowledged', 'resolved', 'waived'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const FINDING_ACTIONS = ['ack', 'waive', 'resolve'] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];
/** People act (ack, waive, resolve); runs clear and reopen. */
export type FindingEvent = FindingAction | 'clear' | 'reopen';

export const FINDING_STATE_LABELS: Record<FindingState, { zh: string; en: string }> = {
  new: { zh: '新发现', en: 'New' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
  resolved: { zh: '已解决', en: 'Resolved' },
  waived: { zh: '已豁免', en: 'Waived' },
};

const TRANSITIONS: Record<FindingEvent, Partial<Record<FindingState, FindingState>>> = {
  ack: { new: 'acknowledged' },
  waive: { new: 'waived', acknowledged: 'waived' },
  resolve: { new: 'resolved', acknowledged: 'resolved', waived: 'resolved' },
  clear: { new: 'resolved', acknowledged: 'resolved', waived: 'resolved' },
  reopen: { resolved: 'new' },
};

/** The state after an event; an event that does not apply is an error that says why. */
export function transition(from: FindingState, event: FindingEvent, reason?: string | null): FindingState {
  const to = TRANSITIONS[event][from];
  if (!to) throw new Conflict(`${from === 'acknowledged' ? 'An' : 'A'} ${from} finding cannot be ${event === 'ack' ? 'acknowledged' : `${event}d`} (当前状态不允许此操作)`, { state: from, event });
  if (event === 'waive' && !reason?.trim()) throw new Invalid('A waiver needs a reason (豁免须说明理由)', [{ path: 'reason', message: 'required' }]);
  return to;
}

export const isOpen = (s: FindingState) => s === 'new' || s === 'acknowledged';

/** What a run does to a stored finding, given whether its condition holds now. */
export function onRun(state: FindingState, holds: boolean): FindingEvent | null {
  if (holds) return state === 'resolved' ? 'reopen' : null;
  return state === 'resolved' ? null : 'clear';
}
