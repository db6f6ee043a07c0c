import { describe, expect, it } from 'vitest';
import { changedFields, compact, fieldPath, problemsToFields } from './forms.ts';
import { formatTime } from './format.ts';
import { changeRows, showValue } from './history.ts';
import { activeEntry, leaves, menuFor } from './menu.ts';
import { withQuery } from '../api/client.ts';

describe('form helpers', () => {
  it('maps server paths to form field names', () => {
    expect(fieldPath('body.principal.name')).toEqual(['principal', 'name']);
    expect(fieldPath('/minerals/1')).toEqual(['minerals', 1]);
    expect(fieldPath('creditCode')).toEqual(['creditCode']);
    expect(fieldPath('contacts[0].phone')).toEqual(['contacts', 0, 'phone']);
  });

  it('puts known paths on fields and the rest aside', () => {
    const known = new Set(['creditCode', 'principal.name']);
    const r = problemsToFields(
      [
        { path: 'body.creditCode', message: 'must be 18 characters' },
        { path: 'creditCode', message: 'already registered' },
        { path: 'body.principal.name', message: 'too long' },
        { path: 'body.contacts', message: 'too many' },
      ],
      (n) => known.has(n.join('.')),
    );
    expect(r.fields).toEqual([
      { name: ['creditCode'], errors: ['must be 18 characters', 'already registered'] },
      { name: ['principal', 'name'], errors: ['too long'] },
    ]);
    expect(r.rest).toEqual(['body.contacts: too many']);
  });

  it('sends only what changed, with emptied fields as null', () => {
    const original = { name: '甲公司', address: '太原', principal: { name: '张三', phone: null }, minerals: ['iron'] };
    expect(
      changedFields(original, { name: '甲公司', address: '', principal: { name: '张三', phone: undefined }, minerals: ['iron', 'copper'] }),
    ).toEqual({ address: null, minerals: ['iron', 'copper'] });
    expect(changedFields(original, { name: '甲公司' })).toEqual({});
  });

  it('drops empty values from a create request', () => {
    expect(compact({ name: 'x', address: '', principal: { name: '', phone: undefined }, minerals: [], headsUp: false, depth: 0 })).toEqual({
      name: 'x',
      headsUp: false,
      depth: 0,
    });
  });
});

describe('formatTime', () => {
  it('shows instants in China Standard Time', () => {
    expect(formatTime(Date.UTC(2022, 11, 31, 15, 59))).toBe('2022-12-31 23:59');
    expect(formatTime(Date.UTC(2022, 11, 31, 16, 0))).toBe('2023-01-01 00:00');
    expect(formatTime(null)).toBe('—');
  });
});

describe('history rows', () => {
  it('lists from/to pairs of an edit and the values of a creation', () => {
    expect(changeRows({ at: 1, user: 'a', op: 'update', changes: { name: { from: 'a', to: 'b' } } })).toEqual([{ field: 'name', from: 'a', to: 'b' }]);
    expect(changeRows({ at: 1, user: 'a', op: 'create', changes: { id: 'x', name: '甲', address: null, minerals: [], version: 1 } })).toEqual([
      { field: 'name', from: null, to: '甲' },
    ]);
    expect(showValue({ name: '张三', phone: '139' })).toBe('张三 / 139');
    expect(showValue(['铁', '铜'])).toBe('铁、铜');
    expect(showValue(null)).toBe('—');
  });
});

