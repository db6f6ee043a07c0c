import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load.ts';
import type { ReadJob, ReadResult } from './reader.ts';

const LOAD = fileURLToPath(new URL('./load.ts', import.meta.url));
const READER = fileURLToPath(new URL('./reader.ts', import.meta.url));

/** Runs one job in a child process (its own core, its own event loop) and returns its answer. */
function runChild<J, R>(file: string, what: string, job: J, limitMs: number): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = fork(file, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    let answered = false;
    child.once('message', (m: { ok: boolean; result?: R; error?: string }) => {
      answered = true;
      if (m.ok) resolve(m.result!);
      else reject(new Error(`${what} failed: ${m.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(killer);
      if (!answered) reject(new Error(`${what} exited with ${code} before answering`));
    });
    child.send(job as object);
  });
}

/** Runs one load job in a child process and returns its counts. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return runChild(LOAD, 'load generator', job, job.durationMs + 120_000);
}

/** Times series reads from a child process. */
export function runReads(job: ReadJob): Promise<ReadResult> {
  return runChild(READER, 'series reader', job, 300_000);
}
