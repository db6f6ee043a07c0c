import { Card, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/enforcement.ts';
import { chinaDay, useCases, type Case } from './api.ts';

const SIZE = 20;
const STATES = ['opened', 'investigating', 'referred', 'closed'] as const;
const KINDS = ['resource_theft', 'beyond_boundary', 'falsified_drawings', 'illegal_subcontracting', 'unlicensed_production', 'other'] as const;

/** Illegal-activity cases (打非治违): where each stands and the referrals still waiting for an answer. */
export default function CasesPage() {
  const { t } = useTranslation();
  const [f, setF] = useUrlState(['state', 'kind', 'region', 'page'] as const);
  const page = Number(f.page ?? 1);
  const list = useCases({ state: f.state, kind: f.kind, region: f.region, limit: SIZE, offset: (page - 1) * SIZE });
  const columns: TableColumnsType<Case> = [
    { title: t('enf.cases.openedAt'), key: 'openedAt', width: 120, render: (_, c) => chinaDay(c.openedAt) },
    { title: t('enf.cases.caseTitle'), dataIndex: 'title', key: 'title' },
    { title: t('enf.cases.kind'), key: 'kind', width: 130, render: (_, c) => t(`enf.ckind.${c.kind}`) },
    { title: t('enf.cases.state'), key: 'state', width: 100, render: (_, c) => <Tag>{t(`enf.cstate.${c.state}`)}</Tag> },
    {
      title: t('enf.cases.referrals'),
      key: 'referrals',
      render: (_, c) => c.pendingReferrals.map((r, i) => <Tag key={i} color={r.overdue ? 'red' : 'blue'}>{r.replyDue}</Tag>),
    },
  ];
  return (
    <div data-testid="cases">
      <PageTitle title={t('enf.cases.title')} />
      <div className="ka-filters">
        <Select allowClear value={f.state} onChange={(v) => setF({ state: v, page: undefined })} placeholder={t('enf.cases.state')} options={STATES.map((s) => ({ value: s, label: t(`enf.cstate.${s}`) }))} style={{ minWidth: 120 }} />
        <Select allowClear value={f.kind} onChange={(v) => setF({ kind: v, page: undefined })} placeholder={t('enf.cases.kind')} options={KINDS.map((k) => ({ value: k, label: t(`enf.ckind.${k}`) }))} style={{ minWidth: 140 }} />
        <RegionSelect value={f.region} onChange={(v) => setF({ region: v, page: undefined })} />
      </div>
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          scroll={{ x: true }}
          locale={{ emptyText: t('enf.cases.none') }}
          pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, onChange: (p) => setF({ page: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
        />
      </Card>
    </div>
  );
}
