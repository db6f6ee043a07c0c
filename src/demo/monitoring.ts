import type { Principal } from '../domain/access/policy.ts';
import type { Node } from '../node.ts';
import type { RawReading } from '../services/monitoring/index.ts';
import type { SensorInput } from '../services/monitoring/sensor-inputs.ts';
import { ensureSetting } from '../store/repos/settings.ts';
import { DEMO_ENTERPRISES, type DemoSite } from './registry-data.ts';

const SEEDER: Principal = { kind: 'user', id: 'system', name: '演示数据', role: 'admin', regionCode: null, enterpriseId: null };
const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * The pond whose water rises into warnings a few minutes after start, its water-level gauge falling
 * silent once at red (the pond keeps the red, the point marked stale), and the station that drops out.
 */
export const DRIFTING_POND = '140923-TP-01';
/** The pond already at yellow: its four dam-crest GNSS points sit at blue, and four blue points make the item yellow. */
export const YELLOW_POND = '141122-TP-01';
/** The drifting pond's gauge that stops sending, after the water has stood at red for a while. */
export const SILENT_GAUGE = 'WL-01';
const SILENT_AFTER_MIN = 46;
export const DROPPING_STATION = '140924-TP-01';
const PRESSURE_MINE = '140827-UG-01';

interface DemoSensor {
  site: DemoSite;
  input: SensorInput;
  /** Value at instant t (ms), given the demo's start t0. */
  value: (t: number, t0: number) => number;
}

/** Smooth pseudo-noise: the same instant always gives the same value, so restarts continue the curves. */
function wave(t: number, periodH: number, phase = 0): number {
  return Math.sin((2 * Math.PI * t) / (periodH * HOUR) + phase);
}
function noise(t: number, seed: number): number {
  const x = Math.sin(Math.floor(t / MIN) * 12.9898 + seed * 78.233) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}
const ramp = (t: number, t0: number, startMin: number, durMin: number) => Math.min(1, Math.max(0, (t - t0 - startMin * MIN) / (durMin * MIN)));

function pondSensors(site: DemoSite, seed: number): DemoSensor[] {
  const crest = site.crestElevation ?? 1200;
  const drifting = site.code === DRIFTING_POND;
  const settled = site.code === YELLOW_POND;
  // Normal water 2.4 m below the crest; the drifting pond rises 1.9 m over 40 minutes from minute 3.
  const water = (t: number, t0: number) => crest - 2.4 + 0.08 * wave(t, 24, seed) + 0.01 * noise(t, seed) + (drifting ? 1.9 * ramp(t, t0, 3, 40) : 0);
  const list: DemoSensor[] = [
    {
      site,
      input: { code: 'WL-01', name: '库水位计', kind: 'water_level', expectedIntervalSec: 60, position: { section: '库区', elevation: crest - 6 }, thresholds: { direction: 'above', yellow: crest - 1.6, orange: crest - 1.3, red: crest - 1.0, hysteresis: 0.05 } },
      value: water,
    },
    {
      site,
      input: { code: 'FB-01', name: '安全超高（计算）', kind: 'freeboard', expectedIntervalSec: 60, derived: { type: 'freeboard', from: 'WL-01', reference: crest }, thresholds: { blue: 1.8, yellow: 1.4, orange: 1.0, hysteresis: 0.05 } },
      value: () => NaN, // derived from WL-01 by the platform
    },
    {
      site,
      input: { code: 'BL-01', name: '干滩长度', kind: 'beach_length', expectedIntervalSec: 60, position: { section: '主坝' } },
      value: (t, t0) => 185 + 6 * wave(t, 48, seed) + noise(t, seed + 1) - (drifting ? 95 * ramp(t, t0, 3, 40) : 0),
    },
    {
      site,
      input: { code: 'RG-01', name: '雨量计', kind: 'rainfall', expectedIntervalSec: 60 },
      value: (t) => Math.max(0, 0.6 * wave(t, 7, seed) - 0.3),
    },
  ];
  for (let i = 1; i <= 3; i++) {
    list.push({
      site,
      input: { code: `PH-0${i}`, name: `浸润线 ${i}-${i} 断面`, kind: 'phreatic_depth', expectedIntervalSec: 60, position: { section: `${i}-${i}断面`, x: 0.2 + 0.25 * i, y: 0.55 }, design: { phreaticMinDepth: 4 }, thresholds: { yellow: 5.5, hysteresis: 0.05 } },
      value: (t) => 8.5 - i * 0.6 + 0.15 * wave(t, 36, seed + i) + 0.02 * noise(t, seed + i),
    });
  }
  for (let i = 1; i <= 4; i++) {
    list.push({
      site,
      input: { code: `GNSS-0${i}`, name: `坝面GNSS ${i}`, kind: 'surface_displacement', expectedIntervalSec: 60, position: { section: '坝顶', x: 0.15 + 0.22 * i, y: 0.3 }, thresholds: { direction: 'above', blue: 20, yellow: 30, orange: 50, red: 80, hysteresis: 1 } },
      // Blue is 20 mm: the yellow pond's points stand between blue and yellow from the first reading.
      value: (t) => (settled ? 23 + i * 1.2 + 0.3 * noise(t, seed + 10 + i) : 6 + i * 1.5 + ((t / HOUR) % 2000) * 0.004 + 0.6 * noise(t, seed + 10 + i)),
    });
  }
  return list;
}

