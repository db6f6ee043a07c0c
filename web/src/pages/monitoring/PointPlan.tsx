import { useMemo } from 'react';
import { Segmented, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/charts/EChart.tsx';
import { LEVEL_COLOR, NORMAL_COLOR, OFFLINE_COLOR, type Level, type Sensor } from './model.ts';

export interface PlacedPoint {
  sensor: Sensor;
  level: Level | null;
  offline: boolean;
}

/** A silent point keeps the colour of its last level (silence is not safety); hollow marks it stale. */
function color(p: PlacedPoint): string {
  if (p.level) return LEVEL_COLOR[p.level];
  return p.offline ? OFFLINE_COLOR : NORMAL_COLOR;
}

/**
 * The site's points where they are: on the plan by their (x, y), or on the dam section by section
 * and elevation. Offline points are hollow and grey. Clicking one scrolls to its chart.
 */
export function PointPlan({ points, onPick }: { points: PlacedPoint[]; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const onPlan = points.filter((p) => p.sensor.position?.x != null && p.sensor.position?.y != null);
  const onSection = points.filter((p) => p.sensor.position?.elevation != null);
  const [view, setView] = useState<'plan' | 'section'>(onPlan.length >= onSection.length ? 'plan' : 'section');
  const placed = view === 'plan' ? onPlan : onSection;
  const unplaced = points.filter((p) => !placed.includes(p));
  const sections = useMemo(() => [...new Set(onSection.map((p) => p.sensor.position?.section ?? '—'))].sort(), [onSection]);

  const option = useMemo(() => {
    const data = placed.map((p) => ({
      name: p.sensor.code,
      value: view === 'plan' ? [p.sensor.position!.x, p.sensor.position!.y] : [p.sensor.position?.section ?? '—', p.sensor.position!.elevation],
      symbol: p.offline ? 'emptyCircle' : 'circle',
      symbolSize: p.level ? 18 : 13,
      itemStyle: { color: color(p), borderColor: p.offline ? color(p) : '#fff', borderWidth: p.offline ? 2 : 1 },
      tip: `${p.sensor.code} ${p.sensor.name ?? ''}<br/>${t(`mon.kind.${p.sensor.kind}`, { defaultValue: p.sensor.kind })}<br/>${p.level ? t(`mon.level.${p.level}`) : p.offline ? '' : t('mon.level.none')}${p.offline ? ` (${t('mon.site.stale')})` : ''}`,
    }));
    return {
      animation: false,
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      tooltip: { trigger: 'item', formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
      xAxis: view === 'plan' ? { type: 'value', scale: true, name: 'x', splitLine: { lineStyle: { type: 'dashed' } } } : { type: 'category', data: sections, name: t('mon.site.section') },
      yAxis: { type: 'value', scale: true, name: view === 'plan' ? 'y' : `${t('mon.site.elevation')} (m)`, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [{ type: 'scatter', data, label: { show: true, position: 'right', formatter: '{b}', fontSize: 11, color: '#333' } }],
    };
  }, [placed, sections, t, view]);

  return (
    <div data-testid="point-plan">
      {onPlan.length > 0 && onSection.length > 0 && (
        <Segmented
          size="small"
          value={view}
          onChange={(v) => setView(v as 'plan' | 'section')}
          options={[
            { value: 'plan', label: t('mon.site.planView') },
            { value: 'section', label: t('mon.site.sectionView') },
          ]}
        />
      )}
      {placed.length > 0 && <EChart option={option} style={{ height: 300 }} onClick={(p) => p.name && onPick(p.name)} />}
      {unplaced.length > 0 && (
        <Space size={4} wrap style={{ marginTop: 8 }}>
          <span className="ka-muted" style={{ fontSize: 12 }}>
            {t('mon.site.noPosition')}:
          </span>
          {unplaced.map((p) => (
            <Tag key={p.sensor.code} color={p.offline ? undefined : color(p)} style={{ cursor: 'pointer', color: p.level === 'yellow' ? '#3d3400' : undefined, borderStyle: p.offline ? 'dashed' : undefined }} onClick={() => onPick(p.sensor.code)}>
              {p.sensor.code}
            </Tag>
          ))}
        </Space>
      )}
      <div className="ka-muted" style={{ fontSize: 12, marginTop: 4 }}>
        {t('mon.site.planHint')}
      </div>
    </div>
  );
}
