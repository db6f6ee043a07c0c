import { uuidv7 } from 'uuidv7';
import { canSee, type Principal } from '../../domain/access/policy.ts';
import { Forbidden } from '../../domain/errors.ts';
import type { Executor, Tx } from '../../store/db.ts';
import { applyRow, findRow, isNewer, insertReadings, learnOrigin, originOf, originRoute, placementOf, sensorPlaces, unknownFields, type ApplyOutcome, type NewReading, type StoredReading } from '../../store/repos/network/apply.ts';
import type { Entity } from '../../store/repos/network/entities.ts';
import { advanceCursor, getCursor, getLiveRange, quarantine, setLiveRange } from '../../store/repos/network/cursors.ts';
import { isEntity, type ReadingTuple } from '../../store/repos/network/outbox.ts';
import type { PushBody, PushReply, RecordItem } from '../../domain/network/protocol.ts';
import type { Deps } from '../context.ts';
import type { KeyedReading } from '../monitoring/writer.ts';
import { createFreshness } from './fresh.ts';

type Tally = Omit<PushReply, 'heartbeatSec'>;

/**
 * Where the rollups of stored readings are written: the monitoring writer, inside the transaction
 * that stores them, so that its own buffered rollups and their watermark stay consistent with them
 * (a restart neither misses nor recounts any). `committed` is called right after the commit.
 */
