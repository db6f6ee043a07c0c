import type { Role } from '../api/types.ts';

/** One entry of the side menu; `ready: false` opens the "not available yet" page for it. */
export interface MenuEntry {
  key: string;
  path?: string;
  icon?: string;
  roles?: readonly Role[];
  ready?: boolean;
  children?: MenuEntry[];
}

const OFFICERS: Role[] = ['admin', 'province_officer', 'city_officer', 'county_officer'];
const SUPERVISORS: Role[] = [...OFFICERS, 'inspector', 'expert'];
const ENTERPRISE: Role[] = ['enterprise_principal', 'enterprise_safety_officer', 'enterprise_staff'];

/** Every capability of the platform has its place here, built or not. */
export const MENU: MenuEntry[] = [
  { key: 'home', path: '/', icon: 'home', ready: true },
  {
    key: 'monitoring',
    icon: 'monitoring',
    children: [
      { key: 'monitoringOverview', path: '/monitoring/overview', ready: true },
      { key: 'alarms', path: '/monitoring/alarms', ready: true },
      // Every role that reads monitoring may read the settings; only administrators change them.
      { key: 'monitoringSettings', path: '/monitoring/settings', ready: true },
      // Every role that reads monitoring sees the requests in its scope; only officers decide them.
      { key: 'changeRequests', path: '/monitoring/change-requests', ready: true },
    ],
  },
  { key: 'network', path: '/network', icon: 'network', roles: OFFICERS, ready: true },
  {
    key: 'dualPrevention',
    icon: 'dualPrevention',
    children: [
      { key: 'risks', path: '/risks', ready: true },
      { key: 'hazards', path: '/hazards', ready: true },
    ],
  },
  {
    key: 'enforcement',
    icon: 'enforcement',
    children: [
      { key: 'inspections', path: '/enforcement/inspections', roles: SUPERVISORS, ready: true },
      // Classes and plans are the supervising level's working tools (plans are not shown to enterprises).
      { key: 'supervisionClasses', path: '/enforcement/classes', roles: SUPERVISORS, ready: true },
      { key: 'enforcementPlans', path: '/enforcement/plans', roles: SUPERVISORS, ready: true },
      { key: 'violations', path: '/enforcement/violations', roles: SUPERVISORS, ready: true },
      { key: 'licences', path: '/enforcement/licences', ready: true },
      { key: 'scores', path: '/enforcement/scores', roles: [...SUPERVISORS, 'enterprise_principal'], ready: true },
      { key: 'illegalMining', path: '/enforcement/illegal-mining', roles: SUPERVISORS, ready: true },
      { key: 'responsibility', path: '/enforcement/responsibility', roles: SUPERVISORS, ready: true },
    ],
  },
  {
    key: 'campaign',
    icon: 'campaign',
    roles: [...SUPERVISORS, ...ENTERPRISE],
    children: [
      { key: 'campaignLedger', path: '/campaign/ledger', ready: true },
      { key: 'keyProblems', path: '/campaign/key-problems', ready: true },
    ],
  },
  // Enterprise accounts read their own enterprise's findings.
  { key: 'compliance', path: '/compliance', icon: 'compliance', roles: [...SUPERVISORS, ...ENTERPRISE], ready: true },
  {
    key: 'registry',
    icon: 'registry',
    children: [
      { key: 'enterprises', path: '/enterprises', ready: true },
      { key: 'sites', path: '/sites', ready: true },
      { key: 'regions', path: '/regions', ready: true, roles: SUPERVISORS },
      { key: 'import', path: '/import', ready: true, roles: OFFICERS },
    ],
  },
  {
    key: 'system',
    icon: 'system',
    roles: [...OFFICERS, 'enterprise_principal'],
    children: [{ key: 'users', path: '/users', ready: true }],
  },
];

/** The menu a role sees: entries it may not use are left out, and so are groups left empty. */
export function menuFor(role: Role, entries: MenuEntry[] = MENU): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const e of entries) {
    if (e.roles && !e.roles.includes(role)) continue;
    if (e.children) {
      const children = menuFor(role, e.children);
      if (children.length) out.push({ ...e, children });
      continue;
    }
    out.push(e);
  }
  return out;
}

/** Leaf entries, for routing and for finding which entry a path belongs to. */
export function leaves(entries: MenuEntry[] = MENU): MenuEntry[] {
  return entries.flatMap((e) => (e.children ? leaves(e.children) : [e]));
}

/** The leaf whose path is the longest prefix of `pathname` ("/sites/abc" → sites), and its group. */
export function activeEntry(pathname: string, entries: MenuEntry[] = MENU): { leaf?: MenuEntry; group?: MenuEntry } {
  let best: { leaf?: MenuEntry; group?: MenuEntry } = {};
  let bestLen = -1;
  for (const top of entries) {
    for (const leaf of top.children ?? [top]) {
      const p = leaf.path;
      if (!p) continue;
      const hit = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
      if (hit && p.length > bestLen) {
        bestLen = p.length;
        best = { leaf, group: top.children ? top : undefined };
      }
    }
  }
  return best;
}
