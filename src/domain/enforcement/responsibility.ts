/**
 * Responsibility for sites (the seed §3, 压紧压实责任链条): a local government leader takes named
 * responsibility for every underground mine and tailings pond (领导包保责任), and every tailings pond
 * has a resident safety commissioner (派驻监管专员). Each assignment runs for a period; a site whose
 * assignment has run out is a gap, like one that never had any.
 */
import { Conflict, Invalid } from '../errors.ts';

export const RESPONSIBILITY_ROLES = ['leader', 'commissioner'] as const;
export type ResponsibilityRole = (typeof RESPONSIBILITY_ROLES)[number];
export const RESPONSIBILITY_ROLE_LABELS: Record<ResponsibilityRole, { zh: string; en: string }> = {
  leader: { zh: '包保责任领导', en: 'Responsible government leader' },
  commissioner: { zh: '派驻监管专员', en: 'Resident safety commissioner' },
};

export const LEADER_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type LeaderLevel = (typeof LEADER_LEVELS)[number];

/** The site kinds that need each role. */
export const ROLE_SITE_KINDS: Record<ResponsibilityRole, readonly string[]> = {
  leader: ['underground', 'tailings_pond'],
  commissioner: ['tailings_pond'],
};

export interface Period {
  startsOn: string;
  endsOn: string | null;
}

/** Whether an assignment holds on a China calendar date. */
export function isCurrent(p: Period, today: string): boolean {
  return p.startsOn <= today && (p.endsOn === null || p.endsOn >= today);
}

/** The assignment's role must fit the site, a leader names the level, and the period runs forward. */
export function checkAssignment(a: { role: ResponsibilityRole; level?: string | null } & Period, siteKind: string): void {
  if (!ROLE_SITE_KINDS[a.role].includes(siteKind)) {
    throw new Invalid(`A ${a.role} is assigned to ${ROLE_SITE_KINDS[a.role].join(' or ')} sites`, [{ path: 'site', message: `the site is ${siteKind}` }]);
  }
  if (a.role === 'leader' && !a.level) throw new Invalid('A leader names the level of government (省/市/县/乡)', [{ path: 'level', message: 'required for a leader' }]);
  if (a.endsOn !== null && a.endsOn < a.startsOn) throw new Invalid('The period ends before it starts', [{ path: 'endsOn', message: `before ${a.startsOn}` }]);
}

/** Ending an assignment early: never before it started, never after it ended already. */
export function endOn(p: Period, on: string): Period {
  if (p.endsOn !== null && p.endsOn < on) throw new Conflict(`The assignment already ended on ${p.endsOn}`, { endsOn: p.endsOn }, 'already_ended');
  if (on < p.startsOn) throw new Invalid('An assignment cannot end before it starts', [{ path: 'endsOn', message: `before ${p.startsOn}` }]);
  return { ...p, endsOn: on };
}

export interface GapSite {
  id: string;
  kind: string;
}

export interface Gap<S extends GapSite> {
  site: S;
  missing: ResponsibilityRole;
  /** The last assignment of that role, when there was one that has run out (or not yet begun). */
  last: (Period & { name: string }) | null;
}

/** The sites lacking a current leader (mines and ponds) or commissioner (ponds) on `today`. */
export function responsibilityGaps<S extends GapSite>(sites: readonly S[], assignments: readonly ({ site: string; role: ResponsibilityRole; name: string } & Period)[], today: string): Gap<S>[] {
  const bySite = new Map<string, typeof assignments[number][]>();
  for (const a of assignments) bySite.set(a.site, [...(bySite.get(a.site) ?? []), a]);
  const out: Gap<S>[] = [];
  for (const s of sites) {
    for (const role of RESPONSIBILITY_ROLES) {
      if (!ROLE_SITE_KINDS[role].includes(s.kind)) continue;
      const mine = (bySite.get(s.id) ?? []).filter((a) => a.role === role);
      if (mine.some((a) => isCurrent(a, today))) continue;
      const last = [...mine].sort((a, b) => (b.endsOn ?? '9999').localeCompare(a.endsOn ?? '9999') || b.startsOn.localeCompare(a.startsOn))[0];
      out.push({ site: s, missing: role, last: last ? { startsOn: last.startsOn, endsOn: last.endsOn, name: last.name } : null });
    }
  }
  return out;
}
