import type { Reading } from '../../domain/monitoring/index.ts';
import { alarmClosed } from '../../domain/monitoring/index.ts';
import type { Store, Tx } from '../../store/db.ts';
import { isRepeat, pgBulk } from '../../store/repos/monitoring/bulk-pg.ts';
import { sqliteBulk } from '../../store/repos/monitoring/bulk-sqlite.ts';
import type { Catalog } from './catalog.ts';
import type { Row } from './intake.ts';
import { groupBySensor, historyWindowMs, planFlush, rollupDeltas, type FlushPlan, type Point, type RollupDelta, type StateWrite } from './plan.ts';
import { createRollupBuffer } from './rollup-buffer.ts';

/** A stored reading by the sensor's local key. */
export interface KeyedReading {
  key: number;
  ts: number;
  value: number;
}

export interface WriteResult {
  accepted: number;
  duplicates: number;
}

/** Stuck alarms a flush opened (sensor id → alarm id) or recovered (→ null); null when none. */
export type QualityOutcome = Map<string, string | null> | null;

/**
 * The data-quality check (quality.ts), run inside each commit so that its flags and stuck alarms are
 * committed with the readings. Its windows move during `evaluate`; what it knows of live alarms
 * moves only in `committed`, and a failed commit makes it `forget` the windows of that batch.
 */
export interface QualityCheck {
  /** Stored readings a window is seeded with. */
  readonly seedSize: number;
  /** Sensors of the flush without a window yet, with the ts of their first new row: seeded from the store before `evaluate`. */
  unseen(groups: Map<number, Row[]>): { key: number; before: number }[];
  /** Adds the findings on the stored readings to the plan (seeds: each unseen sensor's last stored readings, ascending). */
  evaluate(groups: Map<number, Row[]>, plan: FlushPlan, now: number, seeds: Map<number, Reading[]>): QualityOutcome;
  committed(outcome: QualityOutcome): void;
  forget(keys: Iterable<number>): void;
}

/** The bounded queue is full: the caller answers 429 with Retry-After instead of growing memory. */
export class WriterBusy extends Error {
  constructor(readonly retryAfterSec: number) {
    super('The telemetry queue is full; retry shortly (数据接收繁忙)');
  }
}

export interface WriterOptions {
  store: Store;
  catalog: Catalog;
  points: Map<string, Point>;
  now: () => number;
  nodeId: string;
  utcOffsetMin: number;
  /** How long the writer waits for more requests before committing (group commit). */
  windowMs?: number;
  /** A flush commits at most about this many rows. */
  maxBatchRows?: number;
  /** Rows waiting beyond this are refused with WriterBusy. */
  maxQueuedRows?: number;
  /** Rollups are written about this often (ms); between writes their deltas wait in memory. */
  rollupEveryMs?: number;
  /** …or sooner, when this many deltas wait. */
  maxPendingRollups?: number;
  /** Called after each commit with what it changed (alarm ids for the live push, quality alarms included). */
  onCommitted?: (plan: FlushPlan) => void;
  onError?: (err: unknown) => void;
  /** Data-quality flags and stuck alarms, written with the readings. */
  quality?: QualityCheck;
}

interface Item {
  rows: Row[];
  resolve: (r: WriteResult) => void;
  reject: (err: unknown) => void;
}

/**
 * The single writer of readings. Requests validate on their own and enqueue; the writer commits
 * everything that arrived within a short window in ONE transaction (readings, rollups, point states,
 * alarms), and only then resolves each request: durable before acknowledged.
 */
