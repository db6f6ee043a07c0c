import { Card, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/enforcement.ts';
import { useScoreSummary, type ScoreSummary } from './api.ts';

/** Points of principal persons this year (主要负责人记分); 12 or more calls for re-assessment. */
export default function ScoresPage() {
  const { t } = useTranslation();
  const [f, setF] = useUrlState(['region'] as const);
  const list = useScoreSummary({ region: f.region });
  const columns: TableColumnsType<ScoreSummary> = [
    { title: t('enf.scores.person'), dataIndex: 'name', key: 'name' },
    { title: t('enf.scores.total'), key: 'total', width: 140, sorter: (a, b) => a.total - b.total, defaultSortOrder: 'descend', render: (_, s) => <b style={{ color: s.total >= 12 ? '#f5222d' : s.total >= 6 ? '#fa8c16' : undefined }}>{s.total}</b> },
    { title: t('enf.scores.events'), dataIndex: 'events', key: 'events', width: 110 },
    { title: '', key: 'due', width: 140, render: (_, s) => s.reassessmentDue && <Tag color="red">{t('enf.scores.due')}</Tag> },
  ];
  return (
    <div data-testid="scores">
      <PageTitle title={t('enf.scores.title')} />
      <div className="ka-filters">
        <RegionSelect value={f.region} onChange={(v) => setF({ region: v })} />
      </div>
      <Card styles={{ body: { padding: 0 } }}>
        <Table size="middle" rowKey="person" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} locale={{ emptyText: t('enf.scores.none') }} pagination={false} />
      </Card>
    </div>
  );
}
