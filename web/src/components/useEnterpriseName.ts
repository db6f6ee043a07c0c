import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Enterprise } from '../api/types.ts';

/** The enterprise's name when a reply carried only its id. */
export function useEnterpriseName(id: string | null | undefined, known?: string | null): string | undefined {
  const q = useQuery({
    queryKey: ['enterprise', id],
    queryFn: () => api.get<Enterprise>(`/api/v1/enterprises/${encodeURIComponent(id!)}`),
    enabled: !!id && !known,
    meta: { quiet: true },
    retry: false,
  });
  return known ?? q.data?.name;
}
