import type { Readable } from 'node:stream';
import { canSee, requirePermission, type Principal } from '../../domain/access/policy.ts';
import { HAZARD_STATE_LABELS, type HazardState } from '../../domain/dualprev/hazard-loop.ts';
import { CASE_KIND_LABELS, REFERRAL_TARGET_LABELS, type CaseKind, type ReferralTarget } from '../../domain/enforcement/cases.ts';
import { Conflict, Forbidden, NotFound } from '../../domain/errors.ts';
import { findCase, type CaseRow } from '../../store/repos/enforcement/cases.ts';
import { findPenalty, latestPenaltyOfCase } from '../../store/repos/enforcement/penalties.ts';
import { PENALTY_KIND_LABELS, type PenaltyKind } from '../../domain/enforcement/penalties.ts';
import { findingsOf, findInspection } from '../../store/repos/enforcement/inspections.ts';
import type { InspectionsTable, PenaltiesTable } from '../../store/repos/enforcement/tables.ts';
import { hazardsOfInspection } from '../../store/repos/documents.ts';
import type { HazardRow } from '../../store/repos/dualprev/hazards.ts';
import { findEnterprise } from '../../store/repos/enterprises.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { Deps } from '../context.ts';
import { authorityName, documentFileName, zhDate } from './format.ts';
import { createPdf, writeLater } from './pdf.ts';
import { renderDecision, type DecisionPaper } from './render-decision.ts';
import { renderOrder, renderRecord, renderReview, type InspectionPaper, type ReviewLine } from './render-inspection.ts';

export interface PrintedDocument {
  fileName: string;
  stream: Readable;
}

export type InspectionDocumentKind = 'record' | 'order' | 'review';

const DONE: readonly string[] = ['verified', 'closed'];

/** A finding's follow-up as the review prints it: the hazard's state, or that none was recorded. */
function reviewLine(f: InspectionPaper['findings'][number], h: HazardRow | undefined): ReviewLine {
  if (!h) return { description: f.description, deadline: f.deadline, state: '无整改记录', done: false, detail: '隐患台账中未见整改记录' };
  const state = HAZARD_STATE_LABELS[h.state as HazardState]?.zh ?? h.state;
  const done = DONE.includes(h.state);
  const parts = [
    h.rectified_at !== null ? `${zhDate(Number(h.rectified_at))}整改完毕` : '尚未整改完毕',
    h.verified_at !== null ? `${zhDate(Number(h.verified_at))}经${h.verified_by_name ?? ''}验收` : null,
    h.verification_note,
    h.closed_at !== null ? `${zhDate(Number(h.closed_at))}销号` : null,
  ].filter(Boolean);
  return { description: f.description, deadline: f.deadline, state, done, detail: `${done ? '复查合格。' : '复查不合格，继续整改。'}${parts.join('；')}` };
}

