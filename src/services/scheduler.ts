import { Cron } from 'croner';
import { ensureSetting, putSetting } from '../store/repos/settings.ts';
import type { Deps } from './context.ts';

/**
 * Scheduled work inside the node, from durable state: each job's last due instant is stored, so a
 * restart or a long outage misses nothing (an overdue job runs at the next tick) and repeats nothing
 * (missed instants are caught up by one run, not one per instant). Times are China Standard Time.
 */
export interface Job {
  name: string;
  /** A cron pattern in Asia/Shanghai time, e.g. '0 2 * * *' (daily at 02:00). */
  cron: string;
  /** `due` is the latest scheduled instant the run stands for. */
  run(due: number): Promise<void>;
}

export const SCHEDULE_TZ = 'Asia/Shanghai';

export function createScheduler(deps: Pick<Deps, 'store' | 'now'>, log: (msg: string, err?: unknown) => void = console.error) {
  const jobs = new Map<string, { job: Job; cron: Cron; running: boolean }>();
  let timer: NodeJS.Timeout | null = null;

  /** The latest scheduled instant in (after, now], or null when none is due. */
  function latestDue(cron: Cron, after: number, now: number): number | null {
    let next = cron.nextRun(new Date(after));
    if (!next || next.getTime() > now) return null;
    let latest = next.getTime();
    // Walk forward to the last instant not after now; bounded so a tiny interval cannot spin.
    for (let i = 0; i < 10_000; i++) {
      next = cron.nextRun(next);
      if (!next || next.getTime() > now) break;
      latest = next.getTime();
    }
    return latest;
  }

  async function runDue(entry: { job: Job; cron: Cron; running: boolean }): Promise<boolean> {
    if (entry.running) return false;
    const key = `job.${entry.job.name}.last`;
    entry.running = true;
    try {
      // Inside the try: a tick that meets a store closing (shutdown) logs and ends, never rejects unhandled.
      const now = deps.now();
      const last = Number(await ensureSetting(deps.store.db, key, String(now), now));
      const due = latestDue(entry.cron, last, now);
      if (due === null) return false;
      await entry.job.run(due);
      await putSetting(deps.store.db, key, String(due), deps.now());
      return true;
    } catch (err) {
      log(`scheduled job ${entry.job.name} failed; it will be retried`, err);
      return false;
    } finally {
      entry.running = false;
    }
  }

  return {
    register(job: Job) {
      if (jobs.has(job.name)) throw new Error(`Job ${job.name} registered twice`);
      jobs.set(job.name, { job, cron: new Cron(job.cron, { timezone: SCHEDULE_TZ, paused: true }), running: false });
    },
    /** Runs every due job once; returns the names that ran. */
    async tick(): Promise<string[]> {
      const ran: string[] = [];
      for (const entry of jobs.values()) if (await runDue(entry)) ran.push(entry.job.name);
      return ran;
    },
    start(everyMs = 15_000) {
      if (timer) return;
      timer = setInterval(() => void this.tick(), everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
