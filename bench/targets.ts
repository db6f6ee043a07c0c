import type { Figure } from './report.ts';

/** A figure's target: at least or at most a value. */
export interface Target {
  name: string;
  op: '>=' | '<=';
  value: number;
  unit: string;
  why: string;
}

/**
 * Every target of the monitoring benchmark, declared once: `--check` compares the figures of the
 * run against this table, and the report shows each target beside its figure.
 */
export const TARGETS: readonly Target[] = [
  { name: 'full_sqlite_ingest_alarms', op: '>=', value: 100_000, unit: 'readings/s', why: 'full HTTP path on SQLite with 5 % of the sensors alarming' },
  { name: 'full_sqlite_ingest_alarms_lost', op: '<=', value: 0, unit: 'readings', why: 'accepted minus stored' },
  { name: 'full_sqlite_lost', op: '<=', value: 0, unit: 'readings', why: 'accepted minus stored' },
  { name: 'full_pg_vs_copy', op: '>=', value: 50, unit: '%', why: 'full HTTP path on PostgreSQL ÷ COPY at the same grouping' },
  { name: 'full_pg_ingest_alarms_lost', op: '<=', value: 0, unit: 'readings', why: 'accepted minus stored' },
  { name: 'full_pg_lost', op: '<=', value: 0, unit: 'readings', why: 'accepted minus stored' },
  { name: 'alarm_latency_p99', op: '<=', value: 100, unit: 'ms', why: 'reading → alarm on the SSE stream under 5,000 readings/s' },
  { name: 'alarm_probes_lost', op: '<=', value: 0, unit: 'alarms', why: 'every probe’s alarm arrives' },
  { name: 'series_30d_10m_p99', op: '<=', value: 50, unit: 'ms', why: '30 days at 10 minutes over HTTP' },
  { name: 'series_1y_1d_p99', op: '<=', value: 50, unit: 'ms', why: 'one year at 1 day over HTTP' },
  { name: 'burst_lost', op: '<=', value: 0, unit: 'readings', why: 'accepted minus stored under 10 × load' },
];

export const targetOf = (name: string) => TARGETS.find((t) => t.name === name);

export const describeTarget = (t: Target) => `${t.op === '>=' ? '≥' : '≤'} ${t.value.toLocaleString('en-US')} ${t.unit}`;

export function meets(t: Target, value: number): boolean {
  return Number.isFinite(value) && (t.op === '>=' ? value >= t.value : value <= t.value);
}

/** The targets missed by the figures of a run; targets whose figure was not measured are listed apart. */
export function checkTargets(figures: readonly Figure[]): { missed: { target: Target; value: number }[]; unmeasured: Target[] } {
  const missed: { target: Target; value: number }[] = [];
  const unmeasured: Target[] = [];
  for (const t of TARGETS) {
    const f = figures.find((x) => x.name === t.name);
    if (!f) unmeasured.push(t);
    else if (!meets(t, f.value)) missed.push({ target: t, value: f.value });
  }
  return { missed, unmeasured };
}
