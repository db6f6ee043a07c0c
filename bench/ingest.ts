import { sql } from 'kysely';
import { startBenchServer, type BenchServer, type StoreKind } from './fixture.ts';
import { watchGroupCommits } from './groups.ts';
import { rawPgCopy, rawSqlite } from './raw.ts';
import { baseTs, TICK_MS, type ValueShape } from './readings.ts';
import { percentile, type Report } from './report.ts';
import { runLoad } from './spawn.ts';
import type { LoadResult } from './load.ts';
import type { Mode } from './mode.ts';

const SENSORS = 1000;
const PER_REQUEST = 1000;

/**
 * (b) the full HTTP path on one store, then (a) raw inserts of the same readings in the same commit
 * grouping, and the ratio b/a. The full path runs twice on one server: a fleet whose readings all
 * stay in the normal band, and a second fleet with the alarm share (readings.ts), so that alarms,
 * point states, alarm history and the change log's hash chain are in the measured path. On SQLite
 * the group commits the writer forms are counted during the first run, and the raw baseline commits
 * readings in groups of that size with the writer's statement shape.
 */
export async function ingestFigures(kind: StoreKind, mode: Mode, report: Report) {
  const tag = kind === 'sqlite' ? 'sqlite' : 'pg';
  const s = await startBenchServer(kind);
  let full: number;
  let alarming: number;
  let groupRows = mode.connections * PER_REQUEST;
  try {
    const plain = await s.pond(SENSORS);
    const watch = kind === 'sqlite' ? watchGroupCommits(s.server.node.store.sqlite!) : null;
    const writer = s.server.node.services.monitoring.writer;
    const statsBefore = writer.stats();
    const r = await fullRun(s, plain, mode, { firstTick: 0, concurrency: mode.connections, durationMs: mode.ingestMs, values: 'normal' });
    const statsAfter = writer.stats();
    // SQLite: counted on the connection (the bench wraps `transaction`); PostgreSQL: the writer's own counters.
    const groups = watch?.stop() ?? { commits: statsAfter.commits - statsBefore.commits, meanRows: (statsAfter.committedRows - statsBefore.committedRows) / Math.max(1, statsAfter.commits - statsBefore.commits) };
    full = r.rate;
    report.add(`full_${tag}_ingest`, full, 'readings/s', `(HTTP POST ${PER_REQUEST}/request, ${mode.connections} connections, ${r.load.requests} requests, all readings normal)`);
    reportRun(report, `full_${tag}`, r);
    if (groups?.commits) {
      groupRows = Math.max(100, Math.round(groups.meanRows / 100) * 100);
      report.add(`full_${tag}_group_commit_rows`, groups.meanRows, 'readings', `(mean over ${groups.commits.toLocaleString('en-US')} commits of the writer; the raw baseline commits ${groupRows.toLocaleString('en-US')})`);
    }
    // For context, on the same server: half as many connections, so group commits of at most half as many requests.
    const fewer = Math.max(1, Math.floor(mode.connections / 2));
    const r2 = await fullRun(s, plain, mode, { firstTick: r.load.ticksUsed + 1, concurrency: fewer, durationMs: Math.round(mode.ingestMs / 2), values: 'normal' });
    report.add(`full_${tag}_ingest_${fewer}conn`, r2.rate, 'readings/s', `(the same with ${fewer} connections, for context)`);

    const fleet = await s.pond(SENSORS, { prefix: 'A' });
    const before = await alarmCounts(s);
    const ra = await fullRun(s, fleet, mode, { firstTick: 0, concurrency: mode.connections, durationMs: mode.ingestMs, values: 'alarms' });
    const after = await alarmCounts(s);
    alarming = ra.rate;
    report.add(`full_${tag}_ingest_alarms`, alarming, 'readings/s', `(a second fleet, ${mode.connections} connections, 5 % of its sensors crossing thresholds or flapping)`);
    reportRun(report, `full_${tag}_ingest_alarms`, ra);
    report.add(`full_${tag}_alarms_opened`, after.alarms - before.alarms, 'alarms', '(during the run)');
    report.add(`full_${tag}_alarm_events`, after.actions - before.actions, 'events', '(opened, escalated, deescalated, recovered, relapsed: alarm history rows)');
    report.add(`full_${tag}_alarm_changes`, after.changes - before.changes, 'entries', '(change-log entries appended to the hash chain)');
  } finally {
    await s.close();
  }

  // The raw baselines run with the server closed, so they have the disk and the cores to themselves.
  const budget = { sensors: SENSORS, maxReadings: mode.rawReadings };
  if (kind === 'sqlite') {
    const raw = await rawSqlite({ ...budget, batch: groupRows, maxMs: mode.rawMs, shape: 'chunked' });
    report.add('raw_sqlite_insert', raw.rate, 'readings/s', `(INSERT OR IGNORE of 100 rows, ${groupRows.toLocaleString('en-US')}/transaction as the writer's commits, ${raw.readings.toLocaleString('en-US')} readings)`);
    const perRow = await rawSqlite({ ...budget, batch: PER_REQUEST, maxMs: mode.rawMs / 2, shape: 'per-row' });
    report.add('raw_sqlite_insert_per_row', perRow.rate, 'readings/s', `(the former baseline, for context: a prepared INSERT OR IGNORE per reading, ${PER_REQUEST}/transaction)`);
    report.add('full_sqlite_vs_raw', (full / raw.rate) * 100, '%', '(normal readings ÷ raw, same statements and grouping)');
    report.add('full_sqlite_ingest_alarms_vs_raw', (alarming / raw.rate) * 100, '%');
  } else {
    const copy = await rawPgCopy({ ...budget, batch: groupRows, maxMs: mode.rawMs });
    report.add('raw_pg_insert', copy.rate, 'readings/s', `(COPY FROM STDIN, ${groupRows.toLocaleString('en-US')}/COPY as the writer's commits, ${copy.readings.toLocaleString('en-US')} readings)`);
    const full8 = mode.connections * PER_REQUEST;
    const all = await rawPgCopy({ ...budget, batch: full8, maxMs: mode.rawMs / 2 });
    report.add(`raw_pg_insert_${full8 / 1000}k`, all.rate, 'readings/s', `(for context: ${full8.toLocaleString('en-US')}/COPY, every connection's request in one commit)`);
    const small = await rawPgCopy({ ...budget, batch: PER_REQUEST, maxMs: mode.rawMs / 2 });
    report.add('raw_pg_insert_1k', small.rate, 'readings/s', `(the former baseline, for context: ${PER_REQUEST}/COPY)`);
    report.add('full_pg_vs_copy', (full / copy.rate) * 100, '%', '(normal readings ÷ COPY, same commit grouping)');
    report.add('full_pg_ingest_alarms_vs_copy', (alarming / copy.rate) * 100, '%');
    report.add(`full_pg_vs_copy_${full8 / 1000}k`, (full / all.rate) * 100, '%', `(normal readings ÷ COPY of ${full8.toLocaleString('en-US')}, for context)`);
  }
}

