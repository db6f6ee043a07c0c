/**
 * Deadlines on the China calendar: reminders some days before, overdue the day after, and an overdue
 * item escalated to the level above the one that holds it (an enterprise's to its county, a
 * county's to its city, a city's to the province).
 */
const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Whole days from `today` to `deadline` (negative once past). */
export function daysLeft(deadline: string, today: string): number {
  return dayNumber(deadline) - dayNumber(today);
}

export type DeadlineStatus = 'ok' | 'due_soon' | 'overdue';

export function deadlineStatus(deadline: string | null, today: string, remindDays: number): DeadlineStatus {
  if (!deadline) return 'ok';
  const d = daysLeft(deadline, today);
  if (d < 0) return 'overdue';
  return d <= remindDays ? 'due_soon' : 'ok';
}

export type EscalationLevel = 'county' | 'city' | 'province';

/** Where an overdue item held at `region` (by an enterprise when `enterprise`) is escalated. */
export function escalationTarget(region: string, enterprise: boolean): { level: EscalationLevel; region: string } {
  if (enterprise) return { level: 'county', region };
  if (region.slice(4) !== '00') return { level: 'city', region: `${region.slice(0, 4)}00` };
  return { level: 'province', region: `${region.slice(0, 2)}0000` };
}

/** Whether the date `at` (China calendar) falls on or before the deadline. */
export function onTime(deadline: string, date: string): boolean {
  return daysLeft(deadline, date) >= 0;
}
