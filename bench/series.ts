import { performance } from 'node:perf_hooks';
import { startBenchServer } from './fixture.ts';
import { percentile, type Report } from './report.ts';
import { runReads } from './spawn.ts';
import type { Mode } from './mode.ts';
import { rollupAggregates } from '../src/store/repos/monitoring/readings.ts';
import type { Row } from '../src/services/monitoring/intake.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * (d) Series reads with many sensors' history stored. The history goes in through the writer (the
 * bulk path: readings, rollups, alarm evaluation), not HTTP: every sensor hourly over `historyDays`,
 * and a few target sensors once a minute for 30 days on top of hourly for a year. Reads go through
 * HTTP from a child process: 30 days at 10 minutes (from 10-minute rollups) and a year at 1 day (from
 * daily rollups).
 */
export async function seriesFigures(mode: Mode, report: Report) {
  const s = await startBenchServer('sqlite');
  try {
    const writer = s.server.node.services.monitoring.writer;
    const now = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    const keys: number[] = [];
    for (let i = 0; i < Math.ceil(mode.historySensors / 1000); i++) keys.push(...(await s.pond(Math.min(1000, mode.historySensors - i * 1000), { prefix: `H${i}_` })).sensors.map((x) => x.key));
    const targets = await s.pond(5, { prefix: 'T' });

    let total = 0;
    let pending: Promise<unknown>[] = [];
    let chunk: Row[] = [];
    const push = async (key: number, ts: number, value: number) => {
      chunk.push({ key, ts, value, index: chunk.length });
      if (chunk.length < 20_000) return;
      pending.push(writer.submit(chunk));
      total += chunk.length;
      chunk = [];
      if (pending.length >= 4) await Promise.all(pending.splice(0));
    };
    const t0 = performance.now();
    // Time-ordered, as it would have arrived: hour by hour over the fleet, minutes for the targets.
    const from = now - 365 * DAY;
    const fleetFrom = now - mode.historyDays * DAY;
    const minuteFrom = now - 30 * DAY;
    for (let h = from; h <= now; h += HOUR) {
      const tick = (h - from) / HOUR;
      if (h >= fleetFrom) for (const k of keys) await push(k, h, 90 + ((k * 31 + tick * 17) % 1000) / 100);
      for (const t of targets.sensors) {
        if (h < minuteFrom) await push(t.key, h, 90 + ((t.key + tick) % 900) / 100);
        else for (let m = 0; m < 60; m++) await push(t.key, h + m * 60_000, 90 + ((t.key + tick * 60 + m) % 900) / 100);
      }
    }
    if (chunk.length) pending.push(writer.submit(chunk)), (total += chunk.length);
    await Promise.all(pending);
    const genMs = performance.now() - t0;
    report.add('series_history_rows', total, 'readings', `(${keys.length.toLocaleString('en-US')} sensors × ${mode.historyDays} d hourly + 5 targets)`);
    report.add('series_history_bulk_rate', (total / genMs) * 1000, 'readings/s', '(writer: readings + rollups + evaluation)');

    // Timed from a child process: request → whole answer received, as a browser waits for it.
    const time = async (url: string, expectMin: number) =>
      (await runReads({ url: s.url, token: s.token, paths: targets.sensors.map((t) => url.replace('{code}', t.code)), rounds: mode.reads, warmup: 3, minItems: expectMin })).ms;
    const month = await time(`/api/v1/sites/${targets.site}/sensors/{code}/readings?from=${now - 30 * DAY}&to=${now + HOUR}&step=10m`, 30 * 144);
    report.add('series_30d_10m_p50', percentile(month, 50), 'ms', '(4,320 buckets from 10-minute rollups; 43,200 raw rows stored)');
    report.add('series_30d_10m_p99', percentile(month, 99), 'ms');
    // The same 30-day read without HTTP: the share of the query itself.
    const query: number[] = [];
    for (let i = 0; i < mode.reads; i++) {
      const a = performance.now();
      await rollupAggregates(s.server.node.store.db, targets.sensors[i % 5]!.key, 600, now - 30 * DAY, now + HOUR);
      query.push(performance.now() - a);
    }
    report.add('series_30d_10m_query_p50', percentile(query, 50), 'ms', '(the SQL alone, no HTTP)');
    const year = await time(`/api/v1/sites/${targets.site}/sensors/{code}/readings?from=${now - 365 * DAY}&to=${now + HOUR}&step=1d`, 365);
    report.add('series_1y_1d_p50', percentile(year, 50), 'ms', '(from daily rollups)');
    report.add('series_1y_1d_p99', percentile(year, 99), 'ms');
  } finally {
    await s.close();
  }
}
