import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { requirePermission, type Principal } from '../../domain/access/policy.ts';
import { readTaskList, readTaskText, type ImportResult, type Problem, type SourceFormat, type SourceRow } from '../../domain/campaign/import/index.ts';
import * as say from '../../domain/campaign/import/messages.ts';
import { Invalid, TooLarge } from '../../domain/errors.ts';

/** Content past this is refused (413): a task list is a few hundred rows, not megabytes. */
export const MAX_CONTENT_BYTES = 10 * 1024 * 1024;
const MAX_COLUMNS = 30;

export interface CampaignImportInput {
  format: SourceFormat;
  /** The text itself for text and csv; the file as base64 for xlsx. */
  content: string;
}

export function createCampaignImportService() {
  return {
    /** Reads a campaign task list (工作任务清单) and reports its defects; nothing is saved. */
    async preview(actor: Principal, input: CampaignImportInput): Promise<ImportResult> {
      requirePermission(actor, 'campaign.import');
      return readCampaignTaskList(input);
    },
  };
}
export type CampaignImportService = ReturnType<typeof createCampaignImportService>;

/** Decodes the content for its format and hands the rows to the domain reader. */
export async function readCampaignTaskList({ format, content }: CampaignImportInput): Promise<ImportResult> {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) {
    throw new TooLarge(`content is ${bytes} bytes; a task list may be at most 10 MB (${MAX_CONTENT_BYTES} bytes) (内容过大)`);
  }
  if (format === 'text') return readTaskText(content);
  if (format === 'csv') {
    const { rows, problems } = csvRows(content);
    return readTaskList(rows, { problems });
  }
  const { rows, problems } = await xlsxRows(decodeBase64(content));
  return readTaskList(rows, { problems });
}

function decodeBase64(content: string): Buffer {
  const compact = content.replace(/\s+/g, '').replace(/^data:[^,]*;base64,/, '');
  if (compact === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new Invalid('content is not valid base64: an xlsx file is sent as base64', [{ path: 'content', message: 'not valid base64' }]);
  }
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
}

/** The delimiter used most on the first lines: comma, tab, semicolon or pipe. */
function detectDelimiter(text: string): string {
  const head = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').slice(0, 5).join('\n');
  const counts = [',', '\t', ';', '|'].map((d) => [d, head.split(d).length - 1] as const);
  const [best, n] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return n > 0 ? best : ',';
}

/** CSV records with the line each starts on. A file csv-parse cannot read is split by lines instead, and said so. */
export function csvRows(content: string): { rows: SourceRow[]; problems: Problem[] } {
  const text = content.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  try {
    const records = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    const rows: SourceRow[] = [];
    let nextLine = 1;
    for (const { record, info } of records) {
      rows.push({ line: nextLine, cells: record });
      nextLine = info.lines + 1;
    }
    return { rows, problems: [] };
  } catch (err) {
    const rows = text.split(/\r\n|\r|\n/).map((l, i) => ({ line: i + 1, cells: l.split(delimiter).map((c) => c.replace(/^"|"$/g, '')) }));
    return { rows, problems: [{ kind: 'unreadable_csv', ...say.unreadableCsv((err as Error).message, delimiter) }] };
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('error' in v) return '';
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

/**
 * The first sheet with content, row by row. A cell merged down over several rows (a group's
 * deadline) gives its value to each row, marked as merged; a cell merged across columns (a title,
 * a heading) stays in its first column only.
 */
export async function xlsxRows(buffer: Buffer): Promise<{ rows: SourceRow[]; problems: Problem[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new Invalid(`content is not a readable xlsx workbook (${(err as Error).message})`, [{ path: 'content', message: 'not a valid .xlsx file' }]);
  }
  const problems: Problem[] = [];
  const sheets = wb.worksheets.filter((ws) => ws.actualRowCount > 0);
  const ws = sheets[0];
  if (!ws) return { rows: [], problems };
  for (const other of sheets.slice(1)) problems.push({ kind: 'ignored_sheet', ...say.ignoredSheet(other.name, other.actualRowCount, ws.name) });
  const columns = Math.min(ws.columnCount, MAX_COLUMNS);
  if (ws.columnCount > MAX_COLUMNS) problems.push({ kind: 'ignored_text', ...say.ignoredColumns(MAX_COLUMNS, ws.name) });
  const rows: SourceRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    const merged: boolean[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      const copy = master.address !== cell.address;
      const down = copy && master.col === cell.col;
      cells.push(copy && !down ? '' : cellText(cell.value).trim());
      merged.push(down);
    }
    rows.push({ line: n, cells, merged });
  });
  return { rows, problems };
}
