import type { RegionIndex } from '../../domain/regions/regions.ts';

/** Dates and times as printed documents write them, on China Standard Time (Asia/Shanghai, UTC+8). */
const CST_MS = 8 * 3600_000;

function parts(at: number) {
  const d = new Date(at + CST_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() };
}

/** 2026年12月6日 */
export function zhDate(at: number): string {
  const p = parts(at);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** 2026年12月6日16时05分 */
export function zhDateTime(at: number): string {
  const p = parts(at);
  return `${zhDate(at)}${p.h}时${String(p.min).padStart(2, '0')}分`;
}

/** A calendar date 'YYYY-MM-DD' (already a China date) as 2026年12月31日; blank stays blank. */
export function zhCalendarDate(date: string | null | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : '';
}

/** The China calendar year an instant falls in. */
export function chinaYear(at: number): number {
  return parts(at).y;
}

/**
 * The emergency-management authority of a region (the issuer of enforcement documents), e.g.
 * 太原市小店区应急管理局; a province is written on its own (山西省应急管理厅).
 */
export function authorityName(regions: RegionIndex, code: string): string {
  const r = regions.get(code);
  if (!r) return `${code} 应急管理部门`;
  if (r.level === 'province') return `${r.name}应急管理厅`;
  const chain = [...regions.ancestors(code).filter((a) => a.level !== 'province'), r].map((a) => a.name).join('');
  return `${chain}应急管理局`;
}

/** A file name for Content-Disposition: the title and the number, without characters a file system refuses. */
export function documentFileName(title: string, ref: string): string {
  return `${title}-${ref}.pdf`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}
