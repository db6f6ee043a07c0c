import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, Invalid } from '../errors.ts';
import {
  ALARM_ACTIONS,
  ALARM_STATES,
  AlarmActionForbidden,
  DEFAULT_ESCALATION,
  IllegalAlarmTransition,
  SYSTEM,
  TRANSITIONS,
  allowedActions,
  dueEscalations,
  newLoopAlarm,
  stepDue,
  transition,
  type Actor,
  type AlarmAction,
  type LoopAlarm,
} from './alarm-loop.ts';

const T0 = Date.UTC(2025, 6, 1, 2, 0);
const MIN = 60_000;
const safety: Actor = { kind: 'user', id: 'u-safety', role: 'enterprise_safety_officer' };
const staff: Actor = { kind: 'user', id: 'u-staff', role: 'enterprise_staff' };
const county: Actor = { kind: 'user', id: 'u-county', role: 'county_officer' };
const inspector: Actor = { kind: 'user', id: 'u-insp', role: 'inspector' };
const admin: Actor = { kind: 'user', id: 'u-admin', role: 'admin' };

const analyse: AlarmAction = { type: 'analyse', cause: 'equipment_fault', measures: ' Replaced the piezometer cable ' };

function walk(steps: [AlarmAction, Actor][], start = newLoopAlarm('orange', T0)): LoopAlarm {
  return steps.reduce((a, [action, actor], i) => transition(a, action, actor, T0 + (i + 1) * MIN), start);
}

describe('transition: the closed loop', () => {
  it('goes open → acknowledged → analysed → verified → closed, recording who and when', () => {
    const a = walk([
      [{ type: 'ack' }, staff],
      [analyse, safety],
      [{ type: 'verify', note: 'checked on site' }, inspector],
      [{ type: 'close' }, county],
    ]);
    expect(a).toEqual({
      ...newLoopAlarm('orange', T0),
      state: 'closed',
      acknowledgedAt: T0 + MIN,
      acknowledgedBy: 'u-staff',
      analysedAt: T0 + 2 * MIN,
      analysedBy: 'u-safety',
      cause: 'equipment_fault',
      measures: 'Replaced the piezometer cable',
      verifiedAt: T0 + 3 * MIN,
      verifiedBy: 'u-insp',
      closedAt: T0 + 4 * MIN,
      closedBy: 'u-county',
    });
  });

  it('lets the supervising level send an analysis back, and the enterprise re-analyse', () => {
    const rejected = walk([
      [{ type: 'ack' }, staff],
      [analyse, safety],
      [{ type: 'reject', note: 'the gauge reads right; look at the dam' }, county],
    ]);
    expect(rejected).toMatchObject({ state: 'acknowledged', analysedAt: null, analysedBy: null });
    const again = transition(rejected, { type: 'analyse', cause: 'danger', measures: 'Lowered the pond' }, safety, T0 + 9 * MIN);
    expect(again).toMatchObject({ state: 'analysed', cause: 'danger', measures: 'Lowered the pond' });
  });

  it('does not mutate its input', () => {
    const a = newLoopAlarm('red', T0);
    transition(a, { type: 'ack' }, staff, T0 + MIN);
    expect(a.state).toBe('open');
  });
});

