import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import type { blindSpotsSchema, classItemSchema, planListSchema, planSchema, specialPeriodSchema } from '../../../../src/api/routes/enforcement/supervision-schemas.ts';

// Types taken from the server's own response schemas (type-only: nothing of the server is bundled).
export type ClassItem = z.output<typeof classItemSchema>;
export type SupervisionClass = ClassItem['class'];
export type ClassAction = NonNullable<ClassItem['history']>[number];
export type Plan = z.output<typeof planSchema>;
export type Visit = Plan['visits'][number];
export type PlanSummary = z.output<typeof planListSchema>['items'][number];
export type SpecialPeriod = z.output<typeof specialPeriodSchema>;
export type BlindSpots = z.output<typeof blindSpotsSchema>;

export const CLASS_LIST: SupervisionClass[] = ['A', 'B', 'C', 'D'];
export const CLASS_COLOR: Record<SupervisionClass, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export const useClasses = (region?: string) =>
  useQuery({ queryKey: ['enf', 'classes', region ?? ''], queryFn: () => api.get<{ items: ClassItem[]; total: number }>('/api/v1/enforcement/classes', { region }) });

/** One enterprise's class with its override history. */
export const useClass = (enterprise?: string) =>
  useQuery({
    queryKey: ['enf', 'class', enterprise],
    queryFn: () => api.get<{ items: ClassItem[] }>('/api/v1/enforcement/classes', { enterprise }).then((r) => r.items[0] ?? null),
    enabled: !!enterprise,
  });

export const usePlans = (q: { region?: string; year?: number; limit: number; offset: number }) =>
  useQuery({ queryKey: ['enf', 'plans', q], queryFn: () => api.get<{ items: PlanSummary[]; total: number }>('/api/v1/enforcement/plans', q), enabled: !!q.region, placeholderData: (p) => p });

export const usePlan = (id?: string) => useQuery({ queryKey: ['enf', 'plan', id], queryFn: () => api.get<Plan>(`/api/v1/enforcement/plans/${id}`), enabled: !!id });

export const useBlindSpots = (q: { region?: string; from: string; to: string }) =>
  useQuery({ queryKey: ['enf', 'blind-spots', q], queryFn: () => api.get<BlindSpots>('/api/v1/enforcement/blind-spots', q), enabled: !!q.region && q.from <= q.to });

export const useSpecialPeriods = (q: { region?: string; limit: number; offset: number }) =>
  useQuery({ queryKey: ['enf', 'special-periods', q], queryFn: () => api.get<{ items: SpecialPeriod[]; total: number }>('/api/v1/enforcement/special-periods', q), placeholderData: (p) => p });
