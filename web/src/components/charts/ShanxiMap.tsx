import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from './EChart.tsx';
import { loadBasemap, MAP_NAME, type Basemap } from './basemap.ts';

export interface MapPoint {
  id: string;
  name: string;
  lng: number;
  lat: number;
  color: string;
  /** Larger points for what needs attention (e.g. higher level). */
  size?: number;
  /** Drawn with a ripple: for alarms a wall screen must catch. */
  pulse?: boolean;
  tooltip?: string;
}

/**
 * Shanxi with its cities, and points on it; clicking a point calls onPick with its id. `layers` are
 * further ECharts series on the map's geo coordinates (lines, areas), drawn beneath the points; an
 * item's `tip` is its tooltip.
 */
export function ShanxiMap(props: { points: MapPoint[]; layers?: object[]; onPick?: (id: string) => void; style?: CSSProperties; testId?: string }) {
  const { t } = useTranslation();
  const [map, setMap] = useState<Basemap | null>(null);
  useEffect(() => {
    let live = true;
    void loadBasemap().then((m) => live && setMap(m));
    return () => {
      live = false;
    };
  }, []);

  const option = useMemo(() => {
    if (!map) return {};
    const data = (ps: MapPoint[]) => ps.map((p) => ({ name: p.name, id: p.id, value: [p.lng, p.lat], itemStyle: { color: p.color, borderColor: '#fff', borderWidth: 1 }, symbolSize: p.size ?? 10, tip: p.tooltip }));
    return {
      tooltip: { trigger: 'item', formatter: (p: { data?: { tip?: string; name?: string }; name?: string }) => p.data?.tip ?? p.name ?? '' },
      geo: {
        map: MAP_NAME,
        roam: true,
        layoutCenter: ['50%', '50%'],
        layoutSize: '95%',
        // Shanxi is tall and narrow: keep its true proportions.
        aspectScale: 0.85,
        label: { show: true, color: '#5b6b7b', fontSize: 11 },
        itemStyle: { areaColor: '#eef3f8', borderColor: '#9fb3c8' },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#dce8f3' } },
        select: { disabled: true },
      },
      series: [
        ...(props.layers ?? []),
        { type: 'scatter', coordinateSystem: 'geo', data: data(props.points.filter((p) => !p.pulse)), zlevel: 1 },
        { type: 'effectScatter', coordinateSystem: 'geo', data: data(props.points.filter((p) => p.pulse)), rippleEffect: { scale: 3, brushType: 'stroke' }, zlevel: 2 },
      ],
    };
  }, [map, props.points, props.layers]);

  return (
    <div>
      <EChart option={option} style={{ height: 460, ...props.style }} testId={props.testId} onClick={(p) => props.onPick?.((p.data as { id?: string } | undefined)?.id ?? '')} />
      <div className="ka-muted" style={{ fontSize: 12, textAlign: 'right' }}>
        {map?.approval ? t('mon.overview.mapNoteOfficial', { no: map.approval }) : t('mon.overview.mapNote')}
      </div>
    </div>
  );
}
