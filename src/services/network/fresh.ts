import type { StoredReading } from '../../store/repos/network/apply.ts';

/** Readings stamped this close to the newest of their sensor count as live, not backfill. */
export const FRESH_MS = 3000;

/**
 * Tells live readings from backfill by each sensor's own clock: a newly stored reading is fresh when
 * it lies within `freshMs` of the newest reading of its sensor stored here. Comparing a sensor with
 * itself needs no agreement between the nodes' clocks, and it holds at every hop: a forwarding node
 * stores a child's backfill and live readings interleaved, yet each reading keeps its own time.
 */
export function createFreshness(freshMs = FRESH_MS) {
  /** Sensor key → the newest reading time stored by this process. */
  const newest = new Map<number, number>();
  return {
    /** The fresh ones among newly stored rows; their sensors' newest times move on. */
    pick(stored: readonly StoredReading[]): StoredReading[] {
      for (const r of stored) {
        const n = newest.get(r.sensor_key);
        if (n === undefined || r.ts > n) newest.set(r.sensor_key, r.ts);
      }
      return stored.filter((r) => r.ts >= newest.get(r.sensor_key)! - freshMs);
    },
  };
}
