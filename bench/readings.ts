/**
 * The readings every figure uses: a fleet of sensors reporting tick by tick, one reading per sensor
 * per tick, values in the normal band (below the blue threshold of 100) so that every reading is
 * evaluated and none opens an alarm. Ticks are 100 ms apart from ten minutes ago: a run of up to
 * 6,000 ticks (6 million readings over 1,000 sensors) stays in the past, so nothing is refused as
 * coming from the future, and stays recent, so no sensor looks offline to the scheduled checks.
 */
export const TICK_MS = 100;

export function baseTs(now = Date.now()): number {
  return Math.floor((now - 600_000) / 1000) * 1000;
}

/** A deterministic value in 90..99.99 for a sensor at a tick (cheap, no shared state). */
export function valueAt(sensor: number, tick: number): number {
  return 90 + (((sensor * 7919 + tick * 104729) % 10000) / 1000);
}

/**
 * The alarm share: about 5 % of the sensors (every 20th) leave the normal band. Half of them walk
 * through blue → yellow → orange → red and back (96 … 104 over 200 ticks, each on its own phase), so
 * their alarms open, escalate, fall and recover, then relapse on the next cycle; the other half flap
 * around blue (100.1 / 99.85, inside the 0.2 hysteresis band, so it holds) with a dip to 99.6 every
 * 20 ticks that recovers the alarm and a relapse on the next reading. The others stay as in valueAt.
 */
export function alarmingValueAt(sensor: number, tick: number): number {
  if (sensor % 20 !== 0) return valueAt(sensor, tick);
  if (sensor % 40 === 0) {
    const phase = (tick + sensor * 7) % WALK_TICKS;
    const x = phase < WALK_TICKS / 2 ? phase / (WALK_TICKS / 2) : (WALK_TICKS - phase) / (WALK_TICKS / 2);
    return Math.round((96 + 8 * x) * 1000) / 1000;
  }
  if ((tick + sensor) % 20 === 0) return 99.6;
  return tick % 2 ? 99.85 : 100.1;
}

const WALK_TICKS = 200;

/** Which values a fleet reports: all in the normal band, or with the alarm share. */
export type ValueShape = 'normal' | 'alarms';

export const valueOf = (shape: ValueShape = 'normal') => (shape === 'alarms' ? alarmingValueAt : valueAt);

/** The readings of ticks [firstTick, firstTick + ticks) for sensors [0, sensors), tick-major. */
export function tickRows(sensors: number, firstTick: number, ticks: number, base: number): { s: number; ts: number; value: number }[] {
  const out: { s: number; ts: number; value: number }[] = [];
  for (let t = firstTick; t < firstTick + ticks; t++) {
    const ts = base + t * TICK_MS;
    for (let s = 0; s < sensors; s++) out.push({ s, ts, value: valueAt(s, t) });
  }
  return out;
}
