import { useState } from 'react';
import { Card, Progress, Table, Tag, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import '../../i18n/campaign.ts';

interface ListedItem {
  id: string;
  campaign: string;
  number: string;
  text: string;
  regionName: string | null;
  stateLabel: string;
  deadline: string | null;
  supervision: { what: string; deadline: string | null } | null;
  progress: number | null;
}

const SIZE = 20;

/** 公开信息: published items under listed supervision and their progress, for anyone, without login. */
export default function PublicListedPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = { limit: SIZE, offset: (page - 1) * SIZE };
  const list = useQuery({ queryKey: ['public', 'listed', q], queryFn: () => api.get<Page<ListedItem>>('/api/v1/public/listed-items', q), placeholderData: (p) => p });
  const columns: TableColumnsType<ListedItem> = [
    { title: t('ledger.campaign'), dataIndex: 'campaign', width: 220, responsive: ['lg'] },
    { title: t('ledger.number'), dataIndex: 'number', width: 70 },
    { title: t('ledger.task'), key: 'text', render: (_, x) => <div>{x.text}{x.supervision && <div className="ka-muted" style={{ fontSize: 12 }}>{t('ledger.supervision')}：{x.supervision.what}（{x.supervision.deadline}）</div>}</div> },
    { title: t('kp.region'), dataIndex: 'regionName', width: 110 },
    { title: t('ledger.state'), key: 'state', width: 100, render: (_, x) => <Tag color="magenta">{x.stateLabel}</Tag> },
    { title: t('ledger.progress'), key: 'progress', width: 150, render: (_, x) => (x.progress === null ? '—' : <Progress percent={x.progress} size="small" />) },
  ];
  return (
    <div style={{ maxWidth: 1200, margin: '24px auto', padding: '0 12px' }} data-testid="public-listed">
      <h2>{t('ledger.publicTitle')}</h2>
      <Card styles={{ body: { padding: 0 } }}>
        <Table size="middle" rowKey="id" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} />
      </Card>
    </div>
  );
}
