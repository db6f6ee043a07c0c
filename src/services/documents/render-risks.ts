import { RISK_LEVELS, RISK_LEVEL_LABELS, type RiskLevel } from '../../domain/dualprev/risk-levels.ts';
import { zhDate } from './format.ts';
import { COLOURS, type Pdf } from './pdf.ts';

/** A risk point as the board and the cards print it. */
export interface RiskPaper {
  id: string;
  name: string;
  post: string;
  area: string | null;
  operation: string | null;
  level: RiskLevel;
  hazards: string[];
  accidentTypes: string[];
  measures: { kind: string; text: string; person: string | null }[];
  emergency: string[];
  controlLevel: string | null;
  department: string | null;
  /** Responsible people with their phones where the enterprise lists them. */
  people: { name: string; phone: string | null }[];
  assessedAt: number;
  version: number;
}

export interface SitePaper {
  enterprise: string;
  site: string;
  siteCode: string;
  principal: { name: string | null; phone: string | null };
  safetyOfficer: { name: string | null; phone: string | null };
}

const COLOUR_ZH = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' } as const;
/** 全国安全生产举报投诉电话. */
const REPORT_LINE = '12350';

export function levelLabel(level: RiskLevel): string {
  const l = RISK_LEVEL_LABELS[level];
  return `${l.zh}（${COLOUR_ZH[l.colour]}）`;
}

const peopleText = (people: RiskPaper['people']) => people.map((p) => (p.phone ? `${p.name} ${p.phone}` : p.name)).join('\n');
const numbered = (items: string[]) => items.map((s, i) => `${i + 1}. ${s}`).join('\n');
const person = (p: { name: string | null; phone: string | null }) => (p.name ? `${p.name}${p.phone ? `（${p.phone}）` : ''}` : null);

/** 安全风险公告栏: the site's risk points by level, each level under its colour band. */
export function renderRiskBoard(pdf: Pdf, site: SitePaper, risks: RiskPaper[]) {
  pdf.title('安全风险公告栏', 22);
  pdf.number(`${site.enterprise}　${site.site}（${site.siteCode}）`);
  const count = (l: RiskLevel) => risks.filter((r) => r.level === l).length;
  pdf.fields([
    { label: '风险点总数', value: `${risks.length} 处`, wide: true },
    { label: '风险分布', value: RISK_LEVELS.map((l) => `${RISK_LEVEL_LABELS[l].zh} ${count(l)} 处`).join('　'), wide: true },
    { label: '主要负责人', value: person(site.principal) },
    { label: '安全管理人员', value: person(site.safetyOfficer) },
    { label: '应急电话', value: `火警 119　急救 120${site.safetyOfficer.phone ? `　本单位 ${site.safetyOfficer.phone}` : ''}`, wide: true },
  ]);
  if (!risks.length) pdf.paragraph('本场所尚未登记风险点。', { indent: true });
  for (const level of RISK_LEVELS) {
    const rows = risks.filter((r) => r.level === level);
    if (!rows.length) continue;
    pdf.band(`${levelLabel(level)}　${rows.length} 处`, COLOURS[RISK_LEVEL_LABELS[level].colour]);
    pdf.table(
      [
        { header: '风险点（岗位/区域）', width: 1.6 },
        { header: '主要危险有害因素', width: 2 },
        { header: '可能导致的事故', width: 1.2 },
        { header: '管控措施', width: 2.6 },
        { header: '应急处置措施', width: 1.8 },
        { header: '责任人及电话', width: 1.4 },
      ],
      rows.map((r) => [
        [r.name, r.post, r.area].filter(Boolean).join('\n'),
        numbered(r.hazards),
        r.accidentTypes.join('、'),
        numbered(r.measures.map((m) => m.text)),
        numbered(r.emergency),
        peopleText(r.people),
      ]),
      { size: 8.5 },
    );
  }
  pdf.paragraph(`安全生产举报电话：${REPORT_LINE}`, { align: 'right', size: 9 });
}

/** 岗位安全风险告知卡: one page; the QR code opens the card's current content. */
export function renderRiskCard(pdf: Pdf, site: SitePaper, r: RiskPaper, qr: { png: Buffer; url: string }) {
  pdf.title('岗位安全风险告知卡', 22);
  pdf.number(`${site.enterprise}　${site.site}`);
  pdf.band(`风险等级：${levelLabel(r.level)}`, COLOURS[RISK_LEVEL_LABELS[r.level].colour], { height: 30, size: 15 });
  pdf.fields([
    { label: '岗位', value: r.post },
    { label: '区域', value: r.area },
    { label: '风险点', value: r.name },
    { label: '作业类别', value: r.operation },
    { label: '管控层级', value: r.controlLevel },
    { label: '责任部门', value: r.department },
    { label: '责任人', value: r.people.map((p) => (p.phone ? `${p.name}（${p.phone}）` : p.name)).join('、'), wide: true },
  ]);
  pdf.heading('主要危险有害因素');
  pdf.paragraph(numbered(r.hazards) || '—');
  pdf.heading('可能导致的事故');
  pdf.paragraph(r.accidentTypes.join('、') || '—');
  pdf.heading('管控措施');
  if (r.measures.length) {
    pdf.table(
      [
        { header: '类别', width: 1.3 },
        { header: '措施', width: 5 },
        { header: '责任人', width: 1.1 },
      ],
      r.measures.map((m) => [m.kind, m.text, m.person ?? '']),
      { size: 9.5 },
    );
  } else pdf.paragraph('—');
  pdf.heading('应急处置措施');
  pdf.paragraph(numbered(r.emergency) || '—');
  pdf.paragraph(`应急电话：火警 119　急救 120${site.safetyOfficer.phone ? `　安全管理人员 ${site.safetyOfficer.phone}` : ''}　举报 ${REPORT_LINE}`, { bold: true });
  pdf.image(qr.png, { width: 96, align: 'right', caption: '扫码查看本卡最新内容' });
  pdf.paragraph(`评估日期：${zhDate(r.assessedAt)}　版本：${r.version}　${qr.url}`, { size: 8, align: 'right' });
}
