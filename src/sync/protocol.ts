import { z } from 'zod';

/**
 * The child → parent protocol under /api/v1/sync/. A batch covers the child's sequence range
 * (from, to] of one stream; the parent applies what is new and answers with the highest sequence it
 * holds contiguously (the ack). The child forgets only what was acknowledged.
 */
export const STREAMS = ['alarms', 'records', 'readings'] as const;
export type Stream = (typeof STREAMS)[number];

export const recordItem = z.object({
  seq: z.number().int().min(1),
  entity: z.string().min(1).max(40),
  id: z.string().min(1).max(100),
  /** The node where the record was created; kept across every hop. */
  origin: z.string().nullable(),
  version: z.number(),
  row: z.record(z.string(), z.unknown()),
});
export type RecordItem = z.infer<typeof recordItem>;

/** [child's seq, sensor id, ts (epoch ms), value] */
export const readingTuple = z.tuple([z.number().int().min(1), z.string().min(1).max(100), z.number().int(), z.number()]);

export const pushBody = z.object({
  /** The sender's own node id (its settings), so that a reinstalled child is noticed. */
  node: z.string().min(1).max(100),
  stream: z.enum(STREAMS),
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  items: z.array(recordItem).max(50_000).optional(),
  readings: z.array(readingTuple).max(200_000).optional(),
  /**
   * Readings from the head of the child's sequence while an older backlog drains: applied at once, out
   * of order, without moving the contiguous ack; the parent remembers the range it holds and folds it
   * into the ack when the backfill reaches its start.
   */
  live: z.boolean().optional(),
  /**
   * Copies of readings this node received as the newest of their sensors, relayed ahead of its own
   * order while that order lags (a child's backlog passing through): applied idempotently, nothing
   * acknowledged by them (`from`/`to` are informative); the same readings follow in order.
   */
  express: z.boolean().optional(),
});
export type PushBody = z.infer<typeof pushBody>;

export const pushReply = z.object({
  ack: z.number(),
  applied: z.number(),
  duplicates: z.number(),
  refused: z.array(z.object({ seq: z.number(), entity: z.string(), id: z.string().nullable(), reason: z.string() })),
  /** Set when the parent stopped before the end of the batch (e.g. a reading whose sensor it has not yet received). */
  held: z.string().nullable(),
  /** For a live batch: the highest sequence of it now held (the batch's own ack). */
  liveAck: z.number().nullable().optional(),
  heartbeatSec: z.number(),
});
export type PushReply = z.infer<typeof pushReply>;

export const heartbeatBody = z.object({
  node: z.string().min(1).max(100),
  /** Items waiting in the child's outbox (all streams). */
  backlog: z.number().int().min(0),
  /** Age of the oldest waiting item, s. */
  backlogAgeSec: z.number().min(0),
  sensorsOnline: z.number().int().min(0).nullable(),
  sentAt: z.number(),
});
export type HeartbeatBody = z.infer<typeof heartbeatBody>;

export const heartbeatReply = z.object({ heartbeatSec: z.number(), serverTime: z.number() });

export const directiveSchema = z.object({ seq: z.number(), id: z.string(), kind: z.string(), payload: z.unknown(), createdAt: z.number() });
export type Directive = z.infer<typeof directiveSchema>;
export const inboxReply = z.object({ items: z.array(directiveSchema), cursor: z.number() });
