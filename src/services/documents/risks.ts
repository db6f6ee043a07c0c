import QRCode from 'qrcode';
import { canSee, requirePermission, type Principal } from '../../domain/access/policy.ts';
import { CONTROL_LEVEL_LABELS, KEY_OPERATION_LABELS, MEASURE_KIND_LABELS, type ControlLevel, type KeyOperation, type MeasureKind } from '../../domain/dualprev/catalogue.ts';
import { RISK_LEVEL_LABELS, RISK_LEVELS, type RiskLevel } from '../../domain/dualprev/risk-levels.ts';
import { NotFound } from '../../domain/errors.ts';
import { risksOfSite } from '../../store/repos/documents.ts';
import { findRisk, type RiskRow } from '../../store/repos/dualprev/risks.ts';
import { findEnterprise, type Enterprise } from '../../store/repos/enterprises.ts';
import { findSite, type Site } from '../../store/repos/sites.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import type { PrintedDocument } from './enforcement.ts';
import { documentFileName } from './format.ts';
import { createPdf, writeLater } from './pdf.ts';
import { renderRiskBoard, renderRiskCard, type RiskPaper, type SitePaper } from './render-risks.ts';

interface Measure {
  kind: MeasureKind;
  text: string;
  person?: string | null;
}

const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);
const RANK = new Map(RISK_LEVELS.map((l, i) => [l, i]));

/** Where a card's QR code leads: the web app's public page of the card. */
export function cardUrl(base: string, id: string): string {
  return `${base.replace(/\/+$/, '')}/public/risk-card/${encodeURIComponent(id)}`;
}

/** The post a card is for: the process or post (工艺/岗位), else the area, else the risk point's name. */
const postOf = (r: RiskRow) => r.process ?? r.area ?? r.name;

/** A card's current content as anyone who scans it may read it: no people, no phones, no ids of the hierarchy. */
function publicCard(r: RiskRow, site: Site | undefined, enterprise: Enterprise | undefined) {
  const measures = json<Measure[]>(r.measures, []);
  const level = r.level as RiskLevel;
  return {
    id: r.id,
    enterprise: enterprise?.name ?? null,
    site: site?.name ?? null,
    post: postOf(r),
    area: r.area,
    name: r.name,
    level,
    levelLabel: RISK_LEVEL_LABELS[level]?.zh ?? r.level,
    colour: RISK_LEVEL_LABELS[level]?.colour ?? null,
    hazards: json<string[]>(r.hazard_factors, []),
    accidentTypes: json<string[]>(r.accident_types, []),
    measures: measures.filter((m) => m.kind !== 'emergency').map((m) => ({ kind: m.kind, kindLabel: MEASURE_KIND_LABELS[m.kind] ?? m.kind, text: m.text })),
    emergency: measures.filter((m) => m.kind === 'emergency').map((m) => m.text),
    assessedAt: Number(r.assessed_at),
    version: r.version,
  };
}
export type PublicRiskCard = ReturnType<typeof publicCard>;

