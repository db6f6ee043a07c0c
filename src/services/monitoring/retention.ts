import type { Deps } from '../context.ts';
import type { Executor } from '../../store/db.ts';
import { deleteQualityBefore } from '../../store/repos/monitoring/quality.ts';
import { deleteRollupsUpTo, rollupChunkEnd } from '../../store/repos/monitoring/readings.ts';
import { getSetting, putSetting } from '../../store/repos/settings.ts';
import type { MonitoringSettings } from './settings.ts';

const DAY = 86_400_000;
const TEN_MINUTES = 600_000;

/**
 * Settings key of the 10-minute rollups' horizon (epoch ms, on a 10-minute bound): rollups before it
 * have been removed, those from it on are complete. It only moves forward.
 */
export const TEN_MINUTE_HORIZON_KEY = 'monitoring.rollups.600.horizon';

/** Where the 10-minute rollups begin to be complete; 0 while none were ever removed. */
export async function tenMinuteHorizon(db: Executor): Promise<number> {
  return Number((await getSetting(db, TEN_MINUTE_HORIZON_KEY)) ?? 0);
}

export interface PruneResult {
  /** Rows older than this went; null when the setting keeps them forever. */
  cutoff: number | null;
  deleted: number;
  /** Statements that deleted something; the job yields to other work after each. */
  chunks: number;
}

/**
 * Removes raw readings older than the retention setting, and 10-minute rollups older than theirs
 * (hourly and daily rollups stay: the long series outlive both). Runs daily from the durable scheduler,
 * whose last run is kept in the settings table, and deletes in bounded chunks per sensor, yielding in
 * between, so the single SQLite writer is never held up for long. Readings the uplink has not yet
 * delivered to the parent node are kept until it has.
 */
export function createRetention(deps: Pick<Deps, 'store' | 'now' | 'config'>, settings: MonitoringSettings, chunk = 10_000) {
  const { db } = deps.store;

  const yieldToOthers = () => new Promise((res) => setImmediate(res));

  async function pruneReadings(now: number, chunkSize: number): Promise<PruneResult> {
    const days = settings.get().retentionDays;
    if (days === null) return { cutoff: null, deleted: 0, chunks: 0 };
    const cutoff = now - days * DAY;
    const forwarded = deps.config.upstream ? Number((await getSetting(db, 'sync.cursor.readings')) ?? 0) : Number.MAX_SAFE_INTEGER;
    let deleted = 0;
    let chunks = 0;
    for (const { key } of await db.selectFrom('sensors').select('key').orderBy('key').execute()) {
      for (;;) {
        const r = await db
          .deleteFrom('readings')
          .where('seq', 'in', (eb) => eb.selectFrom('readings').select('seq').where('sensor_key', '=', key).where('ts', '<', cutoff).where('seq', '<=', forwarded).limit(chunkSize))
          .executeTakeFirst();
        const n = Number(r.numDeletedRows);
        deleted += n;
        if (n > 0) chunks++;
        if (n < chunkSize) break;
        // Let queued requests and the writer's commits in between chunks.
        await yieldToOthers();
      }
      await deleteQualityBefore(db, key, cutoff);
    }
    return { cutoff, deleted, chunks };
  }

  /**
   * The horizon is stored before anything is deleted, so a series read at any moment takes the
   * buckets before it from raw readings, never from half-deleted rollups. A late reading from before
   * the horizon gets a rollup row again; reads ignore it and the next run removes it.
   */
  async function pruneTenMinuteRollups(now: number, chunkSize: number): Promise<PruneResult> {
    const days = settings.get().tenMinuteRetentionDays;
    if (days === null) return { cutoff: null, deleted: 0, chunks: 0 };
    const cutoff = Math.max(Math.floor((now - days * DAY) / TEN_MINUTES) * TEN_MINUTES, await tenMinuteHorizon(db));
    await putSetting(db, TEN_MINUTE_HORIZON_KEY, String(cutoff), now);
    let deleted = 0;
    let chunks = 0;
    for (const { key } of await db.selectFrom('sensors').select('key').orderBy('key').execute()) {
      for (;;) {
        const end = await rollupChunkEnd(db, key, 600, cutoff, chunkSize);
        const n = await deleteRollupsUpTo(db, key, 600, end ?? cutoff - 1);
        deleted += n;
        if (n > 0) {
          chunks++;
          await yieldToOthers();
        }
        if (end === undefined) break;
      }
    }
    return { cutoff, deleted, chunks };
  }

  async function run(now = deps.now(), chunkSize = chunk, rollupChunk = chunk): Promise<PruneResult & { rollups: PruneResult }> {
    const readings = await pruneReadings(now, chunkSize);
    return { ...readings, rollups: await pruneTenMinuteRollups(now, rollupChunk) };
  }

  return {
    run,
    /** Daily at 02:15 China Standard Time; a node that was down catches up once. */
    register(scheduler: Deps['scheduler']) {
      scheduler.register({ name: 'monitoring.retention', cron: '15 2 * * *', run: async () => void (await run()) });
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