export function createWriter(o: WriterOptions) {
  const windowMs = o.windowMs ?? 10;
  const maxBatchRows = o.maxBatchRows ?? 20_000;
  const maxQueuedRows = o.maxQueuedRows ?? 200_000;
  const rollupEveryMs = o.rollupEveryMs ?? 1000;
  const maxPendingRollups = o.maxPendingRollups ?? 100_000;
  const rollups = createRollupBuffer();
  /** Wall-clock time of the last rollup write: the cadence does not follow the (possibly simulated) clock. */
  let rollupsWrittenAt = performance.now();
  /** Waiters for the next rollup write (flushRollups). */
  let rollupWaiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  let rollupTimer: NodeJS.Timeout | null = null;
  const sqlite = o.store.sqlite ? sqliteBulk(o.store.sqlite) : null;
  let queue: Item[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | null = null;
  let flushing = false;
  /** Group commits so far and the rows they carried (their mean size shows how well requests share a commit). */
  let commits = 0;
  let committedRows = 0;
  let idle: (() => void)[] = [];
  let room: (() => void)[] = [];
  /** Alarm ids closed by the handling loop → their point, applied by the next flush. */
  const closed = new Map<string, string>();
  /**
   * Every transaction of this node that stores readings runs alone (`exclusive`): a flush, or a batch
   * of a child's readings. So the readings' sequence numbers are committed in order, and the rollups'
   * watermark (the last sequence counted in the rollups table) never passes a reading whose deltas
   * are not written — on PostgreSQL too, where concurrent transactions would commit out of order.
   */
  let lock: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // SQLite: one connection, whose transactions cannot interleave (a flush waits while a query-builder
    // transaction is open). `fn` runs at once: a flush must reach its synchronous transaction in the
    // same tick as that check, before another transaction could begin on the connection.
    if (sqlite) return fn();
    const run = lock.then(fn);
    lock = run.catch(() => {});
    return run;
  }

  function schedule(delay: number) {
    if (timer || flushing) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
  }

  function take(): Item[] {
    let n = 0;
    let i = 0;
    while (i < queue.length && (n === 0 || n + queue[i]!.rows.length <= maxBatchRows)) n += queue[i++]!.rows.length;
    const batch = queue.slice(0, i);
    queue = queue.slice(i);
    queued -= n;
    return batch;
  }

  async function flush(): Promise<void> {
    if (flushing) return;
    if (queue.length === 0 && closed.size === 0 && rollupWaiters.length === 0) return settle();
    // A query-builder transaction is open on the shared SQLite connection: our writes would join it.
    if (sqlite && o.store.sqlite!.inTransaction) return void setTimeout(() => void flush(), 1);
    flushing = true;
    const batch = take();
    const closing = new Map(closed);
    const waiters = rollupWaiters;
    const rollupsDue = waiters.length > 0 || performance.now() - rollupsWrittenAt >= rollupEveryMs || rollups.size >= maxPendingRollups;
    if (rollupsDue) rollupWaiters = [];
    try {
      const { results, plan, points, outcome } = await exclusive(() => commit(batch, closing, rollupsDue));
      commits++;
      for (const item of batch) committedRows += item.rows.length;
      for (const [id, p] of points) o.points.set(id, p);
      o.quality?.committed(outcome);
      for (const id of closing.keys()) closed.delete(id);
      for (const w of waiters) w.resolve();
      batch.forEach((item, i) => item.resolve(results[i]!));
      try {
        o.onCommitted?.(plan);
      } catch (err) {
        o.onError?.(err);
      }
    } catch (err) {
      // Windows that moved on readings now rolled back: seeded again from the store next time.
      if (o.quality) for (const item of batch) o.quality.forget(item.rows.map((r) => r.key));
      for (const item of batch) item.reject(err);
      for (const w of waiters) w.reject(err);
      o.onError?.(err);
    } finally {
      flushing = false;
      const waiting = room;
      room = [];
      for (const fn of waiting) fn();
      if (queue.length || closed.size || rollupWaiters.length) setImmediate(() => void flush());
      else {
        settle();
        // Quiet now: the deltas still waiting are written within the cadence all the same.
        if (rollups.size && !rollupTimer) {
          rollupTimer = setTimeout(() => {
            rollupTimer = null;
            if (rollups.size) rollupWaiters.push({ resolve: () => {}, reject: () => {} }), void flush();
          }, rollupEveryMs);
          rollupTimer.unref();
        }
      }
    }
  }

  function settle() {
    const done = idle;
    idle = [];
    for (const fn of done) fn();
  }

  /**
   * One transaction: the readings and their evaluation's writes. Their rollup deltas join the buffer
   * after commit; or, when rollups are due, the buffer's and these are written here with the watermark
   * at the last reading stored, and the buffer is emptied after commit.
   */
  async function commit(batch: Item[], closing: Map<string, string>, rollupsDue: boolean) {
    // The requests' rows in order, without copying them; repeats inside the flush are left to the
    // store's unique index, which keeps the first and reports the others as not stored.
    let n = 0;
    for (const item of batch) n += item.rows.length;
    const rows = new Array<Row>(n);
    n = 0;
    for (const item of batch) for (const r of item.rows) rows[n++] = r;
    const now = o.now();
    const closedPoints = new Map<string, Point>();
    for (const [alarmId, pid] of closing) {
      const p = o.points.get(pid);
      if (p && p.alarmId === alarmId) closedPoints.set(pid, { state: alarmClosed(p.state), alarmId: null });
    }
    // A view, not a copy: the points map holds every sensor and a flush touches some.
    const points = closedPoints.size ? { get: (id: string) => closedPoints.get(id) ?? o.points.get(id) } : o.points;
    const ctx = (history: Map<number, Reading[]>) => ({ catalog: o.catalog, points, closed: new Set(closing.keys()), history, now, nodeId: o.nodeId, utcOffsetMin: o.utcOffsetMin });
    const extraStates: StateWrite[] = [...closedPoints].map(([pid, p]) => {
      const [key, rule] = pid.split('|');
      return { key: Number(key), rule: rule as 'value' | 'rate', state: p.state, alarmId: null };
    });
    const withExtra = (plan: FlushPlan) => {
      if (!extraStates.length) return;
      const written = new Set(plan.states.map((s) => `${s.key}|${s.rule}`));
      plan.states.push(...extraStates.filter((s) => !written.has(`${s.key}|${s.rule}`)));
    };

    let flags: ArrayLike<number>;
    let plan: FlushPlan;
    let next: Map<string, Point>;
    let outcome: QualityOutcome = null;
    const q = o.quality;
    if (sqlite) {
      ({ flags, plan, next, outcome } = sqlite.transaction(() => {
        const flags = sqlite.insertReadings(rows);
        const groups = groupBySensor(stored(rows, flags));
        const history = new Map<number, Reading[]>();
        for (const [key, span] of spans(groups)) history.set(key, sqlite.history(key, span.from, span.to));
        const r = planFlush(groups, ctx(history));
        withExtra(r.plan);
        const outcome = q ? q.evaluate(groups, r.plan, now, sqlite.recentBefore(q.unseen(groups), q.seedSize)) : null;
        sqlite.apply(r.plan, now);
        if (rollupsDue) {
          sqlite.upsertRollups(rollups.all());
          sqlite.upsertRollups(r.plan.rollups);
          sqlite.setWatermark(sqlite.maxSeq(), now);
        }
        return { flags, plan: r.plan, next: r.points, outcome };
      }));
      // At once, with no await between the commit and here: another transaction that writes the
      // buffer (storeRollupsWithin) must find this commit's deltas in it.
      if (rollupsDue) rollups.clear(), (rollupsWrittenAt = performance.now());
      else rollups.add(plan.rollups);
    } else {
      const guessed = await optimisticPg(rows, ctx, withExtra, now, rollupsDue);
      if (guessed) {
        flags = new Uint8Array(rows.length).fill(1);
        ({ plan, next, outcome } = guessed);
      } else {
        // A repeat met (null): straight to ON CONFLICT; not tried (undefined): plainly first.
        ({ flags, plan, next, outcome } = await o.store.db.transaction().execute(async (tx) => {
          const flags = await (guessed === null ? pgBulk.insertNew(tx, rows) : pgBulk.insertReadings(tx, rows));
          const groups = groupBySensor(stored(rows, flags));
          const history = new Map<number, Reading[]>();
          for (const [key, span] of spans(groups)) history.set(key, await pgBulk.history(tx, key, span.from, span.to));
          const r = planFlush(groups, ctx(history));
          withExtra(r.plan);
          const outcome = q ? q.evaluate(groups, r.plan, now, await pgBulk.recentBefore(tx, q.unseen(groups), q.seedSize)) : null;
          await applyPg(tx, r.plan, now, rollupsDue);
          return { flags, plan: r.plan, next: r.points, outcome };
        }));
      }
      // Still inside `exclusive`: no other transaction storing readings writes the buffer meanwhile.
      if (rollupsDue) rollups.clear(), (rollupsWrittenAt = performance.now());
      else rollups.add(plan.rollups);
    }
    const results: WriteResult[] = new Array(batch.length);
    let i = 0;
    for (let b = 0; b < batch.length; b++) {
      const res = { accepted: 0, duplicates: 0 };
      for (const r of batch[b]!.rows) {
        // Derived rows (index -1) are not the sender's: they count neither way.
        if (r.index >= 0) {
          if (flags[i]) res.accepted++;
          else res.duplicates++;
        }
        i++;
      }
      results[b] = res;
    }
    for (const [id, p] of closedPoints) if (!next.has(id)) next.set(id, p);
    return { results, plan, points: next, outcome };
  }

  /**
   * PostgreSQL, the common case in as few round trips as possible: every reading of the flush is new,
   * and none of its sensors needs stored history to be evaluated. The flush is planned and checked
   * first as if all were new; then the readings are stored plainly — alone in one autocommitted
   * statement when the plan writes nothing else (the steady state of a fleet), else in one
   * transaction with the plan. When a reading turns out to be stored already, nothing is written, the
   * quality windows the check moved are forgotten, and null sends the flush the careful way (ON
   * CONFLICT, planning on what was really stored). Undefined: not the common case, nothing tried.
   */
  async function optimisticPg(rows: Row[], ctx: (h: Map<number, Reading[]>) => Parameters<typeof planFlush>[1], withExtra: (p: FlushPlan) => void, now: number, rollupsDue: boolean) {
    const groups = groupBySensor(rows);
    if (spans(groups).size > 0) return undefined;
    const q = o.quality;
    const seeds = q ? await pgBulk.recentBefore(o.store.db, q.unseen(groups), q.seedSize) : new Map<number, Reading[]>();
    const r = planFlush(groups, ctx(new Map()));
    withExtra(r.plan);
    const outcome = q ? q.evaluate(groups, r.plan, now, seeds) : null;
    try {
      if (!rollupsDue && writesNothingElse(r.plan)) await pgBulk.insertAll(o.store.db, rows);
      else {
        await o.store.db.transaction().execute(async (tx) => {
          await pgBulk.insertAll(tx, rows);
          await applyPg(tx, r.plan, now, rollupsDue);
        });
      }
    } catch (err) {
      if (!isRepeat(err)) throw err;
      if (q) q.forget(groups.keys());
      return null;
    }
    return { plan: r.plan, next: r.points, outcome };
  }

  /** PostgreSQL: the plan's writes beside the readings and, when due, the rollups with the watermark at the last reading. */
  async function applyPg(tx: Tx, plan: FlushPlan, now: number, rollupsDue: boolean) {
    await pgBulk.apply(tx, plan, now);
    if (rollupsDue) {
      await pgBulk.upsertRollups(tx, mergedRollups(plan.rollups));
      await pgBulk.setWatermark(tx, await pgBulk.maxSeq(tx), now);
    }
  }

  /** The buffer's deltas and these, merged per bucket: one upsert each (PostgreSQL refuses a row twice in one upsert). */
  function mergedRollups(extra: readonly RollupDelta[]): RollupDelta[] {
    if (extra.length === 0) return rollups.all();
    const b = createRollupBuffer();
    b.add(rollups.all());
    b.add(extra);
    return b.all();
  }

  /** 10-minute, hourly and daily rollup deltas of readings, in this node's days. */
  function deltasOf(rows: readonly KeyedReading[]): RollupDelta[] {
    const out: RollupDelta[] = [];
    for (const [key, g] of groupBySensor(rows)) rollupDeltas(key, g, o.utcOffsetMin, out);
    return out;
  }

  function stored(rows: Row[], flags: ArrayLike<number>): Row[] {
    let all = true;
    for (let i = 0; i < rows.length && all; i++) if (!flags[i]) all = false;
    return all ? rows : rows.filter((_, i) => flags[i]);
  }

  /** The span of stored readings each history-needing sensor must see for this flush. */
  function spans(groups: Map<number, Row[]>) {
    const out = new Map<number, { from: number; to: number }>();
    for (const [key, rows] of groups) {
      const e = o.catalog.byKey(key);
      const w = e ? historyWindowMs(e) : 0;
      if (w === 0 || rows.length === 0) continue;
      // Each sensor's rows are ascending by ts.
      out.set(key, { from: rows[0]!.ts - w, to: rows[rows.length - 1]!.ts });
    }
    return out;
  }

  return {
    /** Queues validated rows; resolves after they are committed. Throws WriterBusy when the queue is full. */
    submit(rows: Row[]): Promise<WriteResult> {
      if (rows.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
      if (queued > 0 && queued + rows.length > maxQueuedRows) throw new WriterBusy(1);
      return new Promise<WriteResult>((resolve, reject) => {
        queue.push({ rows, resolve, reject });
        queued += rows.length;
        if (queued >= maxBatchRows) {
          if (timer) clearTimeout(timer), (timer = null);
          setImmediate(() => void flush());
        } else schedule(windowMs);
      });
    },
    /** Resolves when the queue has room for `rows` more (intake that can wait, such as MQTT). */
    async waitForRoom(rows: number): Promise<void> {
      while (queued > 0 && queued + rows > maxQueuedRows) await new Promise<void>((r) => room.push(r));
    },
    /** The handling loop closed this alarm: its point forgets it in the next commit. */
    alarmClosed(alarmId: string, pointId: string) {
      closed.set(alarmId, pointId);
      schedule(0);
    },
    /**
     * At start, before anything is submitted: counts into the rollups the readings stored after their
     * watermark (their deltas were still in memory when the process stopped). Returns how many.
     */
    async recoverRollups(): Promise<number> {
      if (sqlite) {
        return sqlite.transaction(() => {
          const rows = sqlite.readingsAfter(sqlite.watermark());
          sqlite.upsertRollups(deltasOf(rows));
          sqlite.setWatermark(sqlite.maxSeq(), o.now());
          return rows.length;
        });
      }
      return exclusive(() =>
        o.store.db.transaction().execute(async (tx) => {
          const rows = await pgBulk.readingsAfter(tx, await pgBulk.watermark(tx));
          await pgBulk.upsertRollups(tx, deltasOf(rows));
          await pgBulk.setWatermark(tx, await pgBulk.maxSeq(tx), o.now());
          return rows.length;
        }),
      );
    },
    /**
     * Runs `fn` — a transaction that stores readings (a parent storing its children's), committed
     * before `fn` resolves — while no flush runs, so the readings' sequence is committed in order.
     */
    exclusive,
    /**
     * For a transaction run through `exclusive` that stores readings: writes the rollups of the
     * readings it newly stored, in it, with the buffered deltas, and moves the watermark past them, so
     * a restart neither misses nor recounts any. Call `committed()` as soon as it has committed, still
     * inside `exclusive` (the buffer is then empty).
     */
    async storeRollupsWithin(tx: Tx, stored: readonly KeyedReading[]): Promise<{ committed(): void }> {
      const deltas = deltasOf(stored);
      if (sqlite) {
        if (!o.store.sqlite!.inTransaction) throw new Error('storeRollupsWithin must run inside the transaction that stores the readings');
        sqlite.upsertRollups(rollups.all());
        sqlite.upsertRollups(deltas);
        sqlite.setWatermark(sqlite.maxSeq(), o.now());
      } else {
        await pgBulk.upsertRollups(tx, mergedRollups(deltas));
        await pgBulk.setWatermark(tx, await pgBulk.maxSeq(tx), o.now());
      }
      return {
        committed: () => {
          rollups.clear();
          rollupsWrittenAt = performance.now();
        },
      };
    },
    /** Resolves once the rollups of everything committed so far are written (reads never need this: they merge `pendingRollups`). */
    flushRollups(): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        rollupWaiters.push({ resolve, reject });
        schedule(0);
      });
    },
    /** Rollup deltas committed but not yet written, of one sensor and bucket size, bucketStart in [from, to). */
    pendingRollups: (key: number, bucketSec: number, from: number, to: number) => rollups.pending(key, bucketSec, from, to),
    /** Resolves once everything queued so far is committed. */
    drain(): Promise<void> {
      if (!flushing && queue.length === 0 && closed.size === 0) return Promise.resolve();
      return new Promise<void>((r) => {
        idle.push(r);
        schedule(0);
      });
    },
    stats: () => ({ queuedRows: queued, flushing, pendingRollups: rollups.size, commits, committedRows }),
  };
}

export type Writer = ReturnType<typeof createWriter>;

/** Whether a plan writes nothing besides the readings (its rollups wait in the writer's buffer). */
function writesNothingElse(p: FlushPlan): boolean {
  return !p.states.length && !p.alarmInserts.length && !p.alarmUpdates.length && !p.actions.length && !p.changes.length && !p.qualityFlags.length && !p.qualityRecoveries.length;
}
