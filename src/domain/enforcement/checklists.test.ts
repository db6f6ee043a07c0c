import { describe, expect, it } from 'vitest';
import { CHECKLIST_KINDS, recordResults, startChecklist, STARTER_CHECKLISTS } from './checklists.ts';

describe('starter checklists', () => {
  it('has 10–15 items for each site kind, each with unique code, text and a legal basis', () => {
    for (const kind of CHECKLIST_KINDS) {
      const items = STARTER_CHECKLISTS[kind];
      expect(items.length).toBeGreaterThanOrEqual(10);
      expect(items.length).toBeLessThanOrEqual(15);
      expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
      for (const i of items) {
        expect(i.text.length).toBeGreaterThan(0);
        expect(i.basis).toMatch(/《.+》/);
      }
    }
  });

  it('starts pending and records results by code, naming unknown codes', () => {
    const c = startChecklist(STARTER_CHECKLISTS.underground);
    expect(c.every((i) => i.result === 'pending' && i.note === null)).toBe(true);
    const r = recordResults(c, [{ code: 'UG01', result: 'not_ok', note: '只有1个安全出口' }, { code: 'XX', result: 'ok' }]);
    expect(r.unknown).toEqual(['XX']);
    expect(r.items.find((i) => i.code === 'UG01')).toMatchObject({ result: 'not_ok', note: '只有1个安全出口' });
    expect(r.items.filter((i) => i.result === 'pending')).toHaveLength(c.length - 1);
  });
});
