import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestStore, type TestStore } from '../../test/support/stores.ts';
import { createScheduler } from './scheduler.ts';

describe('scheduler', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('runs a daily job once per day in China Standard Time, catches up once after an outage, and survives a restart', async () => {
    // 2026-07-01 01:00 CST
    let now = Date.UTC(2026, 5, 30, 17, 0);
    const runs: string[] = [];
    const make = () => {
      const s = createScheduler({ store: t.store, now: () => now }, () => {});
      s.register({ name: 'daily-rules', cron: '0 2 * * *', run: async (due) => void runs.push(new Date(due).toISOString()) });
      return s;
    };
    let s = make();
    expect(await s.tick()).toEqual([]); // first sight: nothing is due yet
    now += 30 * 60_000; // 01:30
    expect(await s.tick()).toEqual([]);
    now += 45 * 60_000; // 02:15
    expect(await s.tick()).toEqual(['daily-rules']);
    expect(await s.tick()).toEqual([]);
    expect(runs).toEqual(['2026-06-30T18:00:00.000Z']);
    // Down for three days; a new scheduler (a restart) runs the job once for the latest due instant.
    now += 3 * 86_400_000;
    s = make();
    expect(await s.tick()).toEqual(['daily-rules']);
    expect(await s.tick()).toEqual([]);
    expect(runs).toEqual(['2026-06-30T18:00:00.000Z', '2026-07-03T18:00:00.000Z']);
  });

  it('retries a job that failed at the next tick', async () => {
    let now = Date.UTC(2026, 0, 1, 0, 0);
    let fail = true;
    let ok = 0;
    const s = createScheduler({ store: t.store, now: () => now }, () => {});
    s.register({ name: 'flaky', cron: '*/5 * * * *', run: async () => { if (fail) throw new Error('down'); ok++; } });
    await s.tick();
    now += 6 * 60_000;
    expect(await s.tick()).toEqual([]);
    fail = false;
    expect(await s.tick()).toEqual(['flaky']);
    expect(ok).toBe(1);
  });
});