describe('transition: refusals', () => {
  it('refuses an action the state does not allow, naming state and action', () => {
    const open = newLoopAlarm('yellow', T0);
    expect(() => transition(open, { type: 'close' }, county, T0)).toThrow(
      "An alarm in state 'open' cannot take action 'close' (allowed from: verified)",
    );
    try {
      transition(walk([[{ type: 'ack' }, staff]]), { type: 'ack' }, staff, T0);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalAlarmTransition);
      expect(e).toBeInstanceOf(Conflict);
      expect((e as IllegalAlarmTransition).code).toBe('illegal_transition');
      expect((e as IllegalAlarmTransition).details).toEqual({ state: 'acknowledged', action: 'ack', allowedFrom: ['open'] });
    }
  });

  it('refuses a role that may not act, before looking at the state', () => {
    const open = newLoopAlarm('yellow', T0);
    expect(() => transition(open, { type: 'verify' }, safety, T0)).toThrow(AlarmActionForbidden);
    expect(() => transition(open, { type: 'verify' }, safety, T0)).toThrow(Forbidden);
    expect(() => transition(open, { type: 'ack' }, county, T0)).toThrow(
      "Role 'county_officer' may not take action 'ack' on an alarm (allowed: enterprise_principal, enterprise_safety_officer, enterprise_staff, admin)",
    );
    const acked = walk([[{ type: 'ack' }, staff]]);
    expect(() => transition(acked, analyse, staff, T0)).toThrow(AlarmActionForbidden);
    expect(() => transition(open, { type: 'escalate' }, safety, T0)).toThrow(AlarmActionForbidden);
  });

  it('lets an administrator take any action the state allows', () => {
    const a = walk([
      [{ type: 'ack' }, admin],
      [analyse, admin],
      [{ type: 'verify' }, admin],
      [{ type: 'close' }, admin],
    ]);
    expect(a.state).toBe('closed');
    expect(() => transition(a, { type: 'ack' }, admin, T0)).toThrow(IllegalAlarmTransition);
  });

  it('requires a valid cause and measures for analysis, and a note to reject', () => {
    const acked = walk([[{ type: 'ack' }, staff]]);
    expect(() => transition(acked, { type: 'analyse', cause: 'bad_luck' as never, measures: 'x' }, safety, T0)).toThrow(Invalid);
    expect(() => transition(acked, { type: 'analyse', cause: 'danger', measures: '  ' }, safety, T0)).toThrow(
      'measures are required: say what was done (研判须填写处置措施)',
    );
    const analysed = transition(acked, analyse, safety, T0);
    expect(() => transition(analysed, { type: 'reject', note: '' }, county, T0)).toThrow(Invalid);
  });

  it('takes a comment in any state without moving the loop, and never offers it as a step', () => {
    const closed = walk([
      [{ type: 'ack' }, staff],
      [analyse, safety],
      [{ type: 'verify' }, county],
      [{ type: 'close' }, county],
    ]);
    for (const a of [newLoopAlarm('red', T0), closed]) {
      expect(transition(a, { type: 'comment', note: '请持续观测' }, county, T0)).toEqual(a);
      expect(transition(a, { type: 'comment', note: '已安排巡查' }, staff, T0)).toEqual(a);
      expect(allowedActions(a, county)).not.toContain('comment');
    }
    expect(() => transition(closed, { type: 'comment', note: ' ' }, county, T0)).toThrow(Invalid);
    expect(() => transition(closed, { type: 'comment', note: 'x' }, SYSTEM, T0)).toThrow(AlarmActionForbidden);
  });

  it('every action in the table names only known states', () => {
    for (const a of ALARM_ACTIONS) {
      for (const s of TRANSITIONS[a].from) expect(ALARM_STATES).toContain(s);
    }
  });
});

