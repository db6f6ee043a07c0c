import type { Pdf } from './pdf.ts';
import { zhCalendarDate, zhDate, zhDateTime } from './format.ts';

/** What the three documents of an inspection print. */
export interface InspectionPaper {
  authority: string;
  recordNumber: string;
  orderNumber: string | null;
  kind: string;
  at: number;
  completedAt: number;
  inspectors: string[];
  notes: string | null;
  enterprise: { name: string; address: string | null; creditCode: string | null; principal: string | null; phone: string | null };
  site: { name: string; code: string; kind: string };
  findings: { description: string; grade: string; basis: string | null; deadline: string | null }[];
}

export const INSPECTION_KIND_ZH: Record<string, string> = { planned: '计划检查', unscheduled: '不定期检查（重点时段）', in_depth: '解剖式执法检查' };
export const FINDING_GRADE_ZH: Record<string, string> = { general: '一般隐患', major: '重大隐患' };
const SITE_KIND_ZH: Record<string, string> = { underground: '地下矿山', open_pit: '露天矿山', tailings_pond: '尾矿库' };

const orBlank = (s: string | null | undefined) => (s?.trim() ? s : '');

function party(pdf: Pdf, p: InspectionPaper) {
  pdf.fields([
    { label: '被检查单位', value: p.enterprise.name, wide: true },
    { label: '地址', value: p.enterprise.address, wide: true },
    { label: '统一社会信用代码', value: p.enterprise.creditCode },
    { label: '主要负责人', value: p.enterprise.principal },
    { label: '检查场所', value: `${p.site.name}（${p.site.code}）` },
    { label: '场所类别', value: SITE_KIND_ZH[p.site.kind] ?? p.site.kind },
  ]);
}

/** 现场检查记录 */
export function renderRecord(pdf: Pdf, p: InspectionPaper) {
  pdf.title('现场检查记录');
  pdf.number(p.recordNumber);
  party(pdf, p);
  pdf.fields([
    { label: '检查时间', value: zhDateTime(p.at) },
    { label: '检查类别', value: INSPECTION_KIND_ZH[p.kind] ?? p.kind },
    { label: '检查人员', value: p.inspectors.join('、'), wide: true },
    { label: '执法机关', value: p.authority, wide: true },
  ]);
  pdf.heading('检查情况');
  pdf.paragraph(orBlank(p.notes) || `我局执法人员出示执法证件，表明身份，依法对${p.enterprise.name}${p.site.name}进行了现场检查。`, { indent: true });
  if (p.findings.length) {
    pdf.paragraph(`检查发现下列问题（共 ${p.findings.length} 项）：`);
    pdf.table(
      [
        { header: '序号', width: 0.6, align: 'center' },
        { header: '检查发现的问题', width: 3.7 },
        { header: '等级', width: 1.1, align: 'center' },
        { header: '依据', width: 2.4 },
        { header: '整改期限', width: 2, align: 'center' },
      ],
      p.findings.map((f, i) => [String(i + 1), f.description, FINDING_GRADE_ZH[f.grade] ?? f.grade, orBlank(f.basis), zhCalendarDate(f.deadline)]),
    );
  } else {
    pdf.paragraph('本次检查未发现安全生产违法行为和事故隐患。', { indent: true });
  }
  pdf.signatures([
    { label: '检查人员（签名）', below: ['年　　月　　日'] },
    { label: '被检查单位负责人（签名）', below: ['年　　月　　日'] },
  ]);
}

/** 责令限期整改指令书 */
export function renderOrder(pdf: Pdf, p: InspectionPaper & { orderNumber: string }) {
  pdf.title('责令限期整改指令书');
  pdf.number(p.orderNumber);
  pdf.paragraph(`${p.enterprise.name}：`, { bold: true });
  pdf.paragraph(`${zhDate(p.at)}，本机关执法人员（${p.inspectors.join('、')}）依法对你单位${p.site.name}进行了现场检查（现场检查记录 ${p.recordNumber}）。经查，你单位存在下列问题：`, { indent: true });
  pdf.table(
    [
      { header: '序号', width: 0.6, align: 'center' },
      { header: '存在的问题', width: 4 },
      { header: '违反的规定', width: 2.7 },
      { header: '整改期限', width: 2, align: 'center' },
    ],
    p.findings.map((f, i) => [String(i + 1), `${f.description}${f.grade === 'major' ? '（重大隐患）' : ''}`, orBlank(f.basis), zhCalendarDate(f.deadline) || '立即整改']),
  );
  pdf.paragraph('现责令你单位对上述问题于所列期限内整改完毕，达到有关法律法规规章和标准规定的要求。由此造成事故的，依法追究有关人员的责任。整改期间，你单位应当采取措施，确保安全生产。对安全生产违法行为，将依法予以行政处罚。', { indent: true });
  pdf.paragraph('如果不服本指令，可以依法在六十日内申请行政复议，或者在六个月内依法向人民法院提起行政诉讼，但本指令不停止执行，法律另有规定的除外。', { indent: true });
  pdf.signatures([
    { label: '安全生产监管执法人员（签名）', below: ['年　　月　　日'] },
    { label: '被检查单位负责人（签收）', below: ['年　　月　　日'] },
  ]);
  pdf.paragraph(`${p.authority}（印章）`, { align: 'right' });
  pdf.paragraph(zhDate(p.completedAt), { align: 'right' });
}

/** One finding's follow-up, from the hazard ledger. */
export interface ReviewLine {
  description: string;
  deadline: string | null;
  /** 已销号, 已验收, 待验收, 整改中, 已登记, or a note that nothing was recorded. */
  state: string;
  done: boolean;
  detail: string;
}

/** 整改复查意见书 */
export function renderReview(pdf: Pdf, p: InspectionPaper & { orderNumber: string; reviewNumber: string; lines: ReviewLine[]; reviewedAt: number }) {
  pdf.title('整改复查意见书');
  pdf.number(p.reviewNumber);
  pdf.paragraph(`${p.enterprise.name}：`, { bold: true });
  pdf.paragraph(`本机关于${zhDate(p.completedAt)}作出了《责令限期整改指令书》（${p.orderNumber}），经对你单位${p.site.name}的整改情况进行复查，提出如下意见：`, { indent: true });
  pdf.table(
    [
      { header: '序号', width: 0.6, align: 'center' },
      { header: '问题', width: 3.4 },
      { header: '整改期限', width: 2, align: 'center' },
      { header: '整改情况', width: 1.3, align: 'center' },
      { header: '复查结论', width: 2.6 },
    ],
    p.lines.map((l, i) => [String(i + 1), l.description, zhCalendarDate(l.deadline), l.state, l.detail]),
  );
  const open = p.lines.map((l, i) => (l.done ? null : i + 1)).filter((n): n is number => n !== null);
  pdf.heading('复查意见');
  pdf.paragraph(
    open.length
      ? `经复查，第 ${open.join('、')} 项问题尚未整改完毕（或未经验收），责令你单位继续整改，整改完毕后报本机关复查；逾期未整改的，依法予以处理。其余问题已整改完毕。`
      : '经复查，上述问题已全部整改完毕并经验收，符合有关法律法规规章和标准规定的要求。',
    { indent: true },
  );
  pdf.signatures([
    { label: '安全生产监管执法人员（签名）', below: ['年　　月　　日'] },
    { label: '被复查单位负责人（签收）', below: ['年　　月　　日'] },
  ]);
  pdf.paragraph(`${p.authority}（印章）`, { align: 'right' });
  pdf.paragraph(zhDate(p.reviewedAt), { align: 'right' });
}
