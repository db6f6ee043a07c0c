/** Sizes and durations of a run: the full bench, or a quick smoke run of the same code. */
export interface Mode {
  quick: boolean;
  rawReadings: number;
  rawMs: number;
  ingestMs: number;
  warmupMs: number;
  connections: number;
  probes: number;
  probeIntervalMs: number;
  backgroundRate: number;
  historySensors: number;
  historyDays: number;
  reads: number;
  burstMs: number;
  burstFactor: number;
}

export function modeOf(quick: boolean, connections?: number): Mode {
  return quick
    ? { quick, rawReadings: 300_000, rawMs: 5_000, ingestMs: 6_000, warmupMs: 1_000, connections: connections ?? 8, probes: 30, probeIntervalMs: 100, backgroundRate: 5_000, historySensors: 1_000, historyDays: 7, reads: 20, burstMs: 10_000, burstFactor: 10 }
    : { quick, rawReadings: 3_000_000, rawMs: 20_000, ingestMs: 25_000, warmupMs: 3_000, connections: connections ?? 8, probes: 300, probeIntervalMs: 100, backgroundRate: 5_000, historySensors: 10_000, historyDays: 14, reads: 100, burstMs: 120_000, burstFactor: 10 };
}
