import { describe, expect, it } from 'vitest';
import {
  DAM_TYPE_LABELS,
  DAM_TYPES,
  isMineral,
  isSiteKind,
  MINERAL_LABELS,
  MINERALS,
  mineralLabel,
  parseDamType,
  parseMineral,
  parseRole,
  parseSiteKind,
  parseSiteStatus,
  ROLE_LABELS,
  ROLES,
  SITE_KIND_LABELS,
  SITE_KINDS,
  SITE_STATUS_LABELS,
  SITE_STATUSES,
  type Label,
} from './site.ts';

const zhOf = <K extends string>(codes: readonly K[], labels: Record<K, Label>) => codes.map((k) => labels[k].zh);

describe('registry enumerations', () => {
  it('carry the codes and Chinese names of the contract', () => {
    expect(zhOf(SITE_KINDS, SITE_KIND_LABELS)).toEqual(['尾矿库', '地下矿山', '露天矿山']);
    expect(zhOf(SITE_STATUSES, SITE_STATUS_LABELS)).toEqual(['基建', '生产', '停产停建', '待关闭', '已关闭']);
    expect(zhOf(DAM_TYPES, DAM_TYPE_LABELS)).toEqual(['上游式', '中线式', '下游式', '一次性筑坝']);
    expect(ROLES).toEqual(['admin', 'province_officer', 'city_officer', 'county_officer', 'inspector', 'enterprise_principal', 'enterprise_safety_officer', 'enterprise_staff', 'expert']);
    expect(ROLE_LABELS.enterprise_principal.zh).toBe('主要负责人');
    expect(MINERAL_LABELS.bauxite).toEqual({ zh: '铝土矿', en: 'Bauxite' });
  });

  it('label every code in both languages, with distinct names', () => {
    const lists: [readonly string[], Record<string, Label>][] = [
      [SITE_KINDS, SITE_KIND_LABELS],
      [SITE_STATUSES, SITE_STATUS_LABELS],
      [DAM_TYPES, DAM_TYPE_LABELS],
      [ROLES, ROLE_LABELS],
      [MINERALS, MINERAL_LABELS],
    ];
    for (const [codes, labels] of lists) {
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      expect(new Set(codes.map((c) => labels[c]!.zh)).size).toBe(codes.length);
      expect(new Set(codes.map((c) => labels[c]!.en)).size).toBe(codes.length);
      for (const c of codes) expect(labels[c]!.zh && labels[c]!.en, c).toBeTruthy();
    }
  });

  it('keep every mineral the web client names', () => {
    const web = ['iron', 'copper', 'lead', 'zinc', 'gold', 'silver', 'bauxite', 'molybdenum', 'tungsten', 'tin', 'manganese', 'nickel', 'limestone', 'dolomite', 'gypsum', 'fluorite', 'phosphate', 'graphite', 'granite', 'marble', 'sand_gravel', 'clay', 'pyrite', 'rare_earth'];
    expect(web.filter((m) => !isMineral(m))).toEqual([]);
  });
});

describe('reading a value as written', () => {
  it('accepts codes, Chinese names and English names', () => {
    expect(parseSiteKind('tailings_pond')).toBe('tailings_pond');
    expect(parseSiteKind('露天矿山')).toBe('open_pit');
    expect(parseSiteKind(' Open-pit  MINE ')).toBe('open_pit');
    expect(parseSiteStatus('停产停建')).toBe('suspended');
    expect(parseSiteStatus('Awaiting closure')).toBe('awaiting_closure');
    expect(parseDamType('中线式')).toBe('centerline');
    expect(parseRole('执法人员')).toBe('inspector');
  });

  it('accepts the other names found in records', () => {
    expect(parseSiteStatus('停产')).toBe('suspended');
    expect(parseSiteStatus('已闭库')).toBe('closed');
    expect(parseSiteKind('地下开采')).toBe('underground');
    expect(parseDamType('一次建坝')).toBe('one_time');
  });

  it('reads minerals with or without 矿, and common other names', () => {
    expect(parseMineral('铁')).toBe('iron');
    expect(parseMineral('铁矿')).toBe('iron');
    expect(parseMineral('铝土矿')).toBe('bauxite');
    expect(parseMineral('铝')).toBe('bauxite');
    expect(parseMineral('磷矿')).toBe('phosphate');
    expect(parseMineral('石灰石')).toBe('limestone');
    expect(parseMineral('金红石')).toBe('titanium');
    expect(parseMineral('钛')).toBe('titanium');
    expect(parseMineral('Sand and gravel')).toBe('sand_gravel');
  });

  it('answers null for what it does not know, and an alias of another list does not leak', () => {
    expect(parseMineral('煤')).toBeNull();
    expect(parseMineral('矿')).toBeNull();
    expect(parseMineral('')).toBeNull();
    expect(parseSiteKind('铝')).toBeNull();
    expect(parseDamType('停产')).toBeNull();
  });

  it('guards and labels', () => {
    expect(isSiteKind('underground')).toBe(true);
    expect(isSiteKind('coal')).toBe(false);
    expect(isSiteKind(3)).toBe(false);
    expect(mineralLabel('gypsum')).toBe('石膏');
    expect(mineralLabel('gypsum', 'en')).toBe('Gypsum');
    expect(mineralLabel('蛭石')).toBe('蛭石');
  });
});
