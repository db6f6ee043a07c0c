/**
 * An assignment: one region's or enterprise's share of a task, with its own deadline. The assignee
 * reports progress with evidence (more than once if need be); the assigner accepts the work or
 * returns it with a reason, and a returned assignment is reported again.
 */
import { Conflict } from '../errors.ts';

export const ASSIGNMENT_STATES = ['assigned', 'reported', 'accepted', 'returned'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export const ASSIGNMENT_STATE_LABELS: Record<AssignmentState, string> = { assigned: '已交办', reported: '已报送', accepted: '已验收', returned: '已退回' };

export const ASSIGNMENT_ACTIONS = ['report', 'accept', 'return'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

export const ASSIGNMENT_TRANSITIONS: Readonly<Record<AssignmentAction, { from: readonly AssignmentState[]; to: AssignmentState }>> = {
  report: { from: ['assigned', 'reported', 'returned'], to: 'reported' },
  accept: { from: ['reported'], to: 'accepted' },
  return: { from: ['reported'], to: 'returned' },
};

export class IllegalAssignmentTransition extends Conflict {
  constructor(state: string, action: string) {
    super(`An assignment in state ${state} (${ASSIGNMENT_STATE_LABELS[state as AssignmentState] ?? state}) cannot ${action} (当前状态不允许此操作)`, { state, action }, 'illegal_transition');
  }
}

export function assignmentTransition(state: AssignmentState, action: AssignmentAction): AssignmentState {
  const t = ASSIGNMENT_TRANSITIONS[action];
  if (!t || !t.from.includes(state)) throw new IllegalAssignmentTransition(state, action);
  return t.to;
}

export function assignmentActions(state: AssignmentState): AssignmentAction[] {
  return ASSIGNMENT_ACTIONS.filter((a) => ASSIGNMENT_TRANSITIONS[a].from.includes(state));
}
