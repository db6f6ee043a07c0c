import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Region } from '../api/types.ts';
import { buildRegionTree } from '../lib/regions.ts';

/** Every region of this node's territory, fetched once: small (a province has ~130) and needed by every form. */
export function useAllRegions() {
  return useQuery({ queryKey: ['regions', 'all'], queryFn: () => api.get<Region[]>('/api/v1/regions', { all: 1 }), staleTime: Infinity });
}

export function useRegionName() {
  const all = useAllRegions();
  const names = useMemo(() => new Map((all.data ?? []).map((r) => [r.code, r.name])), [all.data]);
  return (code: string | null | undefined) => (code ? (names.get(code) ?? code) : '—');
}

export function RegionSelect(props: { value?: string; onChange?: (v: string | undefined) => void; allowClear?: boolean; style?: React.CSSProperties; placeholder?: string; id?: string }) {
  const { t } = useTranslation();
  const all = useAllRegions();
  const tree = useMemo(() => buildRegionTree(all.data ?? []), [all.data]);
  return (
    <TreeSelect
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      treeData={tree}
      allowClear={props.allowClear ?? true}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={tree.map((n) => n.value)}
      placeholder={props.placeholder ?? t('region.select')}
      loading={all.isLoading}
      style={{ minWidth: 180, ...props.style }}
      popupMatchSelectWidth={false}
    />
  );
}
