import { describe, expect, it } from 'vitest';
import { evaluate, inUnit } from './evaluation.ts';
import { deadlineStatus, escalationTarget } from './deadlines.ts';

describe('evaluation', () => {
  it('ranks by completion, then on time, then fewest overdue', () => {
    const units = [
      { code: '140100', name: '太原市' },
      { code: '140200', name: '大同市' },
    ];
    const items = [
      { region: '140105', deadline: '2022-06-30', state: 'accepted', reportedOn: '2022-06-01' },
      { region: '140106', deadline: '2022-06-30', state: 'assigned', reportedOn: null },
      { region: '140212', deadline: '2022-06-30', state: 'accepted', reportedOn: '2022-07-05' },
      { region: '140212', deadline: '2022-06-30', state: 'accepted', reportedOn: '2022-06-05' },
    ];
    const r = evaluate(units, items, [{ region: '140105' }], '2022-08-01');
    expect(r.map((u) => [u.code, u.rank, u.completionRate, u.onTimeRate, u.overdue])).toEqual([
      ['140200', 1, 100, 50, 0],
      ['140100', 2, 50, 50, 1],
    ]);
    expect(r[1]!.pressureMeasures).toBe(1);
  });
  it('a city holds its counties; a county only itself', () => {
    expect(inUnit('140100', '140105')).toBe(true);
    expect(inUnit('140105', '140106')).toBe(false);
  });
});

describe('deadlines', () => {
  it('due soon within the reminder days, overdue the day after', () => {
    expect(deadlineStatus('2022-06-30', '2022-06-20', 3)).toBe('ok');
    expect(deadlineStatus('2022-06-30', '2022-06-28', 3)).toBe('due_soon');
    expect(deadlineStatus('2022-06-30', '2022-06-30', 3)).toBe('due_soon');
    expect(deadlineStatus('2022-06-30', '2022-07-01', 3)).toBe('overdue');
  });
  it('escalates to the level above', () => {
    expect(escalationTarget('140105', true)).toEqual({ level: 'county', region: '140105' });
    expect(escalationTarget('140105', false)).toEqual({ level: 'city', region: '140100' });
    expect(escalationTarget('140100', false)).toEqual({ level: 'province', region: '140000' });
  });
});
