import { sql } from 'kysely';
import { startBenchServer } from './fixture.ts';
import { baseTs, TICK_MS } from './readings.ts';
import { percentile, type Report } from './report.ts';
import { runLoad } from './spawn.ts';
import type { Mode } from './mode.ts';

const MB = 1024 * 1024;

/**
 * (e) Ten times the background load, held: the server's memory (RSS, sampled every 250 ms), what it
 * refused (429/503; the generator retries those after Retry-After), and whether every accepted
 * reading was stored.
 */
export async function burstFigures(mode: Mode, report: Report) {
  const s = await startBenchServer('sqlite');
  const samples: { t: number; rss: number }[] = [];
  let sampler: NodeJS.Timeout | null = null;
  try {
    const pond = await s.pond(1000);
    const writer = s.server.node.services.monitoring.writer;
    let maxQueued = 0;
    const t0 = Date.now();
    const rssStart = process.memoryUsage().rss;
    sampler = setInterval(() => {
      samples.push({ t: Date.now() - t0, rss: process.memoryUsage().rss });
      maxQueued = Math.max(maxQueued, writer.stats().queuedRows);
    }, 250);
    const rate = mode.backgroundRate * mode.burstFactor;
    const r = await runLoad({
      url: s.url,
      token: s.token,
      fleet: pond.sensors.map((x) => ({ site: pond.site, code: x.code })),
      firstTick: 0,
      base: baseTs(),
      tickMs: TICK_MS,
      perRequest: 1000,
      durationMs: mode.burstMs,
      warmupMs: 0,
      mode: 'paced',
      rate,
      maxInFlight: 64,
    });
    clearInterval(sampler);
    await writer.drain();
    const stored = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM readings`.execute(s.server.node.store.db)).rows[0]!.n);
    const half = (a: number, b: number) => Math.max(...samples.filter((x) => x.t >= a && x.t < b).map((x) => x.rss));
    report.add('burst_offered', rate, 'readings/s', `(${mode.burstFactor} × ${mode.backgroundRate}, ${mode.burstMs / 1000} s, 1,000/request)`);
    report.add('burst_accepted', (r.accepted / mode.burstMs) * 1000, 'readings/s');
    report.add('burst_send_lag_max', r.maxLagMs, 'ms', '(generator behind schedule at worst)');
    report.add('burst_request_p99', percentile(r.requestMs, 99), 'ms');
    report.add('burst_rss_start', rssStart / MB, 'MiB');
    report.add('burst_rss_peak_first_half', half(0, mode.burstMs / 2) / MB, 'MiB');
    report.add('burst_rss_peak_second_half', half(mode.burstMs / 2, Infinity) / MB, 'MiB', '(bounded: not above the first half by much)');
    report.add('burst_writer_queue_peak', maxQueued, 'readings', '(refused beyond 200,000)');
    report.add('burst_refused_429', r.status['429'] ?? 0, 'requests');
    report.add('burst_refused_503', r.status['503'] ?? 0, 'requests');
    report.add('burst_lost', r.accepted - stored, 'readings', `(accepted ${r.accepted.toLocaleString('en-US')}, stored ${stored.toLocaleString('en-US')}, abandoned ${r.abandoned})`);
    if (r.errors) report.say(`  note: ${r.errors} transport errors`);
  } finally {
    if (sampler) clearInterval(sampler);
    await s.close();
  }
}
