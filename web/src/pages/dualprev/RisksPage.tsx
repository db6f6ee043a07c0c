import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Grid, Select, Space, Table, Tag, Timeline, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { CardList } from '../../components/CardList.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/dualprev.ts';
import './dualprev.css';
import { formatTime, orDash } from '../../lib/format.ts';
import { useDualPrevSettings, useRisks, useRiskStats } from './api.ts';
import { KEY_OPERATIONS, LEVEL_COLOR, LEVEL_TAG, mayManageRisks, RISK_LEVELS, type Risk } from './model.ts';
import { RiskMapDrawer } from './RiskMapDrawer.tsx';
import { RiskFormModal } from './RiskFormModal.tsx';

const SIZE = 20;
/** The lower edges of the three upper levels, e.g. 320 / 160 / 70. */
const edges = (b: { min: number }[]) => b.slice(0, 3).map((x) => x.min).join(' / ');

/** The risk register (风险分级管控清单): red, orange, yellow and blue risks with their measures and who holds them. */
export default function RisksPage() {
  const { t } = useTranslation();
  const user = useUser();
  const phone = !Grid.useBreakpoint().md;
  const [mapOpen, setMapOpen] = useState(false);
  const [f, setF] = useUrlState(['level', 'operation', 'region', 'page', 'id'] as const);
  const page = Number(f.page ?? 1);
  const list = useRisks({ level: f.level, operation: f.operation, region: f.region, limit: SIZE, offset: (page - 1) * SIZE });
  const stats = useRiskStats({ region: f.region });
  const bands = useDualPrevSettings().data?.riskBands;
  const [creating, setCreating] = useState(false);
  const [reviewing, setReviewing] = useState<Risk | null>(null);
  const open = list.data?.items.find((r) => r.id === f.id) ?? null;
  const manage = mayManageRisks(user.role);

  const level = (r: Risk) => <Tag color={LEVEL_TAG[r.level]}>{`${t(`dp.level.${r.level}`)} ${r.score}`}</Tag>;
  const columns: TableColumnsType<Risk> = [
    { title: t('dp.risk.level'), key: 'level', width: 140, render: (_, r) => level(r) },
    {
      title: t('dp.risk.name'),
      key: 'name',
      render: (_, r) => (
        <div>
          <div>{r.name}</div>
          <div className="ka-muted" style={{ fontSize: 12 }}>
            {[r.operation && t(`dp.operation.${r.operation}`), r.area, r.process].filter(Boolean).join(' · ')}
          </div>
        </div>
      ),
    },
    { title: t('dp.risk.method'), key: 'method', width: 140, responsive: ['lg'], render: (_, r) => (r.method === 'LEC' ? `LEC ${r.L}×${r.E}×${r.C}` : `LS ${r.L}×${r.S}`) },
    { title: t('dp.risk.controlLevel'), key: 'cl', width: 120, responsive: ['md'], render: (_, r) => (r.controlLevel ? t(`dp.controlLevel.${r.controlLevel}`) : '—') },
    { title: t('dp.risk.person'), key: 'person', width: 140, responsive: ['md'], render: (_, r) => [r.department, r.person].filter(Boolean).join(' · ') || '—' },
  ];

  return (
    <div data-testid="risk-register">
      <PageTitle
        title={t('dp.risk.title')}
        extra={
          <Space wrap>
            <Button onClick={() => setMapOpen(true)} data-testid="risk-map-open">
              {t('dp.riskMap.open')}
            </Button>
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="risk-create">
                {t('dp.risk.create')}
              </Button>
            )}
          </Space>
        }
      />
      <div className="dp-stats">
        {RISK_LEVELS.map((l) => (
          <div key={l} className={`dp-stat clickable${f.level === l ? ' active' : ''}`} style={{ borderLeftColor: LEVEL_COLOR[l] }} onClick={() => setF({ level: f.level === l ? undefined : l, page: undefined })}>
            <div className="dp-stat-n">{stats.data?.byLevel[l] ?? '—'}</div>
            <div className="dp-stat-l">{t(`dp.level.${l}`)}</div>
          </div>
        ))}
      </div>
      {bands && (!bands.LEC.confirmed || !bands.LS.confirmed) && (
        <div className="ka-muted" style={{ fontSize: 12, marginTop: -6, marginBottom: 8 }} title={`${bands.LEC.source}\n${bands.LS.source}`}>
          {t('dp.risk.bandsUnconfirmed')}：LEC D≥{edges(bands.LEC.bands)}；LS R≥{edges(bands.LS.bands)}
        </div>
      )}
      <div className="ka-filters">
        <Select allowClear value={f.level} onChange={(v) => setF({ level: v, page: undefined })} placeholder={t('dp.risk.level')} options={RISK_LEVELS.map((l) => ({ value: l, label: t(`dp.level.${l}`) }))} style={{ minWidth: 120 }} />
        <Select allowClear value={f.operation} onChange={(v) => setF({ operation: v, page: undefined })} placeholder={t('dp.risk.operation')} options={KEY_OPERATIONS.map((o) => ({ value: o, label: t(`dp.operation.${o}`) }))} style={{ minWidth: 120 }} />
        {user.region && <RegionSelect value={f.region} onChange={(v) => setF({ region: v, page: undefined })} />}
      </div>
      {phone ? (
        <CardList
          items={list.data?.items ?? []}
          loading={list.isLoading}
          rowKey={(r) => r.id}
          title={level}
          body={(r) => (
            <div style={{ borderLeft: `4px solid ${LEVEL_COLOR[r.level]}`, paddingLeft: 8 }}>
              <div>{r.name}</div>
              <div className="ka-muted" style={{ fontSize: 12 }}>
                {[r.operation && t(`dp.operation.${r.operation}`), r.area, r.person].filter(Boolean).join(' · ')}
              </div>
            </div>
          )}
          onOpen={(r) => setF({ id: r.id })}
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
            locale={{ emptyText: t('dp.risk.none') }}
            rowClassName={() => 'ka-clickable-row'}
            onRow={(r) => ({ onClick: () => setF({ id: r.id }) })}
            pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, onChange: (p) => setF({ page: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
          />
        </Card>
      )}
      <Drawer open={!!open} onClose={() => setF({ id: undefined })} width={phone ? '100%' : 640} title={open?.name}>
        {open && (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              {level(open)}
              {manage && <Button onClick={() => setReviewing(open)}>{t('dp.risk.review')}</Button>}
            </Space>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('dp.risk.operation')}>{open.operation ? t(`dp.operation.${open.operation}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dp.risk.area')}>{orDash(open.area)}</Descriptions.Item>
              <Descriptions.Item label={t('dp.risk.process')}>{orDash(open.process)}</Descriptions.Item>
              <Descriptions.Item label={t('dp.risk.factors')}>{open.hazardFactors.join('；') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dp.risk.accidents')}>{open.accidentTypes.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dp.risk.measures')}>
                {open.measures.length === 0
                  ? '—'
                  : open.measures.map((mm, i) => (
                      <div key={i}>
                        <Tag>{t(`dp.measureKind.${mm.kind}`)}</Tag>
                        {mm.text}
                        <span className="ka-muted" style={{ fontSize: 12 }}>
                          {' '}
                          {[mm.department, mm.person, mm.controlLevel && t(`dp.controlLevel.${mm.controlLevel}`)].filter(Boolean).join(' · ')}
                        </span>
                      </div>
                    ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('dp.risk.checkItems')}>{open.checkItems.join('；') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dp.risk.person')}>{[open.department, open.person, open.controlLevel && t(`dp.controlLevel.${open.controlLevel}`)].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
            </Descriptions>
            <h4 style={{ marginTop: 16 }}>{t('dp.risk.history')}</h4>
            <Timeline
              items={[{ method: open.method, L: open.L, E: open.E, C: open.C, S: open.S, score: open.score, level: open.level, assessedAt: open.assessedAt, assessedBy: null }, ...[...open.history].reverse()].map((h) => ({
                color: LEVEL_COLOR[h.level],
                children: `${formatTime(h.assessedAt)} · ${h.method} ${h.method === 'LEC' ? `${h.L}×${h.E}×${h.C}` : `${h.L}×${h.S}`} = ${h.score} · ${t(`dp.level.${h.level}`)}`,
              }))}
            />
          </>
        )}
      </Drawer>
      <RiskMapDrawer open={mapOpen} manage={!!manage} onClose={() => setMapOpen(false)} />
      <RiskFormModal open={creating} onClose={() => setCreating(false)} />
      <RiskFormModal open={!!reviewing} review={reviewing} onClose={() => setReviewing(null)} />
    </div>
  );
}
