import { useQuery } from '@tanstack/react-query';
import { api, tokenStore } from '../../api/client.ts';
import type { Page, Site } from '../../api/types.ts';
import type { Criterion, Hazard, HazardDetail, HazardStats, Risk, RiskTemplate, Vocabulary } from './model.ts';

export const dpKeys = {
  all: ['dp'] as const,
  hazards: (q: Record<string, unknown>) => ['dp', 'hazards', q] as const,
  hazard: (id: string) => ['dp', 'hazard', id] as const,
  hazardStats: (q: Record<string, unknown>) => ['dp', 'hazardStats', q] as const,
  risks: (q: Record<string, unknown>) => ['dp', 'risks', q] as const,
  riskStats: (q: Record<string, unknown>) => ['dp', 'riskStats', q] as const,
};

type Q = Record<string, string | number | boolean | undefined>;

export const useHazards = (q: Q) => useQuery({ queryKey: dpKeys.hazards(q), queryFn: () => api.get<Page<Hazard>>('/api/v1/hazards', q), placeholderData: (p) => p });
export const useHazard = (id?: string) => useQuery({ queryKey: dpKeys.hazard(id ?? ''), queryFn: () => api.get<HazardDetail>(`/api/v1/hazards/${id}`), enabled: !!id });
export const useHazardStats = (q: Q) => useQuery({ queryKey: dpKeys.hazardStats(q), queryFn: () => api.get<HazardStats>('/api/v1/hazards/stats', q) });
export const useRisks = (q: Q) => useQuery({ queryKey: dpKeys.risks(q), queryFn: () => api.get<Page<Risk>>('/api/v1/risks', q), placeholderData: (p) => p });
export const useSiteRisks = (site?: string) =>
  useQuery({ queryKey: dpKeys.risks({ site, limit: 500 }), queryFn: () => api.get<Page<Risk>>('/api/v1/risks', { site, limit: 500 }), enabled: !!site });
export const useRiskStats = (q: Q) => useQuery({ queryKey: dpKeys.riskStats(q), queryFn: () => api.get<{ total: number; byLevel: Record<string, number> }>('/api/v1/risks/stats', q) });
export const useSites = () => useQuery({ queryKey: ['dp', 'sites'], queryFn: () => api.get<Page<Site>>('/api/v1/sites', { limit: 1000 }).then((r) => r.items), staleTime: 5 * 60_000 });
export const useVocabulary = () => useQuery({ queryKey: ['dp', 'vocabulary'], queryFn: () => api.get<Vocabulary>('/api/v1/dualprev/vocabulary'), staleTime: Infinity });
export const useCriteria = (section?: string) =>
  useQuery({ queryKey: ['dp', 'criteria', section ?? ''], queryFn: () => api.get<{ items: Criterion[] }>('/api/v1/dualprev/criteria', { section }).then((r) => r.items), staleTime: Infinity });
export const useTemplates = (siteKind?: string) =>
  useQuery({ queryKey: ['dp', 'templates', siteKind ?? ''], queryFn: () => api.get<{ items: RiskTemplate[] }>('/api/v1/dualprev/templates', { siteKind }).then((r) => r.items), staleTime: Infinity, enabled: !!siteKind });
export const useDualPrevSettings = () =>
  useQuery({ queryKey: ['dp', 'settings'], queryFn: () => api.get<{ riskBands: Record<'LEC' | 'LS', { bands: { level: string; min: number }[]; source: string; confirmed: boolean; note?: string }> }>('/api/v1/dualprev/settings'), staleTime: 5 * 60_000 });

/** The ledger (or its statistics) as a workbook, fetched with the session's token and saved. */
export async function downloadWorkbook(path: '/api/v1/hazards.xlsx' | '/api/v1/hazards/stats.xlsx', query: Q, name: string): Promise<void> {
  const q = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])));
  const res = await fetch(`${path}?${q}`, { headers: { authorization: `Bearer ${tokenStore.get() ?? ''}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}
