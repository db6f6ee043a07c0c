import { implausibleReason } from '../../domain/monitoring/index.ts';
import type { Principal } from '../../domain/access/policy.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';

/** A reading as devices send it: site and sensor by code, ts as ISO 8601 or epoch milliseconds. */
export interface RawReading {
  site?: unknown;
  sensor?: unknown;
  ts?: unknown;
  value?: unknown;
}

/** A validated reading, ready for the writer. `index` is its place in the request, -1 for a derived one. */
export interface Row {
  key: number;
  ts: number;
  value: number;
  index: number;
}

export interface Rejection {
  index: number;
  reason: string;
}

export interface IntakeOptions {
  now: number;
  /** Readings stamped further ahead than this are refused (device clocks drift; 5 min by default). */
  futureToleranceMs: number;
  /** Site code a topic or a device binds the batch to. */
  site?: string;
  principal?: Principal;
  /** May the principal post for this site? (scope check, done by the service) */
  mayWrite?: (entry: CatalogEntry) => boolean;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const MAX_EPOCH_MS = 8.64e15;

export function parseTs(ts: unknown): number | string {
  if (typeof ts === 'number') {
    if (!Number.isFinite(ts) || !Number.isInteger(ts)) return 'ts must be an integer number of epoch milliseconds';
    // Past ±8.64e15 ms there is no date (Date throws on it): refused here, never an error later.
    if (Math.abs(ts) > MAX_EPOCH_MS) return `ts ${ts} is not an instant (epoch milliseconds up to ${MAX_EPOCH_MS})`;
    return ts;
  }
  if (typeof ts === 'string') {
    if (!ISO.test(ts)) return `ts "${ts.slice(0, 40)}" is not ISO 8601 with a time zone`;
    const ms = Date.parse(ts);
    return Number.isFinite(ms) ? ms : `ts "${ts.slice(0, 40)}" is not a valid instant`;
  }
  return 'ts is missing';
}

/**
 * Checks each reading on its own, so that one bad reading never costs the rest of its batch, and
 * adds the derived readings (freeboard from water level, …) computed from the good ones.
 */
export function validateReadings(catalog: Catalog, readings: readonly RawReading[], o: IntakeOptions): { rows: Row[]; rejected: Rejection[] } {
  const rows: Row[] = [];
  const rejected: Rejection[] = [];
  const maxTs = o.now + o.futureToleranceMs;
  for (let index = 0; index < readings.length; index++) {
    const r = readings[index];
    const reason = check(r);
    if (typeof reason === 'string') rejected.push({ index, reason });
    else {
      rows.push({ key: reason.entry.sensor.key, ts: reason.ts, value: reason.value, index });
      for (const d of reason.entry.dependents) {
        const def = d.sensor.derived!;
        const value = Math.round((def.reference - reason.value) * 1e6) / 1e6;
        if (implausibleReason(d.sensor.kind, value) === null) rows.push({ key: d.sensor.key, ts: reason.ts, value, index: -1 });
      }
    }
  }
  return { rows, rejected };

  function check(r: RawReading | undefined): string | { entry: CatalogEntry; ts: number; value: number } {
    if (typeof r !== 'object' || r === null) return 'a reading must be an object {site, sensor, ts, value}';
    const site = r.site ?? o.site;
    if (typeof site !== 'string' || site === '') return 'site is missing';
    if (o.site !== undefined && site !== o.site) return `site ${site} does not match ${o.site}`;
    if (typeof r.sensor !== 'string' || r.sensor === '') return 'sensor is missing';
    const entry = catalog.get(site, r.sensor);
    if (!entry || (o.mayWrite && !o.mayWrite(entry))) return `unknown sensor ${site}/${r.sensor}`;
    if (entry.sensor.disabled) return `sensor ${site}/${r.sensor} is disabled`;
    const ts = parseTs(r.ts);
    if (typeof ts === 'string') return ts;
    if (ts > maxTs) return `ts ${new Date(ts).toISOString()} is more than ${Math.round(o.futureToleranceMs / 1000)} s in the future`;
    if (ts < 0) return 'ts is before 1970';
    if (typeof r.value !== 'number') return 'value is not a finite number';
    const bad = implausibleReason(entry.sensor.kind, r.value);
    if (bad) return bad;
    return { entry, ts, value: r.value };
  }
}
