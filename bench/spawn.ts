import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load.ts';

const LOAD = fileURLToPath(new URL('./load.ts', import.meta.url));

/** Runs one load job in a child process (its own core) and returns its counts. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const killer = setTimeout(() => child.kill('SIGKILL'), job.durationMs + 120_000);
    let answered = false;
    child.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => {
      answered = true;
      if (m.ok) resolve(m.result!);
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(killer);
      if (!answered) reject(new Error(`load generator exited with ${code} before answering`));
    });
    child.send(job);
  });
}
