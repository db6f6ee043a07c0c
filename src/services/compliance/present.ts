import type { FindingState } from '../../domain/compliance/findings.ts';
import type { Candidate } from '../../domain/compliance/define.ts';
import type { ComplianceFindingsTable } from '../../store/repos/compliance/tables.ts';

/** A stored finding as it leaves the server. */
export function presentFinding(r: ComplianceFindingsTable & { site_code?: string | null; site_name?: string | null }) {
  return {
    id: r.id,
    rule: r.rule,
    site: r.site_id,
    siteCode: r.site_code ?? null,
    siteName: r.site_name ?? null,
    region: r.region_code,
    enterprise: r.enterprise_id,
    key: r.key,
    message: r.message,
    evidence: JSON.parse(r.evidence) as Record<string, unknown>,
    state: r.state as FindingState,
    reason: r.reason,
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
    updatedAt: Number(r.updated_at),
    version: r.version,
    originNode: r.origin_node,
  };
}
export type FindingView = ReturnType<typeof presentFinding>;

/** A finding a preview would add or remove (not stored). */
export function presentCandidate(c: Candidate) {
  return { rule: c.rule, site: c.site, region: c.region, enterprise: c.enterprise, key: c.key, message: c.message, evidence: c.evidence };
}
