import { describe, expect, it } from 'vitest';
import { alarmClosed, evaluate, isFlapping, type AlarmEvent, type PointState, type Reading } from './evaluator.ts';
import type { Thresholds } from './thresholds.ts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 6, 1, 0, 0, 0);

/** Feeds readings [minute offset, value] in order; returns the final state and every event. */
function run(rule: Thresholds, readings: [number, number][], start: PointState | null = null) {
  let state = start;
  const events: AlarmEvent[] = [];
  const outcomes: string[] = [];
  for (const [m, value] of readings) {
    const r = evaluate(state, { ts: T0 + m * MIN, value }, rule);
    state = r.state;
    events.push(...r.events);
    outcomes.push(r.outcome);
  }
  return { state: state!, events, outcomes };
}
const brief = (events: AlarmEvent[]) =>
  events.map((e) => {
    const { ts, value, ...rest } = e;
    return { m: (ts - T0) / MIN, ...rest };
  });

const above: Thresholds = { direction: 'above', blue: 10, yellow: 20, orange: 30, red: 40, hysteresis: 1 };

describe('evaluate: opening and escalation', () => {
  it('opens at once with default pending rules and jumps straight to the level reached', () => {
    const { events, state } = run(above, [[0, 5], [1, 35]]);
    expect(brief(events)).toEqual([{ m: 1, type: 'opened', level: 'orange' }]);
    expect(state.level).toBe('orange');
    expect(state.alarm).toEqual({ openedAt: T0 + MIN, peak: 'orange', recoveredAt: null, relapses: 0 });
  });

  it('needs minCount consecutive readings; a dip resets the run', () => {
    const rule = { ...above, minCount: 3 };
    const { events } = run(rule, [[0, 25], [1, 25], [2, 5], [3, 25], [4, 25], [5, 25]]);
    expect(brief(events)).toEqual([{ m: 5, type: 'opened', level: 'yellow' }]);
  });

  it('needs minDurationSec as well as minCount', () => {
    const rule = { ...above, minCount: 2, minDurationSec: 600 };
    const { events } = run(rule, [[0, 25], [1, 25], [5, 25], [10, 25]]);
    // two readings by minute 1, but only 10 minutes have passed at minute 10
    expect(brief(events)).toEqual([{ m: 10, type: 'opened', level: 'yellow' }]);
  });

  it('confirms the lower level on time while the value wanders between levels', () => {
    const rule = { ...above, minCount: 3 };
    const { events, state } = run(rule, [[0, 25], [1, 35], [2, 25], [3, 35], [4, 35]]);
    // yellow has held 3 readings at minute 2; orange gets 3 in a row only... never (25 at m2 broke it), then 2
    expect(brief(events)).toEqual([{ m: 2, type: 'opened', level: 'yellow' }]);
    expect(state.pending).toEqual({ orange: { since: T0 + 3 * MIN, count: 2 } });
    const next = evaluate(state, { ts: T0 + 5 * MIN, value: 36 }, rule);
    expect(brief(next.events)).toEqual([{ m: 5, type: 'escalated', from: 'yellow', to: 'orange' }]);
  });

  it('escalates immediately with default rules and records the peak', () => {
    const { events, state } = run(above, [[0, 12], [1, 22], [2, 45]]);
    expect(brief(events)).toEqual([
      { m: 0, type: 'opened', level: 'blue' },
      { m: 1, type: 'escalated', from: 'blue', to: 'yellow' },
      { m: 2, type: 'escalated', from: 'yellow', to: 'red' },
    ]);
    expect(state.alarm?.peak).toBe('red');
  });
});

