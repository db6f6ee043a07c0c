/** The campaign task-list importer's shapes (工作任务清单导入). Nothing here is saved: it is a preview. */

/** One row of the source as the adapters hand it over: text line, CSV record or worksheet row. */
export interface SourceRow {
  /** 1-based line (text, CSV) or row number (XLSX) in the source, for messages. */
  line: number;
  cells: string[];
  /** Per cell: true when the value is a copy of a merged cell's value (XLSX merged ranges). */
  merged?: boolean[];
}

export type SourceFormat = 'text' | 'csv' | 'xlsx';

export interface SubItem {
  number: number;
  text: string;
  /** ISO date (end of the period, China Standard Time) when the sub-item names its own deadline. */
  deadline?: string;
  deadlineText?: string;
}

/** Where a task's deadline came from. */
export type DeadlineSource = 'row' | 'group' | 'merged_cell' | 'text' | 'none';

export interface ImportedTask {
  number: number;
  text: string;
  subItems?: SubItem[];
  /** ISO date (YYYY-MM-DD): the last day of the period named, in China Standard Time. */
  deadline: string | null;
  /** The deadline as written (cell or phrase in the text). */
  deadlineText: string | null;
  deadlineSource: DeadlineSource;
  /** A start named in the text (自2020年起): not a deadline. */
  startDate?: string;
  startText?: string;
  /** The section heading (一、…) the task stands under. */
  section?: string;
  /** 责任单位 / 牵头单位 column. */
  responsible?: string;
  /** Columns the importer does not know, by header, kept as they were. */
  extra?: Record<string, string>;
  line: number;
}

export const PROBLEM_KINDS = [
  'missing_number',
  'duplicate_number',
  'out_of_order',
  'orphan_subitem',
  'missing_subitem',
  'shifted_column',
  'markup',
  'near_duplicate',
  'deadline_conflict',
  'missing_deadline',
  'carried_deadline',
  'open_ended_deadline',
  'unreadable_deadline',
  'continuation_line',
  'unnumbered_row',
  'repeated_header',
  'stray_deadline',
  'ignored_text',
  'unknown_column',
  'chinese_numbering',
  'no_tasks',
  'check_skipped',
  'unreadable_csv',
  'ignored_sheet',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface Problem {
  kind: ProblemKind;
  /** Task numbers concerned. */
  numbers?: number[];
  line?: number;
  /** Chinese, for the officials reviewing the import (built in messages.ts). */
  message: string;
  /** The same, in English. */
  messageEn: string;
  /** For near_duplicate: 0..1, normalized Levenshtein similarity of the two texts. */
  similarity?: number;
}

export interface ImportResult {
  tasks: ImportedTask[];
  problems: Problem[];
}
