import type { Pdf } from './pdf.ts';
import { zhDate } from './format.ts';

/**
 * What an administrative penalty decision (行政处罚决定书) prints: drawn from the penalty record, with
 * its number, legal basis and amount. A closed case with no penalty recorded still prints, with those
 * lines left blank to be written in by hand before it is sealed.
 */
export interface DecisionPaper {
  authority: string;
  /** The decision's number (文号) when a penalty was recorded. */
  number: string | null;
  caseId: string | null;
  kind: string;
  title: string;
  description: string | null;
  outcome: string;
  openedAt: number;
  closedAt: number;
  party: { name: string; address: string | null; creditCode: string | null; principal: string | null } | null;
  suspect: string | null;
  site: string | null;
  evidenceCount: number;
  referrals: { to: string; reason: string; reference: string | null; reply: string | null }[];
  legalBasis: string | null;
  provision: string | null;
  amount: number | null;
}

const HAND = '＿＿＿＿＿＿＿＿＿＿＿＿';

export function renderDecision(pdf: Pdf, p: DecisionPaper) {
  pdf.title('行政处罚决定书');
  pdf.number(p.number ? `${p.number}${p.caseId ? `（案件编号：${p.caseId}）` : ''}` : `案件编号：${p.caseId ?? ''}`);
  pdf.fields([
    { label: '被处罚单位', value: p.party?.name ?? p.suspect, wide: true },
    ...(p.party && p.suspect ? [{ label: '当事人', value: p.suspect, wide: true }] : []),
    { label: '地址', value: p.party?.address, wide: true },
    { label: '统一社会信用代码', value: p.party?.creditCode },
    { label: '主要负责人', value: p.party?.principal },
    { label: '案由', value: `${p.kind}：${p.title}`, wide: true },
    { label: '涉及场所', value: p.site, wide: true },
    { label: p.number ? '违法行为发现日期' : '立案日期', value: zhDate(p.openedAt) },
    { label: p.number ? '决定日期' : '结案日期', value: zhDate(p.closedAt) },
  ]);
  pdf.heading('违法事实及证据');
  pdf.paragraph(p.description?.trim() || '（案件未记载违法事实）', { indent: true });
  pdf.paragraph(`以上事实有现场检查、调查取证材料等证据证实（案卷附证据 ${p.evidenceCount} 件）。`, { indent: true });
  if (p.referrals.length) {
    pdf.heading('移送情况');
    pdf.table(
      [
        { header: '移送机关', width: 1.6 },
        { header: '移送事由', width: 3 },
        { header: '文号', width: 1.6 },
        { header: '回复', width: 2.6 },
      ],
      p.referrals.map((r) => [r.to, r.reason, r.reference ?? '', r.reply ?? '尚未回复']),
    );
  }
  pdf.heading('处罚决定');
  pdf.paragraph(`以上事实违反了${p.legalBasis ?? HAND}的规定，依据${p.provision ?? HAND}的规定，决定给予以下行政处罚：`, { indent: true });
  pdf.paragraph(p.outcome, { indent: true });
  pdf.paragraph(`罚款金额：${p.amount === null ? HAND : `人民币 ${p.amount.toLocaleString('zh-CN')} 元`}`, { indent: true });
  pdf.paragraph('罚款限你单位自收到本决定书之日起十五日内缴至指定银行，到期不缴的，每日按罚款数额的百分之三加处罚款。', { indent: true });
  pdf.paragraph('如果不服本决定，可以依法在六十日内申请行政复议，或者在六个月内依法向人民法院提起行政诉讼，但本决定不停止执行，法律另有规定的除外。', { indent: true });
  pdf.signatures([{ label: '当事人（签收）', below: ['年　　月　　日'] }, { label: '执法人员（签名）', below: ['年　　月　　日'] }]);
  pdf.paragraph(`${p.authority}（印章）`, { align: 'right' });
  pdf.paragraph(zhDate(p.closedAt), { align: 'right' });
}
