import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Card, Grid, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatTime } from '../../lib/format.ts';
import { RegionSelect, useRegionName } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import { ShanxiMap, type MapPoint } from '../../components/charts/ShanxiMap.tsx';
import { useAlarmStream, useOverview, useSitesForOverview } from './api.ts';
import { LevelCounts, LevelTag, TransmissionTag } from './LevelTag.tsx';
import { LiveBadge } from './LiveBadge.tsx';
import { LEVEL_COLOR, LEVELS, NORMAL_COLOR, OFFLINE_COLOR, levelRank, type Level, type OverviewItem } from './model.ts';
import './monitoring.css';

/** A row of the overview: the registry's site joined with its monitoring state (none when it has no sensors). */
export interface OverviewRow {
  code: string;
  name: string;
  kind: string;
  region: string;
  lng: number | null;
  lat: number | null;
  mon: OverviewItem | null;
}

type LevelFilter = Level | 'none' | 'offline' | 'unmonitored' | 'missingItem';

export function matches(r: OverviewRow, f: LevelFilter | undefined): boolean {
  if (!f) return true;
  if (f === 'missingItem') return (r.mon?.missingItems?.length ?? 0) > 0;
  if (f === 'unmonitored') return !r.mon || r.mon.sensors === 0;
  if (!r.mon || r.mon.sensors === 0) return false;
  if (f === 'offline') return r.mon.offline.length > 0;
  if (f === 'none') return !r.mon.level;
  return r.mon.level === f;
}

/** Open warnings by level, and data interruptions apart with their own tag (never counted as a colour). */
function AlarmCounts({ mon }: { mon: OverviewItem }) {
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
      <LevelCounts counts={mon.openAlarmsByLevel} />
      {(mon.openTransmissionAlarms ?? 0) > 0 && <TransmissionTag count={mon.openTransmissionAlarms} />}
    </span>
  );
}

