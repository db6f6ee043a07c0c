import { Invalid } from '../errors.ts';

/**
 * Administrative regions by GB/T 2260 code (行政区划代码): six digits, the first two the province,
 * the next two the prefecture-level city, the last two the county-level division. A province ends in
 * 0000, a city in 00; province-administered county-level units use 90 as their city part.
 */
export type RegionLevel = 'province' | 'city' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
}

/** Province prefixes of GB/T 2260 (mainland 11–65, with 71 Taiwan, 81 Hong Kong, 82 Macao). */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export type RegionCodeCheck = { ok: true; code: string; level: RegionLevel } | { ok: false; reason: string };

/** Validates a GB/T 2260 code's shape: 6 digits, a known province, no county part under a 00 city part. */
export function parseRegionCode(input: unknown): RegionCodeCheck {
  if (typeof input !== 'string') return { ok: false, reason: '行政区划代码应为字符串 (a region code must be a string)' };
  const code = input.trim();
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: `“${input}” 不是6位行政区划代码 (not a 6-digit GB/T 2260 code)` };
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) {
    return { ok: false, reason: `“${code}” 的省级代码 ${code.slice(0, 2)} 不存在 (no province ${code.slice(0, 2)} in GB/T 2260)` };
  }
  if (code.slice(2, 4) === '00' && code.slice(4) !== '00') {
    return { ok: false, reason: `“${code}” 结构无效：市级位为00时县级位也应为00 (a county part needs a city part)` };
  }
  return { ok: true, code, level: levelOf(code) };
}

export function isRegionCode(input: unknown): input is string {
  return typeof input === 'string' && parseRegionCode(input).ok && input.trim() === input;
}

function levelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

function requireCode(code: string): string {
  const parsed = parseRegionCode(code);
  if (!parsed.ok) throw new Invalid(parsed.reason, [{ path: 'region', message: parsed.reason }]);
  return parsed.code;
}

/** A code's level from its shape: ..0000 province, ....00 city, else county. Throws on a malformed code. */
export function regionLevel(code: string): RegionLevel {
  return levelOf(requireCode(code));
}

/**
 * The prefix every code at or below this region starts with (for SQL LIKE filters): '14' for 140000,
 * '1401' for 140100, the whole code for a county. Throws on a malformed code, because an empty prefix
 * would match every region.
 */
export function scopePrefix(code: string): string {
  const c = requireCode(code);
  const level = levelOf(c);
  return level === 'province' ? c.slice(0, 2) : level === 'city' ? c.slice(0, 4) : c;
}

/** True when `code` is the scope itself or lies below it. False when either code is malformed. */
export function isWithin(scopeCode: string, code: string): boolean {
  if (!isRegionCode(scopeCode) || !isRegionCode(code)) return false;
  return code.startsWith(scopePrefix(scopeCode));
}

/**
 * The parent implied by the code's structure (county → its city, city → its province). For
 * province-administered units (city part 90) the structural parent is no real region; a RegionIndex
 * answers from its data instead.
 */
export function structuralParent(code: string): string | null {
  const c = requireCode(code);
  const level = levelOf(c);
  if (level === 'province') return null;
  return level === 'city' ? `${c.slice(0, 2)}0000` : `${c.slice(0, 4)}00`;
}

/** Look-ups over a list of regions: by code, children, ancestors, descendants and display paths. */
export class RegionIndex {
  private readonly byCode = new Map<string, Region>();
  private readonly kids = new Map<string, Region[]>();

  constructor(regions: readonly Region[]) {
    for (const r of regions) {
      if (this.byCode.has(r.code)) throw new Invalid(`region ${r.code} is listed twice`);
      this.byCode.set(r.code, r);
    }
    for (const r of [...this.byCode.values()].sort((a, b) => a.code.localeCompare(b.code))) {
      if (r.parent) this.kids.set(r.parent, [...(this.kids.get(r.parent) ?? []), r]);
    }
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  all(): Region[] {
    return [...this.byCode.values()];
  }

  /** Direct children, ordered by code. */
  children(code: string): Region[] {
    return this.kids.get(code) ?? [];
  }

  /** Every region below this one (not itself), parents before their children. */
  descendants(code: string): Region[] {
    const out: Region[] = [];
    for (const child of this.children(code)) out.push(child, ...this.descendants(child.code));
    return out;
  }

  /** From the top down, excluding the region itself. Stops at an unknown parent or a loop. */
  ancestors(code: string): Region[] {
    const out: Region[] = [];
    const seen = new Set([code]);
    let cur = this.byCode.get(code)?.parent;
    while (cur && !seen.has(cur)) {
      const r = this.byCode.get(cur);
      if (!r) break;
      seen.add(cur);
      out.unshift(r);
      cur = r.parent;
    }
    return out;
  }

  /** Names from the top down: '山西省 / 太原市 / 小店区'; '' for an unknown code. */
  path(code: string, separator = ' / '): string {
    const self = this.byCode.get(code);
    if (!self) return '';
    return [...this.ancestors(code), self].map((r) => r.name).join(separator);
  }
}
