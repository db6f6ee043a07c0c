/**
 * `npm run bench [-- --json] [--quick] [--only ingest,pg,latency,series,burst] [--connections n] [--check]`
 * Every figure of the monitoring benchmark, measured in one run on this machine over loopback;
 * with --check, the run fails when a figure misses its target (targets.ts).
 */
import { parseArgs } from 'node:util';
import { burstFigures } from './burst.ts';
import { ingestFigures } from './ingest.ts';
import { latencyFigures } from './latency.ts';
import { modeOf } from './mode.ts';
import { networkFigures, networkMode } from './network.ts';
import { createReport } from './report.ts';
import { seriesFigures } from './series.ts';
import { checkTargets, describeTarget, TARGETS } from './targets.ts';

const GROUPS = ['ingest', 'pg', 'latency', 'series', 'burst', 'network'] as const;
type Group = (typeof GROUPS)[number];

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    connections: { type: 'string' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run bench -- [--json] [--quick] [--only ${GROUPS.join(',')}] [--connections 4] [--check]
  ingest   (b) full HTTP path on SQLite, without and with 5 % alarming sensors; (a) raw inserts in the writer's grouping; b/a
  pg       (b) full HTTP path and (a) raw COPY on a throwaway PostgreSQL database
  --check  exit 1 when a figure misses its target (bench/targets.ts), naming it
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
let missed = 0;
if (values.check) {
  const verdict = checkTargets(report.figures);
  missed = verdict.missed.length;
  report.say('\ntargets');
  for (const m of verdict.missed) report.say(`  MISSED ${m.target.name}: ${m.value.toLocaleString('en-US')} ${m.target.unit}, target ${describeTarget(m.target)} (${m.target.why})`);
  for (const t of verdict.unmeasured) report.say(`  not measured in this run: ${t.name} (target ${describeTarget(t)})`);
  const checked = TARGETS.length - verdict.unmeasured.length;
  report.say(missed || failed ? `  ${missed} of ${checked} target(s) missed${failed ? `, ${failed} group(s) failed` : ''}` : `  ${checked} target(s) checked, every one met`);
}
process.exit(failed || missed ? 1 : 0);
