import { startBenchServer } from './fixture.ts';
import { baseTs, TICK_MS } from './readings.ts';
import { percentile, type Report } from './report.ts';
import { runLoad } from './spawn.ts';
import type { Mode } from './mode.ts';

/**
 * (c) From a reading's arrival to its alarm on the SSE stream, under a steady background load. Each
 * probe posts one reading above the red threshold of a sensor that has no alarm yet, so each opens a
 * new alarm; the clock runs in the load generator, from sending the request to reading the event.
 */
export async function latencyFigures(mode: Mode, report: Report) {
  const s = await startBenchServer('sqlite');
  try {
    const fleet = await s.pond(1000);
    const probes = await s.pond(mode.probes, { prefix: 'P', thresholds: { direction: 'above', red: 100 } });
    const perRequest = 250;
    const r = await runLoad({
      url: s.url,
      token: s.token,
      fleet: fleet.sensors.map((x) => ({ site: fleet.site, code: x.code })),
      firstTick: 0,
      base: baseTs(),
      tickMs: TICK_MS,
      perRequest,
      durationMs: mode.warmupMs + mode.probes * mode.probeIntervalMs + 3000,
      warmupMs: mode.warmupMs,
      mode: 'paced',
      rate: mode.backgroundRate,
      maxInFlight: 32,
      probes: { site: probes.site, codes: probes.sensors.map((x) => x.code), intervalMs: mode.probeIntervalMs },
    });
    const background = (r.measuredAccepted / r.measuredMs) * 1000;
    report.add('alarm_latency_p50', percentile(r.probeMs, 50), 'ms', `(${r.probeMs.length} alarms)`);
    report.add('alarm_latency_p99', percentile(r.probeMs, 99), 'ms');
    report.add('alarm_latency_max', Math.max(...r.probeMs), 'ms');
    report.add('alarm_probe_response_p50', percentile(r.probeAckMs, 50), 'ms', '(POST answered, committed)');
    report.add('alarm_probes_lost', r.probesLost, 'alarms', '(no event within 5 s)');
    report.add('alarm_background_load', background, 'readings/s', `(${perRequest}/request; target ${mode.backgroundRate})`);
  } finally {
    await s.close();
  }
}
