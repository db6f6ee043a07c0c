import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

export interface RuleParameter {
  key: string;
  zh: string;
  en: string;
  default: unknown;
  value: unknown;
  source: string;
  note: string | null;
}

export interface Rule {
  id: string;
  source: string;
  zh: string;
  en: string;
  parameters: RuleParameter[];
  version: number;
  updatedAt: number | null;
}

export type FindingState = 'new' | 'acknowledged' | 'resolved' | 'waived';

export interface Finding {
  id: string;
  rule: string;
  site: string | null;
  siteCode: string | null;
  siteName: string | null;
  region: string;
  key: string;
  message: string;
  evidence: Record<string, unknown>;
  state: FindingState;
  reason: string | null;
  firstSeen: number;
  version: number;
}

export interface Candidate {
  rule: string;
  site: string | null;
  region: string;
  key: string;
  message: string;
  evidence: Record<string, unknown>;
}

export interface LastRun {
  startedAt: number;
  trigger: 'schedule' | 'manual';
}

export const cmpKeys = {
  all: ['cmp'] as const,
  rules: ['cmp', 'rules'] as const,
  findings: (q: Record<string, unknown>) => ['cmp', 'findings', q] as const,
  lastRun: ['cmp', 'lastRun'] as const,
};

export function useRules() {
  return useQuery({ queryKey: cmpKeys.rules, queryFn: () => api.get<{ items: Rule[] }>('/api/v1/compliance/rules').then((r) => r.items) });
}

export function useFindings(q: Record<string, string | number | undefined>) {
  return useQuery({ queryKey: cmpKeys.findings(q), queryFn: () => api.get<Page<Finding>>('/api/v1/compliance/findings', q), placeholderData: (prev) => prev });
}

export function useLastRun() {
  return useQuery({ queryKey: cmpKeys.lastRun, queryFn: () => api.get<{ run: LastRun | null }>('/api/v1/compliance/runs/last').then((r) => r.run) });
}
