import { requireAccess, type Principal } from '../../domain/access/policy.ts';
import { Invalid } from '../../domain/errors.ts';
import { bucketedReadings, rawReadings, rollupAggregates, rollupRows } from '../../store/repos/monitoring/readings.ts';
import type { Deps } from '../context.ts';
import type { RollupDelta } from './plan.ts';
import { tenMinuteHorizon } from './retention.ts';
import { withPending } from './rollup-buffer.ts';
import type { SensorService } from './sensors.ts';

/** Rollup deltas committed but not yet in the rollups table (the writer's buffer). */
export type PendingRollups = (key: number, bucketSec: number, from: number, to: number) => RollupDelta[];

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "10m", "1h", "1d" → milliseconds. */
export function parseStep(step: string): number {
  const m = /^(\d+)([smhd])$/.exec(step);
  if (!m) throw new Invalid(`step "${step}" is not like 10m, 1h or 1d`, [{ path: 'step', message: 'like 10m, 1h, 1d' }]);
  const ms = Number(m[1]) * UNIT_MS[m[2]!]!;
  if (ms < 60_000) throw new Invalid('step must be at least 1m', [{ path: 'step', message: 'at least 1m' }]);
  return ms;
}

export interface SeriesQuery {
  /** A day before `to` when not given. */
  from?: number;
  /** A minute from now when not given, so that readings just arriving are in. */
  to?: number;
  step?: string;
  limit: number;
}

/** The time range a readings query covers, its defaults filled in. */
export function readingWindow(q: Pick<SeriesQuery, 'from' | 'to'>): { from: number; to: number } {
  const to = q.to ?? Date.now() + 60_000;
  return { from: q.from ?? to - 86_400_000, to };
}

/**
 * Raw readings, or buckets when a step is given: 10m, 1h and 1d (and their multiples) come from the
 * rollups maintained as data arrives (with the writer's not yet written deltas merged in); other steps
 * are computed from raw rows, and so are 10-minute buckets older than the 10-minute rollups' horizon.
 */
export function createSeriesService(deps: Pick<Deps, 'store'>, sensors: SensorService, pending: PendingRollups = () => []) {
  const { db } = deps.store;
  return {
    async readings(actor: Principal, siteRef: string, sensorRef: string, query: SeriesQuery) {
      const q = { ...query, ...readingWindow(query) };
      const { site, sensor } = await sensors.get(actor, siteRef, sensorRef);
      requireAccess(actor, 'monitoring.read', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
      if (q.to <= q.from) throw new Invalid('to must be after from', [{ path: 'to', message: 'after from' }]);
      if (!q.step) return { sensor: sensor.code, unit: sensor.unit, step: null, items: await rawReadings(db, sensor.key, q.from, q.to, q.limit) };
      const stepMs = parseStep(q.step);
      // 10-minute rollups serve steps of whole 10 minutes when the range is on 10-minute bounds too,
      // so that their buckets are exactly the raw computation's.
      const tenMinutes = stepMs % 600_000 === 0 && q.from % 600_000 === 0 && q.to % 600_000 === 0;
      const base = stepMs % 86_400_000 === 0 ? 86_400 : stepMs % 3_600_000 === 0 ? 3600 : tenMinutes ? 600 : 0;
      if (base === 600) {
        // Before the horizon the 10-minute rollups were removed by retention: there the same 10-minute
        // buckets are computed from raw readings — the same figures while raw readings are kept, and
        // only what exists (nothing) once they are gone too. Hourly and daily steps are unaffected.
        const horizon = await tenMinuteHorizon(db);
        const split = Math.min(Math.max(q.from, horizon), q.to);
        const below = split > q.from ? await bucketedReadings(db, sensor.key, q.from, split, 600_000) : [];
        const above = split < q.to ? withPending(await rollupAggregates(db, sensor.key, 600, split, q.to), pending(sensor.key, 600, split, q.to)) : [];
        const rows = below.length ? below.concat(above) : above;
        const items: { ts: number; value: number; min: number; max: number; avg: number; count: number }[] = [];
        let b: (typeof items)[number] & { sum: number } = { ts: NaN, value: 0, min: 0, max: 0, avg: 0, count: 0, sum: 0 };
        for (const r of rows) {
          const ts = q.from + Math.floor((r.bucketStart - q.from) / stepMs) * stepMs;
          if (ts !== b.ts) {
            if (b.count) items.push({ ts: b.ts, value: b.sum / b.count, min: b.min, max: b.max, avg: b.sum / b.count, count: b.count });
            b = { ts, value: 0, min: r.min, max: r.max, avg: 0, count: r.count, sum: r.sum };
          } else (b.min = Math.min(b.min, r.min)), (b.max = Math.max(b.max, r.max)), (b.sum += r.sum), (b.count += r.count);
        }
        if (b.count) items.push({ ts: b.ts, value: b.sum / b.count, min: b.min, max: b.max, avg: b.sum / b.count, count: b.count });
        return { sensor: sensor.code, unit: sensor.unit, step: q.step, items };
      }
      if (base === 0) {
        const rows = await bucketedReadings(db, sensor.key, q.from, q.to, stepMs);
        return { sensor: sensor.code, unit: sensor.unit, step: q.step, items: rows.map((r) => ({ ts: r.bucketStart, value: r.sum / r.count, min: r.min, max: r.max, avg: r.sum / r.count, count: r.count })) };
      }
      const since = q.from - (stepMs - base * 1000);
      const rows = withPending(await rollupRows(db, sensor.key, base, since, q.to), pending(sensor.key, base, since, q.to));
      // Merge rollup buckets into steps that are multiples of them (e.g. 6h from hourly rows).
      const out = new Map<number, { ts: number; min: number; max: number; sum: number; count: number; first: number; last: number }>();
      for (const r of rows) {
        const ts = base * 1000 === stepMs ? r.bucketStart : q.from + Math.floor((r.bucketStart - q.from) / stepMs) * stepMs;
        if (ts + stepMs <= q.from) continue;
        const b = out.get(ts);
        if (!b) out.set(ts, { ts, min: r.min, max: r.max, sum: r.sum, count: r.count, first: r.firstValue, last: r.lastValue });
        else (b.min = Math.min(b.min, r.min)), (b.max = Math.max(b.max, r.max)), (b.sum += r.sum), (b.count += r.count), (b.last = r.lastValue);
      }
      const items = [...out.values()].map((b) => ({ ts: b.ts, value: b.sum / b.count, min: b.min, max: b.max, avg: b.sum / b.count, count: b.count, first: b.first, last: b.last }));
      return { sensor: sensor.code, unit: sensor.unit, step: q.step, items };
    },
  };
}

export type SeriesService = ReturnType<typeof createSeriesService>;
