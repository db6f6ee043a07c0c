import { useQuery } from '@tanstack/react-query';
import { api, tokenStore } from '../../api/client.ts';
import type { Page, Site } from '../../api/types.ts';

/** Enforcement records as the server presents them (the fields the pages use). */
export interface Licence {
  id: string;
  enterprise: string | null;
  site: string | null;
  number: string;
  issuedAt: string;
  expiresAt: string;
  renewalFrom: string;
  state: 'valid' | 'expiring' | 'expired' | 'suspended' | 'revoked' | 'cancelled';
  conditions: string | null;
}

export interface Finding {
  id: string;
  inspection: string;
  description: string;
  grade: 'general' | 'major';
  deadline: string | null;
  basis: string | null;
  hazard: string | null;
  verifiedAt: number | null;
  verifiedBy: string | null;
  verificationNote: string | null;
}

export interface Inspection {
  id: string;
  site: string;
  region: string;
  enterprise: string | null;
  kind: 'planned' | 'unscheduled' | 'in_depth';
  state: 'open' | 'completed';
  at: number;
  inspectors: string[];
  notes: string | null;
  recordNumber: string | null;
  orderNumber: string | null;
  findings?: Finding[];
}

export interface Penalty {
  id: string;
  number: string;
  enterprise: string | null;
  site: string | null;
  kind: string;
  kindLabel: string;
  violation: string;
  basis: { law: string; article: string };
  amount: number | null;
  paidAmount: number | null;
  state: string;
  decidedAt: number;
  actions: string[];
}

export interface Case {
  id: string;
  kind: string;
  title: string;
  state: string;
  region: string;
  enterprise: string | null;
  openedAt: number;
  pendingReferrals: { to: string; replyDue: string; overdue: boolean }[];
}

export interface ScoreSummary {
  person: string;
  name: string;
  enterprise: string;
  cycle: number;
  total: number;
  events: number;
  reassessmentDue: boolean;
}

export interface Gap {
  site: string;
  code: string;
  name: string;
  kind: string;
  enterpriseName: string;
  missing: 'leader' | 'commissioner';
  last: { name: string; startsOn: string; endsOn: string | null } | null;
}

type Q = Record<string, string | number | boolean | undefined>;

export const enfKeys = { all: ['enf'] as const };

export const useLicences = (q: Q) => useQuery({ queryKey: ['enf', 'licences', q], queryFn: () => api.get<Page<Licence>>('/api/v1/licences', q), placeholderData: (p) => p });
export const useInspections = (q: Q) => useQuery({ queryKey: ['enf', 'inspections', q], queryFn: () => api.get<Page<Inspection>>('/api/v1/inspections', q), placeholderData: (p) => p });
export const useInspection = (id?: string) => useQuery({ queryKey: ['enf', 'inspection', id], queryFn: () => api.get<Inspection>(`/api/v1/inspections/${id}`), enabled: !!id });
export const usePenalties = (q: Q) => useQuery({ queryKey: ['enf', 'penalties', q], queryFn: () => api.get<Page<Penalty>>('/api/v1/penalties', q), placeholderData: (p) => p });
export const useCases = (q: Q) => useQuery({ queryKey: ['enf', 'cases', q], queryFn: () => api.get<Page<Case>>('/api/v1/cases', q), placeholderData: (p) => p });
export const useScoreSummary = (q: Q) => useQuery({ queryKey: ['enf', 'scores', q], queryFn: () => api.get<Page<ScoreSummary>>('/api/v1/scores/summary', q) });
export const useGaps = (region?: string) =>
  useQuery({ queryKey: ['enf', 'gaps', region], queryFn: () => api.get<{ items: Gap[] }>('/api/v1/enforcement/responsibility/gaps', { region }), enabled: !!region });
export const useSiteOptions = () => useQuery({ queryKey: ['enf', 'sites'], queryFn: () => api.get<Page<Site>>('/api/v1/sites', { limit: 1000 }).then((r) => r.items), staleTime: 5 * 60_000 });

/** A PDF document, fetched with the session's token and opened in a new tab. */
export async function openPdf(path: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${tokenStore.get() ?? ''}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  window.open(URL.createObjectURL(await res.blob()), '_blank');
}

const CST = 8 * 3600_000;
export const chinaDay = (ms: number) => new Date(ms + CST).toISOString().slice(0, 10);
export const todayChina = () => chinaDay(Date.now());
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
