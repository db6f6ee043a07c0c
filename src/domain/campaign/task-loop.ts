/**
 * The closed loop every rectification task runs (晋应急函〔2022〕136号 §1): raise the problem → handle
 * it within a time limit → publish the information → listed supervision → key supervision →
 * evaluation and circulated notice (提出问题、限时办理、公开信息、挂牌督办、重点督导、考评通报). A task
 * finished before it needs the later steps is done (建档固化); a finished task found wanting is
 * returned and handled again.
 *
 * The life cycle is the TRANSITIONS table; `transition` is the only way through it.
 */
import { Conflict } from '../errors.ts';

export const TASK_STATES = ['raised', 'in_progress', 'published', 'listed', 'key_supervision', 'evaluated', 'circulated', 'done', 'returned'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  raised: '提出问题',
  in_progress: '限时办理',
  published: '公开信息',
  listed: '挂牌督办',
  key_supervision: '重点督导',
  evaluated: '考评',
  circulated: '通报',
  done: '已完成',
  returned: '已退回',
};

export const TASK_ACTIONS = ['handle', 'publish', 'list', 'supervise', 'visit', 'complete', 'return', 'evaluate', 'circulate'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** From which states each action is allowed, and where it leads (null: the state stays). */
export const TASK_TRANSITIONS: Readonly<Record<TaskAction, { from: readonly TaskState[]; to: TaskState | null }>> = {
  handle: { from: ['raised', 'returned'], to: 'in_progress' },
  publish: { from: ['in_progress'], to: 'published' },
  list: { from: ['published'], to: 'listed' },
  supervise: { from: ['listed'], to: 'key_supervision' },
  // A supervision visit (督导检查) is recorded while key supervision lasts.
  visit: { from: ['key_supervision'], to: null },
  complete: { from: ['in_progress', 'published', 'listed', 'key_supervision'], to: 'done' },
  return: { from: ['done', 'evaluated'], to: 'returned' },
  evaluate: { from: ['done', 'listed', 'key_supervision'], to: 'evaluated' },
  circulate: { from: ['evaluated'], to: 'circulated' },
};

/** States in which a task still has work to do before its deadline. */
export const OPEN_TASK_STATES: readonly TaskState[] = ['raised', 'in_progress', 'published', 'listed', 'key_supervision', 'returned'];

export class IllegalTaskTransition extends Conflict {
  constructor(
    readonly state: string,
    readonly action: string,
  ) {
    super(`A task in state ${state} (${TASK_STATE_LABELS[state as TaskState] ?? state}) cannot ${action}; allowed: ${taskActions(state as TaskState).join(', ') || 'none'} (当前状态不允许此操作)`, { state, action }, 'illegal_transition');
  }
}

export function taskActions(state: TaskState): TaskAction[] {
  return TASK_ACTIONS.filter((a) => TASK_TRANSITIONS[a].from.includes(state));
}

/** The state after the action, or a 409 naming the state and the action. */
export function transition(state: TaskState, action: TaskAction): TaskState {
  const t = TASK_TRANSITIONS[action];
  if (!t || !t.from.includes(state)) throw new IllegalTaskTransition(state, action);
  return t.to ?? state;
}

export interface Step {
  action: string;
  from: string | null;
  to: string;
  by: string | null;
  byId: string | null;
  at: number;
  reason?: string | null;
  details?: unknown;
}
