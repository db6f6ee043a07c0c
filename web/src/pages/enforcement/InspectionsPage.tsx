import { useNavigate } from 'react-router-dom';
import { Button, Card, Grid, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CardList } from '../../components/CardList.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/enforcement.ts';
import { chinaDay, useInspections, useSiteOptions, type Inspection } from './api.ts';

const SIZE = 20;

/** Enforcement inspections (执法检查) in my scope, newest first; a new one is made on the phone form. */
export default function InspectionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const [f, setF] = useUrlState(['state', 'kind', 'region', 'page'] as const);
  const page = Number(f.page ?? 1);
  const list = useInspections({ state: f.state, kind: f.kind, region: f.region, limit: SIZE, offset: (page - 1) * SIZE });
  const sites = useSiteOptions();
  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name ?? id;
  const open = (i: Inspection) => navigate(`/enforcement/inspections/${i.id}`);
  const stateTag = (i: Inspection) => <Tag color={i.state === 'open' ? 'blue' : 'green'}>{t(`enf.istate.${i.state}`)}</Tag>;
  const columns: TableColumnsType<Inspection> = [
    { title: t('enf.inspections.at'), key: 'at', width: 120, render: (_, i) => chinaDay(i.at) },
    { title: t('enf.inspections.site'), key: 'site', render: (_, i) => siteName(i.site) },
    { title: t('enf.inspections.kind'), key: 'kind', width: 140, render: (_, i) => t(`enf.kind.${i.kind}`) },
    { title: t('enf.inspections.inspectors'), key: 'inspectors', responsive: ['lg'], render: (_, i) => i.inspectors.join('、') },
    { title: '', key: 'state', width: 160, render: (_, i) => <>{stateTag(i)} <span className="ka-muted">{i.recordNumber ?? ''}</span></> },
  ];
  return (
    <div data-testid="inspections">
      <PageTitle
        title={t('enf.inspections.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enforcement/inspections/new')} data-testid="inspection-new">
            {t('enf.inspections.new')}
          </Button>
        }
      />
      <div className="ka-filters">
        <Select allowClear value={f.state} onChange={(v) => setF({ state: v, page: undefined })} placeholder={t('dp.hazard.state')} options={(['open', 'completed'] as const).map((s) => ({ value: s, label: t(`enf.istate.${s}`) }))} style={{ minWidth: 120 }} />
        <Select allowClear value={f.kind} onChange={(v) => setF({ kind: v, page: undefined })} placeholder={t('enf.inspections.kind')} options={(['planned', 'unscheduled', 'in_depth'] as const).map((k) => ({ value: k, label: t(`enf.kind.${k}`) }))} style={{ minWidth: 140 }} />
        <RegionSelect value={f.region} onChange={(v) => setF({ region: v, page: undefined })} />
      </div>
      {phone ? (
        <CardList
          items={list.data?.items ?? []}
          loading={list.isLoading}
          rowKey={(i) => i.id}
          title={(i) => <>{stateTag(i)} {chinaDay(i.at)}</>}
          body={(i) => <div>{siteName(i.site)} · {t(`enf.kind.${i.kind}`)}</div>}
          onOpen={open}
          page={page}
          size={SIZE}
          total={list.data?.total ?? 0}
          onPage={(p) => setF({ page: p })}
        />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isLoading}
            locale={{ emptyText: t('enf.inspections.none') }}
            rowClassName={() => 'ka-clickable-row'}
            onRow={(i) => ({ onClick: () => open(i) })}
            pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, onChange: (p) => setF({ page: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
          />
        </Card>
      )}
    </div>
  );
}
