import type { Region } from './shanxi.ts';

export type { Region };
export type RegionLevel = Region['level'];

/** A GB/T 2260 code's level from its shape: ..0000 province, ....00 city, else county. */
export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The prefix every code at or below this region starts with (for SQL LIKE filters). */
export function scopePrefix(code: string): string {
  const level = regionLevel(code);
  return level === 'province' ? code.slice(0, 2) : level === 'city' ? code.slice(0, 4) : code;
}

/** True when `code` is the scope itself or lies below it. */
export function isWithin(scopeCode: string, code: string): boolean {
  return /^\d{6}$/.test(code) && code.startsWith(scopePrefix(scopeCode));
}

export function parseRegionCode(s: string): { ok: true; code: string } | { ok: false; reason: string } {
  const code = s.trim();
  return /^\d{6}$/.test(code) ? { ok: true, code } : { ok: false, reason: `"${s}" is not a 6-digit GB/T 2260 code` };
}

/** Look-ups over a list of regions: by code, children, ancestors and display paths. */
export class RegionIndex {
  private readonly byCode = new Map<string, Region>();
  private readonly kids = new Map<string, Region[]>();

  constructor(regions: readonly Region[]) {
    for (const r of regions) {
      this.byCode.set(r.code, r);
      if (r.parent) this.kids.set(r.parent, [...(this.kids.get(r.parent) ?? []), r]);
    }
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  all(): Region[] {
    return [...this.byCode.values()];
  }

  children(code: string): Region[] {
    return this.kids.get(code) ?? [];
  }

  /** From the top down, excluding the region itself. */
  ancestors(code: string): Region[] {
    const out: Region[] = [];
    let cur = this.byCode.get(code)?.parent;
    while (cur) {
      const r = this.byCode.get(cur);
      if (!r) break;
      out.unshift(r);
      cur = r.parent;
    }
    return out;
  }

  /** '山西省 / 太原市 / 小店区' */
  path(code: string): string {
    const self = this.byCode.get(code);
    return [...this.ancestors(code), ...(self ? [self] : [])].map((r) => r.name).join(' / ');
  }
}
