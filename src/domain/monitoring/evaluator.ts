/**
 * The per-point alarm state machine. Pure and durable-state friendly: the caller loads a PointState
 * (plain JSON), calls `evaluate` for each new reading, stores the returned state and acts on the
 * events (insert or update the alarm row, notify). Because the pending counters live in the state,
 * a restart loses nothing (the ThingsBoard complaint in lessons.md).
 *
 * Semantics
 * - A level opens only after its condition (value reaches the threshold) has held for
 *   `minDurationSec` AND over `minCount` consecutive readings (defaults 0 and 1). Each level above the
 *   current one keeps its own streak, so a value that wanders between yellow and orange still
 *   confirms yellow on time.
 * - Escalation to a higher level follows the same pending rule, counted for that level.
 * - A level ends only when the value is back past its threshold by the hysteresis band; the point
 *   then falls to the highest level still held ('deescalated') or to none ('recovered'). Ending is
 *   immediate: the band is what stops flapping on the way down.
 * - An alarm stays in the handling loop (叫应→研判→核查) after it recovers. If the condition returns
 *   before the loop closes it, the same alarm 'relapsed' (recoveredAt cleared) instead of a new alarm
 *   opening. `alarmClosed` tells the point that the loop closed it; the next confirmed condition opens
 *   a new alarm.
 *
 * Late and out-of-order readings: a reading whose ts is not newer than the newest evaluated one
 * (`lastTs`) does not change the state and raises no event; it is counted in `lateCount`. The caller
 * still stores it under its own timestamp, so history and roll-ups stay right; only the live alarm
 * state advances strictly forward in time. A duplicate (same ts) is treated the same way.
 */
import { LEVELS, levelRank, maxLevel, type Level } from './levels.ts';
import { THRESHOLD_DEFAULTS, clears, reaches, type Thresholds } from './thresholds.ts';

export interface Reading {
  /** Epoch milliseconds. */
  ts: number;
  value: number;
}

export interface Streak {
  /** ts of the first reading of the run. */
  since: number;
  /** Consecutive readings in the run. */
  count: number;
}

/** The alarm this point has in the handling loop, as far as the point knows. */
export interface PointAlarm {
  openedAt: number;
  /** Highest level reached since it opened. */
  peak: Level;
  /** Set when the condition ended; cleared on relapse. */
  recoveredAt: number | null;
  relapses: number;
}

export interface PointState {
  /** Schema version of this object, for stored states. */
  v: 1;
  lastTs: number | null;
  lastValue: number | null;
  /** Confirmed level whose condition holds now; null when none. */
  level: Level | null;
  alarm: PointAlarm | null;
  /** Runs of readings reaching levels above `level`, waiting to be confirmed. */
  pending: Partial<Record<Level, Streak>>;
  /** Readings ignored because they were not newer than lastTs. */
  lateCount: number;
}

interface EventBase {
  ts: number;
  value: number;
}
export type AlarmEvent =
  | (EventBase & { type: 'opened'; level: Level })
  | (EventBase & { type: 'escalated'; from: Level; to: Level })
  | (EventBase & { type: 'deescalated'; from: Level; to: Level })
  | (EventBase & { type: 'recovered'; from: Level })
  | (EventBase & { type: 'relapsed'; level: Level; relapses: number });

export interface EvaluateResult {
  state: PointState;
  events: AlarmEvent[];
  /** 'late': not newer than lastTs, ignored; 'invalid': non-finite ts or value, ignored. */
  outcome: 'evaluated' | 'late' | 'invalid';
}

export function initialPointState(): PointState {
  return { v: 1, lastTs: null, lastValue: null, level: null, alarm: null, pending: {}, lateCount: 0 };
}

function setLevels(rule: Thresholds): Level[] {
  return LEVELS.filter((l) => typeof rule[l] === 'number' && Number.isFinite(rule[l]));
}

/** Highest level at or below `current` whose condition has not cleared (hysteresis applied). */
function heldLevel(value: number, rule: Thresholds, current: Level | null): Level | null {
  let held: Level | null = null;
  for (const l of setLevels(rule)) {
    if (levelRank(l) > levelRank(current)) break;
    if (!clears(value, rule[l]!, rule.direction, rule.hysteresis ?? THRESHOLD_DEFAULTS.hysteresis)) held = l;
  }
  return held;
}

/** Extends or starts the streak of every level above `held` that the value reaches. */
function nextPending(prev: PointState['pending'], value: number, ts: number, rule: Thresholds, held: Level | null) {
  const pending: PointState['pending'] = {};
  for (const l of setLevels(rule)) {
    if (levelRank(l) <= levelRank(held) || !reaches(value, rule[l]!, rule.direction)) continue;
    const p = prev[l];
    pending[l] = p ? { since: p.since, count: p.count + 1 } : { since: ts, count: 1 };
  }
  return pending;
}