describe('menu', () => {
  it('gives administrators every capability', () => {
    const keys = leaves(menuFor('admin')).map((e) => e.key);
    for (const k of ['home', 'monitoringOverview', 'alarms', 'monitoringSettings', 'network', 'risks', 'hazards', 'inspections', 'violations', 'licences', 'scores', 'illegalMining', 'campaignLedger', 'keyProblems', 'compliance', 'enterprises', 'sites', 'regions', 'import', 'users']) {
      expect(keys).toContain(k);
    }
  });

  it('hides supervisory tools from enterprise staff and drops empty groups', () => {
    const m = menuFor('enterprise_staff');
    const keys = leaves(m).map((e) => e.key);
    expect(keys).not.toContain('network');
    expect(keys).not.toContain('inspections');
    expect(keys).not.toContain('users');
    expect(keys).toContain('hazards');
    // The monitoring settings are readable by everyone who reads monitoring (read-only for them).
    expect(keys).toContain('monitoringSettings');
    expect(m.find((e) => e.key === 'system')).toBeUndefined();
  });

  it('shows classes and plans to the supervising level only, change requests to every reader of monitoring', () => {
    for (const role of ['admin', 'county_officer', 'inspector', 'expert'] as const) {
      expect(leaves(menuFor(role)).map((e) => e.key)).toEqual(expect.arrayContaining(['supervisionClasses', 'enforcementPlans', 'changeRequests']));
    }
    for (const role of ['enterprise_principal', 'enterprise_safety_officer', 'enterprise_staff'] as const) {
      const keys = leaves(menuFor(role)).map((e) => e.key);
      expect(keys).toContain('changeRequests');
      expect(keys).not.toContain('supervisionClasses');
      expect(keys).not.toContain('enforcementPlans');
    }
    expect(activeEntry('/monitoring/change-requests').group?.key).toBe('monitoring');
    expect(activeEntry('/enforcement/plans').leaf?.key).toBe('enforcementPlans');
  });

  it('finds the entry of a detail page by its path prefix', () => {
    expect(activeEntry('/sites/TP-001').leaf?.key).toBe('sites');
    expect(activeEntry('/sites/TP-001').group?.key).toBe('registry');
    expect(activeEntry('/').leaf?.key).toBe('home');
    expect(activeEntry('/enforcement/scores').leaf?.key).toBe('scores');
    expect(activeEntry('/monitoring/settings').group?.key).toBe('monitoring');
    expect(activeEntry('/nowhere').leaf).toBeUndefined();
  });
});

describe('withQuery', () => {
  it('leaves out empty parameters', () => {
    expect(withQuery('/api/v1/sites', { kind: 'tailings_pond', q: '', region: undefined, limit: 1 })).toBe('/api/v1/sites?kind=tailings_pond&limit=1');
    expect(withQuery('/x', {})).toBe('/x');
  });
});

import { buildRegionTree, impliedParent, mayHaveChildren } from './regions.ts';

describe('regions', () => {
  it('derives parents from GB/T 2260 codes', () => {
    expect(impliedParent('140105')).toBe('140100');
    expect(impliedParent('140100')).toBe('140000');
    expect(impliedParent('140000')).toBeNull();
  });

  it('nests a flat list and marks leaves', () => {
    const tree = buildRegionTree([
      { code: '140000', name: '山西省', level: 'province' },
      { code: '140100', name: '太原市', level: 'city' },
      { code: '140105', name: '小店区', level: 'county', parent: '140100' },
      { code: '140200', name: '大同市', level: 'city' },
    ]);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.children!.map((c) => c.title)).toEqual(['太原市', '大同市']);
    expect(tree[0]!.children![0]!.children![0]).toEqual({ value: '140105', title: '小店区', level: 'county', isLeaf: true });
    expect(tree[0]!.children![1]!.isLeaf).toBe(true);
    expect(mayHaveChildren({ code: '140100', level: 'city' })).toBe(true);
    expect(mayHaveChildren({ code: '140105', level: 'county' })).toBe(false);
  });
});

import { decodeCsv, importFormat, toBase64 } from './files.ts';

describe('import files', () => {
  it('tells CSV from XLSX by name', () => {
    expect(importFormat('企业.CSV')).toBe('csv');
    expect(importFormat('sites.xlsx')).toBe('xlsx');
    expect(importFormat('sites.xls')).toBeNull();
  });

  it('encodes base64 and decodes UTF-8 with BOM', () => {
    expect(toBase64(new TextEncoder().encode('矿安'))).toBe(Buffer.from('矿安').toString('base64'));
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('名称,代码')]))).toBe('名称,代码');
  });
});