/** Dual-prevention documents: the site's risk notice board and its post risk cards with QR codes. */
export function createRiskDocuments(deps: Pick<Deps, 'store'>, sites: Pick<SiteService, 'visible'>) {
  const { db } = deps.store;

  async function siteOf(actor: Principal, idOrCode: string) {
    requirePermission(actor, 'dualprev.read');
    const site = await sites.visible(actor, idOrCode);
    return { site, enterprise: await findEnterprise(db, site.enterprise) };
  }

  function sitePaper(site: Site, e: Enterprise | undefined): SitePaper {
    return {
      enterprise: e?.name ?? '',
      site: site.name,
      siteCode: site.code,
      principal: { name: e?.principal.name ?? null, phone: e?.principal.phone ?? null },
      safetyOfficer: { name: e?.safetyOfficer.name ?? null, phone: e?.safetyOfficer.phone ?? null },
    };
  }

  /** The enterprise's register of people (principal, safety officer, contacts) gives the phones. */
  function phoneOf(e: Enterprise | undefined, name: string): string | null {
    if (!e) return null;
    const known = [e.principal, e.safetyOfficer, ...e.contacts.map((c) => ({ name: c.name, phone: c.phone ?? null }))];
    return known.find((p) => p.name === name && p.phone)?.phone ?? null;
  }

  function paper(r: RiskRow, e: Enterprise | undefined): RiskPaper {
    const measures = json<Measure[]>(r.measures, []);
    const names = [...new Set([r.person, ...measures.map((m) => m.person)].filter((n): n is string => !!n?.trim()))];
    return {
      id: r.id,
      name: r.name,
      post: postOf(r),
      area: r.area,
      operation: r.operation ? (KEY_OPERATION_LABELS[r.operation as KeyOperation] ?? r.operation) : null,
      level: r.level as RiskLevel,
      hazards: json<string[]>(r.hazard_factors, []),
      accidentTypes: json<string[]>(r.accident_types, []),
      measures: measures.filter((m) => m.kind !== 'emergency').map((m) => ({ kind: MEASURE_KIND_LABELS[m.kind] ?? m.kind, text: m.text, person: m.person ?? null })),
      emergency: measures.filter((m) => m.kind === 'emergency').map((m) => m.text),
      controlLevel: r.control_level ? (CONTROL_LEVEL_LABELS[r.control_level as ControlLevel] ?? r.control_level) : null,
      department: r.department,
      people: names.map((name) => ({ name, phone: phoneOf(e, name) })),
      assessedAt: Number(r.assessed_at),
      version: r.version,
    };
  }

  async function qr(base: string, id: string) {
    const url = cardUrl(base, id);
    return { url, png: await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 320 }) };
  }

  return {
    async board(actor: Principal, siteRef: string): Promise<PrintedDocument> {
      const { site, enterprise } = await siteOf(actor, siteRef);
      const risks = (await risksOfSite(db, site.id)).map((r) => paper(r, enterprise));
      risks.sort((a, b) => RANK.get(a.level)! - RANK.get(b.level)!);
      const pdf = createPdf({ title: `安全风险公告栏 ${site.name}` });
      return { fileName: documentFileName('安全风险公告栏', site.code), stream: writeLater(pdf, (p) => renderRiskBoard(p, sitePaper(site, enterprise), risks)) };
    },

    async card(actor: Principal, id: string, base: string): Promise<PrintedDocument> {
      requirePermission(actor, 'dualprev.read');
      const r = await findRisk(db, id);
      if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Risk ${id} not found (风险点不存在)`);
      const [site, enterprise] = await Promise.all([findSite(db, r.site_id), findEnterprise(db, r.enterprise_id)]);
      const code = await qr(base, r.id);
      const pdf = createPdf({ title: `岗位安全风险告知卡 ${postOf(r)}` });
      const sp = site ? sitePaper(site, enterprise) : { enterprise: enterprise?.name ?? '', site: '', siteCode: '', principal: { name: null, phone: null }, safetyOfficer: { name: null, phone: null } };
      return { fileName: documentFileName('岗位安全风险告知卡', postOf(r)), stream: writeLater(pdf, (p) => renderRiskCard(p, sp, paper(r, enterprise), code)) };
    },

    /** Every card of a site in one PDF, a page each, written page by page as the reader takes them. */
    async siteCards(actor: Principal, siteRef: string, base: string): Promise<PrintedDocument> {
      const { site, enterprise } = await siteOf(actor, siteRef);
      const rows = await risksOfSite(db, site.id);
      const sp = sitePaper(site, enterprise);
      const pdf = createPdf({ title: `岗位安全风险告知卡 ${site.name}`, pageNumbers: 'page' });
      const stream = writeLater(pdf, async (p) => {
        if (!rows.length) p.paragraph('本场所尚未登记风险点。');
        for (const [i, r] of rows.entries()) {
          if (i > 0) p.newPage();
          renderRiskCard(p, sp, paper(r, enterprise), await qr(base, r.id));
          if (!(await p.drain())) return;
        }
      });
      return { fileName: documentFileName('岗位安全风险告知卡', site.code), stream };
    },

    /** What a scanned card shows: the risk's content now, whoever scans it. */
    async publicCard(id: string): Promise<PublicRiskCard> {
      const r = await findRisk(db, id);
      if (!r) throw new NotFound(`Risk card ${id} not found (告知卡不存在)`);
      const [site, enterprise] = await Promise.all([findSite(db, r.site_id), findEnterprise(db, r.enterprise_id)]);
      return publicCard(r, site, enterprise);
    },
  };
}

export type RiskDocuments = ReturnType<typeof createRiskDocuments>;
