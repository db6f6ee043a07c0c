import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** List filters kept in the address, so a filtered list can be bookmarked, shared and navigated back to. */
export function useUrlState<K extends string>(keys: readonly K[]): [Partial<Record<K, string>>, (patch: Partial<Record<K, string | number | undefined | null>>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => {
    const s: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const v = params.get(k);
      if (v !== null && v !== '') s[k] = v;
    }
    return s;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);
  const set = useCallback(
    (patch: Partial<Record<K, string | number | undefined | null>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [state, set];
}
