import { daysOverdue, type Acceptance, type Supervision, isOverdue, type EscalationTier, type HazardGrade, type HazardState, type LoopHazard, type Rectification, type RectificationPlan } from '../../domain/dualprev/index.ts';
import type { HazardRow } from '../../store/repos/dualprev/hazards.ts';

/** A hazard row as the loop sees it, back, and as it leaves the server. */
const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);
const num = (v: number | null) => (v === null ? null : Number(v));

export function toLoop(r: HazardRow): LoopHazard {
  return {
    state: r.state as HazardState,
    grade: r.grade as HazardGrade,
    deadline: Number(r.deadline),
    plan: json<RectificationPlan | null>(r.plan, null),
    rectification: json<Rectification | null>(r.rectification, null),
    rectifiedAt: num(r.rectified_at),
    rectifiedBy: r.rectified_by,
    verifiedAt: num(r.verified_at),
    verifiedBy: r.verified_by,
    verificationNote: r.verification_note,
    closedAt: num(r.closed_at),
    closedBy: r.closed_by,
    rejections: r.rejections,
  };
}

export function fromLoop(l: LoopHazard): Partial<HazardRow> {
  return {
    state: l.state,
    deadline: l.deadline,
    plan: l.plan ? JSON.stringify(l.plan) : null,
    rectification: l.rectification ? JSON.stringify(l.rectification) : null,
    rectified_at: l.rectifiedAt,
    rectified_by: l.rectifiedBy,
    verified_at: l.verifiedAt,
    verified_by: l.verifiedBy,
    verification_note: l.verificationNote,
    closed_at: l.closedAt,
    closed_by: l.closedBy,
    rejections: l.rejections,
  };
}

export function presentHazard(r: HazardRow, now: number) {
  const l = toLoop(r);
  const overdue = isOverdue(l, now);
  return {
    id: r.id,
    site: r.site_id,
    region: r.region_code,
    enterprise: r.enterprise_id,
    description: r.description,
    location: r.location,
    category: r.category,
    grade: l.grade,
    criterion: r.criterion_id,
    source: r.source,
    sourceRef: r.source_ref,
    risk: r.risk_id,
    photos: json<string[]>(r.photos, []),
    deadline: l.deadline,
    state: l.state,
    plan: l.plan,
    rectification: l.rectification,
    rectifiedAt: l.rectifiedAt,
    rectifiedBy: l.rectifiedBy,
    rectifiedByName: r.rectified_by_name,
    verifiedAt: l.verifiedAt,
    verifiedBy: l.verifiedBy,
    verifiedByName: r.verified_by_name,
    verificationNote: l.verificationNote,
    closedAt: l.closedAt,
    closedBy: l.closedBy,
    rejections: l.rejections,
    reportedBy: r.reported_by,
    reportedByName: r.reported_by_name,
    overdue,
    daysOverdue: overdue ? daysOverdue(l.deadline, now) : null,
    escalationTier: r.escalation_tier as EscalationTier | null,
    escalatedAt: num(r.escalated_at),
    supervisedAt: num(r.supervised_at),
    supervisedBy: r.supervised_by,
    /** Listed supervision (挂牌督办) and the department's acceptance of the close-out (销号验收). */
    supervision: json<Supervision | null>(r.supervision ?? null, null),
    supervisionAcceptance: json<Acceptance | null>(r.supervision_acceptance ?? null, null),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    version: r.version,
    originNode: r.origin_node,
  };
}
export type HazardView = ReturnType<typeof presentHazard>;
