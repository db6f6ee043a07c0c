import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTasks, type Task } from '../../src/store/repos/campaign/tasks.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

const N = 100_000;
const STATES = ['raised', 'in_progress', 'published', 'listed', 'done'];

/** The ledger's lists stay quick at 100,000 tasks (indexes on campaign and order, region and state, listing). */
for (const kind of STORE_KINDS) {
  describe(`campaign ledger at ${N.toLocaleString('en')} tasks (${kind})`, () => {
    let t: TestNode;
    let campaign: string;
    beforeAll(async () => {
      t = await makeTestNode(kind);
      const c = await t.req('POST', '/api/v1/campaigns', { token: t.adminToken, body: { name: '规模测试', year: 2022, tasks: [] } });
      campaign = c.body.id;
      const now = Date.now();
      const started = Date.now();
      await t.node.store.db.transaction().execute(async (tx) => {
        const batch: Task[] = [];
        for (let i = 1; i <= N; i++) {
          const state = STATES[i % STATES.length]!;
          batch.push({
            id: uuidv7(),
            campaignId: campaign,
            number: String(i),
            ordinal: i,
            text: `任务${i}`,
            subItems: [],
            deadline: `2022-${String((i % 12) + 1).padStart(2, '0')}-28`,
            deadlineText: null,
            owner: null,
            state,
            steps: [],
            supervision: null,
            visits: [],
            escalations: [],
            evaluation: null,
            remarks: null,
            publishedAt: state === 'listed' ? now : null,
            listedAt: state === 'listed' ? now : null,
            remindedAt: null,
            overdueAt: null,
            region: '140000',
            enterprise: null,
            version: 1,
            originNode: t.node.deps.nodeId,
            createdAt: now,
            updatedAt: now,
          });
          if (batch.length === 2000) await insertTasks(tx, batch.splice(0));
        }
        await insertTasks(tx, batch);
      });
      console.log(`${kind}: ${N} tasks written in ${Date.now() - started} ms`);
    }, 240_000);
    afterAll(async () => t?.cleanup());

    const timed = async (url: string) => {
      await t.req('GET', url, { token: t.adminToken });
      const started = performance.now();
      const r = await t.req('GET', url, { token: t.adminToken });
      const ms = performance.now() - started;
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      return { r, ms };
    };

    it('answers pages, filters and the public page quickly', async () => {
      const figures: string[] = [];
      for (const url of [
        `/api/v1/tasks?campaign=${'X'}&limit=50`,
        `/api/v1/tasks?limit=50`,
        `/api/v1/tasks?limit=50&offset=90000`,
        `/api/v1/tasks?state=listed&limit=50`,
        `/api/v1/tasks?deadlineBefore=2022-03-01&limit=50`,
        `/api/v1/public/listed-items?limit=50`,
      ]) {
        const u = url.replace('X', campaign);
        const { r, ms } = await timed(u);
        figures.push(`${u.replace(campaign, '<c>')}: ${ms.toFixed(0)} ms (total ${r.body.total})`);
        expect(ms, u).toBeLessThan(1500);
      }
      console.log(`${kind}:\n  ${figures.join('\n  ')}`);
      expect((await timed(`/api/v1/tasks?campaign=${campaign}&limit=1`)).r.body.total).toBe(N);
      expect((await timed('/api/v1/public/listed-items?limit=1')).r.body.total).toBe(N / STATES.length);
    }, 60_000);
  });
}
