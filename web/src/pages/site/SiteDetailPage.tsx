import { Suspense, useState } from 'react';
import { Button, Card, Descriptions, Grid, Result, Space, Spin, Tabs, type DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import type { Site } from '../../api/types.ts';
import { useUser } from '../../auth/auth.tsx';
import { HistoryTable } from '../../components/HistoryTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { KindTag, StatusTag } from '../../components/tags.tsx';
import { formatNumber, formatTime, orDash } from '../../lib/format.ts';
import { can } from '../../lib/permissions.ts';
import { mineralsText } from '../../components/minerals.ts';
import { useEnterpriseName } from '../../components/useEnterpriseName.ts';
import { useRegionName } from '../../components/RegionSelect.tsx';
import { GradeExplain } from './GradeExplain.tsx';
import { SiteFormModal } from './SiteFormModal.tsx';
import { siteTabsFor } from './tabs.ts';

export default function SiteDetailPage() {
  const { idOrCode = '' } = useParams();
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [editing, setEditing] = useState(false);
  // Links from the overview and the alarm centre open a given tab (?tab=monitoring); the choice stays in the address.
  const [params, setParams] = useSearchParams();
  const q = useQuery({ queryKey: ['site', idOrCode], queryFn: () => api.get<Site>(`/api/v1/sites/${encodeURIComponent(idOrCode)}`) });
  const enterpriseName = useEnterpriseName(q.data?.enterprise, q.data?.enterpriseName);
  const regionName = useRegionName();
  const screens = Grid.useBreakpoint();

  if (q.isLoading) return <Spin />;
  if (!q.data) {
    const nf = q.error instanceof ApiError && q.error.status === 404;
    return <Result status={nf ? '404' : 'error'} title={nf ? t('common.notFound') : t('common.failed')} extra={<Link to="/sites">{t('common.back')}</Link>} />;
  }
  const s = q.data;
  const yn = (v: boolean | null) => (v === null || v === undefined ? '—' : v ? t('common.yes') : t('common.no'));
  const labelOf = (f: string) => (i18n.exists(`site.${f}`) ? t(`site.${f}`) : f);
  const valueOf = (f: string, v: unknown): string | undefined => {
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (f === 'kind' || f === 'status' || f === 'damType') return t(`${f}.${String(v)}`, { defaultValue: String(v) });
    if (f === 'grade') return t(`grade.${String(v)}`, { defaultValue: String(v) });
    if (f === 'minerals' && Array.isArray(v)) return mineralsText(v as string[]);
    if (f === 'region') return regionName(String(v));
    if (f === 'enterprise' && v === s.enterprise && enterpriseName) return enterpriseName;
    return undefined;
  };
  const item = (key: string, children: React.ReactNode, span?: number): NonNullable<DescriptionsProps['items']>[number] => ({ key, label: labelOf(key), children, span });

  const base = [
    item('code', <span style={{ fontFamily: 'monospace' }}>{s.code}</span>),
    item('name', s.name),
    item('kind', <KindTag kind={s.kind} />),
    item('status', <StatusTag status={s.status} />),
    item('enterprise', <Link to={`/enterprises/${s.enterprise}`}>{enterpriseName ?? s.enterprise}</Link>),
    item('region', s.regionName ?? s.region),
    item('minerals', mineralsText(s.minerals)),
    item('miningMethod', orDash(s.miningMethod)),
    item('designCapacity', formatNumber(s.designCapacity)),
    item('actualCapacity', formatNumber(s.actualCapacity)),
    item('depth', formatNumber(s.depth)),
    item('peopleUnderground', formatNumber(s.peopleUnderground)),
    item('standardGrade', s.standardGrade ? t('site.standardGradeN', { n: s.standardGrade }) : '—'),
    item('miningLicence', orDash(s.miningLicence)),
    item('safetyLicence', orDash(s.safetyLicence)),
    item('location', s.lng !== null && s.lat !== null ? `${s.lng}, ${s.lat}` : '—'),
  ];
  const pond =
    s.kind === 'tailings_pond'
      ? [
          item('damType', s.damType ? t(`damType.${s.damType}`) : '—'),
          item('damHeight', formatNumber(s.damHeight)),
          item('totalStorage', formatNumber(s.totalStorage)),
          item('crestElevation', formatNumber(s.crestElevation)),
          item('headsUp', yn(s.headsUp)),
          item('residentsDistance', formatNumber(s.residentsDistance)),
          item('isNew', yn(s.isNew)),
        ]
      : [];
  const columns = { xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 };

  const overview = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={1} layout={screens.md ? 'horizontal' : 'vertical'} items={[item('grade', <GradeExplain site={s} />)]} styles={{ label: { width: 140 } }} />
      <Descriptions bordered size="small" column={columns} items={base} />
      {pond.length > 0 && <Descriptions title={t('site.pond')} bordered size="small" column={columns} items={pond} />}
      <div className="ka-muted" style={{ fontSize: 12 }}>
        {t('enterprise.createdAt')} {formatTime(s.createdAt)} · {t('enterprise.updatedAt')} {formatTime(s.updatedAt)} · {t('enterprise.version')} {s.version}
      </div>
    </Space>
  );

  const extra = siteTabsFor(s).map((tab) => {
    const C = tab.component;
    return {
      key: tab.key,
      label: t(tab.labelKey),
      children: (
        <Suspense fallback={<Spin />}>
          <C site={s} />
        </Suspense>
      ),
    };
  });

  return (
    <>
      <PageTitle
        title={
          <>
            <Link to="/sites" style={{ marginRight: 8 }}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="site-name">{s.name}</span>
          </>
        }
        extra={
          can(user.role, 'site.update') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Card>
        <Tabs
          activeKey={params.get('tab') ?? 'overview'}
          onChange={(key) => setParams((p) => { p.set('tab', key); return p; }, { replace: true })}
          items={[
            { key: 'overview', label: t('site.overview'), children: overview },
            ...extra,
            { key: 'history', label: t('common.history'), children: <HistoryTable path={`/api/v1/sites/${s.id}/history`} labelOf={labelOf} valueOf={valueOf} version={s.version} /> },
          ]}
        />
      </Card>
      <SiteFormModal open={editing} site={s} enterpriseLabel={enterpriseName} onClose={() => setEditing(false)} />
    </>
  );
}
