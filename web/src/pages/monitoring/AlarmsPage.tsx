import { useMemo, useState } from 'react';
import { Button, Card, Grid, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { CardList } from '../../components/CardList.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect, useRegionName } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import { formatNumber, formatTime } from '../../lib/format.ts';
import { ActionModal } from './ActionModal.tsx';
import { AlarmDrawer } from './AlarmDrawer.tsx';
import { actionsFor } from './alarmActions.ts';
import { useAlarms, useAlarmStream } from './api.ts';
import { AlarmTag } from './LevelTag.tsx';
import { LiveBadge } from './LiveBadge.tsx';
import { ALARM_KINDS, ALARM_STATES, LEVEL_COLOR, LEVELS, OFFLINE_COLOR, alarmColor, isTransmission, type Alarm, type AlarmAction } from './model.ts';
import { StateTag } from './StateTag.tsx';
import './monitoring.css';

const SIZE = 20;

export default function AlarmsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [f, setF] = useUrlState(['state', 'level', 'kind', 'category', 'region', 'site', 'page', 'id'] as const);
  const state = f.state ?? 'live';
  const filters = { state: state === 'all' ? undefined : state, level: f.level, kind: f.kind, category: f.category, region: f.region, site: f.site };
  const page = Number(f.page ?? 1);
  const list = useAlarms({ ...filters, limit: SIZE, offset: (page - 1) * SIZE });
  // Statistics over the same filters regardless of state: how many were false alarms or equipment faults.
  const forStats = useAlarms({ ...filters, state: undefined, limit: 1000, offset: 0 });
  const regionName = useRegionName();
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [acting, setActing] = useState<{ alarm: Alarm; action: AlarmAction } | null>(null);
  const live = useAlarmStream((a) => {
    setFresh((s) => new Set(s).add(a.id));
    setTimeout(() => setFresh((s) => ((s.delete(a.id), new Set(s)))), 10_000);
  });

  const stats = useMemo(() => {
    const items = forStats.data?.items ?? [];
    return {
      open: items.filter((a) => a.state !== 'closed').length,
      recovered: items.filter((a) => a.state !== 'closed' && a.recoveredAt).length,
      danger: items.filter((a) => a.cause === 'danger').length,
      false_alarm: items.filter((a) => a.cause === 'false_alarm').length,
      equipment_fault: items.filter((a) => a.cause === 'equipment_fault').length,
      // Warnings by level leave out data interruptions, counted on their own.
      byLevel: Object.fromEntries(LEVELS.map((l) => [l, items.filter((a) => a.level === l && a.state !== 'closed' && !isTransmission(a)).length])),
      transmission: items.filter((a) => a.state !== 'closed' && isTransmission(a)).length,
    };
  }, [forStats.data]);

  const buttons = (a: Alarm) => (
    <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
      {actionsFor(user.role, a)
        .filter((x) => x !== 'escalate')
        .map((x) => (
          <Button key={x} size="small" type={x === 'ack' ? 'primary' : 'default'} danger={x === 'ack' && a.level === 'red'} onClick={() => setActing({ alarm: a, action: x })} data-testid={`act-${x}`}>
            {t(`mon.alarm.act.${x}`)}
          </Button>
        ))}
    </Space>
  );

  const columns: TableColumnsType<Alarm> = [
    { title: t('mon.alarm.level'), key: 'level', width: 100, render: (_, a) => <AlarmTag alarm={a} /> },
    {
      title: t('mon.alarm.message'),
      key: 'message',
      render: (_, a) => (
        <div>
          <div>{a.message}</div>
          <div className="ka-muted" style={{ fontSize: 12 }}>
            {t(`mon.alarm.kinds.${a.kind}`, { defaultValue: a.kind })} · {regionName(a.region)}
            {a.value != null && ` · ${t('mon.alarm.value')} ${formatNumber(a.value)}`}
          </div>
        </div>
      ),
    },
    { title: t('mon.alarm.openedAt'), dataIndex: 'openedAt', width: 150, render: (v) => formatTime(v), responsive: ['lg'] },
    {
      title: t('mon.alarm.state'),
      key: 'state',
      width: 140,
      render: (_, a) => (
        <Space size={2} wrap>
          <StateTag state={a.state} />
          {a.recoveredAt && <Tag color="green">{t('mon.alarm.recovered')}</Tag>}
          {a.tier !== 'enterprise' && <Tag>{t(`mon.alarm.tiers.${a.tier}`, { defaultValue: a.tier })}</Tag>}
        </Space>
      ),
    },
    { title: t('mon.alarm.actions'), key: 'actions', width: 200, render: (_, a) => buttons(a) },
  ];

  const stat = (label: string, n: number, color: string, testId: string) => (
    <div className="ka-stat" style={{ borderLeftColor: color, cursor: 'default' }} data-testid={testId}>
      <div className="ka-stat-n">{n}</div>
      <div className="ka-stat-l">{label}</div>
    </div>
  );

  return (
    <div data-testid="alarm-centre">
      <PageTitle title={t('mon.alarm.title')} extra={<LiveBadge connected={live.connected} />} />
      <div className="ka-stat-grid">
        {stat(t('mon.alarm.statOpen'), stats.open, '#0b5fa5', 'stat-open')}
        {[...LEVELS].reverse().map((l) => stat(t(`mon.level.${l}`), stats.byLevel[l] ?? 0, LEVEL_COLOR[l], `stat-${l}`))}
        {stat(t('mon.transmission.open'), stats.transmission, OFFLINE_COLOR, 'stat-transmission')}
        {stat(t('mon.alarm.statRecovered'), stats.recovered, '#52c41a', 'stat-recovered')}
        {stat(t('mon.alarm.statDanger'), stats.danger, '#f5222d', 'stat-danger')}
        {stat(t('mon.alarm.statFalse'), stats.false_alarm, '#8c8c8c', 'stat-false')}
        {stat(t('mon.alarm.statFault'), stats.equipment_fault, '#8c8c8c', 'stat-fault')}
      </div>
      <div className="ka-muted" style={{ fontSize: 12, marginTop: -6, marginBottom: 8 }}>
        {t('mon.alarm.statsHint')} {t('mon.transmission.hint')}
      </div>
      <div className="ka-filters">
        <Select
          value={state}
          onChange={(v) => setF({ state: v === 'live' ? undefined : v, page: undefined })}
          options={[{ value: 'live', label: t('mon.alarm.live') }, ...ALARM_STATES.map((s) => ({ value: s, label: t(`mon.alarm.states.${s}`) })), { value: 'all', label: t('common.all') }]}
          data-testid="filter-state"
        />
        <Select allowClear value={f.level} onChange={(v) => setF({ level: v, page: undefined })} placeholder={t('mon.alarm.level')} options={[...LEVELS].reverse().map((l) => ({ value: l, label: t(`mon.level.${l}`) }))} />
        <Select
          allowClear
          value={f.category}
          onChange={(v) => setF({ category: v, page: undefined })}
          placeholder={t('mon.alarm.category')}
          options={(['safety', 'transmission', 'quality'] as const).map((c) => ({ value: c, label: t(`mon.alarm.categories.${c}`) }))}
          data-testid="filter-category"
        />
        <Select allowClear value={f.kind} onChange={(v) => setF({ kind: v, page: undefined })} placeholder={t('mon.alarm.kind')} options={ALARM_KINDS.map((k) => ({ value: k, label: t(`mon.alarm.kinds.${k}`) }))} />
        <RegionSelect value={f.region} onChange={(v) => setF({ region: v, page: undefined })} placeholder={t('mon.overview.filterRegion')} />
        <Input.Search allowClear defaultValue={f.site} placeholder={t('mon.alarm.site')} onSearch={(v) => setF({ site: v.trim(), page: undefined })} style={{ maxWidth: 240 }} />
      </div>
      {phone ? (
        <CardList
          items={list.data?.items ?? []}
          loading={list.isLoading}
          rowKey={(a) => a.id}
          title={(a) => (
            <Space size={4} className={fresh.has(a.id) ? 'ka-fresh' : undefined}>
              <AlarmTag alarm={a} />
              <StateTag state={a.state} />
              {fresh.has(a.id) && <Tag color="magenta">{t('mon.alarm.new')}</Tag>}
            </Space>
          )}
          body={(a) => (
            <div style={{ borderLeft: `4px solid ${alarmColor(a)}`, paddingLeft: 8 }}>
              <div>{a.message}</div>
              <div className="ka-muted" style={{ fontSize: 12, margin: '4px 0' }}>
                {formatTime(a.openedAt)} · {t(`mon.alarm.kinds.${a.kind}`, { defaultValue: a.kind })}
              </div>
              {buttons(a)}
            </div>
          )}
          onOpen={(a) => setF({ id: a.id })}
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
            rowClassName={(a) => `ka-clickable-row${fresh.has(a.id) ? ' ka-fresh' : ''}`}
            onRow={(a) => ({ onClick: () => setF({ id: a.id }), 'data-testid': `alarm-row-${a.id}` }) as never}
            pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, onChange: (p) => setF({ page: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
          />
        </Card>
      )}
      <AlarmDrawer id={f.id} onClose={() => setF({ id: undefined })} onAct={(alarm, action) => setActing({ alarm, action })} />
      <ActionModal alarm={acting?.alarm ?? null} action={acting?.action ?? null} onClose={() => setActing(null)} />
    </div>
  );
}
