/**
 * The text of an inspection's documents: the on-site inspection record (现场检查记录) and the order
 * to rectify within a time limit (责令限期整改指令书). Pure: the lines to print, in order; the PDF
 * writer lays them out.
 */
import { chinaDate } from './dates.ts';

export interface DocumentFacts {
  number: string;
  issuer: string;
  enterprise: string;
  site: string;
  kind: string;
  at: number;
  completedAt: number;
  inspectors: string[];
  notes: string | null;
  findings: { description: string; grade: string; deadline: string | null; basis: string | null }[];
}

export interface DocumentText {
  title: string;
  lines: string[];
}

const KIND_ZH: Record<string, string> = { planned: '计划检查', unscheduled: '专项/突击检查', in_depth: '解剖式执法检查' };
const GRADE_ZH: Record<string, string> = { general: '一般隐患', major: '重大事故隐患' };
const dateZh = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function inspectionRecord(f: DocumentFacts): DocumentText {
  const lines = [
    `编号：${f.number}`,
    '',
    `被检查单位：${f.enterprise}`,
    `检查场所：${f.site}`,
    `检查类型：${KIND_ZH[f.kind] ?? f.kind}`,
    `检查时间：${dateZh(chinaDate(f.at))}`,
    `检查人员：${f.inspectors.join('、') || '—'}`,
    '',
    '检查情况：',
    f.notes ?? '（无）',
    '',
    '发现的问题：',
    ...(f.findings.length ? f.findings.map((x, i) => `${i + 1}. ${x.description}（${GRADE_ZH[x.grade] ?? x.grade}${x.deadline ? `，整改期限：${dateZh(x.deadline)}` : ''}）`) : ['未发现问题。']),
    '',
    `检查机关：${f.issuer}`,
    `日期：${dateZh(chinaDate(f.completedAt))}`,
  ];
  return { title: '现场检查记录', lines };
}

export function rectificationOrder(f: DocumentFacts): DocumentText {
  const deadlines = f.findings.map((x) => x.deadline).filter((d): d is string => !!d).sort();
  const lines = [
    `编号：${f.number}`,
    '',
    `${f.enterprise}：`,
    `经${dateZh(chinaDate(f.at))}对你单位${f.site}进行检查，发现存在下列问题：`,
    ...f.findings.map((x, i) => `${i + 1}. ${x.description}（${GRADE_ZH[x.grade] ?? x.grade}）${x.basis ? `，依据：${x.basis}` : ''}${x.deadline ? `，于${dateZh(x.deadline)}前整改完毕` : ''}`),
    '',
    `现责令你单位${deadlines.length ? `于${dateZh(deadlines[deadlines.length - 1]!)}前` : '限期'}整改完毕，达到有关法律法规规章和国家标准或者行业标准的要求。整改期间，你单位应当采取措施，确保安全生产。对逾期未整改的，将依法处理。`,
    '',
    '如果不服本指令，可以依法申请行政复议或者提起行政诉讼，但本指令不停止执行。',
    '',
    `${f.issuer}`,
    `${dateZh(chinaDate(f.completedAt))}`,
  ];
  return { title: '责令限期整改指令书', lines };
}
