import { canSee, requirePermission, type Principal } from '../../domain/access/policy.ts';
import type { BucketLimit } from '../../domain/monitoring/token-bucket.ts';
import type { Catalog } from './catalog.ts';
import { createIngestLimiter, DEFAULT_INGEST_LIMIT } from './ingest-limit.ts';
import { validateReadings, type RawReading, type Rejection } from './intake.ts';
import type { MonitoringSettings } from './settings.ts';
import type { Writer } from './writer.ts';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

/**
 * The telemetry write path shared by HTTP, MQTT, the demo and the benchmark: validate each reading,
 * hand the good ones to the group-committing writer, answer after commit. A caller (a token over HTTP,
 * a site's topic over MQTT) sends at most `limit` readings per second; over it, nothing of the request
 * is stored and RateLimited says when to send it again.
 */
export function createIngestService(catalog: Catalog, writer: Writer, settings: MonitoringSettings, now: () => number, limit: BucketLimit = DEFAULT_INGEST_LIMIT) {
  const limiter = createIngestLimiter(limit, now);
  /** Readings handled since start, by outcome (the /metrics counters). */
  const totals = { accepted: 0, duplicates: 0, rejected: 0 };
  async function write(readings: readonly RawReading[], opts: { site?: string; principal?: Principal; caller?: string }): Promise<IngestResult> {
    if (opts.caller) limiter.admit(opts.caller, readings.length);
    try {
      return await validateAndSubmit(readings, opts);
    } catch (err) {
      if (opts.caller) limiter.refund(opts.caller, readings.length);
      throw err;
    }
  }

  async function validateAndSubmit(readings: readonly RawReading[], opts: { site?: string; principal?: Principal }): Promise<IngestResult> {
    const p = opts.principal;
    const mayWrite = p
      ? p.kind === 'device'
        ? (e: { site: { id: string } }) => e.site.id === p.siteId
        : (e: { site: { region: string; enterprise: string } }) => canSee(p, { regionCode: e.site.region, enterpriseId: e.site.enterprise })
      : undefined;
    const { rows, rejected } = validateReadings(catalog, readings, { now: now(), futureToleranceMs: settings.get().futureToleranceSec * 1000, site: opts.site, mayWrite });
    totals.rejected += rejected.length;
    const r = await writer.submit(rows);
    totals.accepted += r.accepted;
    totals.duplicates += r.duplicates;
    return { accepted: r.accepted, duplicates: r.duplicates, rejected };
  }

  return {
    /** A device or a person posts readings; only for sites they may write to. */
    async ingest(actor: Principal, readings: readonly RawReading[]): Promise<IngestResult> {
      requirePermission(actor, 'telemetry.write');
      return write(readings, { principal: actor, caller: `${actor.kind}:${actor.id}` });
    },
    /** Trusted intake (demo, benchmark): readings this node generated itself. */
    ingestTrusted(readings: readonly RawReading[]): Promise<IngestResult> {
      return write(readings, {});
    },
    /**
     * Readings published on one site's MQTT topic. The broker's ACL lets a device publish only on its
     * own site's topic; a reading naming another site is refused here, so a topic never writes elsewhere.
     */
    ingestForSite(site: string, readings: readonly RawReading[]): Promise<IngestResult> {
      return write(readings, { site, caller: `site:${site}` });
    },
    waitForRoom: (n: number) => writer.waitForRoom(n),
    totals: (): Readonly<typeof totals> => totals,
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
