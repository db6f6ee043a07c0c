import type { Principal } from '../../domain/access/policy.ts';
import type { UnitEvaluation } from '../../domain/campaign/evaluation.ts';
import { round1 } from '../../domain/campaign/rollup.ts';
import type { CampaignService } from '../campaign/ledger-campaigns.ts';
import type { LedgerDeps } from '../campaign/ledger-common.ts';
import type { RoundService } from '../campaign/ledger-rounds.ts';
import type { PrintedDocument } from './enforcement.ts';
import { authorityName, documentFileName, zhDate } from './format.ts';
import { createPdf, writeLater, type Pdf } from './pdf.ts';

export interface NoticePaper {
  campaign: string;
  issuer: string;
  date: string;
  level: 'city' | 'county';
  rows: UnitEvaluation[];
}

const pct = (n: number) => `${n}%`;
const list = (names: string[]) => names.join('、');

/** The campaign's totals over the ranked units: what the opening paragraph reports. */
export function noticeTotals(rows: readonly UnitEvaluation[]) {
  const items = rows.reduce((s, r) => s + r.items, 0);
  const completed = rows.reduce((s, r) => s + r.completed, 0);
  const onTime = rows.reduce((s, r) => s + r.onTime, 0);
  const overdue = rows.reduce((s, r) => s + r.overdue, 0);
  const rate = (n: number) => (items ? round1((100 * n) / items) : 0);
  return { items, completed, completionRate: rate(completed), onTime, onTimeRate: rate(onTime), overdue };
}

/** The paragraphs of the notice, generated from the figures. */
export function noticeText(p: NoticePaper) {
  const t = noticeTotals(p.rows);
  const unit = p.level === 'city' ? '各市' : '各县（市、区）';
  const opening =
    `截至${p.date}，${p.campaign}共分解下达任务${t.items}项，已完成${t.completed}项，完成率${pct(t.completionRate)}，` +
    `按时完成率${pct(t.onTimeRate)}，逾期未完成${t.overdue}项。现将${unit}推进情况通报如下：`;
  const overdue = p.rows.filter((r) => r.overdue > 0);
  const best = p.rows.length ? p.rows.filter((r) => r.overdue === 0 && r.completed > 0 && r.completionRate === p.rows[0]!.completionRate && r.onTimeRate === p.rows[0]!.onTimeRate) : [];
  const closing: string[] = [];
  if (best.length) closing.push(`${list(best.map((r) => r.name))}任务推进有力，完成率${pct(best[0]!.completionRate)}、按时完成率${pct(best[0]!.onTimeRate)}，予以通报表扬。`);
  if (overdue.length) closing.push(`${list(overdue.map((r) => `${r.name}（逾期${r.overdue}项）`))}存在逾期未完成任务，要求限期整改，逐项明确责任人和完成时限，整改情况及时报送。`);
  else closing.push(`${unit}均无逾期未完成任务，要继续保持工作力度，确保按期完成全部任务。`);
  closing.push(`${unit}要对照通报排名查找差距，压实工作责任，确保专项整治各项任务按期落实到位。`);
  return { totals: t, opening, closing };
}

export function renderNotice(pdf: Pdf, p: NoticePaper) {
  const text = noticeText(p);
  pdf.title(`关于${p.campaign}推进情况的通报`, 18);
  pdf.number(`${p.issuer}　${p.date}`);
  pdf.paragraph(text.opening, { indent: true });
  pdf.table(
    [
      { header: '排名', width: 0.7, align: 'center' },
      { header: '地区', width: 1.6 },
      { header: '任务数', width: 0.9, align: 'right' },
      { header: '已完成', width: 0.9, align: 'right' },
      { header: '完成率', width: 1, align: 'right' },
      { header: '按时完成率', width: 1.2, align: 'right' },
      { header: '逾期', width: 0.8, align: 'right' },
      { header: '约谈/通报等问责措施', width: 1.6, align: 'right' },
    ],
    p.rows.length
      ? p.rows.map((r) => [String(r.rank), r.name, String(r.items), String(r.completed), pct(r.completionRate), pct(r.onTimeRate), String(r.overdue), r.pressureMeasures ? `${r.pressureMeasures}次` : '—'])
      : [['—', '尚未分解下达任务', '0', '0', '—', '—', '0', '—']],
    { size: 9.5 },
  );
  for (const c of text.closing) pdf.paragraph(c, { indent: true });
  pdf.signatures([{ label: '签发单位（盖章）', below: [p.issuer, p.date] }]);
}

/** 考评通报: the circulated notice of a campaign's evaluation by city or county, as a PDF. */
export function createCampaignNotice(deps: Pick<LedgerDeps, 'regions' | 'config' | 'now'>, campaigns: Pick<CampaignService, 'visible'>, rounds: Pick<RoundService, 'evaluation'>) {
  return {
    async notice(actor: Principal, campaignId: string, level: 'city' | 'county'): Promise<PrintedDocument> {
      const ev = await rounds.evaluation(actor, campaignId, level);
      const c = await campaigns.visible(actor, campaignId);
      const paper: NoticePaper = { campaign: c.name, issuer: authorityName(deps.regions, deps.config.region), date: zhDate(deps.now()), level, rows: ev.items };
      const pdf = createPdf({ title: `关于${c.name}推进情况的通报`, subject: '考评通报' });
      return { fileName: documentFileName('考评通报', c.name), stream: writeLater(pdf, (p) => renderNotice(p, paper)) };
    },
  };
}

export type CampaignNotice = ReturnType<typeof createCampaignNotice>;
