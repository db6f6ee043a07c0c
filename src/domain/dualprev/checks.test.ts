import { describe, expect, it } from 'vitest';
import { checkState, periodOf, planFromRisk } from './checks.ts';

const at = (s: string) => Date.parse(s);

describe('check plans and periods', () => {
  it('turns every measure and listed check item into a check item with a frequency and a post', () => {
    const items = planFromRisk({
      id: 'r1',
      name: '尾矿坝整体稳定',
      level: 'major',
      department: '安全环保部',
      person: null,
      measures: [{ kind: 'engineering', text: '浸润线监测', department: '尾矿车间' }, { kind: 'management', text: '每日巡坝' }],
      checkItems: ['干滩长度是否满足设计'],
    });
    expect(items).toEqual([
      { key: 'r1:m0', risk: 'r1', riskName: '尾矿坝整体稳定', text: '浸润线监测', frequency: 'daily', post: '尾矿车间' },
      { key: 'r1:m1', risk: 'r1', riskName: '尾矿坝整体稳定', text: '每日巡坝', frequency: 'daily', post: '安全环保部' },
      { key: 'r1:c0', risk: 'r1', riskName: '尾矿坝整体稳定', text: '干滩长度是否满足设计', frequency: 'daily', post: '安全环保部' },
    ]);
    expect(planFromRisk({ id: 'r2', name: 'x', level: 'low', department: null, person: null, measures: [{ kind: 'x', text: 'y' }], checkItems: [] })[0]!.frequency).toBe('quarterly');
  });

  it('computes periods in China time', () => {
    // 2026-12-06 is a Sunday; 01:00 in Beijing is the day before in UTC.
    const now = at('2026-12-05T17:00:00Z');
    expect(periodOf('daily', now)).toEqual({ start: at('2026-12-05T16:00:00Z'), due: at('2026-12-06T16:00:00Z') - 1 });
    expect(periodOf('weekly', now)).toEqual({ start: at('2026-11-29T16:00:00Z'), due: at('2026-12-06T16:00:00Z') - 1 });
    expect(periodOf('monthly', now)).toEqual({ start: at('2026-11-30T16:00:00Z'), due: at('2026-12-31T16:00:00Z') - 1 });
    expect(periodOf('quarterly', now)).toEqual({ start: at('2026-09-30T16:00:00Z'), due: at('2026-12-31T16:00:00Z') - 1 });
  });

  it('a check not done past its due instant is missed', () => {
    expect(checkState({ completedAt: null, dueAt: 10 }, 10)).toBe('due');
    expect(checkState({ completedAt: null, dueAt: 10 }, 11)).toBe('missed');
    expect(checkState({ completedAt: 5, dueAt: 10 }, 11)).toBe('done');
  });
});
