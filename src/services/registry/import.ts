import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import type { Principal } from '../../domain/access/policy.ts';
import { DomainError, Invalid, TooLarge } from '../../domain/errors.ts';
import type { EnterpriseService } from './enterprises.ts';
import type { SiteService } from './sites.ts';
import { enterpriseInput, siteInput } from './inputs.ts';
import { ENTERPRISE_COLUMNS, SITE_COLUMNS, type Column } from './import-columns.ts';

export type ImportKind = 'enterprises' | 'sites';
export interface RowError {
  line: number;
  field: string | null;
  reason: string;
}
export interface ImportResult {
  created: number;
  createdIds: string[];
  errors: RowError[];
}

const MAX_ROWS = 20_000;

/** Rows of a CSV (text) or XLSX (base64) file as {line, cells by header}. */
export async function readTable(format: 'csv' | 'xlsx', content: string): Promise<{ header: string[]; rows: { line: number; cells: string[] }[] }> {
  if (format === 'csv') {
    let records: string[][];
    try {
      records = parseCsv(content.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    } catch (err) {
      throw new Invalid(`Unreadable CSV: ${(err as Error).message}`, [{ path: 'content', message: (err as Error).message }]);
    }
    const [header = [], ...rest] = records;
    const rows = rest.map((cells, i) => ({ line: i + 2, cells })).filter((r) => r.cells.some((c) => c !== ''));
    return { header, rows };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(content, 'base64') as unknown as ArrayBuffer);
  } catch (err) {
    throw new Invalid(`Unreadable XLSX: ${(err as Error).message}`, [{ path: 'content', message: 'not a valid .xlsx file (base64)' }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new Invalid('The workbook has no sheet', [{ path: 'content', message: 'no worksheet' }]);
  const cellText = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') {
      if (v instanceof Date) return v.toISOString();
      if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
      if ('richText' in v) return v.richText.map((t) => t.text).join('');
      if ('text' in v) return String(v.text);
    }
    return String(v).trim();
  };
  const header: string[] = [];
  const rows: { line: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    if (n === 1) header.push(...cells);
    else if (cells.some((c) => c !== '')) rows.push({ line: n, cells });
  });
  return { header, rows };
}

function mapHeader(header: string[], columns: Column[]): { index: Map<number, Column>; unknown: string[] } {
  const index = new Map<number, Column>();
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (!key) return;
    const col = columns.find((c) => c.key.toLowerCase() === key || c.aliases.some((a) => a.toLowerCase() === key));
    if (col) index.set(i, col);
    else unknown.push(h);
  });
  return { index, unknown };
}

/** One row as the API's input object; a cell that cannot be converted is reported against its field. */
function rowToInput(cells: string[], index: Map<number, Column>): { input: Record<string, unknown>; problems: RowError[]; line: number } {
  const input: Record<string, unknown> = {};
  const problems: RowError[] = [];
  for (const [i, col] of index) {
    const raw = (cells[i] ?? '').trim();
    if (raw === '') continue;
    const r = col.convert(raw);
    if (r.ok) setPath(input, col.key, r.value);
    else problems.push({ line: 0, field: col.key, reason: r.reason });
  }
  return { input, problems, line: 0 };
}

function setPath(o: Record<string, unknown>, key: string, value: unknown) {
  const parts = key.split('.');
  let cur = o;
  for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
  cur[parts.at(-1)!] = value;
}

function zodProblems(line: number, err: z.ZodError): RowError[] {
  return err.issues.map((i) => ({ line, field: i.path.join('.') || null, reason: i.message }));
}

export function createImportService(svc: { enterprises: EnterpriseService; sites: SiteService }) {
  return {
    /** Imports every good row and reports every bad one with its line and reason; good rows are kept. */
    async run(actor: Principal, kind: ImportKind, format: 'csv' | 'xlsx', content: string): Promise<ImportResult> {
      const columns = kind === 'enterprises' ? ENTERPRISE_COLUMNS : SITE_COLUMNS;
      const { header, rows } = await readTable(format, content);
      if (rows.length > MAX_ROWS) throw new TooLarge(`At most ${MAX_ROWS} rows per import; this file has ${rows.length}`);
      const { index, unknown } = mapHeader(header, columns);
      const missing = columns.filter((c) => c.required && ![...index.values()].includes(c)).map((c) => c.key);
      if (missing.length) {
        throw new Invalid(`Missing required columns: ${missing.join(', ')} (缺少必填列)`, [
          ...missing.map((m) => ({ path: m, message: 'column missing from the header row' })),
          ...unknown.map((u) => ({ path: u, message: 'unknown column, ignored' })),
        ]);
      }
      const result: ImportResult = { created: 0, createdIds: [], errors: unknown.map((u) => ({ line: 1, field: u, reason: 'unknown column, ignored (未识别的列)' })) };
      // Rows that reference an enterprise by credit code are resolved through the enterprise service.
      for (const row of rows) {
        const { input, problems } = rowToInput(row.cells, index);
        if (problems.length) {
          result.errors.push(...problems.map((p) => ({ ...p, line: row.line })));
          continue;
        }
        try {
          if (kind === 'enterprises') {
            const parsed = enterpriseInput.safeParse(input);
            if (!parsed.success) {
              result.errors.push(...zodProblems(row.line, parsed.error));
              continue;
            }
            const e = await svc.enterprises.create(actor, parsed.data);
            result.createdIds.push(e.id);
          } else {
            if (typeof input.enterpriseCreditCode === 'string') {
              const found = await svc.enterprises.list(actor, { q: input.enterpriseCreditCode, sort: 'name', limit: 2, offset: 0 });
              const match = found.items.find((e) => e.creditCode === input.enterpriseCreditCode);
              if (!match) {
                result.errors.push({ line: row.line, field: 'enterpriseCreditCode', reason: `no enterprise with credit code ${input.enterpriseCreditCode} in your scope` });
                continue;
              }
              input.enterprise = match.id;
              delete input.enterpriseCreditCode;
            }
            const parsed = siteInput.safeParse(input);
            if (!parsed.success) {
              result.errors.push(...zodProblems(row.line, parsed.error));
              continue;
            }
            const s = await svc.sites.create(actor, parsed.data);
            result.createdIds.push(s.id);
          }
          result.created++;
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          const details = Array.isArray(err.details) ? (err.details as { path: string; message: string }[]) : [];
          if (details.length) result.errors.push(...details.map((d) => ({ line: row.line, field: d.path, reason: `${err.message}: ${d.message}` })));
          else result.errors.push({ line: row.line, field: null, reason: err.message });
        }
      }
      return result;
    },

    template(kind: ImportKind): string {
      const columns = kind === 'enterprises' ? ENTERPRISE_COLUMNS : SITE_COLUMNS;
      return '\uFEFF' + columns.map((c) => c.aliases[0] ?? c.key).join(',') + '\n';
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
