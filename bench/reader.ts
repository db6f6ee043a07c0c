/**
 * The series reader, run as a child process like the load generator, so that the timed reads measure
 * what a browser waits for (request → whole body received) and not this process parsing its own
 * answers on the server's event loop. It receives one job over IPC and sends back the times.
 */
import { performance } from 'node:perf_hooks';

export interface ReadJob {
  url: string;
  token: string;
  /** The paths to read, in turn, `rounds` times (the first `warmup` reads are not timed). */
  paths: string[];
  rounds: number;
  warmup: number;
  /** Each answer must hold at least this many items. */
  minItems: number;
}

export interface ReadResult {
  ms: number[];
  /** Bytes of the last answer as sent (compressed) and its item count. */
  items: number;
}

async function run(job: ReadJob): Promise<ReadResult> {
  const headers = { authorization: `Bearer ${job.token}`, 'accept-encoding': 'gzip, deflate, br' };
  const ms: number[] = [];
  let items = 0;
  for (let i = 0; i < job.rounds + job.warmup; i++) {
    const path = job.paths[i % job.paths.length]!;
    const t0 = performance.now();
    const r = await fetch(job.url + path, { headers });
    const text = await r.text();
    const took = performance.now() - t0;
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${text.slice(0, 200)}`);
    items = (JSON.parse(text) as { items: unknown[] }).items.length;
    if (items < job.minItems) throw new Error(`GET ${path}: ${items} items, expected at least ${job.minItems}`);
    if (i >= job.warmup) ms.push(took);
  }
  return { ms, items };
}

process.once('message', (job: ReadJob) => {
  run(job).then(
    (r) => process.send!({ ok: true, result: r }, () => process.exit(0)),
    (err) => process.send!({ ok: false, error: String(err?.stack ?? err) }, () => process.exit(1)),
  );
});
