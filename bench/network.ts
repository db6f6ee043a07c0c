import SQLite from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { call, kill, makeProc, sleep, startProc, tempRoot, until, type ProcNode } from '../test/network/harness.ts';
import { creditCode } from '../test/support/factories.ts';
import { percentile, type Report } from './report.ts';

export interface NetworkMode {
  quick: boolean;
  steadyMs: number;
  outageMs: number;
}

export const networkMode = (quick: boolean): NetworkMode => (quick ? { quick, steadyMs: 15_000, outageMs: 60_000 } : { quick, steadyMs: 60_000, outageMs: 600_000 });

const SENSORS = 200;
const TICK_MS = 100;
/** 200 sensors × 10 ticks/s = 2,000 readings/s. */
const RATE = (SENSORS * 1000) / TICK_MS;

/**
 * (f) Enterprise → county → city → province, four processes on loopback. The bench feeds the enterprise
 * one reading per sensor every 100 ms, each tick with its own timestamp, and watches the province's
 * readings table (read-only, beside the running node) for the moment each reading lands: latency is
 * landing time − sending time, per reading. Then the county stops for the outage while the enterprise
 * keeps producing, restarts, and the backlog's drain is timed alongside live readings' latency.
 */
export async function networkFigures(m: NetworkMode, report: Report) {
  const root = tempRoot();
  const procs: ProcNode[] = [];
  let db: SQLite.Database | null = null;
  try {
    const beats = { heartbeatSec: 1, missedBeats: 3 };
    const province = await makeProc('province', { KUANGAN_LEVEL: 'province', KUANGAN_REGION: '140000' }, root);
    procs.push(province);
    await call(province, 'PUT', '/api/v1/network/settings', beats);
    const cityReg = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'city', region: '140100' })).body;
    const city = await makeProc('city', { KUANGAN_LEVEL: 'city', KUANGAN_REGION: '140100', KUANGAN_UPSTREAM: province.url, KUANGAN_NODE_TOKEN: cityReg.token }, root);
    procs.push(city);
    await call(city, 'PUT', '/api/v1/network/settings', beats);
    const countyReg = (await call(city, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140105' })).body;
    const county = await makeProc('county', { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: city.url, KUANGAN_NODE_TOKEN: countyReg.token }, root);
    procs.push(county);
    await call(county, 'PUT', '/api/v1/network/settings', beats);
    const ent = (await call(county, 'POST', '/api/v1/enterprises', { name: '小店基准矿业', creditCode: creditCode(7001, '140105'), region: '140105' })).body;
    const entReg = (await call(county, 'POST', '/api/v1/network/nodes', { level: 'enterprise', enterprise: ent.id })).body;
    const enterprise = await makeProc('enterprise', { KUANGAN_LEVEL: 'enterprise', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: county.url, KUANGAN_NODE_TOKEN: entReg.token }, root);
    procs.push(enterprise);
    await until('bootstrap', async () => (await call(enterprise, 'GET', `/api/v1/enterprises/${ent.id}`)).status === 200);
    await call(enterprise, 'POST', '/api/v1/sites', { code: 'BN-1', name: '基准尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id, damType: 'upstream', damHeight: 45, totalStorage: 1200 });
    const codes = Array.from({ length: SENSORS }, (_, i) => `S${String(i).padStart(3, '0')}`);
    for (const code of codes) {
      const r = await call(enterprise, 'POST', '/api/v1/sites/BN-1/sensors', { code, kind: 'water_level', expectedIntervalSec: 1, thresholds: { direction: 'above', red: 1000 } });
      if (r.status !== 201) throw new Error(`sensor ${code}: ${r.status}`);
    }
    await until('sensors at the province', async () => (await call(province, 'GET', '/api/v1/sites/BN-1/sensors')).body?.items?.length === SENSORS, 120_000);

    // The province's table, read beside the running node (WAL: readers do not block its writer).
    db = new SQLite(path.join(province.dataDir, fs.readdirSync(province.dataDir).find((f) => f.endsWith('.sqlite'))!), { readonly: true });
    const next = db.prepare('SELECT seq, ts FROM readings WHERE seq > ? ORDER BY seq LIMIT 200000');
    const sentAt = new Map<number, number>();
    const landed: { ts: number; sent: number; at: number }[] = [];
    let lastSeq = 0;
    // Backlog readings landed so far (counted as they land, so the drain's end is cheap to watch).
    const outage = { from: Infinity, to: Infinity, landed: 0 };
    const poll = () => {
      const at = Date.now();
      for (const r of next.all(lastSeq) as { seq: number; ts: number }[]) {
        lastSeq = r.seq;
        const sent = sentAt.get(r.ts);
        if (sent === undefined) continue;
        landed.push({ ts: r.ts, sent, at });
        if (sent >= outage.from && sent < outage.to) outage.landed++;
      }
    };
    const watcher = setInterval(poll, 20);

    // The producer: one tick of every sensor each 100 ms, on schedule, a few requests in flight at most.
    let producing = true;
    let produced = 0;
    let failed = 0;
    const inflight = new Set<Promise<unknown>>();
    const producer = (async () => {
      const t0 = Date.now();
      for (let k = 0; producing; k++) {
        const due = t0 + k * TICK_MS;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
        while (inflight.size >= 8) await Promise.race(inflight);
        const ts = due;
        sentAt.set(ts, Date.now());
        const p = call(enterprise, 'POST', '/api/v1/telemetry', { readings: codes.map((c) => ({ site: 'BN-1', sensor: c, ts, value: 90 + (k % 100) / 10 })) })
          .then((r) => (r.body?.accepted === SENSORS ? (produced += SENSORS) : failed++))
          .catch(() => failed++)
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
      await Promise.all(inflight);
    })();

    const lat = (rows: typeof landed) => rows.map((r) => r.at - r.sent);
    // Steady state: the first seconds warm up.
    const warm = Date.now() + 3000;
    await sleep(3000 + m.steadyMs);
    const steadyEnd = Date.now();
    await sleep(3000);
    const steady = landed.filter((r) => r.sent >= warm && r.sent < steadyEnd);
    const steadyLat = lat(steady);
    report.add('net_steady_rate', (steady.length / (steadyEnd - warm)) * 1000, 'readings/s', `(target ${RATE})`);
    report.add('net_latency_p50', percentile(steadyLat, 50), 'ms', `(${steady.length} readings, enterprise → province)`);
    report.add('net_latency_p99', percentile(steadyLat, 99), 'ms', '(target ≤ 2,000 ms)');
    report.add('net_latency_max', Math.max(...steadyLat), 'ms');

    // The outage: the county (the enterprise's parent) stops; the enterprise keeps producing.
    const downAt = Date.now();
    await kill(county, 'SIGKILL');
    report.say(`  county down for ${m.outageMs / 1000} s …`);
    await sleep(m.outageMs);
    await startProc(county);
    const upAt = Date.now();
    const backlog = [...sentAt.entries()].filter(([, s]) => s >= downAt && s < upAt).length * SENSORS;
    outage.landed = landed.filter((r) => r.sent >= downAt && r.sent < upAt).length;
    Object.assign(outage, { from: downAt, to: upAt });
    // Drain: until every reading sent during the outage has landed (bounded).
    const limit = upAt + Math.max(120_000, m.outageMs);
    let drainedAt = 0;
    while (Date.now() < limit) {
      await sleep(100);
      if (outage.landed >= backlog) {
        drainedAt = Date.now();
        break;
      }
    }
    producing = false;
    await producer;
    await sleep(1000);
    clearInterval(watcher);
    poll();
    const drained = landed.filter((r) => r.sent >= downAt && r.sent < upAt);
    const drainEnd = drainedAt || Date.now();
    const liveDuring = landed.filter((r) => r.sent >= upAt && r.sent < drainEnd);
    const arrivedDuring = landed.filter((r) => r.at >= upAt && r.at <= drainEnd).length;
    const drainSec = (drainEnd - upAt) / 1000;
    report.add('net_outage_backlog', backlog, 'readings', `(${m.outageMs / 1000} s at ${RATE}/s)`);
    report.add('net_backlog_drained', drained.length, 'readings', drainedAt ? '' : '(NOT complete within the limit)');
    report.add('net_drain_time', drainSec, 's', '(county restart → last backlog reading at the province)');
    report.add('net_drain_rate', drained.length / drainSec, 'readings/s', '(backlog readings ÷ drain time; target ≥ 20,000)');
    report.add('net_drain_arrivals_rate', arrivedDuring / drainSec, 'readings/s', '(all readings landing during the drain)');
    const liveLat = lat(liveDuring);
    report.add('net_drain_live_p50', percentile(liveLat, 50), 'ms', `(${liveDuring.length} live readings sent during the drain)`);
    report.add('net_drain_live_p99', percentile(liveLat, 99), 'ms', '(target ≤ 5,000 ms)');
    report.add('net_drain_vs_target', drained.length / drainSec / 20_000, 'ratio');
    report.add('net_p99_vs_target', percentile(steadyLat, 99) / 2000, 'ratio');
    report.add('net_produced', produced, 'readings', `(${failed} requests failed)`);

    // Dropout as the parents measured it, beside the outage's true length.
    const trueMs = upAt - downAt;
    report.add('net_outage_true', trueMs, 'ms');
    const measured = async (at: ProcNode, node: string, name: string) => {
      const h = await until(`dropout at ${at.name}`, async () => {
        const r = await call(at, 'GET', `/api/v1/network/health?node=${node}&from=${downAt - 60_000}&to=${Date.now()}`);
        return r.status === 200 && r.body.offlineMs > 0 && r.body;
      }, 20_000).catch(() => null);
      report.add(name, h?.offlineMs ?? NaN, 'ms', h ? `(dropout rate ${h.dropoutRate.toFixed(3)} over ${Math.round(h.observedMs / 1000)} s)` : '(no offline interval recorded)');
    };
    await measured(city, countyReg.id, 'net_dropout_county_at_city');
    await measured(province, countyReg.id, 'net_dropout_county_at_province');
    await measured(county, entReg.id, 'net_dropout_enterprise_at_county');
  } finally {
    db?.close();
    for (const p of procs) await kill(p, 'SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  }
}
