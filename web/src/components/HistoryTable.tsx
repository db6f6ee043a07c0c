import { Empty, List, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Change } from '../api/types.ts';
import { formatTime } from '../lib/format.ts';
import { changeRows, showValue } from '../lib/history.ts';

/** Who changed what and when (变更记录), newest first as the server sends it. */
export function HistoryTable({ path, labelOf, valueOf, version }: { path: string; labelOf: (field: string) => string; valueOf?: (field: string, v: unknown) => string | undefined; version?: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['history', path, version], queryFn: () => api.get<{ items: Change[] }>(path, { limit: 100 }) });
  const show = (field: string) => (v: unknown) => (v === null || v === undefined ? '—' : (valueOf?.(field, v) ?? showValue(v)));
  if (!q.isLoading && !q.data?.items.length) return <Empty />;
  return (
    <List
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      renderItem={(c) => {
        const rows = changeRows(c);
        return (
          <List.Item style={{ display: 'block' }}>
            <div style={{ marginBottom: 6 }}>
              <Tag color={c.op === 'create' ? 'green' : 'blue'}>{c.op === 'create' ? t('common.opCreate') : t('common.opUpdate')}</Tag>
              <span>{formatTime(c.at)}</span>
              <span className="ka-muted" style={{ marginLeft: 12 }}>
                {t('common.by')}: {c.user ?? '—'}
              </span>
            </div>
            {rows.length > 0 && (
              <Table
                size="small"
                pagination={false}
                rowKey="field"
                scroll={{ x: 'max-content' }}
                dataSource={rows}
                columns={[
                  { title: t('common.field'), dataIndex: 'field', render: (f: string) => labelOf(f) },
                  ...(c.op === 'create' ? [] : [{ title: t('common.from'), dataIndex: 'from', render: (v: unknown, r: { field: string }) => show(r.field)(v) }]),
                  { title: t('common.to'), dataIndex: 'to', render: (v: unknown, r: { field: string }) => show(r.field)(v) },
                ]}
              />
            )}
          </List.Item>
        );
      }}
    />
  );
}
