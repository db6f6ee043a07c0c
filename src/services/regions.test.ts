import { describe, expect, it } from 'vitest';
import { RegionIndex } from '../domain/regions/regions.ts';
import { listRegions } from './regions.ts';

const regions = new RegionIndex([
  { code: '140000', name: '山西省', level: 'province', parent: null },
  { code: '140100', name: '太原市', level: 'city', parent: '140000' },
  { code: '140105', name: '小店区', level: 'county', parent: '140100' },
  { code: '140200', name: '大同市', level: 'city', parent: '140000' },
]);
const codes = (rs: { code: string }[]) => rs.map((r) => r.code);

describe('listRegions', () => {
  it('lists the children of a parent', () => {
    expect(codes(listRegions(regions, '140000', { parent: '140000' }))).toEqual(['140100', '140200']);
  });
  it('lists the node\'s own region alone when no parent is asked for, nothing when it is unknown', () => {
    expect(codes(listRegions(regions, '140100', {}))).toEqual(['140100']);
    expect(listRegions(regions, '150000', {})).toEqual([]);
  });
  it('lists the node\'s region and everything below it with all', () => {
    expect(codes(listRegions(regions, '140100', { all: true })).sort()).toEqual(['140100', '140105']);
  });
});
