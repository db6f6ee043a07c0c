import { useEffect, useState } from 'react';
import { App, Button, Drawer, Empty, Grid, Select, Space, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, tokenStore } from '../../api/client.ts';
import { showError } from '../../components/feedback.ts';
import { useSites } from './api.ts';
import { LEVEL_COLOR } from './model.ts';

type Point = [number, number];
interface MapArea { area: string; polygon: Point[]; level: keyof typeof LEVEL_COLOR | null; colour: string | null; risks: number }
interface RiskMap { site: string; plan: { file: string; width: number; height: number } | null; areas: MapArea[]; undrawn: string[] }

/** The plan image fetched with the session's token (an <img> cannot send it). */
function usePlanImage(file?: string) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    if (!file) return setSrc(undefined);
    let url: string | undefined;
    void fetch(`/api/v1/files/${file}`, { headers: { authorization: `Bearer ${tokenStore.get() ?? ''}` } })
      .then((r) => (r.ok ? r.blob() : null))
      .then((b) => b && setSrc((url = URL.createObjectURL(b))));
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [file]);
  return src;
}

/** The four-colour risk map (四色风险分布图): areas on the site plan coloured by their highest risk; managers draw them. */
export function RiskMapDrawer(props: { open: boolean; manage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const sites = useSites();
  const [site, setSite] = useState<string>();
  const [drawing, setDrawing] = useState<Point[]>([]);
  const [area, setArea] = useState<string>();
  const map = useQuery({ queryKey: ['dp', 'riskMap', site], queryFn: () => api.get<RiskMap>(`/api/v1/sites/${site}/risk-map`), enabled: !!site });
  const m = map.data;
  const src = usePlanImage(m?.plan?.file);
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: async (body: { file: string; width: number; height: number; areas: { area: string; polygon: Point[] }[] }) => {
      const res = await fetch(`/api/v1/sites/${site}/risk-map`, { method: 'PUT', headers: { authorization: `Bearer ${tokenStore.get() ?? ''}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as RiskMap & { error?: { message: string } };
      if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
      return json;
    },
    onSuccess: () => {
      message.success(t('common.saved', { defaultValue: '已保存' }));
      setDrawing([]);
      setArea(undefined);
      void qc.invalidateQueries({ queryKey: ['dp', 'riskMap', site] });
    },
    onError: showError,
  });
  const areasOf = (x: RiskMap) => x.areas.map((a) => ({ area: a.area, polygon: a.polygon }));

  async function upload(file: File) {
    const res = await fetch(`/api/v1/files?${new URLSearchParams({ site: site!, name: file.name.slice(0, 200) })}`, { method: 'POST', headers: { authorization: `Bearer ${tokenStore.get() ?? ''}`, 'content-type': file.type || 'image/png' }, body: file });
    const json = (await res.json()) as { id?: string };
    if (!res.ok || !json.id) throw new Error(`HTTP ${res.status}`);
    const img = await createImageBitmap(file);
    save.mutate({ file: json.id, width: img.width, height: img.height, areas: m ? areasOf(m) : [] });
  }

  function click(e: React.MouseEvent<SVGSVGElement>) {
    if (!props.manage || !m?.plan || !area) return;
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.round(((e.clientX - box.left) / box.width) * m.plan.width);
    const y = Math.round(((e.clientY - box.top) / box.height) * m.plan.height);
    setDrawing((d) => [...d, [x, y]]);
  }

  return (
    <Drawer open={props.open} onClose={props.onClose} width={screens.md ? 900 : '100%'} title={t('dp.riskMap.title')} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select style={{ width: '100%' }} placeholder={t('dp.hazard.site')} value={site} onChange={(v) => (setSite(v), setDrawing([]))} showSearch optionFilterProp="label" options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} />
        {site && props.manage && (
          <Space wrap>
            <Button onClick={() => document.getElementById('risk-map-upload')?.click()}>{t('dp.riskMap.upload')}</Button>
            <input id="risk-map-upload" type="file" accept="image/*" hidden onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0]).catch(showError)} />
            {m?.plan && (
              <>
                <Select style={{ minWidth: 160 }} placeholder={t('dp.riskMap.area')} value={area} onChange={(v) => (setArea(v), setDrawing([]))} options={[...m.undrawn, ...m.areas.map((a) => a.area)].map((a) => ({ value: a, label: a }))} />
                <Button disabled={drawing.length < 3 || !area} type="primary" loading={save.isPending} onClick={() => save.mutate({ ...m.plan!, areas: [...areasOf(m).filter((a) => a.area !== area), { area: area!, polygon: drawing }] })}>
                  {t('dp.riskMap.saveArea')}
                </Button>
                <Button disabled={!drawing.length} onClick={() => setDrawing([])}>{t('dp.riskMap.clear')}</Button>
              </>
            )}
          </Space>
        )}
        {m?.plan && src ? (
          <div style={{ position: 'relative', width: '100%' }}>
            <img src={src} alt="" style={{ width: '100%', display: 'block' }} />
            <svg viewBox={`0 0 ${m.plan.width} ${m.plan.height}`} preserveAspectRatio="none" style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', cursor: area ? 'crosshair' : 'default' }} onClick={click} data-testid="risk-map">
              {m.areas.map((a) => (
                <g key={a.area}>
                  <polygon points={a.polygon.map((p) => p.join(',')).join(' ')} fill={a.level ? LEVEL_COLOR[a.level] : '#bfbfbf'} fillOpacity={0.45} stroke="#333" strokeWidth={Math.max(1, m.plan!.width / 600)} data-level={a.level ?? 'none'} />
                  <text x={a.polygon.reduce((s, p) => s + p[0], 0) / a.polygon.length} y={a.polygon.reduce((s, p) => s + p[1], 0) / a.polygon.length} textAnchor="middle" fontSize={m.plan!.width / 40} fill="#000">
                    {a.area}
                  </text>
                </g>
              ))}
              {drawing.length > 0 && <polyline points={drawing.map((p) => p.join(',')).join(' ')} fill="none" stroke="#0b5fa5" strokeWidth={m.plan.width / 300} />}
            </svg>
          </div>
        ) : (
          site && !map.isLoading && <Empty description={t('dp.riskMap.noPlan')} />
        )}
        {m && (
          <Space wrap>
            {m.areas.map((a) => (
              <Tag key={a.area} color={a.colour ?? 'default'}>{`${a.area} · ${a.level ? t(`dp.level.${a.level}`) : '—'} · ${a.risks}`}</Tag>
            ))}
            {m.undrawn.length > 0 && <span className="ka-muted">{t('dp.riskMap.undrawn', { areas: m.undrawn.join('、') })}</span>}
          </Space>
        )}
      </Space>
    </Drawer>
  );
}
