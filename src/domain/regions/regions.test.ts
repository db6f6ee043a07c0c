import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { isRegionCode, isWithin, parseRegionCode, RegionIndex, regionLevel, scopePrefix, structuralParent, type Region } from './regions.ts';

const tiny: Region[] = [
  { code: '140000', name: '山西省', level: 'province', parent: null },
  { code: '140200', name: '大同市', level: 'city', parent: '140000' },
  { code: '140100', name: '太原市', level: 'city', parent: '140000' },
  { code: '140106', name: '迎泽区', level: 'county', parent: '140100' },
  { code: '140105', name: '小店区', level: 'county', parent: '140100' },
  { code: '140213', name: '平城区', level: 'county', parent: '140200' },
];

describe('parseRegionCode', () => {
  it('accepts 6-digit codes of a known province and gives their level', () => {
    expect(parseRegionCode('140000')).toEqual({ ok: true, code: '140000', level: 'province' });
    expect(parseRegionCode(' 140100 ')).toEqual({ ok: true, code: '140100', level: 'city' });
    expect(parseRegionCode('140105')).toEqual({ ok: true, code: '140105', level: 'county' });
    expect(parseRegionCode('419001')).toEqual({ ok: true, code: '419001', level: 'county' }); // 济源市, city part 90
  });

  it('refuses malformed codes with a reason in Chinese and English', () => {
    expect(parseRegionCode('14010')).toEqual({ ok: false, reason: '“14010” 不是6位行政区划代码 (not a 6-digit GB/T 2260 code)' });
    expect(parseRegionCode('14010a')).toMatchObject({ ok: false });
    expect(parseRegionCode('')).toMatchObject({ ok: false });
    expect(parseRegionCode(140105)).toEqual({ ok: false, reason: '行政区划代码应为字符串 (a region code must be a string)' });
    expect(parseRegionCode('990000')).toEqual({ ok: false, reason: '“990000” 的省级代码 99 不存在 (no province 99 in GB/T 2260)' });
    expect(parseRegionCode('000000')).toMatchObject({ ok: false });
    expect(parseRegionCode('140005')).toEqual({ ok: false, reason: '“140005” 结构无效：市级位为00时县级位也应为00 (a county part needs a city part)' });
  });

  it('isRegionCode wants the exact code, without spaces', () => {
    expect(isRegionCode('140105')).toBe(true);
    expect(isRegionCode(' 140105')).toBe(false);
    expect(isRegionCode(null)).toBe(false);
  });
});

describe('scope by code structure', () => {
  it('gives levels and LIKE prefixes', () => {
    expect(regionLevel('140000')).toBe('province');
    expect(regionLevel('140100')).toBe('city');
    expect(regionLevel('140105')).toBe('county');
    expect(scopePrefix('140000')).toBe('14');
    expect(scopePrefix('140100')).toBe('1401');
    expect(scopePrefix('140105')).toBe('140105');
  });

  it('refuses to give a prefix for a malformed code, since an empty prefix would match everything', () => {
    expect(() => scopePrefix('')).toThrow(Invalid);
    expect(() => scopePrefix('1401')).toThrow('“1401” 不是6位行政区划代码');
    expect(() => regionLevel('abc')).toThrow(Invalid);
  });

  it('answers isWithin for the scope itself, below it, beside it and above it', () => {
    expect(isWithin('140000', '140000')).toBe(true);
    expect(isWithin('140000', '140100')).toBe(true);
    expect(isWithin('140000', '140105')).toBe(true);
    expect(isWithin('140000', '141182')).toBe(true);
    expect(isWithin('140000', '130100')).toBe(false);
    expect(isWithin('140100', '140100')).toBe(true);
    expect(isWithin('140100', '140105')).toBe(true);
    expect(isWithin('140100', '140213')).toBe(false);
    expect(isWithin('140100', '140000')).toBe(false);
    expect(isWithin('140105', '140105')).toBe(true);
    expect(isWithin('140105', '140106')).toBe(false);
    expect(isWithin('140105', '140100')).toBe(false);
  });

  it('never counts a malformed code as within, nor lets a malformed scope see anything', () => {
    expect(isWithin('140000', '')).toBe(false);
    expect(isWithin('140000', '14')).toBe(false);
    expect(isWithin('140000', '1401050')).toBe(false);
    expect(isWithin('', '140105')).toBe(false);
    expect(isWithin('14', '140105')).toBe(false);
  });

  it('gives the structural parent', () => {
    expect(structuralParent('140105')).toBe('140100');
    expect(structuralParent('140100')).toBe('140000');
    expect(structuralParent('140000')).toBeNull();
  });
});

describe('RegionIndex', () => {
  const idx = new RegionIndex(tiny);

  it('looks up by code and lists children in code order', () => {
    expect(idx.get('140105')?.name).toBe('小店区');
    expect(idx.get('140107')).toBeUndefined();
    expect(idx.has('140213')).toBe(true);
    expect(idx.children('140000').map((r) => r.code)).toEqual(['140100', '140200']);
    expect(idx.children('140100').map((r) => r.code)).toEqual(['140105', '140106']);
    expect(idx.children('140105')).toEqual([]);
  });

  it('lists descendants parents first', () => {
    expect(idx.descendants('140000').map((r) => r.code)).toEqual(['140100', '140105', '140106', '140200', '140213']);
    expect(idx.descendants('140200').map((r) => r.code)).toEqual(['140213']);
  });

  it('gives ancestors from the top and display paths', () => {
    expect(idx.ancestors('140105').map((r) => r.code)).toEqual(['140000', '140100']);
    expect(idx.ancestors('140000')).toEqual([]);
    expect(idx.path('140105')).toBe('山西省 / 太原市 / 小店区');
    expect(idx.path('140100')).toBe('山西省 / 太原市');
    expect(idx.path('140105', '')).toBe('山西省太原市小店区');
    expect(idx.path('999999')).toBe('');
  });

  it('stops at a parent loop instead of running forever', () => {
    const loop = new RegionIndex([
      { code: '140100', name: 'A', level: 'city', parent: '140105' },
      { code: '140105', name: 'B', level: 'county', parent: '140100' },
    ]);
    expect(loop.ancestors('140105').map((r) => r.code)).toEqual(['140100']);
  });

  it('refuses a list with a code twice', () => {
    expect(() => new RegionIndex([tiny[0]!, tiny[0]!])).toThrow('region 140000 is listed twice');
  });
});
