import { useState } from 'react';
import { Button, Card, Grid, Input, Select, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { CardList } from '../../components/CardList.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/dualprev.ts';
import './dualprev.css';
import { downloadWorkbook, useHazards, useHazardStats } from './api.ts';
import { showError } from '../../components/feedback.ts';
import { HazardActionModal, type HazardModalAction } from './HazardActionModal.tsx';
import { CandidatesDrawer, InvestigationDrawer } from './InvestigationDrawer.tsx';
import { HazardDrawer } from './HazardDrawer.tsx';
import { HazardReportModal } from './HazardReportModal.tsx';
import { chinaDate, HAZARD_STATES, mayReport, STATE_TAG, type Hazard, type HazardAction } from './model.ts';

const SIZE = 20;

/** The hazard ledger (隐患台账): found, in rectification, awaiting verification, closed; overdue ones marked. */
export default function HazardsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const phone = !Grid.useBreakpoint().md;
  const [f, setF] = useUrlState(['state', 'grade', 'overdue', 'region', 'site', 'page', 'id'] as const);
  const page = Number(f.page ?? 1);
  const filters = { state: f.state, grade: f.grade, overdue: f.overdue, region: f.region, site: f.site };
  const list = useHazards({ ...filters, limit: SIZE, offset: (page - 1) * SIZE });
  const stats = useHazardStats({ region: f.region, site: f.site });
  const [reporting, setReporting] = useState(false);
  const [drawer, setDrawer] = useState<'checks' | 'candidates' | null>(null);
  const [acting, setActing] = useState<{ hazard: Hazard; action: HazardModalAction } | null>(null);
  const officer = !!user.region;

  const tags = (h: Hazard) => (
    <Space size={2} wrap>
      <Tag color={h.grade === 'major' ? 'red' : 'orange'}>{t(`dp.grade.${h.grade}`)}</Tag>
      <Tag color={STATE_TAG[h.state]}>{t(`dp.state.${h.state}`)}</Tag>
      {h.overdue && <Tag color="red">{t('dp.hazard.overdueDays', { n: h.daysOverdue ?? 0 })}</Tag>}
      {h.escalationTier && h.escalationTier !== 'enterprise' && <Tag color="volcano">{t(`dp.tier.${h.escalationTier}`)}</Tag>}
      {h.supervisedAt && <Tag color="magenta">{t('dp.hazard.supervised')}</Tag>}
    </Space>
  );

  const columns: TableColumnsType<Hazard> = [
    { title: t('dp.hazard.grade'), key: 'tags', width: 220, render: (_, h) => tags(h) },
    {
      title: t('dp.hazard.description'),
      key: 'description',
      render: (_, h) => (
        <div>
          <div>{h.description}</div>
          <div className="ka-muted" style={{ fontSize: 12 }}>
            {h.location ?? ''} {h.criterion ? `· ${h.criterion}` : ''}
          </div>
        </div>
      ),
    },
    { title: t('dp.hazard.deadline'), key: 'deadline', width: 120, render: (_, h) => <span style={{ color: h.overdue ? '#f5222d' : undefined }}>{chinaDate(h.deadline)}</span> },
    { title: t('dp.hazard.source'), key: 'source', width: 110, responsive: ['lg'], render: (_, h) => t(`dp.source.${h.source}`, { defaultValue: h.source }) },
  ];

  const stat = (label: string, v: string | number, color: string) => (
    <div className="dp-stat" style={{ borderLeftColor: color }}>
      <div className="dp-stat-n">{v}</div>
      <div className="dp-stat-l">{label}</div>
    </div>
  );
  const s = stats.data;

  return (
    <div data-testid="hazard-ledger">
      <PageTitle
        title={t('dp.hazard.title')}
        extra={
          <Space wrap>
            <Button onClick={() => void downloadWorkbook('/api/v1/hazards.xlsx', filters, '隐患台账.xlsx').catch(showError)} data-testid="hazards-export">
              {t('dp.hazard.export')}
            </Button>
            <Button onClick={() => setDrawer('checks')} data-testid="checks-open">
              {t('dp.check.open')}
            </Button>
            <Button onClick={() => setDrawer('candidates')} data-testid="candidates-open">
              {t('dp.candidate.open')}
            </Button>
            {mayReport(user.role) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="hazard-report">
                {t('dp.hazard.report')}
              </Button>
            )}
          </Space>
        }
      />
      <div className="dp-stats">
        {stat(t('dp.hazard.statFound'), s?.found ?? '—', '#0b5fa5')}
        {stat(t('dp.grade.major'), s?.byGrade.major.found ?? '—', '#f5222d')}
        {stat(t('dp.hazard.statRectified'), s?.rectified ?? '—', '#52c41a')}
        {stat(t('dp.hazard.statOverdue'), s?.overdue ?? '—', '#fa541c')}
        {stat(t('dp.hazard.statRate'), s?.onTimeRate == null ? '—' : `${(s.onTimeRate * 100).toFixed(1)}%`, '#13c2c2')}
      </div>
      <div className="ka-muted" style={{ fontSize: 12, marginTop: -6, marginBottom: 8 }}>
        {t('dp.hazard.statsHint')}
      </div>
      <div className="ka-filters">
        <Select allowClear value={f.state} onChange={(v) => setF({ state: v, page: undefined })} placeholder={t('dp.hazard.state')} options={HAZARD_STATES.map((x) => ({ value: x, label: t(`dp.state.${x}`) }))} style={{ minWidth: 120 }} />
        <Select allowClear value={f.grade} onChange={(v) => setF({ grade: v, page: undefined })} placeholder={t('dp.hazard.grade')} options={(['major', 'general'] as const).map((g) => ({ value: g, label: t(`dp.grade.${g}`) }))} style={{ minWidth: 120 }} />
        <Space>
          <Switch checked={f.overdue === 'true'} onChange={(v) => setF({ overdue: v ? 'true' : undefined, page: undefined })} />
          {t('dp.hazard.onlyOverdue')}
        </Space>
        {officer && <RegionSelect value={f.region} onChange={(v) => setF({ region: v, page: undefined })} />}
        <Input.Search allowClear defaultValue={f.site} placeholder={t('dp.hazard.site')} onSearch={(v) => setF({ site: v.trim() || undefined, page: undefined })} style={{ maxWidth: 220 }} />
      </div>
      {phone ? (
        <CardList
          items={list.data?.items ?? []}
          loading={list.isLoading}
          rowKey={(h) => h.id}
          title={tags}
          body={(h) => (
            <div style={{ borderLeft: `4px solid ${h.grade === 'major' ? '#f5222d' : '#fa8c16'}`, paddingLeft: 8 }}>
              <div>{h.description}</div>
              <div className="ka-muted" style={{ fontSize: 12 }}>
                {t('dp.hazard.deadline')} {chinaDate(h.deadline)} {h.location ? `· ${h.location}` : ''}
              </div>
            </div>
          )}
          onOpen={(h) => setF({ id: h.id })}
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
            locale={{ emptyText: t('dp.hazard.none') }}
            rowClassName={() => 'ka-clickable-row'}
            onRow={(h) => ({ onClick: () => setF({ id: h.id }) })}
            pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, onChange: (p) => setF({ page: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
          />
        </Card>
      )}
      <HazardDrawer id={f.id} onClose={() => setF({ id: undefined })} onAct={(hazard, action) => setActing({ hazard, action })} />
      <InvestigationDrawer open={drawer === 'checks'} onClose={() => setDrawer(null)} />
      <CandidatesDrawer open={drawer === 'candidates'} onClose={() => setDrawer(null)} />
      <HazardReportModal open={reporting} onClose={() => setReporting(false)} />
      <HazardActionModal hazard={acting?.hazard ?? null} action={acting?.action ?? null} onClose={() => setActing(null)} />
    </div>
  );
}