function mineSensors(site: DemoSite, seed: number): DemoSensor[] {
  if (site.kind === 'underground') {
    const rising = site.code === PRESSURE_MINE;
    const people = site.peopleUnderground ?? 20;
    return [
      {
        site,
        input: { code: 'GP-01', name: '采空区地压 1', kind: 'ground_pressure', expectedIntervalSec: 60, position: { section: '-320m中段' }, thresholds: { direction: 'above', yellow: 18, orange: 22, red: 26, hysteresis: 0.3 } },
        value: (t) => 12 + 0.8 * wave(t, 12, seed) + 0.2 * noise(t, seed),
      },
      {
        site,
        input: { code: 'GP-02', name: '采空区地压 2', kind: 'ground_pressure', expectedIntervalSec: 60, position: { section: '-410m中段' }, thresholds: { direction: 'above', yellow: 18, orange: 22, red: 26, hysteresis: 0.3 } },
        value: (t, t0) => 14 + 0.6 * wave(t, 10, seed + 1) + 0.2 * noise(t, seed + 1) + (rising ? 9.5 * ramp(t, t0, 5, 30) : 0),
      },
      {
        site,
        input: { code: 'PU-01', name: '井下人员定位', kind: 'people_underground', expectedIntervalSec: 60, thresholds: { direction: 'above', red: Math.max(people * 2, 30) } },
        value: (t) => Math.round(Math.max(0, people * (0.55 + 0.45 * wave(t, 8, seed)))),
      },
    ];
  }
  return [1, 2].map((i) => ({
    site,
    input: { code: `SD-0${i}`, name: `边坡位移 ${i}`, kind: 'slope_displacement', expectedIntervalSec: 60, position: { section: `${i}号边坡` }, thresholds: { direction: 'above', yellow: 20, orange: 40, red: 60, hysteresis: 1 } },
    value: (t: number) => 4 + i + ((t / HOUR) % 2000) * 0.003 + 0.4 * noise(t, seed + i),
  }));
}

function demoSensors(): DemoSensor[] {
  const out: DemoSensor[] = [];
  let seed = 1;
  for (const e of DEMO_ENTERPRISES) {
    for (const s of e.sites) {
      if (s.status === 'closed' || s.status === 'awaiting_closure') continue;
      out.push(...(s.kind === 'tailings_pond' ? pondSensors(s, seed) : mineSensors(s, seed)));
      seed++;
    }
  }
  return out;
}

async function sendAll(node: Node, readings: RawReading[]) {
  const m = node.services.monitoring;
  for (let i = 0; i < readings.length; i += 5000) {
    const chunk = readings.slice(i, i + 5000);
    await m.ingest.waitForRoom(chunk.length);
    await m.ingest.ingestTrusted(chunk);
  }
}

/**
 * Creates the demo's sensors (once), backfills a day of history at 10-minute steps, then streams a
 * reading per sensor every `tickMs`. Returns the function that stops the stream.
 */
export async function startDemoMonitoring(node: Node, opts: { tickMs?: number; backfillHours?: number } = {}): Promise<() => void> {
  const m = node.services.monitoring;
  const sensors = demoSensors();
  const now = node.deps.now();
  const t0 = Number(await ensureSetting(node.store.db, 'demo.t0', String(now), now));
  const fresh = Number(t0) === now;
  for (const s of sensors) {
    try {
      await m.sensors.create(SEEDER, s.site.code, s.input);
    } catch (err) {
      if ((err as { code?: string }).code !== 'conflict') throw err;
    }
  }
  const measured = sensors.filter((s) => !s.input.derived);
  if (fresh) {
    const backfill: RawReading[] = [];
    const hours = opts.backfillHours ?? 24;
    for (let t = now - hours * HOUR; t < now - MIN; t += 10 * MIN) {
      for (const s of measured) backfill.push({ site: s.site.code, sensor: s.input.code, ts: t, value: round(s.value(t, t0)) });
    }
    await sendAll(node, backfill);
  }
  const tick = async () => {
    const t = node.deps.now();
    const batch = measured
      .filter((s) => !(s.site.code === DROPPING_STATION && t - t0 > 4 * MIN))
      .filter((s) => !(s.site.code === DRIFTING_POND && s.input.code === SILENT_GAUGE && t - t0 > SILENT_AFTER_MIN * MIN))
      .map((s) => ({ site: s.site.code, sensor: s.input.code, ts: t, value: round(s.value(t, t0)) }));
    await sendAll(node, batch);
  };
  let stopped = false;
  const timer = setInterval(() => {
    if (!stopped) tick().catch((err) => console.error('[demo]', err));
  }, opts.tickMs ?? 10_000);
  await tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
