import { describe, expect, it } from 'vitest';
import { parseRegionCode, RegionIndex, regionLevel } from './regions.ts';
import { SHANXI_REGIONS, SHANXI_RETIRED_REGIONS } from './shanxi.ts';

const idx = new RegionIndex(SHANXI_REGIONS);
const counties = SHANXI_REGIONS.filter((r) => r.level === 'county');

describe('Shanxi regions (GB/T 2260)', () => {
  it('holds the province, 11 cities and 117 county-level divisions', () => {
    expect(SHANXI_REGIONS.filter((r) => r.level === 'province').map((r) => r.code)).toEqual(['140000']);
    expect(idx.children('140000').map((c) => `${c.code} ${c.name}`)).toEqual([
      '140100 太原市', '140200 大同市', '140300 阳泉市', '140400 长治市', '140500 晋城市', '140600 朔州市',
      '140700 晋中市', '140800 运城市', '140900 忻州市', '141000 临汾市', '141100 吕梁市',
    ]);
    expect(counties).toHaveLength(117);
    // 26 districts, 11 county-level cities, 80 counties
    expect(counties.filter((r) => r.name.endsWith('区'))).toHaveLength(26);
    expect(counties.filter((r) => r.name.endsWith('市'))).toHaveLength(11);
    expect(counties.filter((r) => r.name.endsWith('县'))).toHaveLength(80);
  });

  it('counts the county-level divisions of each city', () => {
    const counts = Object.fromEntries(idx.children('140000').map((c) => [c.name, idx.children(c.code).length]));
    expect(counts).toEqual({ 太原市: 10, 大同市: 10, 阳泉市: 5, 长治市: 12, 晋城市: 6, 朔州市: 6, 晋中市: 11, 运城市: 13, 忻州市: 14, 临汾市: 17, 吕梁市: 13 });
  });

  it('has unique, well-formed codes whose level and parent agree with their structure', () => {
    expect(new Set(SHANXI_REGIONS.map((r) => r.code)).size).toBe(SHANXI_REGIONS.length);
    for (const r of SHANXI_REGIONS) {
      expect(parseRegionCode(r.code).ok, r.code).toBe(true);
      expect(regionLevel(r.code), r.code).toBe(r.level);
      if (r.level === 'province') continue;
      expect(idx.get(r.parent!), r.code).toBeDefined();
      expect(r.parent, r.code).toBe(r.level === 'city' ? '140000' : `${r.code.slice(0, 4)}00`);
    }
  });

  it('leaves out placeholders and statistical zones', () => {
    expect(SHANXI_REGIONS.some((r) => r.name === '市辖区')).toBe(false);
    expect(SHANXI_REGIONS.some((r) => /^14\d\d(01|71)$/.test(r.code))).toBe(false);
  });

  it('names known divisions by code', () => {
    const name = (c: string) => idx.get(c)?.name;
    expect(name('140105')).toBe('小店区');
    expect(name('140181')).toBe('古交市');
    expect(name('140302')).toBe('城区'); // 阳泉 keeps its 城区 and 矿区
    expect(name('140303')).toBe('矿区');
    expect(name('140502')).toBe('城区'); // so does 晋城
    expect(name('140224')).toBe('灵丘县');
    expect(name('140827')).toBe('垣曲县');
    expect(name('140924')).toBe('繁峙县');
    expect(name('141023')).toBe('襄汾县');
    expect(name('141127')).toBe('岚县');
    expect(name('141182')).toBe('汾阳市');
    expect(idx.path('140404')).toBe('山西省 / 长治市 / 上党区');
  });

  it('reflects the changes since 2018', () => {
    const name = (c: string) => idx.get(c)?.name;
    expect(name('140213')).toBe('平城区');
    expect(name('140214')).toBe('云冈区');
    expect(name('140215')).toBe('云州区');
    expect(name('140681')).toBe('怀仁市');
    expect(name('140403')).toBe('潞州区');
    expect(name('140404')).toBe('上党区');
    expect(name('140405')).toBe('屯留区');
    expect(name('140406')).toBe('潞城区');
    expect(name('140703')).toBe('太谷区');
    for (const old of SHANXI_RETIRED_REGIONS) expect(idx.get(old.code), old.code).toBeUndefined();
  });

  it('maps every retired code to current divisions of the same city', () => {
    expect(SHANXI_RETIRED_REGIONS.map((r) => r.code)).toEqual(['140202', '140203', '140211', '140227', '140624', '140402', '140411', '140421', '140424', '140481', '140726']);
    for (const old of SHANXI_RETIRED_REGIONS) {
      expect(old.replacedBy.length, old.code).toBeGreaterThan(0);
      for (const next of old.replacedBy) {
        expect(idx.get(next)?.level, `${old.code} → ${next}`).toBe('county');
        expect(next.slice(0, 4), `${old.code} → ${next}`).toBe(old.code.slice(0, 4));
      }
    }
  });
});
