import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, Invalid } from '../errors.ts';
import {
  HAZARD_ACTIONS,
  HAZARD_STATES,
  HAZARD_TRANSITIONS,
  IllegalHazardTransition,
  SelfVerification,
  availableActions,
  isOverdue,
  newLoopHazard,
  transition,
  type HazardAction,
  type LoopHazard,
  type RectificationPlan,
} from './hazard-loop.ts';

const T0 = Date.UTC(2026, 11, 1, 2, 0);
const DAY = 86_400_000;
const fullPlan: RectificationPlan = { measures: '加固坝坡，增设排渗', funds: 120_000, people: '李四（安全科）', deadline: T0 + 30 * DAY, interimMeasures: '降低库水位，加密巡坝' };
const rectify: HazardAction = { type: 'rectify', note: '已完成加固', photos: ['f1'] };

function walk(h: LoopHazard, steps: [HazardAction, string][]): LoopHazard {
  return steps.reduce((x, [a, by], i) => transition(x, a, by, T0 + (i + 1) * 1000), h);
}

describe('hazard loop: the closed loop', () => {
  it('takes a major hazard registered → planned → rectified → verified → closed', () => {
    const h = walk(newLoopHazard('major', T0 + 10 * DAY), [
      [{ type: 'plan', plan: fullPlan }, 'safety'],
      [rectify, 'worker'],
      [{ type: 'verify', note: '现场验收合格' }, 'safety'],
      [{ type: 'close' }, 'principal'],
    ]);
    expect(h).toMatchObject({
      state: 'closed',
      deadline: T0 + 30 * DAY,
      plan: fullPlan,
      rectification: { note: '已完成加固', photos: ['f1'] },
      rectifiedBy: 'worker',
      verifiedBy: 'safety',
      verificationNote: '现场验收合格',
      closedBy: 'principal',
      closedAt: T0 + 4000,
    });
  });

  it('lets a general hazard be rectified at once', () => {
    const h = transition(newLoopHazard('general', T0 + DAY), rectify, 'staff', T0);
    expect(h.state).toBe('rectified');
  });

  it('sends a rectification back to planned with a reason', () => {
    const h = walk(newLoopHazard('general', T0 + DAY), [
      [rectify, 'staff'],
      [{ type: 'reject', note: '未彻底清除浮石' }, 'safety'],
    ]);
    expect(h).toMatchObject({ state: 'planned', rectifiedBy: null, rejections: 1, verificationNote: '未彻底清除浮石' });
    expect(transition(h, rectify, 'staff', T0 + DAY).state).toBe('rectified');
  });

  it('does not mutate its input', () => {
    const h = newLoopHazard('general', T0);
    transition(h, rectify, 'x', T0);
    expect(h.state).toBe('registered');
  });
});

describe('hazard loop: refusals', () => {
  it('refuses a major hazard rectified without a plan, naming state and action', () => {
    const h = newLoopHazard('major', T0 + DAY);
    expect(() => transition(h, rectify, 'w', T0)).toThrow(IllegalHazardTransition);
    expect(() => transition(h, rectify, 'w', T0)).toThrow(/state 'registered' cannot take action 'rectify'.*rectification plan first/);
    try {
      transition(h, rectify, 'w', T0);
    } catch (err) {
      expect(err).toBeInstanceOf(Conflict);
      expect((err as IllegalHazardTransition).details).toMatchObject({ state: 'registered', action: 'rectify', grade: 'major' });
    }
  });

  it('refuses an incomplete plan for a major hazard, listing what is missing', () => {
    const h = newLoopHazard('major', T0 + DAY);
    try {
      transition(h, { type: 'plan', plan: { measures: '加固' } }, 's', T0);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(Invalid);
      expect(((err as Invalid).details as { path: string }[]).map((p) => p.path)).toEqual(['plan.funds', 'plan.people', 'plan.deadline', 'plan.interimMeasures']);
    }
    // A general hazard's plan needs only its measures.
    expect(transition(newLoopHazard('general', T0 + DAY), { type: 'plan', plan: { measures: '更换护栏' } }, 's', T0).state).toBe('planned');
  });

  it('refuses verification by the rectifier', () => {
    const h = transition(newLoopHazard('general', T0 + DAY), rectify, 'same', T0);
    expect(() => transition(h, { type: 'verify' }, 'same', T0)).toThrow(SelfVerification);
    expect(() => transition(h, { type: 'verify' }, 'same', T0)).toThrow(Forbidden);
    expect(transition(h, { type: 'verify' }, 'other', T0).state).toBe('verified');
  });

  it('refuses every action outside the table, from every state', () => {
    for (const grade of ['general', 'major'] as const) {
      for (const state of HAZARD_STATES) {
        for (const action of HAZARD_ACTIONS) {
          if (HAZARD_TRANSITIONS[action].from[grade].includes(state)) continue;
          const h = { ...newLoopHazard(grade, T0), state, plan: fullPlan };
          const a: HazardAction = action === 'plan' ? { type: 'plan', plan: fullPlan } : action === 'rectify' ? rectify : action === 'reject' ? { type: 'reject', note: 'x' } : { type: action };
          expect(() => transition(h, a, 'p', T0), `${grade} ${state} ${action}`).toThrow(new RegExp(`state '${state}' cannot take action '${action}'`));
        }
      }
    }
  });

  it('closed is terminal', () => {
    expect(availableActions({ state: 'closed', grade: 'major' })).toEqual([]);
    expect(availableActions({ state: 'registered', grade: 'major' })).toEqual(['plan']);
    expect(availableActions({ state: 'registered', grade: 'general' })).toEqual(['plan', 'rectify']);
  });
});

describe('overdue', () => {
  it('counts only hazards not yet rectified, strictly after the deadline', () => {
    const h = newLoopHazard('general', T0);
    expect(isOverdue(h, T0)).toBe(false);
    expect(isOverdue(h, T0 + 1)).toBe(true);
    expect(isOverdue({ ...h, state: 'rectified' }, T0 + DAY)).toBe(false);
  });
});
