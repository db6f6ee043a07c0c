/**
 * `npm run bench [-- --json] [--quick] [--only ingest,pg,latency,series,burst] [--connections n]`
 * Every figure of the monitoring benchmark, measured in one run on this machine over loopback.
 */
import { parseArgs } from 'node:util';
import { burstFigures } from './burst.ts';
import { ingestFigures } from './ingest.ts';
import { latencyFigures } from './latency.ts';
import { modeOf } from './mode.ts';
import { networkFigures, networkMode } from './network.ts';
import { createReport } from './report.ts';
import { seriesFigures } from './series.ts';

const GROUPS = ['ingest', 'pg', 'latency', 'series', 'burst', 'network'] as const;
type Group = (typeof GROUPS)[number];

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    connections: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run bench -- [--json] [--quick] [--only ${GROUPS.join(',')}] [--connections 4]
  ingest   (a) raw better-sqlite3 inserts, (b) full HTTP path on SQLite, ratio b/a
  pg       (a) raw COPY and (b) full HTTP path on a throwaway PostgreSQL database
  latency  (c) reading → alarm on the SSE stream under 5,000 readings/s background load
  series   (d) 30 days at 10 min and 1 year at 1 day, with 10,000 sensors' history stored
  burst    (e) 10× the background load held; memory, back-pressure, nothing lost
  network  (f) enterprise → county → city → province at 2,000 readings/s; outage, drain, dropout`);
  process.exit(0);
}

const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...GROUPS];
const unknown = only.filter((g) => !(GROUPS as readonly string[]).includes(g));
if (unknown.length) {
  console.error(`unknown figure group(s): ${unknown.join(', ')}; choose from ${GROUPS.join(', ')}`);
  process.exit(2);
}
const mode = modeOf(values.quick, values.connections ? Number(values.connections) : undefined);
const report = createReport(values.json);
const runners: Record<Group, { title: string; run: () => Promise<void> }> = {
  ingest: { title: '(a)/(b) ingest on SQLite', run: () => ingestFigures('sqlite', mode, report) },
  pg: { title: '(a)/(b) ingest on PostgreSQL', run: () => ingestFigures('postgres', mode, report) },
  latency: { title: `(c) alarm latency under ${mode.backgroundRate.toLocaleString('en-US')} readings/s`, run: () => latencyFigures(mode, report) },
  series: { title: '(d) series reads', run: () => seriesFigures(mode, report) },
  burst: { title: `(e) ${mode.burstFactor}× burst`, run: () => burstFigures(mode, report) },
  network: { title: '(f) four-level network: latency, outage drain, dropout', run: () => networkFigures(networkMode(mode.quick), report) },
};

report.say(`kuangan bench${mode.quick ? ' (quick)' : ''} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
let failed = 0;
for (const g of GROUPS) {
  if (!only.includes(g)) continue;
  report.say(`\n${runners[g].title}`);
  const t = Date.now();
  try {
    await runners[g].run();
  } catch (err) {
    failed++;
    report.say(`  FAILED: ${(err as Error).stack ?? err}`);
  }
  report.say(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
process.exit(failed ? 1 : 0);
