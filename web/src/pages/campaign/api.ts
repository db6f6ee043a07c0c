import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, tokenStore } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Assignment, Campaign, Task, UnitEvaluation } from './model.ts';

type Q = Record<string, string | number | boolean | undefined>;

export const ledgerKeys = { all: ['ledger'] as const };

export const useCampaigns = () => useQuery({ queryKey: ['ledger', 'campaigns'], queryFn: () => api.get<Page<Campaign>>('/api/v1/campaigns', { limit: 200 }) });
export const useTasks = (q: Q) => useQuery({ queryKey: ['ledger', 'tasks', q], queryFn: () => api.get<Page<Task>>('/api/v1/tasks', q), placeholderData: (p) => p, enabled: !!q.campaign });
export const useTask = (id?: string) => useQuery({ queryKey: ['ledger', 'task', id], queryFn: () => api.get<Task>(`/api/v1/tasks/${id}`), enabled: !!id });
export const useAssignments = (q: Q) => useQuery({ queryKey: ['ledger', 'assignments', q], queryFn: () => api.get<Page<Assignment>>('/api/v1/assignments', q), placeholderData: (p) => p });
export const useEvaluation = (campaign: string | undefined, level: 'city' | 'county') =>
  useQuery({ queryKey: ['ledger', 'evaluation', campaign, level], queryFn: () => api.get<{ items: UnitEvaluation[] }>(`/api/v1/campaigns/${campaign}/evaluation`, { level }), enabled: !!campaign });

/** Any ledger change: the lists and the open record are read again. */
export function useLedgerMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ledgerKeys.all }) });
}

export const taskAction = (id: string, action: string, body: object) => api.post<Task>(`/api/v1/tasks/${id}/${action}`, body);
export const assignTask = (id: string, body: object) => api.post(`/api/v1/tasks/${id}/assign`, body);
export const passOn = (id: string, body: object) => api.post(`/api/v1/assignments/${id}/assign`, body);
export const report = (id: string, body: object) => api.post<Assignment>(`/api/v1/assignments/${id}/report`, body);
export const review = (id: string, decision: 'accept' | 'return', body: object) => api.post<Assignment>(`/api/v1/assignments/${id}/${decision}`, body);

/** The ledger workbook, fetched with the session's token and saved under the campaign's name. */
export async function downloadLedger(c: Campaign): Promise<void> {
  const res = await fetch(`/api/v1/campaigns/${c.id}/ledger.xlsx`, { headers: { authorization: `Bearer ${tokenStore.get() ?? ''}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = `${c.name}-台账.xlsx`;
  a.click();
  URL.revokeObjectURL(a.href);
}