interface RunOptions {
  firstTick: number;
  concurrency: number;
  durationMs: number;
  values: ValueShape;
}

/** A closed-loop run of the load generator on one fleet, then the writer drained and the readings it stored counted. */
async function fullRun(s: BenchServer, fleet: Awaited<ReturnType<BenchServer['pond']>>, mode: Mode, o: RunOptions) {
  const before = (await alarmCounts(s)).readings;
  const load = await runLoad({
    url: s.url,
    token: s.token,
    fleet: fleet.sensors.map((x) => ({ site: fleet.site, code: x.code })),
    firstTick: o.firstTick,
    base: baseTs(),
    tickMs: TICK_MS,
    perRequest: PER_REQUEST,
    durationMs: o.durationMs,
    warmupMs: mode.warmupMs,
    mode: 'closed',
    concurrency: o.concurrency,
    values: o.values,
  });
  await s.server.node.services.monitoring.writer.drain();
  const stored = (await alarmCounts(s)).readings - before;
  return { load, stored, rate: (load.measuredAccepted / load.measuredMs) * 1000 };
}

function reportRun(report: Report, prefix: string, r: { load: LoadResult; stored: number }) {
  report.add(`${prefix}_request_p50`, percentile(r.load.requestMs, 50), 'ms');
  report.add(`${prefix}_request_p99`, percentile(r.load.requestMs, 99), 'ms');
  report.add(`${prefix}_refused`, (r.load.status['429'] ?? 0) + (r.load.status['503'] ?? 0), 'requests', '(429/503)');
  report.add(`${prefix}_lost`, r.load.accepted - r.stored, 'readings', `(accepted ${r.load.accepted.toLocaleString('en-US')}, stored ${r.stored.toLocaleString('en-US')})`);
  if (r.load.errors || r.load.rejected || r.load.duplicates) report.say(`  note: ${r.load.errors} transport errors, ${r.load.rejected} rejected, ${r.load.duplicates} duplicates`);
}

/** Rows of the tables the alarm share writes to, and of readings. */
async function alarmCounts(s: BenchServer) {
  const row = (
    await sql<Record<'alarms' | 'actions' | 'changes' | 'readings', number | string>>`
      SELECT (SELECT count(*) FROM alarms) AS alarms, (SELECT count(*) FROM alarm_actions) AS actions,
        (SELECT count(*) FROM change_log WHERE entity = 'alarm') AS changes, (SELECT count(*) FROM readings) AS readings`.execute(s.server.node.store.db)
  ).rows[0]!;
  return { alarms: Number(row.alarms), actions: Number(row.actions), changes: Number(row.changes), readings: Number(row.readings) };
}