function colorOf(r: OverviewRow): string {
  if (!r.mon || r.mon.sensors === 0) return '#d9d9d9';
  if (r.mon.level) return LEVEL_COLOR[r.mon.level];
  if (r.mon.silent) return OFFLINE_COLOR;
  return NORMAL_COLOR;
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [f, setF] = useUrlState(['region', 'level'] as const);
  const overview = useOverview(f.region);
  const sites = useSitesForOverview(f.region);
  const regionName = useRegionName();
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const live = useAlarmStream((a) => {
    const site = a.site;
    if (!site) return;
    setFresh((s) => new Set(s).add(site));
    setTimeout(() => setFresh((s) => ((s.delete(site), new Set(s)))), 8000);
  });

  const rows = useMemo<OverviewRow[]>(() => {
    const bySite = new Map((overview.data ?? []).map((o) => [o.site, o]));
    const out: OverviewRow[] = (sites.data ?? []).map((s) => ({ code: s.code, name: s.name, kind: s.kind, region: s.region, lng: s.lng, lat: s.lat, mon: bySite.get(s.code) ?? null }));
    // Monitored sites the registry page did not return (more than a page of sites) still show.
    const known = new Set(out.map((r) => r.code));
    for (const o of overview.data ?? []) if (!known.has(o.site)) out.push({ code: o.site, name: o.site, kind: o.kind, region: o.region, lng: null, lat: null, mon: o });
    // Worst first: level, then open alarms, then offline sensors.
    return out.sort((a, b) => levelRank(b.mon?.level) - levelRank(a.mon?.level) || (b.mon?.openAlarms ?? 0) - (a.mon?.openAlarms ?? 0) || (b.mon?.offline.length ?? 0) - (a.mon?.offline.length ?? 0) || a.code.localeCompare(b.code));
  }, [overview.data, sites.data]);

  const levelFilter = f.level as LevelFilter | undefined;
  const shown = rows.filter((r) => matches(r, levelFilter));
  const count = (lf: LevelFilter) => rows.filter((r) => matches(r, lf)).length;
  const open = (code: string) => nav(`/sites/${encodeURIComponent(code)}?tab=monitoring`);

  const points: MapPoint[] = shown
    .filter((r) => r.lng !== null && r.lat !== null)
    .map((r) => ({
      id: r.code,
      name: r.name,
      lng: r.lng!,
      lat: r.lat!,
      color: colorOf(r),
      size: 9 + levelRank(r.mon?.level) * 3,
      pulse: levelRank(r.mon?.level) >= 3 || fresh.has(r.code),
      tooltip: `${r.name}<br/>${r.mon?.sensors ? (r.mon.level ? t(`mon.level.${r.mon.level}`) : t('mon.level.none')) : t('mon.overview.notConnected')}${r.mon?.openAlarms ? `<br/>${t('mon.overview.openAlarms')}: ${r.mon.openAlarms}` : ''}${r.mon?.offline.length ? `<br/>${t('mon.overview.offline')}: ${r.mon.offline.length}` : ''}`,
    }));
  const withoutCoords = shown.length - points.length;

  const status = (r: OverviewRow) =>
    !r.mon || r.mon.sensors === 0 ? (
      <Tag>{t('mon.overview.notConnected')}</Tag>
    ) : (
      <>
        <LevelTag level={r.mon.level} />
        {r.mon.stale && r.mon.level && !r.mon.dataInterrupted && (
          <Tag style={{ borderStyle: 'dashed' }} title={r.mon.lastHeard ? `${t('mon.site.lastSeen')} ${formatTime(r.mon.lastHeard)}` : undefined}>
            {t('mon.site.stale')}
          </Tag>
        )}
        {(r.mon.dataInterrupted ?? r.mon.silent) && (
          <span title={r.mon.lastHeard ? `${t('mon.site.lastSeen')} ${formatTime(r.mon.lastHeard)}` : undefined}>
            <TransmissionTag />
          </span>
        )}
      </>
    );

  const columns: TableColumnsType<OverviewRow> = [
    { title: t('mon.overview.site'), key: 'name', render: (_, r) => <Link to={`/sites/${encodeURIComponent(r.code)}?tab=monitoring`}>{r.name}</Link> },
    { title: t('mon.overview.region'), key: 'region', render: (_, r) => regionName(r.region), responsive: ['lg'] },
    { title: t('mon.overview.level'), key: 'level', render: (_, r) => status(r) },
    { title: t('mon.overview.openAlarms'), key: 'alarms', render: (_, r) => (r.mon ? <AlarmCounts mon={r.mon} /> : '—') },
    {
      title: t('mon.overview.offline'),
      key: 'offline',
      render: (_, r) => (r.mon && r.mon.sensors > 0 ? <span style={{ color: r.mon.offline.length ? '#cf1322' : undefined }}>{`${r.mon.offline.length} / ${r.mon.sensors}`}</span> : '—'),
    },
  ];

  const stats: { key: LevelFilter | undefined; label: string; n: number; color: string }[] = [
    { key: undefined, label: t('mon.overview.total'), n: rows.length, color: '#0b5fa5' },
    ...[...LEVELS].reverse().map((l) => ({ key: l as LevelFilter, label: t(`mon.level.${l}`), n: count(l), color: LEVEL_COLOR[l] })),
    { key: 'offline', label: t('mon.overview.offlineSites'), n: count('offline'), color: OFFLINE_COLOR },
    { key: 'unmonitored', label: t('mon.overview.noSensors'), n: count('unmonitored'), color: '#d9d9d9' },
    { key: 'missingItem', label: t('mon.overview.missingItem'), n: count('missingItem'), color: '#cf1322' },
  ];

  return (
    <div data-testid="monitoring-overview">
      <PageTitle title={t('mon.overview.title')} extra={<LiveBadge connected={live.connected} />} />
      <div className="ka-filters">
        <RegionSelect value={f.region} onChange={(v) => setF({ region: v })} placeholder={t('mon.overview.filterRegion')} />
        <Select
          allowClear
          value={f.level}
          onChange={(v) => setF({ level: v })}
          placeholder={t('mon.overview.filterLevel')}
          options={[
            ...[...LEVELS].reverse().map((l) => ({ value: l, label: t(`mon.level.${l}`) })),
            { value: 'none', label: t('mon.level.none') },
            { value: 'offline', label: t('mon.overview.offlineSites') },
            { value: 'unmonitored', label: t('mon.overview.notConnected') },
            { value: 'missingItem', label: t('mon.overview.missingItem') },
          ]}
        />
      </div>
      <div className="ka-stat-grid">
        {stats.map((s) => (
          <div key={s.key ?? 'all'} className={`ka-stat${f.level === s.key ? ' active' : ''}`} style={{ borderLeftColor: s.color }} onClick={() => setF({ level: f.level === s.key ? undefined : s.key })} data-testid={`stat-${s.key ?? 'all'}`}>
            <div className="ka-stat-n">{s.n}</div>
            <div className="ka-stat-l">{s.label}</div>
          </div>
        ))}
      </div>
      <div className="ka-overview-grid">
        <Card size="small" title={t('mon.overview.map')}>
          <ShanxiMap points={points} onPick={(id) => id && open(id)} style={{ height: phone ? 420 : 560 }} testId="overview-map" />
          {withoutCoords > 0 && <div className="ka-muted" style={{ fontSize: 12 }}>{t('mon.overview.noCoords', { n: withoutCoords })}</div>}
        </Card>
        <Card size="small" title={t('mon.overview.table')} styles={{ body: { padding: phone ? 8 : 0 } }}>
          {phone ? (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {shown.map((r) => (
                <Card key={r.code} size="small" hoverable onClick={() => open(r.code)} className={fresh.has(r.code) ? 'ka-fresh' : undefined} style={{ borderLeft: `6px solid ${colorOf(r)}` }} data-testid="overview-card">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <b>{r.name}</b>
                    <span>{status(r)}</span>
                  </div>
                  <div className="ka-muted" style={{ fontSize: 13, marginTop: 4, display: 'flex', gap: 12, flexWrap: 'wrap' }}>
                    <span>{regionName(r.region)}</span>
                    {r.mon && r.mon.sensors > 0 && (
                      <>
                        <span>
                          {t('mon.overview.openAlarms')} <AlarmCounts mon={r.mon} />
                        </span>
                        <span>
                          {t('mon.overview.offline')} {r.mon.offline.length}/{r.mon.sensors}
                        </span>
                      </>
                    )}
                  </div>
                </Card>
              ))}
            </div>
          ) : (
            <Table
              size="small"
              rowKey="code"
              columns={columns}
              dataSource={shown}
              loading={overview.isLoading || sites.isLoading}
              pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
              rowClassName={(r) => (fresh.has(r.code) ? 'ka-fresh' : '')}
              onRow={(r) => ({ 'data-testid': `overview-row-${r.code}` }) as never}
            />
          )}
        </Card>
      </div>
    </div>
  );
}