describe('evaluate: hysteresis, recovery and relapse', () => {
  it('holds inside the band and recovers only past threshold − hysteresis', () => {
    const { events } = run(above, [[0, 21], [1, 19.5], [2, 19], [3, 18.9]]);
    expect(brief(events)).toEqual([
      { m: 0, type: 'opened', level: 'yellow' },
      // 19.5 and 19 are inside the band (yellow clears below 19); 18.9 is still ≥ blue (10)
      { m: 3, type: 'deescalated', from: 'yellow', to: 'blue' },
    ]);
  });

  it('recovers, then relapses into the same alarm while it is open in the loop', () => {
    const { events, state } = run(above, [[0, 22], [1, 5], [2, 23]]);
    expect(brief(events)).toEqual([
      { m: 0, type: 'opened', level: 'yellow' },
      { m: 1, type: 'recovered', from: 'yellow' },
      { m: 2, type: 'relapsed', level: 'yellow', relapses: 1 },
    ]);
    expect(state.alarm).toEqual({ openedAt: T0, peak: 'yellow', recoveredAt: null, relapses: 1 });
  });

  it('sets recoveredAt on recovery', () => {
    const { state } = run(above, [[0, 22], [7, 5]]);
    expect(state.level).toBeNull();
    expect(state.alarm?.recoveredAt).toBe(T0 + 7 * MIN);
  });

  it('a relapse obeys the pending rule too', () => {
    const rule = { ...above, minCount: 2 };
    const { events } = run(rule, [[0, 22], [1, 22], [2, 5], [3, 22], [4, 22]]);
    expect(brief(events).map((e) => e.type)).toEqual(['opened', 'recovered', 'relapsed']);
    expect(brief(events)[2]!.m).toBe(4);
  });

  it('opens a new alarm once the loop has closed the old one', () => {
    const first = run(above, [[0, 22], [1, 5]]);
    const closed = alarmClosed(first.state);
    const { events } = run(above, [[2, 25]], closed);
    expect(brief(events)).toEqual([{ m: 2, type: 'opened', level: 'yellow' }]);
  });

  it('closing while the condition still holds re-opens on the next reading', () => {
    const first = run(above, [[0, 22]]);
    const { events } = run(above, [[1, 22]], alarmClosed(first.state));
    expect(brief(events)).toEqual([{ m: 1, type: 'opened', level: 'yellow' }]);
  });

  it('counts relapses for flap detection', () => {
    const { state } = run(above, [[0, 22], [1, 5], [2, 22], [3, 5], [4, 22], [5, 5], [6, 22]]);
    expect(state.alarm?.relapses).toBe(3);
    expect(isFlapping(state)).toBe(true);
    expect(isFlapping(state, 4)).toBe(false);
  });

  it('mirrors everything for direction below (freeboard)', () => {
    const freeboard: Thresholds = { direction: 'below', yellow: 2.0, orange: 1.5, red: 1.0, hysteresis: 0.1 };
    const { events } = run(freeboard, [[0, 2.5], [1, 1.4], [2, 0.9], [3, 1.05], [4, 1.2], [5, 2.2]]);
    expect(brief(events)).toEqual([
      { m: 1, type: 'opened', level: 'orange' },
      { m: 2, type: 'escalated', from: 'orange', to: 'red' },
      // 1.05 is inside red's band (clears above 1.1)
      { m: 4, type: 'deescalated', from: 'red', to: 'orange' },
      { m: 5, type: 'recovered', from: 'orange' },
    ]);
  });
});

describe('evaluate: late, duplicate and invalid readings', () => {
  it('ignores readings not newer than the last, without touching the alarm', () => {
    const { state } = run(above, [[0, 22], [10, 5]]);
    // a late red reading from minute 5 must not relapse or escalate anything
    const late = evaluate(state, { ts: T0 + 5 * MIN, value: 99 }, above);
    expect(late.outcome).toBe('late');
    expect(late.events).toEqual([]);
    expect(late.state).toEqual({ ...state, lateCount: 1 });
    const dup = evaluate(late.state, { ts: T0 + 10 * MIN, value: 5 }, above);
    expect(dup.outcome).toBe('late');
    expect(dup.state.lateCount).toBe(2);
  });

  it('a late reading does not break a pending run', () => {
    const rule = { ...above, minCount: 2 };
    const a = run(rule, [[0, 1], [5, 25]]);
    const late = evaluate(a.state, { ts: T0 + 3 * MIN, value: 0 }, rule);
    const b = evaluate(late.state, { ts: T0 + 6 * MIN, value: 25 }, rule);
    expect(b.events.map((e) => e.type)).toEqual(['opened']);
  });

  it('ignores non-finite values and times', () => {
    const r = evaluate(null, { ts: T0, value: Number.NaN } as Reading, above);
    expect(r.outcome).toBe('invalid');
    expect(r.state.lastTs).toBeNull();
  });
});

describe('evaluate: durable state', () => {
  it('survives a JSON round trip between every reading with identical results', () => {
    const rule = { ...above, minCount: 2, minDurationSec: 60 };
    const readings: [number, number][] = [[0, 25], [1, 26], [2, 41], [3, 42], [4, 3], [5, 33], [6, 34]];
    const direct = run(rule, readings);
    let state: PointState | null = null;
    const events: AlarmEvent[] = [];
    for (const [m, value] of readings) {
      const r = evaluate(state, { ts: T0 + m * MIN, value }, rule);
      state = JSON.parse(JSON.stringify(r.state)) as PointState;
      events.push(...r.events);
    }
    expect(events).toEqual(direct.events);
    expect(state).toEqual(direct.state);
    expect(brief(events)).toEqual([
      { m: 1, type: 'opened', level: 'yellow' },
      { m: 3, type: 'escalated', from: 'yellow', to: 'red' },
      { m: 4, type: 'recovered', from: 'red' },
      { m: 6, type: 'relapsed', level: 'orange', relapses: 1 },
    ]);
  });

  it('does not mutate the state it is given', () => {
    const { state } = run(above, [[0, 22]]);
    const copy = structuredClone(state);
    evaluate(state, { ts: T0 + MIN, value: 45 }, above);
    expect(state).toEqual(copy);
  });
});
