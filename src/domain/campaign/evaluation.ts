/**
 * 考评通报: each city or county measured by its share of the campaign's work — how much is done,
 * how much was done on time, what is overdue — and the pressure measures it drew, then ranked.
 */
import { daysLeft } from './deadlines.ts';
import { round1 } from './rollup.ts';

export interface EvaluatedItem {
  region: string;
  deadline: string;
  state: string;
  /** China calendar date of the last report, if any. */
  reportedOn: string | null;
}

export interface Unit {
  code: string;
  name: string;
}

export interface UnitEvaluation extends Unit {
  rank: number;
  items: number;
  completed: number;
  completionRate: number;
  onTime: number;
  onTimeRate: number;
  overdue: number;
  pressureMeasures: number;
}

/** Whether `region` lies in the unit (a city holds its counties). */
export function inUnit(unit: string, region: string): boolean {
  if (unit.endsWith('00')) return region.startsWith(unit.slice(0, 4));
  return region === unit;
}

export function evaluate(units: readonly Unit[], items: readonly EvaluatedItem[], measures: readonly { region: string }[], today: string): UnitEvaluation[] {
  const rows = units.map((u) => {
    const mine = items.filter((i) => inUnit(u.code, i.region));
    const completed = mine.filter((i) => i.state === 'accepted');
    const onTime = completed.filter((i) => i.reportedOn !== null && daysLeft(i.deadline, i.reportedOn) >= 0);
    const overdue = mine.filter((i) => i.state !== 'accepted' && daysLeft(i.deadline, today) < 0);
    const rate = (n: number) => (mine.length ? round1((100 * n) / mine.length) : 0);
    return {
      ...u,
      rank: 0,
      items: mine.length,
      completed: completed.length,
      completionRate: rate(completed.length),
      onTime: onTime.length,
      onTimeRate: rate(onTime.length),
      overdue: overdue.length,
      pressureMeasures: measures.filter((m) => inUnit(u.code, m.region)).length,
    };
  });
  rows.sort((a, b) => b.completionRate - a.completionRate || b.onTimeRate - a.onTimeRate || a.overdue - b.overdue || a.pressureMeasures - b.pressureMeasures || a.code.localeCompare(b.code));
  rows.forEach((r, i) => (r.rank = i + 1));
  return rows;
}