function confirmedLevel(pending: PointState['pending'], ts: number, rule: Thresholds): Level | null {
  const minCount = rule.minCount ?? THRESHOLD_DEFAULTS.minCount;
  const minMs = (rule.minDurationSec ?? THRESHOLD_DEFAULTS.minDurationSec) * 1000;
  let found: Level | null = null;
  for (const l of LEVELS) {
    const p = pending[l];
    if (p && p.count >= minCount && ts - p.since >= minMs) found = l;
  }
  return found;
}

function reachesAny(value: number, rule: Thresholds): boolean {
  for (const l of LEVELS) {
    const t = rule[l];
    if (typeof t === 'number' && Number.isFinite(t) && reaches(value, t, rule.direction)) return true;
  }
  return false;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/** Evaluates one reading against a rule. Never mutates `state`. */
export function evaluate(state: PointState | null, reading: Reading, rule: Thresholds): EvaluateResult {
  const s = state ?? initialPointState();
  const { ts, value } = reading;
  if (!Number.isFinite(ts) || !Number.isFinite(value)) return { state: s, events: [], outcome: 'invalid' };
  if (s.lastTs !== null && ts <= s.lastTs) {
    return { state: { ...s, lateCount: s.lateCount + 1 }, events: [], outcome: 'late' };
  }

  // The common reading: no level held, nothing pending, no threshold reached. The general path below
  // gives exactly this state; it is taken without building the intermediate objects.
  if (s.level === null && !reachesAny(value, rule) && isEmpty(s.pending)) {
    return { state: { v: 1, lastTs: ts, lastValue: value, level: null, alarm: s.alarm, pending: s.pending, lateCount: s.lateCount }, events: [], outcome: 'evaluated' };
  }

  const held = heldLevel(value, rule, s.level);
  let pending = nextPending(s.pending, value, ts, rule, held);
  const level = confirmedLevel(pending, ts, rule) ?? held;
  // Streaks at or below the new level are settled; keep only those still waiting.
  pending = Object.fromEntries(Object.entries(pending).filter(([l]) => levelRank(l as Level) > levelRank(level)));

  const { alarm, events } = transitionAlarm(s, level, { ts, value });
  return { state: { v: 1, lastTs: ts, lastValue: value, level, alarm, pending, lateCount: s.lateCount }, events, outcome: 'evaluated' };
}

function transitionAlarm(s: PointState, level: Level | null, at: EventBase): { alarm: PointAlarm | null; events: AlarmEvent[] } {
  const old = s.level;
  const alarm = s.alarm;
  if (level === old) return { alarm, events: [] };
  if (level === null) {
    // old is set here, so an alarm exists unless the state was hand-made; keep it consistent anyway.
    const recovered = alarm ? { ...alarm, recoveredAt: at.ts } : null;
    return { alarm: recovered, events: [{ type: 'recovered', from: old!, ...at }] };
  }
  if (old === null) {
    if (alarm) {
      const relapses = alarm.relapses + 1;
      return {
        alarm: { ...alarm, recoveredAt: null, relapses, peak: maxLevel(alarm.peak, level)! },
        events: [{ type: 'relapsed', level, relapses, ...at }],
      };
    }
    return { alarm: { openedAt: at.ts, peak: level, recoveredAt: null, relapses: 0 }, events: [{ type: 'opened', level, ...at }] };
  }
  const peak = maxLevel(alarm?.peak, level)!;
  const next = alarm ? { ...alarm, peak } : { openedAt: at.ts, peak, recoveredAt: null, relapses: 0 };
  const type = levelRank(level) > levelRank(old) ? 'escalated' : 'deescalated';
  return { alarm: next, events: [{ type, from: old, to: level, ...at }] };
}

/**
 * The handling loop closed this point's alarm. The point forgets it and its confirmed level, so that
 * a condition that still holds (or returns) goes through the pending rule again and opens a new
 * alarm rather than silently continuing a closed one.
 */
export function alarmClosed(state: PointState): PointState {
  return { ...state, alarm: null, level: null, pending: {} };
}

/**
 * A point whose alarm has relapsed `maxRelapses` times or more is flapping: the caller groups its
 * further relapses into the open alarm instead of notifying each one.
 */
export function isFlapping(state: PointState, maxRelapses = 3): boolean {
  return (state.alarm?.relapses ?? 0) >= maxRelapses;
}
