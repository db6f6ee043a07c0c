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

/** The readings of ticks [firstTick, firstTick + ticks) for sensors [0, sensors), tick-major. */
export function tickRows(sensors: number, firstTick: number, ticks: number, base: number): { s: number; ts: number; value: number }[] {
  const out: { s: number; ts: number; value: number }[] = [];
  for (let t = firstTick; t < firstTick + ticks; t++) {
    const ts = base + t * TICK_MS;
    for (let s = 0; s < sensors; s++) out.push({ s, ts, value: valueAt(s, t) });
  }
  return out;
}
