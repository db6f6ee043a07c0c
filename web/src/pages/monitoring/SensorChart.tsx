import { useMemo } from 'react';
import { Card, Empty, Space, Tag, Tooltip } from 'antd';
import { DisconnectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/charts/EChart.tsx';
import { formatNumber, formatTime } from '../../lib/format.ts';
import { useSeries } from './api.ts';
import { LevelTag } from './LevelTag.tsx';
import { LEVEL_COLOR, LEVELS, OFFLINE_COLOR, type Level, type Sensor, type SensorConnectivity, type Thresholds } from './model.ts';

/** The threshold lines to draw: every level the sensor has a value for. */
export function thresholdLines(th: Thresholds): { level: Level; value: number }[] {
  return LEVELS.filter((l) => typeof th[l] === 'number' && Number.isFinite(th[l])).map((l) => ({ level: l, value: th[l] as number }));
}

/**
 * The y range: the data and the first warning line, so the distance to it shows; further lines are
 * drawn when they fall inside (a red line far above would flatten the curve).
 */
export function yExtent(values: number[], lines: { value: number }[]): [number, number] | null {
  const all = [...values, ...(lines.length ? [lines[0]!.value] : [])];
  if (!all.length) return null;
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.05 || 1;
  // Round outwards to a tidy step so the axis' end labels read like the others (100, not 99.728).
  const span = hi - lo + 2 * pad;
  const step = 10 ** Math.floor(Math.log10(span)) / 2;
  const nice = (v: number) => Number(v.toPrecision(12));
  return [nice(Math.floor((lo - pad) / step) * step), nice(Math.ceil((hi + pad) / step) * step)];
}

export function SensorChart(props: { site: string; sensor: Sensor; level: Level | null; conn: SensorConnectivity | undefined; from: number; to: number; step?: string }) {
  const { t } = useTranslation();
  const { sensor } = props;
  const q = useSeries(props.site, sensor.code, props.from, props.to, props.step);
  const items = useMemo(() => q.data?.items ?? [], [q.data]);
  const lines = useMemo(() => thresholdLines(sensor.thresholds ?? {}), [sensor.thresholds]);
  const offline = props.conn && props.conn.state !== 'online';
  const last = items.length ? items[items.length - 1] : undefined;

  const option = useMemo(() => {
    const ext = yExtent(
      items.map((r) => r.value),
      lines,
    );
    return {
      animation: false,
      grid: { left: 56, right: 64, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatNumber(v)} ${sensor.unit}` },
      xAxis: { type: 'time', min: props.from, max: props.to, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', scale: true, min: ext?.[0], max: ext?.[1], name: sensor.unit, nameTextStyle: { align: 'right' } },
      series: [
        {
          type: 'line',
          name: sensor.name ?? sensor.code,
          showSymbol: items.length < 20,
          symbolSize: 4,
          lineStyle: { width: 1.5, color: '#0b5fa5' },
          itemStyle: { color: '#0b5fa5' },
          data: items.map((r) => [r.ts, r.value]),
          markLine: {
            symbol: 'none',
            silent: true,
            data: lines.map((l) => ({
              yAxis: l.value,
              lineStyle: { color: LEVEL_COLOR[l.level], type: 'dashed', width: 1.5 },
              label: { formatter: `${t(`mon.levelShort.${l.level}`)} ${formatNumber(l.value)}`, color: l.level === 'yellow' ? '#ad8b00' : LEVEL_COLOR[l.level], position: 'end' },
            })),
          },
        },
      ],
    };
  }, [items, lines, props.from, props.to, sensor.code, sensor.name, sensor.unit, t]);

  return (
    <Card
      size="small"
      id={`sensor-${sensor.code}`}
      data-testid={`sensor-chart-${sensor.code}`}
      style={offline ? { borderColor: OFFLINE_COLOR, borderStyle: 'dashed' } : undefined}
      title={
        <Space size={6} wrap>
          <span>{sensor.name || sensor.code}</span>
          <span className="ka-muted" style={{ fontWeight: 400 }}>
            {sensor.code} · {t(`mon.kind.${sensor.kind}`, { defaultValue: sensor.kind })}
            {sensor.position?.section ? ` · ${t('mon.site.section')} ${sensor.position.section}` : ''}
          </span>
        </Space>
      }
      extra={
        <Space size={4}>
          {offline ? (
            <Tooltip title={`${t('mon.site.lastSeen')}: ${props.conn?.silentSec != null ? formatTime(Date.now() - props.conn.silentSec * 1000) : '—'}`}>
              <Tag icon={<DisconnectOutlined />} color={OFFLINE_COLOR} data-testid="sensor-offline">
                {props.conn?.state === 'repair_overdue' ? t('mon.site.repairOverdue') : t('mon.site.offline')}
              </Tag>
            </Tooltip>
          ) : (
            <LevelTag level={props.level} short />
          )}
        </Space>
      }
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, fontSize: 13 }}>
        <span>
          {t('mon.site.value')}: <b style={{ fontSize: 16 }}>{last ? `${formatNumber(last.value)} ${sensor.unit}` : '—'}</b>
          {last && <span className="ka-muted"> · {formatTime(last.ts)}</span>}
        </span>
        <span className="ka-muted">{props.step ? t('mon.site.step', { step: props.step }) : t('mon.site.raw')}</span>
      </div>
      {items.length === 0 && !q.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mon.site.noData')} style={{ height: 220, margin: 0, paddingTop: 60 }} />
      ) : (
        <EChart option={option} style={{ height: 240 }} testId="sensor-echart" />
      )}
      {lines.length > 0 && (
        <div style={{ fontSize: 12, display: 'flex', gap: 10, flexWrap: 'wrap' }}>
          <span className="ka-muted">{t('mon.site.thresholds')}{sensor.thresholds.direction === 'below' ? ' ≤' : ' ≥'}</span>
          {lines.map((l) => (
            <span key={l.level} style={{ color: l.level === 'yellow' ? '#ad8b00' : LEVEL_COLOR[l.level] }}>
              {t(`mon.levelShort.${l.level}`)} {formatNumber(l.value)}
            </span>
          ))}
        </div>
      )}
    </Card>
  );
}
