import { useMemo, useState } from 'react';
import { Alert, Card, Checkbox, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ShanxiMap, type MapPoint } from '../../components/charts/ShanxiMap.tsx';
import { useRiverMap, type RiverFeature } from './api.ts';

type Layer = 'main' | 'tributary' | 'ponds';
const COLOR = { main: '#1f6fd1', tributary: '#3aa0c8' };
const FILL = { main: 'rgba(31,111,209,0.22)', tributary: 'rgba(58,160,200,0.25)' };

const Swatch = ({ color }: { color: string }) => <span style={{ display: 'inline-block', width: 14, height: 10, background: color, borderRadius: 2 }} />;

/** The outer rings of a buffer's polygons ([lng, lat] pairs); holes are left out of the drawing. */
function rings(f: RiverFeature): [number, number][][] {
  if (f.geometry.type === 'Polygon') return [(f.geometry.coordinates as [number, number][][])[0]!];
  if (f.geometry.type === 'MultiPolygon') return (f.geometry.coordinates as [number, number][][][]).map((p) => p[0]!);
  return [];
}

/**
 * 黄河岸线图: the river lines the siting rule measures against, their buffers (3 km from the main
 * course, 1 km from the important tributaries, computed on the server), and the ponds — red where a
 * yellow_river_distance finding holds, grey otherwise.
 */
export function RiverMapTab() {
  const { t } = useTranslation();
  const data = useRiverMap();
  const [shown, setShown] = useState<Layer[]>(['main', 'tributary', 'ponds']);

  const layers = useMemo(() => {
    if (!data.data) return [];
    const d = data.data;
    const out: object[] = [];
    for (const role of ['main', 'tributary'] as const) {
      if (!shown.includes(role)) continue;
      const label = t(`cmp.map.${role}`, { km: d.bufferKm[role] });
      const polys = d.buffers.features.filter((f) => f.properties.role === role).flatMap((f) => rings(f).map((ring) => ({ ring, f })));
      out.push({
        type: 'custom',
        name: label,
        coordinateSystem: 'geo',
        silent: false,
        data: polys.map((p, i) => ({ value: [i], tip: t('cmp.map.bufferTip', { river: p.f.properties.nameZh ?? p.f.properties.name, role: t(`cmp.map.role.${role}`), km: p.f.properties.bufferKm }) })),
        renderItem: (params: { dataIndex: number }, api: { coord: (c: [number, number]) => number[] }) => ({
          type: 'polygon',
          shape: { points: polys[params.dataIndex]!.ring.map((c) => api.coord(c)) },
          style: { fill: FILL[role], stroke: COLOR[role], lineWidth: 0.5 },
        }),
        zlevel: 0,
      });
      out.push({
        type: 'lines',
        name: t(`cmp.map.role.${role}`),
        coordinateSystem: 'geo',
        polyline: true,
        data: d.lines.features
          .filter((f) => f.properties.role === role)
          .map((f) => ({ coords: f.geometry.coordinates as [number, number][], tip: t('cmp.map.lineTip', { river: f.properties.nameZh ?? f.properties.name, role: t(`cmp.map.role.${role}`), km: f.properties.bufferKm }) })),
        lineStyle: { color: COLOR[role], width: role === 'main' ? 2 : 1.2, opacity: 0.9 },
        zlevel: 0,
      });
    }
    return out;
  }, [data.data, shown, t]);

  const points: MapPoint[] = useMemo(() => {
    if (!data.data || !shown.includes('ponds')) return [];
    return data.data.ponds.map((p) => {
      const near = p.findings.length > 0;
      const head = `${p.code} ${p.name}`;
      return {
        id: p.site,
        name: p.name,
        lng: p.lng,
        lat: p.lat,
        color: near ? '#d4380d' : '#8c8c8c',
        size: near ? 12 : 8,
        tooltip: near ? `${head}<br/>${t('cmp.map.pondNear')}：${p.findings.map((f) => f.message).join('；')}` : `${head}<br/>${t('cmp.map.pondOk')}`,
      };
    });
  }, [data.data, shown, t]);

  const d = data.data;
  return (
    <Card data-testid="cmp-river-map">
      {data.error && <Alert type="error" message={String(data.error)} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 8 }}>
        <Checkbox.Group
          value={shown}
          onChange={(v) => setShown(v as Layer[])}
          options={[
            { value: 'main', label: <Space size={4}><Swatch color={COLOR.main} />{t('cmp.map.main', { km: d?.bufferKm.main ?? 3 })}</Space> },
            { value: 'tributary', label: <Space size={4}><Swatch color={COLOR.tributary} />{t('cmp.map.tributary', { km: d?.bufferKm.tributary ?? 1 })}</Space> },
            { value: 'ponds', label: <Space size={4}><Swatch color="#d4380d" />{t('cmp.map.ponds')}</Space> },
          ]}
        />
      </Space>
      <ShanxiMap points={points} layers={layers} style={{ height: 620 }} testId="cmp-river-chart" />
      {d && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('cmp.map.legend', { red: d.ponds.filter((p) => p.findings.length > 0).length, all: d.ponds.length })}　{t('cmp.map.source')}：{d.source}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
