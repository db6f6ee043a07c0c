import { Grid, Space, Table, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Page, Site } from '../../api/types.ts';
import { GradeTag, KindTag, StatusTag } from '../../components/tags.tsx';
import { formatNumber } from '../../lib/format.ts';
import { CardList } from '../../components/CardList.tsx';
import { mineralsText } from '../../components/minerals.ts';

export interface SiteQuery {
  region?: string;
  enterprise?: string;
  kind?: string;
  status?: string;
  grade?: string;
  q?: string;
  sort?: string;
  page?: number;
  size?: number;
}

/** Server-side paged and sorted list of mines and tailings ponds. */
export function SiteTable({ query, onChange, compact }: { query: SiteQuery; onChange: (q: SiteQuery) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const page = query.page ?? 1;
  const size = query.size ?? 20;
  const sort = query.sort ?? 'name';
  const list = useQuery({
    queryKey: ['sites', 'list', query],
    queryFn: () =>
      api.get<Page<Site>>('/api/v1/sites', {
        region: query.region,
        enterprise: query.enterprise,
        kind: query.kind,
        status: query.status,
        grade: query.grade,
        q: query.q,
        sort,
        limit: size,
        offset: (page - 1) * size,
      }),
    placeholderData: keepPreviousData,
  });
  const order = (field: string): SortOrder => (sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null);

  const columns: TableProps<Site>['columns'] = [
    { title: t('site.code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: order('code'), render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: t('site.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: order('name'), render: (v: string) => <a>{v}</a> },
    { title: t('site.kind'), dataIndex: 'kind', key: 'kind', render: (v: string) => <KindTag kind={v} /> },
    { title: t('site.status'), dataIndex: 'status', key: 'status', render: (v: string | null) => <StatusTag status={v} /> },
    { title: t('site.grade'), dataIndex: 'grade', key: 'grade', sorter: true, sortOrder: order('grade'), render: (v: number | null) => <GradeTag grade={v} /> },
    ...(compact
      ? []
      : [
          { title: t('site.enterprise'), dataIndex: 'enterpriseName', key: 'enterprise', render: (v: string | undefined, s: Site) => v ?? s.enterprise },
          { title: t('site.region'), dataIndex: 'regionName', key: 'region', sorter: true, sortOrder: order('region'), render: (v: string | null, s: Site) => v ?? s.region },
          { title: t('site.minerals'), dataIndex: 'minerals', key: 'minerals', render: (v: string[]) => mineralsText(v) },
        ]),
    { title: t('site.designCapacity'), dataIndex: 'designCapacity', key: 'designCapacity', align: 'right', render: (v: number | null) => formatNumber(v) },
  ];

  const screens = Grid.useBreakpoint();
  if (!screens.md) {
    return (
      <CardList<Site>
        items={list.data?.items ?? []}
        loading={list.isFetching}
        rowKey={(s) => s.id}
        title={(s) => s.name}
        body={(s) => (
          <Space orientation="vertical" size={4}>
            <Space size={4} wrap>
              <KindTag kind={s.kind} />
              <StatusTag status={s.status} />
              <GradeTag grade={s.grade} />
            </Space>
            <span className="ka-muted">
              {s.code} · {s.regionName ?? s.region}
              {s.enterpriseName ? ` · ${s.enterpriseName}` : ''}
            </span>
          </Space>
        )}
        onOpen={(s) => navigate(`/sites/${encodeURIComponent(s.code || s.id)}`)}
        page={page}
        size={size}
        total={list.data?.total ?? 0}
        onPage={(p) => onChange({ ...query, page: p })}
      />
    );
  }
  return (
    <Table<Site>
      rowKey="id"
      size="middle"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      columns={columns}
      scroll={{ x: 'max-content' }}
      rowClassName={() => 'ka-clickable-row'}
      onRow={(s) => ({ onClick: () => navigate(`/sites/${encodeURIComponent(s.code || s.id)}`) })}
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