export interface RollupSink {
  /** Runs a transaction that stores readings while no other does (the local writer's flushes included). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  storeRollupsWithin(tx: Tx, stored: readonly KeyedReading[]): Promise<{ committed(): void }>;
}

/**
 * The parent's side of the uplink: applies a child's batch idempotently, in one transaction with
 * the cursor, refusing item by item what lies outside the child's scope (quarantined with the reason,
 * never blocking the line).
 */
export function createReceiver(deps: Pick<Deps, 'store' | 'now' | 'events' | 'nodeId'>, rollups: RollupSink) {
  const { db } = deps.store;
  const freshness = createFreshness();

  async function refuse(tx: Executor, p: Principal, t: Tally, stream: string, seq: number, entity: string, id: string | null, reason: string, item: unknown) {
    t.refused.push({ seq, entity, id, reason });
    await quarantine(tx, { id: uuidv7(), nodeId: p.id, stream, seq, entity, entityId: id, reason, item, at: deps.now() });
  }

  /**
   * Why the sender may not write this item, or null. A child writes only records owned by itself or a
   * node below it (the origin, learnt per child), that sit inside its scope before and after the
   * change; a record's owner and place never change through sync.
   */
  async function inadmissible(tx: Executor, p: Principal, it: RecordItem, entity: Entity, existing: Record<string, unknown> | undefined): Promise<string | null> {
    const row = it.row;
    if (row.id !== it.id) return `the item names ${it.id} but its record is ${String(row.id)}`;
    const unknown = await unknownFields(tx, entity, row);
    if (unknown.length) return `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 10).join(', ')} in a ${entity} record (字段无效)`;
    const origin = await originOf(tx, entity, row);
    if (!origin) return `the ${entity} names no node that owns it`;
    if (origin === deps.nodeId) return `the ${entity} ${it.id} belongs to this node; a node below may not change it (上级记录不可由下级修改)`;
    const via = await originRoute(tx, origin);
    if (via !== null && via !== p.id) return `the ${entity} ${it.id} belongs to node ${origin}, which is not below the sender (非本节点及下级的记录)`;
    if (existing) {
      if ((await originOf(tx, entity, existing)) !== origin) return `the ${entity} ${it.id} belongs to another node; a record's owner never changes`;
      const before = await placementOf(tx, entity, existing);
      if (before && !canSee(p, before)) return outside(p, before);
      const after = await placementOf(tx, entity, row);
      if (before && (!after || after.regionCode !== before.regionCode || after.enterpriseId !== before.enterpriseId)) {
        return `the ${entity} ${it.id} would move from ${before.enterpriseId ?? before.regionCode} to ${after?.enterpriseId ?? after?.regionCode ?? '?'}: a record's place never moves through sync (归属不可经同步变更)`;
      }
    }
    if (entity !== 'change') {
      const place = await placementOf(tx, entity, row);
      if (!place) return `the ${entity} refers to a record this node does not hold`;
      if (!canSee(p, place)) return outside(p, place);
    }
    await learnOrigin(tx, origin, p.id, deps.now());
    return null;
  }

  const outside = (p: Principal, place: { regionCode: string; enterpriseId: string | null }) =>
    `outside the node's scope: ${place.enterpriseId ?? place.regionCode} is not in ${p.enterpriseId ? `enterprise ${p.enterpriseId}` : `region ${p.regionCode}`} (超出管辖范围)`;

  async function applyItem(tx: Executor, p: Principal, stream: string, it: RecordItem, t: Tally) {
    if (!isEntity(it.entity)) return refuse(tx, p, t, stream, it.seq, it.entity, it.id, `unknown entity ${it.entity}`, it);
    const existing = await findRow(tx, it.entity, it.id);
    // What this node already holds at that version (a record it sent down, echoed back) changes nothing.
    if (existing && !isNewer(it.entity, existing, it.row)) {
      t.duplicates++;
      return;
    }
    const why = await inadmissible(tx, p, it, it.entity, existing);
    if (why) return refuse(tx, p, t, stream, it.seq, it.entity, it.id, why, it);
    const r: ApplyOutcome = await applyRow(tx, it.entity, it.row, existing ?? null);
    if (r === 'applied') t.applied++;
    else if (r === 'duplicate') t.duplicates++;
    else await refuse(tx, p, t, stream, it.seq, it.entity, it.id, r.refused, it);
  }

  async function applyRecords(p: Principal, b: PushBody, cur: number): Promise<Tally> {
    const items = (b.items ?? []).filter((i) => i.seq > cur).sort((a, z) => a.seq - z.seq);
    const t: Tally = { ack: cur, applied: 0, duplicates: (b.items?.length ?? 0) - items.length, refused: [], held: null };
    try {
      await db.transaction().execute(async (tx) => {
        for (const it of items) await applyItem(tx, p, b.stream, it, t);
        await advanceCursor(tx, p.id, b.stream, b.to, deps.now());
      });
    } catch (err) {
      // One item the store refuses must not stop the line: apply one by one, quarantining the failure.
      Object.assign(t, { applied: 0, duplicates: (b.items?.length ?? 0) - items.length, refused: [] });
      for (const it of items) {
        try {
          await db.transaction().execute((tx) => applyItem(tx, p, b.stream, it, t));
        } catch (e) {
          // The store's own words stay in the log: they name tables and columns, not the record.
          console.error(`[network] ${it.entity} ${it.id} from node ${p.id} could not be stored:`, (e as Error).message);
          await refuse(db, p, t, b.stream, it.seq, it.entity, it.id, `the ${it.entity} record has values this node cannot store (missing or of the wrong kind) (记录内容无效)`, it);
        }
      }
      await advanceCursor(db, p.id, b.stream, b.to, deps.now());
    }
    t.ack = b.to;
    return t;
  }

  /** Once the contiguous ack reaches the start of the live range, the live range joins it. */
  async function foldLive(tx: Executor, nodeId: string, cur: number): Promise<number> {
    const live = await getLiveRange(tx, nodeId);
    if (!live || cur < live.from) return cur;
    await setLiveRange(tx, nodeId, null, deps.now());
    if (live.to <= cur) return cur;
    await advanceCursor(tx, nodeId, 'readings', live.to, deps.now());
    return live.to;
  }

  /** A live batch's applied range (from, to] extends the live range it continues, or starts a new one. */
  async function extendLive(tx: Executor, nodeId: string, from: number, to: number) {
    if (to <= from) return;
    const live = await getLiveRange(tx, nodeId);
    const next = live && from >= live.from && from <= live.to ? { from: live.from, to: Math.max(live.to, to) } : { from, to };
    await setLiveRange(tx, nodeId, next, deps.now());
  }

  /**
   * The rows of a batch this node stores, in order. An in-order batch stops at a sensor whose record
   * has not arrived and quarantines what lies outside the child's scope; an express copy only goes
   * ahead, so whatever this node cannot take from it yet simply follows in order.
   */
  async function placeReadings(tx: Executor, p: Principal, b: PushBody, todo: ReadingTuple[], t: Tally) {
    const places = await sensorPlaces(tx, [...new Set(todo.map((r) => r[1]))]);
    const visible = new Map([...places].map(([id, place]) => [id, canSee(p, place)]));
    const rows: NewReading[] = [];
    const ids = new Map<number, string>();
    let ack = b.to;
    const refusedSensors = new Map<string, string>();
    for (const [seq, sensorId, ts, value] of todo) {
      const place = places.get(sensorId);
      if (b.express && !visible.get(sensorId)) continue;
      if (!place) {
        const q = await tx.selectFrom('net_quarantine').select('reason').where('entity', '=', 'sensor').where('entity_id', '=', sensorId).executeTakeFirst();
        if (q) {
          refusedSensors.set(sensorId, `sensor ${sensorId} was refused: ${q.reason}`);
          continue;
        }
        // The sensor's record has not arrived yet: stop here; the child sends its records first and retries.
        ack = seq - 1;
        t.held = `unknown sensor ${sensorId}; waiting for its record`;
        break;
      }
      if (!visible.get(sensorId)) {
        refusedSensors.set(sensorId, `outside the node's scope: sensor ${sensorId} (超出管辖范围)`);
        continue;
      }
      ids.set(place.key, sensorId);
      rows.push({ sensor_key: place.key, ts, value });
    }
    for (const [sensorId, reason] of refusedSensors) {
      const mine = todo.filter((r) => r[1] === sensorId && r[0] <= ack);
      await refuse(tx, p, t, b.stream, mine[0]![0], 'reading', sensorId, `${mine.length} readings: ${reason}`, mine.slice(0, 100));
    }
    // In key order: batches of one child applied side by side (express beside in order) take their
    // locks in the same order on PostgreSQL, so they wait for each other instead of deadlocking.
    rows.sort((x, y) => x.sensor_key - y.sensor_key || x.ts - y.ts);
    return { rows, ids, ack };
  }

  /** Newly stored readings that are the newest of their sensors go to the uplink, which relays them ahead of its backlog. */
  function publishFresh(stored: readonly StoredReading[], ids: Map<number, string>) {
    const fresh = stored.length ? freshness.pick(stored) : [];
    if (fresh.length) deps.events.publish('readings.fresh', { readings: fresh.map((r): ReadingTuple => [r.seq, ids.get(r.sensor_key)!, r.ts, r.value]) });
  }

  async function applyReadings(p: Principal, b: PushBody, cur: number): Promise<Tally> {
    const all = b.readings ?? [];
    // Live and express batches lie ahead of the ack by design: everything in them is applied (idempotently by sensor and ts).
    const todo = (b.live || b.express ? [...all] : all.filter((r) => r[0] > cur)).sort((a, z) => a[0] - z[0]);
    const t: Tally = { ack: cur, applied: 0, duplicates: all.length - todo.length, refused: [], held: null };
    let stored: StoredReading[] = [];
    let ids = new Map<number, string>();
    let written: { committed(): void } | null = null;
    await rollups.exclusive(async () => {
      await db.transaction().execute(async (tx) => {
        const placed = await placeReadings(tx, p, b, todo, t);
        ids = placed.ids;
        stored = await insertReadings(tx, placed.rows);
        // Only the newly stored rows: a repeat is never counted twice.
        if (stored.length) written = await rollups.storeRollupsWithin(tx, stored.map((r) => ({ key: r.sensor_key, ts: r.ts, value: r.value })));
        t.applied = stored.length;
        t.duplicates += placed.rows.length - stored.length;
        if (b.express) return;
        const ack = placed.ack;
        if (b.live) {
          await extendLive(tx, p.id, b.from, ack);
          t.liveAck = Math.max(b.from, ack);
          t.ack = await foldLive(tx, p.id, cur);
          return;
        }
        if (ack > cur) await advanceCursor(tx, p.id, b.stream, ack, deps.now());
        t.ack = await foldLive(tx, p.id, Math.max(cur, ack));
      });
      // Still inside `exclusive`: the writer's buffer has not changed since the transaction wrote it.
      (written as { committed(): void } | null)?.committed();
    });
    publishFresh(stored, ids);
    return t;
  }

  return {
    async push(p: Principal, b: PushBody): Promise<Tally> {
      if (p.kind !== 'node') throw new Forbidden('Only child nodes push to /sync (仅限下级节点)');
      // The sender's own records come through itself (a node that claims another's id writes nothing of its).
      if (b.node !== deps.nodeId) await learnOrigin(db, b.node, p.id, deps.now());
      const cur = await getCursor(db, p.id, b.stream);
      if (b.stream === 'readings' && (b.live || b.express)) return applyReadings(p, b, cur);
      // A gap: an earlier batch is missing (reordered delivery). Nothing is applied; the child resends from the ack.
      if (b.from > cur) return { ack: cur, applied: 0, duplicates: 0, refused: [], held: `gap: this node holds ${b.stream} up to ${cur}, the batch starts after ${b.from}` };
      if (b.to <= cur) return { ack: cur, applied: 0, duplicates: (b.items?.length ?? 0) + (b.readings?.length ?? 0), refused: [], held: null };
      return b.stream === 'readings' ? applyReadings(p, b, cur) : applyRecords(p, b, cur);
    },
  };
}
