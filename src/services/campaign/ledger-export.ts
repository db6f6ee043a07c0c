import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { requirePermission, type Principal } from '../../domain/access/policy.ts';
import { ASSIGNMENT_STATE_LABELS, type AssignmentState } from '../../domain/campaign/assignment-loop.ts';
import { TASK_STATE_LABELS, type TaskState } from '../../domain/campaign/task-loop.ts';
import { assignmentsOfTasks, type Assignment } from '../../store/repos/campaign/assignments.ts';
import { pageCampaignTasks, type Task } from '../../store/repos/campaign/tasks.ts';
import type { CampaignService } from './ledger-campaigns.ts';
import type { LedgerDeps } from './ledger-common.ts';
import type { TaskService } from './ledger-tasks.ts';

/** The ledger's columns (台账), in the order supervisors file them. */
export const LEDGER_COLUMNS = [
  { header: '编号', key: 'number', width: 10 },
  { header: '整治任务', key: 'task', width: 60 },
  { header: '责任单位', key: 'owner', width: 28 },
  { header: '完成时限', key: 'deadline', width: 14 },
  { header: '办理状态', key: 'status', width: 18 },
  { header: '佐证材料', key: 'evidence', width: 48 },
  { header: '备注', key: 'remarks', width: 36 },
] as const;

const PAGE = 500;

/** 台账 as an Excel workbook, written row by row as the tasks are read (the whole ledger is never in memory). */
export function createLedgerExport(deps: LedgerDeps, campaigns: CampaignService, tasks: TaskService) {
  const { db } = deps.store;
  const regionName = (code: string) => deps.regions.get(code)?.name ?? code;

  function row(t: Task, mine: Assignment[]) {
    const { progress } = tasks.progressOf(mine);
    const assignees = mine.filter((a) => !a.parentId || !mine.some((p) => p.id === a.parentId));
    const owner = [t.owner, ...assignees.map((a) => `${regionName(a.region)}${a.enterprise ? `（企业）` : ''}`)].filter(Boolean).join('；');
    const evidence = mine
      .filter((a) => a.evidence.text || a.evidence.files.length)
      .map((a) => `${regionName(a.region)}：${a.evidence.text ?? ''}${a.evidence.files.length ? `（附件${a.evidence.files.length}件）` : ''}`)
      .join('\n');
    const overdue = mine.filter((a) => a.overdueAt !== null && a.state !== 'accepted').map((a) => `${regionName(a.region)}逾期（${ASSIGNMENT_STATE_LABELS[a.state as AssignmentState] ?? a.state}）`);
    const remarks = [t.remarks, t.overdueAt !== null ? '任务逾期' : null, ...overdue].filter(Boolean).join('；');
    return {
      number: t.number,
      task: t.text,
      owner,
      deadline: t.deadline ?? t.deadlineText ?? '',
      status: `${TASK_STATE_LABELS[t.state as TaskState] ?? t.state}${progress === null ? '' : `（${progress}%）`}`,
      evidence,
      remarks,
    };
  }

  return {
    /** Checks access, then streams; the name is for Content-Disposition. */
    async ledger(actor: Principal, campaignId: string): Promise<{ name: string; stream: Readable }> {
      requirePermission(actor, 'campaign.read');
      const c = await campaigns.visible(actor, campaignId);
      const out = new PassThrough();
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
      const ws = wb.addWorksheet('台账');
      ws.columns = LEDGER_COLUMNS.map((x) => ({ ...x }));
      ws.getRow(1).font = { bold: true };
      void (async () => {
        try {
          for (let after = 0; ; ) {
            const page = await pageCampaignTasks(db, c.id, after, PAGE);
            if (!page.length) break;
            const assignments = await assignmentsOfTasks(db, page.map((t) => t.id));
            for (const t of page) ws.addRow(row(t, assignments.filter((a) => a.taskId === t.id))).commit();
            after = page[page.length - 1]!.ordinal;
          }
          ws.commit();
          await wb.commit();
        } catch (err) {
          out.destroy(err as Error);
        }
      })();
      return { name: `${c.name}-台账.xlsx`, stream: out };
    },
  };
}

export type LedgerExport = ReturnType<typeof createLedgerExport>;
