import { sql } from 'kysely';
import { startBenchServer, type StoreKind } from './fixture.ts';
import { rawPgCopy, rawSqlite } from './raw.ts';
import { baseTs, TICK_MS } from './readings.ts';
import { percentile, type Report } from './report.ts';
import { runLoad } from './spawn.ts';
import type { Mode } from './mode.ts';

/**
 * (a) raw inserts and (b) the full HTTP path on one store, with the ratio b/a. Both start from an
 * empty readings table and store the same tick-by-tick readings of 1,000 sensors.
 */
export async function ingestFigures(kind: StoreKind, mode: Mode, report: Report) {
  const tag = kind === 'sqlite' ? 'sqlite' : 'pg';
  const sensors = 1000;
  const perRequest = 1000;
  const raw = kind === 'sqlite'
    ? await rawSqlite({ sensors, batch: perRequest, maxReadings: mode.rawReadings, maxMs: mode.rawMs })
    : await rawPgCopy({ sensors, batch: perRequest, maxReadings: mode.rawReadings, maxMs: mode.rawMs });
  // For context: the same inserts in transactions as large as the writer's group commits (up to 20,000 rows).
  const big = kind === 'sqlite'
    ? await rawSqlite({ sensors, batch: 20_000, maxReadings: mode.rawReadings, maxMs: mode.rawMs / 2 })
    : await rawPgCopy({ sensors, batch: 20_000, maxReadings: mode.rawReadings, maxMs: mode.rawMs / 2 });
  report.add(`raw_${tag}_insert`, raw.rate, 'readings/s', kind === 'sqlite' ? `(prepared INSERT OR IGNORE, ${perRequest}/transaction, ${raw.readings.toLocaleString('en-US')} readings)` : `(COPY FROM STDIN, ${perRequest}/COPY, ${raw.readings.toLocaleString('en-US')} readings)`);

  report.add(`raw_${tag}_insert_20k`, big.rate, 'readings/s', '(same, 20,000 per transaction: the writer’s largest group commit)');

  const s = await startBenchServer(kind);
  try {
    const pond = await s.pond(sensors);
    const base = baseTs();
    const r = await runLoad({
      url: s.url,
      token: s.token,
      fleet: pond.sensors.map((x) => ({ site: pond.site, code: x.code })),
      firstTick: 0,
      base,
      tickMs: TICK_MS,
      perRequest,
      durationMs: mode.ingestMs,
      warmupMs: mode.warmupMs,
      mode: 'closed',
      concurrency: mode.connections,
    });
    await s.server.node.services.monitoring.writer.drain();
    const stored = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM readings`.execute(s.server.node.store.db)).rows[0]!.n);
    const rate = (r.measuredAccepted / r.measuredMs) * 1000;
    report.add(`full_${tag}_ingest`, rate, 'readings/s', `(HTTP POST ${perRequest}/request, ${mode.connections} connections, ${r.requests} requests)`);
    report.add(`full_${tag}_vs_raw`, (rate / raw.rate) * 100, '%', kind === 'sqlite' ? '(target ≥ 50 %)' : '');
    report.add(`full_${tag}_request_p50`, percentile(r.requestMs, 50), 'ms');
    report.add(`full_${tag}_request_p99`, percentile(r.requestMs, 99), 'ms');
    report.add(`full_${tag}_refused`, (r.status['429'] ?? 0) + (r.status['503'] ?? 0), 'requests', '(429/503)');
    report.add(`full_${tag}_lost`, r.accepted - stored, 'readings', `(accepted ${r.accepted.toLocaleString('en-US')}, stored ${stored.toLocaleString('en-US')})`);
    if (r.errors || r.rejected || r.duplicates) report.say(`  note: ${r.errors} transport errors, ${r.rejected} rejected, ${r.duplicates} duplicates`);
    // For context, on the same server: half as many connections, so group commits of at most half as many requests.
    const fewer = Math.max(1, Math.floor(mode.connections / 2));
    const r2 = await runLoad({
      url: s.url,
      token: s.token,
      fleet: pond.sensors.map((x) => ({ site: pond.site, code: x.code })),
      firstTick: r.ticksUsed + 1,
      base,
      tickMs: TICK_MS,
      perRequest,
      durationMs: Math.round(mode.ingestMs / 2),
      warmupMs: mode.warmupMs,
      mode: 'closed',
      concurrency: fewer,
    });
    report.add(`full_${tag}_ingest_${fewer}conn`, (r2.measuredAccepted / r2.measuredMs) * 1000, 'readings/s', `(the same with ${fewer} connections, for context)`);
  } finally {
    await s.close();
  }
}
