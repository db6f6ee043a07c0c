import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Principal } from '../../domain/access/policy.ts';
import { HAZARD_GRADE_LABELS, HAZARD_SOURCE_LABELS, HAZARD_STATE_LABELS, type HazardGrade, type HazardSource, type HazardState } from '../../domain/dualprev/index.ts';
import type { Executor } from '../../store/db.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { HazardService, HazardView } from './hazards.ts';

/**
 * The hazard ledger (隐患台账) and its statistics as Excel workbooks, written row by row as pages of
 * the ledger are read: the whole ledger is never in memory. Access is the ledger's own (list, stats).
 */
export const HAZARD_LEDGER_COLUMNS = [
  { header: '隐患编号', key: 'id', width: 38 },
  { header: '矿山/尾矿库', key: 'site', width: 20 },
  { header: '隐患描述', key: 'description', width: 48 },
  { header: '隐患部位', key: 'location', width: 18 },
  { header: '隐患等级', key: 'grade', width: 10 },
  { header: '判定依据', key: 'criterion', width: 16 },
  { header: '隐患来源', key: 'source', width: 12 },
  { header: '登记时间', key: 'created', width: 12 },
  { header: '整改期限', key: 'deadline', width: 12 },
  { header: '整改措施', key: 'measures', width: 36 },
  { header: '整改资金（元）', key: 'funds', width: 14 },
  { header: '责任人员', key: 'people', width: 16 },
  { header: '状态', key: 'state', width: 10 },
  { header: '整改完成时间', key: 'rectified', width: 14 },
  { header: '验收人', key: 'verifier', width: 12 },
  { header: '销号时间', key: 'closed', width: 12 },
  { header: '是否逾期', key: 'overdue', width: 10 },
  { header: '挂牌督办', key: 'supervision', width: 28 },
] as const;

const PAGE = 500;
const CST = 8 * 3_600_000;
const day = (t: number | null) => (t === null ? '' : new Date(t + CST).toISOString().slice(0, 10));

function ledgerRow(h: HazardView, site: string) {
  const plan = h.plan as { measures?: string; funds?: number | null; people?: string | null } | null;
  return {
    id: h.id,
    site,
    description: h.description,
    location: h.location ?? '',
    grade: HAZARD_GRADE_LABELS[h.grade as HazardGrade]?.zh ?? h.grade,
    criterion: h.criterion ?? '',
    source: HAZARD_SOURCE_LABELS[h.source as HazardSource] ?? h.source,
    created: day(h.createdAt),
    deadline: day(h.deadline),
    measures: plan?.measures ?? '',
    funds: plan?.funds ?? '',
    people: plan?.people ?? '',
    state: HAZARD_STATE_LABELS[h.state as HazardState]?.zh ?? h.state,
    rectified: day(h.rectifiedAt),
    verifier: h.verifiedByName ?? '',
    closed: day(h.closedAt),
    overdue: h.overdue ? `逾期${h.daysOverdue ?? ''}天` : '',
    supervision: h.supervision ? `${h.supervision.body}：${h.supervision.order}（${day(h.supervision.deadline)}前）${h.supervisionAcceptance ? '，已验收摘牌' : ''}` : '',
  };
}

type LedgerQuery = Parameters<HazardService['list']>[1];
type StatsQuery = Parameters<HazardService['stats']>[1];

export function createHazardExport(db: Executor, hazards: Pick<HazardService, 'list' | 'stats'>) {
  /** Sites by name and code, read once per workbook. */
  function siteNames() {
    const names = new Map<string, string>();
    return async (id: string) => {
      if (!names.has(id)) {
        const s = await findSite(db, id);
        names.set(id, s ? `${s.name}（${s.code}）` : id);
      }
      return names.get(id)!;
    };
  }

  /** Streams the workbook; `fill` writes its rows, and a failure ends the stream with the error. */
  function stream(fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Readable {
    const out = new PassThrough();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    void (async () => {
      try {
        await fill(wb);
        await wb.commit();
      } catch (err) {
        out.destroy(err as Error);
      }
    })();
    return out;
  }

  return {
    /** The ledger in the caller's scope and filters, newest first. */
    async ledger(actor: Principal, q: Omit<LedgerQuery, 'limit' | 'offset'>): Promise<Readable> {
      // The first page is read before answering, so that access and filter errors are HTTP errors.
      const first = await hazards.list(actor, { ...q, limit: PAGE, offset: 0 });
      return stream(async (wb) => {
        const ws = wb.addWorksheet('隐患台账');
        ws.columns = HAZARD_LEDGER_COLUMNS.map((c) => ({ ...c }));
        ws.getRow(1).font = { bold: true };
        const siteName = siteNames();
        let page = first;
        for (let offset = 0; ; ) {
          for (const h of page.items) ws.addRow(ledgerRow(h, await siteName(h.site))).commit();
          offset += page.items.length;
          if (page.items.length < PAGE || offset >= page.total) break;
          page = await hazards.list(actor, { ...q, limit: PAGE, offset });
        }
        ws.commit();
      });
    },

    /** Found, rectified, overdue and the on-time rate, in total and by grade. */
    async stats(actor: Principal, q: StatsQuery): Promise<Readable> {
      const s = await hazards.stats(actor, q);
      return stream(async (wb) => {
        const ws = wb.addWorksheet('隐患统计');
        ws.columns = [
          { header: '类别', key: 'label', width: 14 },
          { header: '排查发现', key: 'found', width: 12 },
          { header: '已整改', key: 'rectified', width: 12 },
          { header: '按期整改', key: 'onTime', width: 12 },
          { header: '逾期', key: 'overdue', width: 10 },
          { header: '按期整改率', key: 'rate', width: 12 },
        ];
        ws.getRow(1).font = { bold: true };
        const row = (label: string, t: typeof s) => ({ label, found: t.found, rectified: t.rectified, onTime: t.onTime, overdue: t.overdue, rate: t.onTimeRate === null ? '—' : `${(t.onTimeRate * 100).toFixed(1)}%` });
        ws.addRow(row('合计', s)).commit();
        ws.addRow(row('一般隐患', { ...s, ...s.byGrade.general })).commit();
        ws.addRow(row('重大隐患', { ...s, ...s.byGrade.major })).commit();
        ws.addRow({}).commit();
        ws.addRow({ label: `统计区间：${day(s.from)} 至 ${day(s.to - 1)}（北京时间）` }).commit();
        ws.commit();
      });
    },
  };
}

export type HazardExport = ReturnType<typeof createHazardExport>;
