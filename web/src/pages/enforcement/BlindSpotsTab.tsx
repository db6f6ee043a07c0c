import { useState } from 'react';
import { Alert, Button, Card, Input, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.tsx';
import { todayChina } from './api.ts';
import { useBlindSpots, type BlindSpots } from './supervisionApi.ts';

const SIZE = 20;
type Spot = BlindSpots['items'][number];

/** The first day of the quarter a China date falls in. */
function quarterStart(day: string): string {
  const m = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(m).padStart(2, '0')}-01`;
}

/** Blind spots (监管盲区): the region's sites, not closed, that no inspection reached in the period. */
export function BlindSpotsTab({ region }: { region: string }) {
  const { t } = useTranslation();
  const today = todayChina();
  const [draft, setDraft] = useState({ from: quarterStart(today), to: today });
  const [range, setRange] = useState(draft);
  const [page, setPage] = useState(1);
  const q = useBlindSpots({ region, ...range });
  const columns: TableColumnsType<Spot> = [
    { title: t('sup.plans.site'), key: 'site', render: (_, s) => <>{s.siteName}<div className="ka-muted" style={{ fontSize: 12 }}>{s.siteCode}</div></> },
    { title: t('sup.plans.enterprise'), dataIndex: 'enterpriseName', key: 'enterprise' },
    { title: t('site.kind'), key: 'kind', width: 110, responsive: ['md'], render: (_, s) => t(`home.${s.kind}`, { defaultValue: s.kind }) },
  ];
  return (
    <div data-testid="blind-spots">
      <div className="ka-filters">
        <Input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} aria-label={t('sup.plans.from')} />
        <Input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} aria-label={t('sup.plans.to')} />
        <Button type="primary" disabled={!draft.from || !draft.to || draft.from > draft.to} onClick={() => (setRange(draft), setPage(1))}>
          {t('sup.plans.query')}
        </Button>
      </div>
      {q.isError && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <Alert
          style={{ marginBottom: 12 }}
          type={q.data.total ? 'warning' : 'success'}
          title={q.data.total ? t('sup.plans.blindCount', { n: q.data.total, sites: q.data.sites }) : t('sup.plans.noBlind')}
          data-testid="blind-summary"
        />
      )}
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          size="middle"
          rowKey="site"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isLoading}
          scroll={{ x: true }}
          locale={{ emptyText: t('sup.plans.noBlind') }}
          pagination={{ current: page, pageSize: SIZE, total: q.data?.items.length ?? 0, onChange: setPage, showSizeChanger: false, simple: true }}
        />
      </Card>
    </div>
  );
}
