import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, tokenStore } from '../../api/client.ts';
import type { Page, Site } from '../../api/types.ts';
import type { Alarm, AlarmDetail, NetworkNode, Notification, OverviewItem, Sensor, Series, SiteStatus } from './model.ts';

export const monKeys = {
  all: ['mon'] as const,
  overview: (region?: string) => ['mon', 'overview', region ?? ''] as const,
  sites: (region?: string) => ['mon', 'sites', region ?? ''] as const,
  sensors: (site: string) => ['mon', 'sensors', site] as const,
  status: (site: string) => ['mon', 'status', site] as const,
  series: (site: string, sensor: string, from: number, to: number, step?: string) => ['mon', 'series', site, sensor, from, to, step ?? 'raw'] as const,
  alarms: (q: Record<string, unknown>) => ['mon', 'alarms', q] as const,
  alarm: (id: string) => ['mon', 'alarm', id] as const,
  notifications: (id: string) => ['mon', 'notifications', id] as const,
  nodes: ['net', 'nodes'] as const,
};

export function useOverview(region?: string) {
  return useQuery({
    queryKey: monKeys.overview(region),
    queryFn: () => api.get<{ items: OverviewItem[] }>('/api/v1/monitoring/overview', { region }).then((r) => r.items),
    refetchInterval: 60_000,
  });
}

/** The registry's sites, for names and coordinates, and for the ponds that have no sensors at all. */
export function useSitesForOverview(region?: string) {
  return useQuery({
    queryKey: monKeys.sites(region),
    queryFn: () => api.get<Page<Site>>('/api/v1/sites', { region, limit: 1000 }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useSensors(site: string) {
  return useQuery({ queryKey: monKeys.sensors(site), queryFn: () => api.get<{ items: Sensor[] }>(`/api/v1/sites/${encodeURIComponent(site)}/sensors`).then((r) => r.items) });
}

export function useSiteStatus(site: string) {
  return useQuery({ queryKey: monKeys.status(site), queryFn: () => api.get<SiteStatus>(`/api/v1/sites/${encodeURIComponent(site)}/status`), refetchInterval: 60_000 });
}

export function useSeries(site: string, sensor: string, from: number, to: number, step?: string) {
  return useQuery({
    queryKey: monKeys.series(site, sensor, from, to, step),
    queryFn: () => api.get<Series>(`/api/v1/sites/${encodeURIComponent(site)}/sensors/${encodeURIComponent(sensor)}/readings`, { from, to, step, limit: 100_000 }),
    placeholderData: (prev) => prev,
  });
}

export function useAlarms(q: Record<string, string | number | undefined>) {
  return useQuery({ queryKey: monKeys.alarms(q), queryFn: () => api.get<Page<Alarm>>('/api/v1/alarms', q), placeholderData: (prev) => prev });
}

export function useAlarm(id: string | undefined) {
  return useQuery({ queryKey: monKeys.alarm(id ?? ''), queryFn: () => api.get<AlarmDetail>(`/api/v1/alarms/${id}`), enabled: !!id });
}

export function useNotifications(id: string | undefined) {
  return useQuery({
    queryKey: monKeys.notifications(id ?? ''),
    queryFn: () => api.get<{ items: Notification[] }>(`/api/v1/alarms/${id}/notifications`).then((r) => r.items),
    enabled: !!id,
    retry: false,
  });
}

export function useNodes() {
  return useQuery({ queryKey: monKeys.nodes, queryFn: () => api.get<{ items: NetworkNode[] }>('/api/v1/network/nodes').then((r) => r.items), refetchInterval: 30_000 });
}

/**
 * The live alarm stream (SSE). Every alarm that changes refreshes the monitoring queries; `onAlarm`
 * sees each one (for highlighting). EventSource reconnects by itself; `connected` says whether it is up.
 */
export function useAlarmStream(onAlarm?: (a: Alarm) => void): { connected: boolean } {
  const qc = useQueryClient();
  const cb = useRef(onAlarm);
  cb.current = onAlarm;
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const token = tokenStore.get();
    if (!token || typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/v1/events?access_token=${encodeURIComponent(token)}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(false);
    es.addEventListener('alarm', (ev) => {
      let a: Alarm;
      try {
        a = JSON.parse((ev as MessageEvent<string>).data) as Alarm;
      } catch {
        return;
      }
      cb.current?.(a);
      // Bursts of alarms refresh once.
      clearTimeout(timer);
      timer = setTimeout(() => void qc.invalidateQueries({ queryKey: monKeys.all }), 300);
    });
    return () => {
      clearTimeout(timer);
      es.close();
    };
  }, [qc]);
  return { connected };
}
