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
  /** Campaign tasks raised from it (专项整治任务). */
  tasks?: FindingTask[];
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

export interface RiverFeature {
  type: 'Feature';
  properties: { name: string; nameZh: string | null; role: 'main' | 'tributary'; bufferKm: number };
  geometry: { type: string; coordinates: unknown };
}

export interface RiverMap {
  source: string;
  bufferKm: { main: number; tributary: number };
  lines: { type: 'FeatureCollection'; features: RiverFeature[] };
  buffers: { type: 'FeatureCollection'; features: RiverFeature[] };
  ponds: { site: string; code: string; name: string; lng: number; lat: number; isNew: boolean | null; findings: { id: string; message: string; state: string }[] }[];
}

export function useRiverMap() {
  return useQuery({ queryKey: [...cmpKeys.all, 'riverMap'], queryFn: () => api.get<RiverMap>('/api/v1/compliance/rivers/map'), staleTime: 60_000 });
}

export interface FindingTask {
  campaign: string;
  campaignName: string;
  task: string;
  number: string;
  text: string;
  state: string;
  deadline: string | null;
  site: string | null;
  createdAt: number;
}
