/**
 * The readings every figure uses: a fleet of sensors reporting tick by tick, one reading per sensor
 * per tick, values in the normal band (below the blue threshold of 100) so that every reading is
 * evaluated and none opens an alarm. Ticks are one second apart, starting far enough in the past
 * that no reading is refused as coming from the future.
 */
export const TICK_MS = 1000;

export function baseTs(now = Date.now()): number {
  // Two days back on a whole hour: room for ~170,000 ticks before reaching the present.
  return Math.floor((now - 2 * 86_400_000) / 3_600_000) * 3_600_000;
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
