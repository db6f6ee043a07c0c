import { useMemo, useState } from 'react';
import { Alert, Card, Empty, Segmented, Space, Spin, Table, Tag } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SiteTabProps } from '../site/tabs.ts';
import { useAlarms, useAlarmStream, useSensors, useSiteStatus } from './api.ts';
import { LevelTag } from './LevelTag.tsx';
import { LiveBadge } from './LiveBadge.tsx';
import { formatTime } from '../../lib/format.ts';
import { levelRank, needsWithdrawal, OFFLINE_COLOR, stepFor, type Level } from './model.ts';
import { PointPlan, type PlacedPoint } from './PointPlan.tsx';
import { SensorChart } from './SensorChart.tsx';
import './monitoring.css';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const RANGES = [
  { key: 'r1h', ms: HOUR },
  { key: 'r6h', ms: 6 * HOUR },
  { key: 'r1d', ms: DAY },
  { key: 'r7d', ms: 7 * DAY },
  { key: 'r30d', ms: 30 * DAY },
  { key: 'r90d', ms: 90 * DAY },
  { key: 'r1y', ms: 365 * DAY },
] as const;

export default function SiteMonitoringTab({ site }: SiteTabProps) {
  const { t } = useTranslation();
  const sensors = useSensors(site.code);
  const status = useSiteStatus(site.code);
  const liveAlarms = useAlarms({ site: site.code, state: 'live', limit: 100 });
  const live = useAlarmStream();
  const [range, setRange] = useState<(typeof RANGES)[number]['key']>('r1d');
  // The window moves when the range changes or live data arrives (the status refetch), not on every render.
  const to = useMemo(() => Date.now() + 60_000, [range, status.dataUpdatedAt]); // eslint-disable-line react-hooks/exhaustive-deps
  const ms = RANGES.find((r) => r.key === range)!.ms;
  const from = to - ms;
  const step = stepFor(ms);

  const levelOf = useMemo(() => {
    const m = new Map<string, Level | null>();
    for (const item of status.data?.items ?? []) for (const p of item.points) m.set(p.sensor, p.level);
    return m;
  }, [status.data]);
  const connOf = useMemo(() => new Map((status.data?.connectivity ?? []).map((c) => [c.code, c])), [status.data]);
  const offline = useMemo(() => new Set(status.data?.offline ?? []), [status.data]);

  if (sensors.isLoading) return <Spin />;
  // Worst first, so a wall screen shows what needs attention without scrolling; offline next.
  const list = (sensors.data ?? [])
    .filter((s) => !s.disabled)
    .sort((a, b) => levelRank(levelOf.get(b.code)) - levelRank(levelOf.get(a.code)) || Number(offline.has(b.code)) - Number(offline.has(a.code)) || a.code.localeCompare(b.code));
  if (!list.length) return <Empty description={t('mon.site.noSensors')} data-testid="no-sensors" />;

  const withdrawal = (liveAlarms.data?.items ?? []).filter(needsWithdrawal);
  const goafRed = withdrawal.length > 0 || (status.data?.items ?? []).some((i) => i.item === 'ground_pressure' && i.level === 'red');
  const points: PlacedPoint[] = list.map((s) => ({ sensor: s, level: levelOf.get(s.code) ?? null, offline: offline.has(s.code) }));
  const pick = (code: string) => document.getElementById(`sensor-${code}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="site-monitoring">
      {goafRed && (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled />}
          data-testid="withdraw-instruction"
          message={<span className="ka-withdraw">{t('mon.site.withdrawTitle')}：{t('mon.site.withdraw')}</span>}
          description={withdrawal.map((a) => a.message).join('；') || undefined}
        />
      )}
      {(status.data?.missingItems?.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="missing-items"
          message={`${t('mon.site.missingItems')}：${status.data!.missingItems!.map((i) => t(`mon.item.${i}`, { defaultValue: i })).join('、')}`}
        />
      )}
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <span>
          {t('mon.site.status')}: <LevelTag level={status.data?.level} />
        </span>
        {status.data?.dataInterrupted && (
          <Tag color={OFFLINE_COLOR} data-testid="data-interrupted">
            {t('mon.transmission.interrupted')}
          </Tag>
        )}
        {offline.size > 0 && (
          <Tag color={OFFLINE_COLOR}>
            {t('mon.overview.offline')} {offline.size}/{list.length}
          </Tag>
        )}
        <span style={{ flex: 1 }} />
        <LiveBadge connected={live.connected} />
      </div>
      <div className="ka-overview-grid">
        <Card size="small" title={t('mon.site.plan')}>
          <PointPlan points={points} onPick={pick} />
        </Card>
        <Card size="small" title={t('mon.site.items')}>
          <Table
            size="small"
            rowKey="item"
            pagination={false}
            dataSource={status.data?.items ?? []}
            columns={[
              { title: t('mon.site.item'), dataIndex: 'item', render: (k: string) => t(`mon.item.${k}`, { defaultValue: k }) },
              { title: t('mon.site.status'), dataIndex: 'level', render: (l: Level | null) => <LevelTag level={l} /> },
              {
                title: t('mon.site.point'),
                key: 'points',
                render: (_, item) => (
                  <Space size={2} wrap>
                    {item.points.map((p) => (
                      <span
                        key={p.sensor}
                        style={{ cursor: 'pointer' }}
                        onClick={() => pick(p.sensor)}
                        title={p.stale || p.disabled ? `${t(p.disabled ? 'mon.site.disabled' : 'mon.site.stale')}${p.lastHeard ? ` · ${t('mon.site.lastSeen')} ${formatTime(p.lastHeard)}` : ''}` : undefined}
                        data-stale={p.stale || undefined}
                      >
                        {p.level ? <LevelTag level={p.level} short /> : <Tag style={p.stale || p.disabled ? { borderStyle: 'dashed' } : undefined}>{p.sensor}</Tag>}
                        {p.level && <span style={{ fontSize: 12, marginRight: 2 }}>{p.sensor}</span>}
                        {(p.stale || p.disabled) && <Tag style={{ borderStyle: 'dashed', marginRight: 6 }}>{t(p.disabled ? 'mon.site.disabledShort' : 'mon.site.staleShort')}</Tag>}
                      </span>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
          <div className="ka-muted" style={{ fontSize: 12, marginTop: 6 }}>
            {t('mon.site.aggregated')}
          </div>
        </Card>
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <span>{t('mon.site.range')}:</span>
        <div className="ka-range">
        <Segmented value={range} onChange={(v) => setRange(v as typeof range)} options={RANGES.map((r) => ({ value: r.key, label: t(`mon.site.${r.key}`) }))} data-testid="range-picker" />
        </div>
      </div>
      <div className="ka-sensor-grid">
        {list.map((s) => (
          <SensorChart key={s.id} site={site.code} sensor={s} level={levelOf.get(s.code) ?? null} conn={connOf.get(s.code)} from={from} to={to} step={step} />
        ))}
      </div>
    </Space>
  );
}
