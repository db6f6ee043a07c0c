import type { Deps } from '../context.ts';
import { deleteQualityBefore } from '../../store/repos/monitoring/quality.ts';
import { getSetting } from '../../store/repos/settings.ts';
import type { MonitoringSettings } from './settings.ts';

const DAY = 86_400_000;

/**
 * Removes raw readings older than the retention setting (rollups stay: the hourly and daily series
 * outlive the raw rows). Runs daily from the durable scheduler, whose last run is kept in the settings
 * table, and deletes in bounded chunks per sensor so the writer is never held up for long. Readings the
 * uplink has not yet delivered to the parent node are kept until it has.
 */
export function createRetention(deps: Pick<Deps, 'store' | 'now' | 'config'>, settings: MonitoringSettings, chunk = 10_000) {
  const { db } = deps.store;

  async function run(now = deps.now(), chunkSize = chunk): Promise<{ cutoff: number | null; deleted: number; chunks: number }> {
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
        await new Promise((res) => setImmediate(res));
      }
      await deleteQualityBefore(db, key, cutoff);
    }
    return { cutoff, deleted, chunks };
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
