import { Grid, Table, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Enterprise, Page } from '../../api/types.ts';
import { formatTime, orDash } from '../../lib/format.ts';
import { CardList } from '../../components/CardList.tsx';

export interface EnterpriseQuery {
  region?: string;
  q?: string;
  sort?: string;
  page?: number;
  size?: number;
}

/** Server-side paged and sorted list of enterprises. */
export function EnterpriseTable({ query, onChange, compact }: { query: EnterpriseQuery; onChange: (q: EnterpriseQuery) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const page = query.page ?? 1;
  const size = query.size ?? 20;
  const sort = query.sort ?? 'name';
  const list = useQuery({
    queryKey: ['enterprises', 'list', query],
    queryFn: () => api.get<Page<Enterprise>>('/api/v1/enterprises', { region: query.region, q: query.q, sort, limit: size, offset: (page - 1) * size }),
    placeholderData: keepPreviousData,
  });
  const order = (field: string): SortOrder => (sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null);

  const columns: TableProps<Enterprise>['columns'] = [
    { title: t('enterprise.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: order('name'), render: (v: string) => <a>{v}</a> },
    { title: t('enterprise.creditCode'), dataIndex: 'creditCode', key: 'creditCode', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: t('enterprise.region'), dataIndex: 'regionName', key: 'region', render: (v: string | null, e) => v ?? e.region },
    { title: t('enterprise.principal'), key: 'principal', render: (_, e) => orDash(e.principal?.name) },
    ...(compact
      ? []
      : [
          { title: t('enterprise.safetyOfficer'), key: 'safetyOfficer', render: (_: unknown, e: Enterprise) => orDash(e.safetyOfficer?.name) },
          { title: t('enterprise.siteCount'), dataIndex: 'siteCount', key: 'siteCount', align: 'right' as const, render: (v?: number) => v ?? '—' },
          { title: t('enterprise.createdAt'), dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: order('createdAt'), render: (v: number) => formatTime(v) },
        ]),
  ];

  const screens = Grid.useBreakpoint();
  if (!screens.md) {
    return (
      <CardList<Enterprise>
        items={list.data?.items ?? []}
        loading={list.isFetching}
        rowKey={(e) => e.id}
        title={(e) => e.name}
        body={(e) => (
          <div className="ka-muted">
            <div style={{ fontFamily: 'monospace' }}>{e.creditCode}</div>
            <div>
              {e.regionName ?? e.region} · {t('enterprise.principal')} {orDash(e.principal?.name)}
              {e.siteCount !== undefined ? ` · ${t('enterprise.siteCount')} ${e.siteCount}` : ''}
            </div>
          </div>
        )}
        onOpen={(e) => navigate(`/enterprises/${e.id}`)}
        page={page}
        size={size}
        total={list.data?.total ?? 0}
        onPage={(p) => onChange({ ...query, page: p })}
      />
    );
  }
  return (
    <Table<Enterprise>
      rowKey="id"
      size="middle"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      columns={columns}
      scroll={{ x: 'max-content' }}
      rowClassName={() => 'ka-clickable-row'}
      onRow={(e) => ({ onClick: () => navigate(`/enterprises/${e.id}`) })}
      pagination={{ current: page, pageSize: size, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n }), size: 'small' }}
      onChange={(p, _f, s) => {
        const one = Array.isArray(s) ? s[0] : s;
        const key = one?.order ? String(one.columnKey) : 'name';
        const nextSort = one?.order === 'descend' ? `-${key}` : key;
        onChange({ ...query, page: nextSort === sort ? p.current : 1, size: p.pageSize, sort: nextSort });
      }}
    />
  );
}
