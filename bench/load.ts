/**
 * The load generator, run as a child process so that building and sending requests never takes the
 * server's event loop. It receives one job over IPC, runs it for a bounded time and sends back its
 * counts. Closed loop (`concurrency` requests always in flight) measures capacity; paced (a fixed
 * readings/s, at most `maxInFlight` outstanding) models a background or burst load; probes post one
 * alarming reading at a time and time it to its alarm on the SSE stream.
 */
import { performance } from 'node:perf_hooks';
import { valueOf, type ValueShape } from './readings.ts';

export interface LoadJob {
  url: string;
  token: string;
  /** The fleet: reading i goes to sensor i % n at tick floor(i / n) + firstTick. */
  fleet: { site: string; code: string }[];
  firstTick: number;
  base: number;
  tickMs: number;
  perRequest: number;
  durationMs: number;
  /** Counts start after this (the server warms its caches and JIT). */
  warmupMs: number;
  mode: 'closed' | 'paced';
  concurrency?: number;
  rate?: number;
  maxInFlight?: number;
  probes?: { site: string; codes: string[]; intervalMs: number };
  /** The values sent (readings.ts): all normal (default), or with about 5 % of the sensors alarming. */
  values?: ValueShape;
}

export interface LoadResult {
  requests: number;
  status: Record<string, number>;
  errors: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Readings sent whose answer was 200, inside the measured window. */
  measuredAccepted: number;
  measuredMs: number;
  requestMs: number[];
  probeMs: number[];
  probeAckMs: number[];
  probesLost: number;
  /** Paced mode: how far (ms) sending fell behind its schedule at worst. */
  maxLagMs: number;
  /** Readings that were refused with 429/503 and given up on when time ran out. */
  abandoned: number;
  ticksUsed: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(job: LoadJob): Promise<LoadResult> {
  const res: LoadResult = { requests: 0, status: {}, errors: 0, accepted: 0, duplicates: 0, rejected: 0, measuredAccepted: 0, measuredMs: 0, requestMs: [], probeMs: [], probeAckMs: [], probesLost: 0, maxLagMs: 0, abandoned: 0, ticksUsed: 0 };
  const n = job.fleet.length;
  const prefix = job.fleet.map((f) => `{"site":${JSON.stringify(f.site)},"sensor":${JSON.stringify(f.code)},"ts":`);
  let nextRequest = 0;
  const valueAt = valueOf(job.values);
  const body = (k: number) => {
    const parts: string[] = [];
    for (let i = k * job.perRequest; i < (k + 1) * job.perRequest; i++) {
      const s = i % n;
      const tick = job.firstTick + Math.floor(i / n);
      const value = valueAt(s, tick);
      parts.push(`${prefix[s]}${job.base + tick * job.tickMs},"value":${value}}`);
    }
    return `{"readings":[${parts.join(',')}]}`;
  };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${job.token}` };
  const start = performance.now();
  const measureFrom = start + job.warmupMs;
  const end = start + job.durationMs;
  const hardEnd = end + 30_000;

  /** Posts one batch; retries after Retry-After on 429/503 until the hard end. */
  async function send(k: number): Promise<void> {
    const payload = body(k);
    for (;;) {
      const t0 = performance.now();
      let status = 0;
      let json: { accepted: number; duplicates: number; rejected: unknown[] } | null = null;
      let retryAfter = 1;
      try {
        const r = await fetch(`${job.url}/api/v1/telemetry`, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(60_000) });
        status = r.status;
        retryAfter = Number(r.headers.get('retry-after') ?? 1);
        const text = await r.text();
        if (status === 200) json = JSON.parse(text);
      } catch {
        res.errors++;
      }
      const t1 = performance.now();
      res.requests++;
      res.status[status] = (res.status[status] ?? 0) + 1;
      if (json) {
        res.accepted += json.accepted;
        res.duplicates += json.duplicates;
        res.rejected += json.rejected.length;
        if (t0 >= measureFrom && t1 <= end) {
          res.measuredAccepted += json.accepted;
          res.requestMs.push(t1 - t0);
        }
        return;
      }
      if (status !== 429 && status !== 503) return;
      if (performance.now() > hardEnd) {
        res.abandoned += job.perRequest;
        return;
      }
      // Back-pressure honoured: wait as told (at most a second here, so the run stays bounded).
      await sleep(Math.min(1000, Math.max(20, retryAfter * 1000)));
    }
  }

  const loops: Promise<void>[] = [];
  if (job.mode === 'closed') {
    for (let c = 0; c < (job.concurrency ?? 4); c++) {
      loops.push(
        (async () => {
          while (performance.now() < end) await send(nextRequest++);
        })(),
      );
    }
  } else {
    const every = (job.perRequest / job.rate!) * 1000;
    const cap = job.maxInFlight ?? 64;
    let inFlight = 0;
    const pending = new Set<Promise<void>>();
    loops.push(
      (async () => {
        for (let k = 0; ; k++) {
          const due = start + k * every;
          if (due >= end) break;
          const now = performance.now();
          if (due > now) await sleep(due - now);
          while (inFlight >= cap && performance.now() < end) await sleep(1);
          if (performance.now() >= end) break;
          res.maxLagMs = Math.max(res.maxLagMs, performance.now() - due);
          inFlight++;
          const p = send(nextRequest++).finally(() => {
            inFlight--;
            pending.delete(p);
          });
          pending.add(p);
        }
        await Promise.all(pending);
      })(),
    );
  }
  if (job.probes) loops.push(probe(job, job.probes, res, start, end));
  await Promise.all(loops);
  res.measuredMs = Math.max(1, Math.min(performance.now(), end) - measureFrom);
  res.ticksUsed = Math.ceil((nextRequest * job.perRequest) / n);
  return res;
}

/** One alarming reading at a time on a fresh sensor; the time from sending it to its alarm on the SSE stream. */
async function probe(job: LoadJob, p: NonNullable<LoadJob['probes']>, res: LoadResult, start: number, end: number) {
  const ctl = new AbortController();
  const sse = await fetch(`${job.url}/api/v1/events?access_token=${job.token}`, { signal: ctl.signal });
  const waiting = new Map<string, { t0: number; done: (t: number) => void }>();
  const reader = (async () => {
    const r = sse.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await r.read();
        if (done) break;
        const t = performance.now();
        buf += dec.decode(value, { stream: true });
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const ev = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const data = ev.split('\n').find((l) => l.startsWith('data: '));
          if (!ev.startsWith('event: alarm') || !data) continue;
          const alarm = JSON.parse(data.slice(6)) as { site: string; sensor: string | null };
          const w = alarm.site === p.site && alarm.sensor ? waiting.get(alarm.sensor) : undefined;
          if (w) waiting.delete(alarm.sensor!), w.done(t);
        }
      }
    } catch {
      /* aborted at the end */
    }
  })();
  // Let the background load reach its pace before measuring.
  await sleep(Math.min(2000, job.warmupMs));
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${job.token}` };
  for (let i = 0; i < p.codes.length && performance.now() < end - 1000; i++) {
    const code = p.codes[i]!;
    const t0 = performance.now();
    const seen = new Promise<number | null>((resolve) => {
      waiting.set(code, { t0, done: resolve });
      setTimeout(() => resolve(null), 5000);
    });
    const reading = { site: p.site, sensor: code, ts: Date.now() - 1000, value: 101 };
    const r = await fetch(`${job.url}/api/v1/telemetry`, { method: 'POST', headers, body: JSON.stringify({ readings: [reading] }) });
    await r.text();
    res.probeAckMs.push(performance.now() - t0);
    const t = await seen;
    waiting.delete(code);
    if (t === null) res.probesLost++;
    else res.probeMs.push(t - t0);
    await sleep(Math.max(0, t0 + p.intervalMs - performance.now()));
  }
  ctl.abort();
  await reader;
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (r) => process.send!({ ok: true, result: r }, () => process.exit(0)),
    (err) => process.send!({ ok: false, error: String(err?.stack ?? err) }, () => process.exit(1)),
  );
});
