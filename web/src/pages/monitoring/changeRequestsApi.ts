import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Site } from '../../api/types.ts';
import type { ChangeRequestView } from '../../../../src/domain/monitoring/change-request.ts';
import type { SensorPatch } from '../../../../src/services/monitoring/sensor-inputs.ts';
import type { Sensor } from './model.ts';

// The server's own types (type-only imports: nothing of the server is bundled).
export type ChangeRequest = ChangeRequestView<Omit<SensorPatch, 'version'>>;
export type Weakening = ChangeRequest['weakens'][number];
export type CrState = ChangeRequest['state'];

/** One page of change requests; the server sends no total, so one more than the page is asked to know whether another follows. */
export function useChangeRequests(q: { state?: CrState; limit: number; offset: number }) {
  return useQuery({
    queryKey: ['mon', 'change-requests', q],
    queryFn: async () => {
      const r = await api.get<{ items: ChangeRequest[] }>('/api/v1/monitoring/change-requests', { ...q, limit: q.limit + 1 });
      return { items: r.items.slice(0, q.limit), more: r.items.length > q.limit };
    },
    placeholderData: (p) => p,
  });
}

/** Names of the sites and sensors the listed requests are about. */
export function useNames(requests: ChangeRequest[]) {
  const siteIds = [...new Set(requests.map((r) => r.siteId))];
  const sites = useQueries({
    queries: siteIds.map((id) => ({ queryKey: ['mon', 'cr-site', id], queryFn: () => api.get<Site>(`/api/v1/sites/${encodeURIComponent(id)}`), staleTime: 5 * 60_000 })),
  });
  const sensors = useQueries({
    queries: siteIds.map((id) => ({
      queryKey: ['mon', 'cr-sensors', id],
      queryFn: () => api.get<{ items: Sensor[] }>(`/api/v1/sites/${encodeURIComponent(id)}/sensors`).then((r) => r.items),
      staleTime: 60_000,
    })),
  });
  const site = new Map(sites.flatMap((q) => (q.data ? [q.data] : [])).map((s) => [s.id, s]));
  const sensor = new Map(sensors.flatMap((q) => q.data ?? []).map((s) => [s.id, s]));
  return { site: (id: string) => site.get(id), sensor: (id: string) => sensor.get(id) };
}
