import { describe, expect, it } from 'vitest';
import { IllegalTaskTransition, TASK_ACTIONS, TASK_STATES, taskActions, transition } from './task-loop.ts';
import { assignmentTransition, IllegalAssignmentTransition } from './assignment-loop.ts';

describe('task closed loop', () => {
  it('runs 提出问题 → 限时办理 → 公开信息 → 挂牌督办 → 重点督导 → 考评 → 通报', () => {
    let s = transition('raised', 'handle');
    for (const a of ['publish', 'list', 'supervise', 'visit', 'evaluate', 'circulate'] as const) s = transition(s, a);
    expect(s).toBe('circulated');
  });

  it('refuses an action the state does not allow, naming both', () => {
    expect(() => transition('raised', 'list')).toThrow(IllegalTaskTransition);
    try {
      transition('circulated', 'publish');
    } catch (e) {
      expect((e as IllegalTaskTransition).details).toEqual({ state: 'circulated', action: 'publish' });
      expect((e as Error).message).toContain('circulated');
    }
  });

  it('returns a finished task to be handled again', () => {
    expect(transition(transition('in_progress', 'complete'), 'return')).toBe('returned');
    expect(transition('returned', 'handle')).toBe('in_progress');
  });

  it('every state but the last has a way on', () => {
    for (const s of TASK_STATES) if (s !== 'circulated') expect(taskActions(s).length, s).toBeGreaterThan(0);
    expect(TASK_ACTIONS).toContain('visit');
  });

  it('assignments: report, then accept or return; returned is reported again', () => {
    expect(assignmentTransition('assigned', 'report')).toBe('reported');
    expect(assignmentTransition('reported', 'return')).toBe('returned');
    expect(assignmentTransition('returned', 'report')).toBe('reported');
    expect(assignmentTransition('reported', 'accept')).toBe('accepted');
    expect(() => assignmentTransition('assigned', 'accept')).toThrow(IllegalAssignmentTransition);
    expect(() => assignmentTransition('accepted', 'report')).toThrow(IllegalAssignmentTransition);
  });
});