describe('escalation', () => {
  it('climbs one tier per call until the province', () => {
    let a = newLoopAlarm('red', T0);
    const tiers: string[] = [];
    for (let i = 0; i < 3; i++) {
      a = transition(a, { type: 'escalate' }, SYSTEM, T0 + i * MIN);
      tiers.push(a.tier);
    }
    expect(tiers).toEqual(['county', 'city', 'province']);
    expect(a.state).toBe('open');
    expect(a.escalatedAt).toBe(T0 + 2 * MIN);
    expect(() => transition(a, { type: 'escalate' }, SYSTEM, T0)).toThrow(
      "The alarm is already with the highest level ('province') and cannot be escalated further",
    );
  });

  it('finds unanswered alarms past the response time of their level, clock restarting per tier', () => {
    const red = { ...newLoopAlarm('red', T0), id: 'a1' };
    const blue = { ...newLoopAlarm('blue', T0), id: 'a2' };
    const acked = { ...transition(newLoopAlarm('red', T0), { type: 'ack' }, staff, T0 + MIN), id: 'a3' };
    const atCounty = { ...newLoopAlarm('red', T0), tier: 'county' as const, escalatedAt: T0 + 15 * MIN, id: 'a4' };
    const atProvince = { ...newLoopAlarm('red', T0), tier: 'province' as const, escalatedAt: T0, id: 'a5' };
    const all = [red, blue, acked, atCounty, atProvince];

    expect(dueEscalations(all, T0 + 15 * MIN - 1)).toEqual([]);
    expect(dueEscalations(all, T0 + 15 * MIN)).toEqual([{ id: 'a1', from: 'enterprise', to: 'county', step: 'response', dueAt: T0 + 15 * MIN }]);
    expect(dueEscalations(all, T0 + 30 * MIN).map((d) => d.id)).toEqual(['a1', 'a4']);
    expect(dueEscalations(all, T0 + 120 * MIN).map((d) => d.id)).toEqual(['a1', 'a2', 'a4']);
  });

  it('stops at the configured highest tier', () => {
    const a = { ...newLoopAlarm('red', T0), tier: 'city' as const, id: 'x' };
    expect(dueEscalations([a], T0 + DEFAULT_ESCALATION.responseSec.red * 1000, { ...DEFAULT_ESCALATION, maxTier: 'city' })).toEqual([]);
  });
});

describe('time limits at every step', () => {
  it('escalates a late analysis or verification as well as a late answer, the clock restarting per tier', () => {
    const acked = { ...transition(newLoopAlarm('red', T0), { type: 'ack' }, staff, T0 + MIN), id: 'acked' };
    const analysed = { ...transition(acked, analyse, safety, T0 + 10 * MIN), id: 'analysed' };
    const verified = { ...transition(analysed, { type: 'verify' }, county, T0 + 20 * MIN), id: 'verified' };
    expect(stepDue(acked)).toEqual({ step: 'analysis', dueAt: T0 + MIN + 2 * 60 * MIN });
    expect(stepDue(analysed)).toEqual({ step: 'verification', dueAt: T0 + 10 * MIN + 24 * 60 * MIN });
    expect(stepDue(verified)).toBeNull();
    expect(dueEscalations([acked, analysed, verified], T0 + 121 * MIN)).toEqual([{ id: 'acked', from: 'enterprise', to: 'county', step: 'analysis', dueAt: T0 + 121 * MIN }]);
    const climbed = { ...transition(acked, { type: 'escalate' }, SYSTEM, T0 + 121 * MIN), id: 'acked' };
    expect(climbed.state).toBe('acknowledged');
    expect(stepDue(climbed)).toEqual({ step: 'analysis', dueAt: T0 + 121 * MIN + 2 * 60 * MIN });
    expect(dueEscalations([analysed], T0 + 10 * MIN + 24 * 60 * MIN).map((d) => d.step)).toEqual(['verification']);
  });

  it('names a source for every limit, the defaults marked as the platform\'s', () => {
    for (const k of ['source', 'analysisSource', 'verificationSource'] as const) expect(DEFAULT_ESCALATION[k]).toContain('平台默认值');
  });
});

describe('allowedActions', () => {
  it('lists what this actor may do now', () => {
    const open = newLoopAlarm('yellow', T0);
    expect(allowedActions(open, staff)).toEqual(['ack']);
    expect(allowedActions(open, county)).toEqual([]);
    expect(allowedActions(open, SYSTEM)).toEqual(['escalate']);
    const analysed = walk([[{ type: 'ack' }, staff], [analyse, safety]]);
    expect(allowedActions(analysed, county)).toEqual(['verify', 'reject']);
    expect(allowedActions(analysed, safety)).toEqual(['analyse']);
    expect(allowedActions(analysed, admin)).toEqual(['analyse', 'verify', 'reject', 'escalate']);
  });
});