/** Enforcement documents (执法文书) of completed inspections and closed cases, as PDF streams. */
export function createEnforcementDocuments(deps: Pick<Deps, 'store' | 'regions' | 'now'>) {
  const { db } = deps.store;

  async function readable(actor: Principal, id: string): Promise<InspectionsTable> {
    requirePermission(actor, 'enforcement.read');
    const r = await findInspection(db, id);
    if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Inspection ${id} not found (检查记录不存在)`);
    if (r.state !== 'completed' || !r.record_number || r.completed_at === null) {
      throw new Conflict(`Inspection ${id} is not completed yet: its documents are numbered and printed once it is completed (检查尚未完成，文书未编号，不能打印)`, { state: r.state }, 'not_completed');
    }
    return r;
  }

  async function paper(r: InspectionsTable): Promise<InspectionPaper & { findingIds: string[]; hazardIds: (string | null)[] }> {
    const [site, enterprise, findings] = await Promise.all([findSite(db, r.site_id), r.enterprise_id ? findEnterprise(db, r.enterprise_id) : undefined, findingsOf(db, r.id)]);
    return {
      authority: authorityName(deps.regions, r.issuer_region),
      recordNumber: r.record_number!,
      orderNumber: r.order_number,
      kind: r.kind,
      at: Number(r.at),
      completedAt: Number(r.completed_at),
      inspectors: r.inspectors ? (JSON.parse(r.inspectors) as string[]) : [],
      notes: r.notes,
      enterprise: { name: enterprise?.name ?? '', address: enterprise?.address ?? null, creditCode: enterprise?.creditCode ?? null, principal: enterprise?.principal.name ?? null, phone: enterprise?.principal.phone ?? null },
      site: { name: site?.name ?? r.site_id, code: site?.code ?? '', kind: site?.kind ?? '' },
      findings: findings.map((f) => ({ description: f.description, grade: f.grade, basis: f.basis, deadline: f.deadline })),
      findingIds: findings.map((f) => f.id),
      hazardIds: findings.map((f) => f.hazard_id),
    };
  }

  function needOrder(p: InspectionPaper): string {
    if (!p.orderNumber) throw new Conflict('This inspection found nothing to rectify: no order to rectify was issued (本次检查未发现问题，未出具责令限期整改指令书)', undefined, 'no_order');
    return p.orderNumber;
  }

  async function review(p: Awaited<ReturnType<typeof paper>>, inspectionId: string) {
    const hazards = await hazardsOfInspection(db, inspectionId, p.findingIds, p.hazardIds.filter((h): h is string => h !== null));
    const used = new Set<string>();
    const pick = (i: number) => {
      const h = hazards.find((x) => !used.has(x.id) && (x.id === p.hazardIds[i] || x.source_ref === p.findingIds[i]));
      if (h) used.add(h.id);
      return h;
    };
    const matched = p.findings.map((_, i) => pick(i));
    // Hazards opened from the inspection as a whole follow the findings they describe, in order.
    const loose = hazards.filter((h) => !used.has(h.id) && h.source_ref === inspectionId);
    const lines = p.findings.map((f, i) => reviewLine(f, matched[i] ?? loose.shift()));
    for (const h of loose) lines.push(reviewLine({ description: h.description, grade: h.grade, basis: null, deadline: null }, h));
    const reviewedAt = Math.max(p.completedAt, ...hazards.map((h) => Number(h.verified_at ?? h.updated_at)));
    return { lines, reviewedAt };
  }

  async function printDecision(p: PenaltiesTable | null, c: CaseRow | null): Promise<PrintedDocument> {
    const enterpriseId = p?.enterprise_id ?? c?.enterprise ?? null;
    const siteId = p?.site_id ?? c?.site ?? null;
    const [enterprise, site, inspection] = await Promise.all([
      enterpriseId ? findEnterprise(db, enterpriseId) : undefined,
      siteId ? findSite(db, siteId) : undefined,
      p?.inspection_id ? findInspection(db, p.inspection_id) : undefined,
    ]);
    const penaltyLabel = p ? (PENALTY_KIND_LABELS[p.kind as PenaltyKind]?.zh ?? p.kind) : null;
    const paper: DecisionPaper = {
      authority: authorityName(deps.regions, p?.issuer_region ?? c!.region),
      number: p?.number ?? null,
      caseId: c?.id ?? null,
      kind: c ? (CASE_KIND_LABELS[c.kind as CaseKind]?.zh ?? c.kind) : '违法行为',
      title: c?.title ?? p!.violation,
      description: p?.violation ?? c?.description ?? null,
      outcome: p ? `${penaltyLabel}${p.amount !== null ? `人民币 ${p.amount.toLocaleString('zh-CN')} 元` : ''}。` : c!.outcome!,
      openedAt: c?.openedAt ?? (inspection ? Number(inspection.at) : p!.decided_at),
      closedAt: p?.decided_at ?? c!.closedAt!,
      party: enterprise ? { name: enterprise.name, address: enterprise.address, creditCode: enterprise.creditCode, principal: enterprise.principal.name } : null,
      suspect: c?.suspect ?? null,
      site: site ? `${site.name}（${site.code}）` : null,
      evidenceCount: c?.evidence.length ?? 0,
      referrals: (c?.referrals ?? []).map((r) => ({ to: REFERRAL_TARGET_LABELS[r.to as ReferralTarget]?.zh ?? r.to, reason: r.reason, reference: r.reference, reply: r.reply })),
      legalBasis: p ? p.law : null,
      provision: p ? `${p.law}${p.article}` : null,
      amount: p?.amount ?? null,
    };
    const name = p?.number ?? c!.id;
    return { fileName: documentFileName('行政处罚决定书', name), stream: writeLater(createPdf({ title: `行政处罚决定书 ${p?.number ?? c!.title}` }), (pdf) => renderDecision(pdf, paper)) };
  }

  return {
    async inspection(actor: Principal, id: string, kind: InspectionDocumentKind): Promise<PrintedDocument> {
      const p = await paper(await readable(actor, id));
      if (kind === 'record') {
        return { fileName: documentFileName('现场检查记录', p.recordNumber), stream: writeLater(createPdf({ title: `现场检查记录 ${p.recordNumber}` }), (pdf) => renderRecord(pdf, p)) };
      }
      const orderNumber = needOrder(p);
      if (kind === 'order') {
        return { fileName: documentFileName('责令限期整改指令书', orderNumber), stream: writeLater(createPdf({ title: `责令限期整改指令书 ${orderNumber}` }), (pdf) => renderOrder(pdf, { ...p, orderNumber })) };
      }
      const { lines, reviewedAt } = await review(p, id);
      // The review answers its order one to one, so it carries the order's number under its own mark.
      const reviewNumber = orderNumber.replace('责改', '复查');
      return {
        fileName: documentFileName('整改复查意见书', reviewNumber),
        stream: writeLater(createPdf({ title: `整改复查意见书 ${reviewNumber}` }), (pdf) => renderReview(pdf, { ...p, orderNumber, reviewNumber, lines, reviewedAt })),
      };
    },

    /** 行政处罚决定书 of a closed case (investigations are the supervisors' business, as for the case itself). */
    async decision(actor: Principal, id: string): Promise<PrintedDocument> {
      requirePermission(actor, 'enforcement.read');
      if (actor.enterpriseId) throw new Forbidden('Illegal-activity cases are not shown to enterprise accounts (案件信息仅限监管人员)');
      const c = await findCase(db, id);
      if (!c || !canSee(actor, { regionCode: c.region, enterpriseId: c.enterprise })) throw new NotFound(`Case ${id} not found (案件不存在)`);
      if (c.state !== 'closed' || !c.outcome || c.closedAt === null) {
        throw new Conflict(`Case ${id} is not closed: the decision is printed with its outcome once the case is closed (案件尚未结案，不能打印处罚决定书)`, { state: c.state }, 'not_closed');
      }
      // The case's penalty, when one was decided, gives the decision its number, basis and amount.
      return printDecision((await latestPenaltyOfCase(db, c.id)) ?? null, c);
    },

    /** 行政处罚决定书 of a penalty, with its number, legal basis and amount; the party may read its own. */
    async penaltyDecision(actor: Principal, id: string): Promise<PrintedDocument> {
      requirePermission(actor, 'enforcement.read');
      const p = await findPenalty(db, id);
      if (!p || !canSee(actor, { regionCode: p.region_code, enterpriseId: p.enterprise_id })) throw new NotFound(`Penalty ${id} not found (处罚决定不存在)`);
      const c = p.case_id ? await findCase(db, p.case_id) : undefined;
      return printDecision(p, c ?? null);
    },
  };

}

export type EnforcementDocuments = ReturnType<typeof createEnforcementDocuments>;
