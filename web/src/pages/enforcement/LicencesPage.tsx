import { Alert, Card, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/enforcement.ts';
import { daysBetween, todayChina, useLicences, type Licence } from './api.ts';

const SIZE = 50;
const STATE_COLOR: Record<Licence['state'], string> = { valid: 'green', expiring: 'orange', expired: 'red', suspended: 'volcano', revoked: 'magenta', cancelled: 'default' };

/** Safety production licences (安全生产许可证) with the days left, those expiring or expired marked. */
export default function LicencesPage() {
  const { t } = useTranslation();
  const [f, setF] = useUrlState(['state', 'region', 'page'] as const);
  const page = Number(f.page ?? 1);
  const list = useLicences({ state: f.state, region: f.region, limit: SIZE, offset: (page - 1) * SIZE });
  const warn = useLicences({ region: f.region, expiringWithinDays: 90, limit: 1 });
  const today = todayChina();
  const left = (l: Licence) => {
    const n = daysBetween(today, l.expiresAt);
    if (n < 0) return <span style={{ color: '#f5222d' }}>{t('enf.licences.overdue', { n: -n })}</span>;
    return <span style={{ color: l.state === 'expiring' ? '#fa8c16' : undefined }}>{t('enf.licences.daysLeft', { n })}</span>;
  };
  const columns: TableColumnsType<Licence> = [
    { title: t('enf.licences.number'), dataIndex: 'number', key: 'number' },
    { title: '', key: 'state', width: 110, render: (_, l) => <Tag color={STATE_COLOR[l.state]}>{t(`enf.lstate.${l.state}`)}</Tag> },
    { title: t('enf.licences.expires'), dataIndex: 'expiresAt', key: 'expiresAt', width: 130 },
    { title: '', key: 'left', width: 140, render: (_, l) => left(l) },
    { title: t('enf.penalties.reason'), dataIndex: 'conditions', key: 'conditions', responsive: ['lg'] },
  ];
  return (
    <div data-testid="licences">
      <PageTitle title={t('enf.licences.title')} />
      {(warn.data?.total ?? 0) > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('enf.licences.warning', { n: warn.data!.total })} />}
      <div className="ka-filters">
        <Select allowClear value={f.state} onChange={(v) => setF({ state: v, page: undefined })} placeholder={t('dp.hazard.state')} options={Object.keys(STATE_COLOR).map((s) => ({ value: s, label: t(`enf.lstate.${s}`) }))} style={{ minWidth: 120 }} />
        <RegionSelect value={f.region} onChange={(v) => setF({ region: v, page: undefined })} />
      </div>
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          locale={{ emptyText: t('enf.licences.none') }}
          scroll={{ x: true }}
          pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, onChange: (p) => setF({ page: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
        />
      </Card>
    </div>
  );
}
