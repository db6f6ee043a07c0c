import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Enterprise, Page } from '../api/types.ts';

/** Picks an enterprise by typing part of its name; asks the server, never loads the whole list. */
export function EnterpriseSelect(props: { value?: string; onChange?: (v: string | undefined) => void; initialLabel?: string; id?: string; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['enterprises', 'pick', q],
    queryFn: () => api.get<Page<Enterprise>>('/api/v1/enterprises', { q: q || undefined, limit: 20, sort: 'name' }),
  });
  const options = (list.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  if (props.value && props.initialLabel && !options.some((o) => o.value === props.value)) options.unshift({ value: props.value, label: props.initialLabel });
  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      options={options}
      loading={list.isFetching}
      allowClear
      placeholder={t('site.enterprise')}
      style={{ minWidth: 200, ...props.style }}
    />
  );
}
