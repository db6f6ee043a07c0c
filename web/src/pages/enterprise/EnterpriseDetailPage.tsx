import { useState } from 'react';
import { Button, Card, Descriptions, Result, Spin, Tabs } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import type { Enterprise } from '../../api/types.ts';
import { useUser } from '../../auth/auth.tsx';
import { HistoryTable } from '../../components/HistoryTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRegionName } from '../../components/RegionSelect.tsx';
import { formatTime, orDash } from '../../lib/format.ts';
import { can } from '../../lib/permissions.ts';
import { SiteTable, type SiteQuery } from '../site/SiteTable.tsx';
import { EnterpriseFormModal } from './EnterpriseFormModal.tsx';

export default function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [editing, setEditing] = useState(false);
  const [siteQuery, setSiteQuery] = useState<SiteQuery>({});
  const q = useQuery({ queryKey: ['enterprise', id], queryFn: () => api.get<Enterprise>(`/api/v1/enterprises/${encodeURIComponent(id)}`) });
  const regionName = useRegionName();

  if (q.isLoading) return <Spin />;
  if (!q.data) {
    const nf = q.error instanceof ApiError && q.error.status === 404;
    return <Result status={nf ? '404' : 'error'} title={nf ? t('common.notFound') : t('common.failed')} extra={<Link to="/enterprises">{t('common.back')}</Link>} />;
  }
  const e = q.data;
  const labelOf = (f: string) => (i18n.exists(`enterprise.${f}`) ? t(`enterprise.${f}`) : f);
  const person = (p: Enterprise['principal']) => [p?.name, p?.phone].filter(Boolean).join('  ') || '—';

  return (
    <>
      <PageTitle
        title={
          <>
            <Link to="/enterprises" style={{ marginRight: 8 }}>
              <ArrowLeftOutlined />
            </Link>
            {e.name}
          </>
        }
        extra={
          can(user.role, 'enterprise.update') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'overview',
              label: t('common.basic'),
              children: (
                <Descriptions
                  bordered
                  size="small"
                  column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
                  items={[
                    { key: 'name', label: t('enterprise.name'), children: e.name },
                    { key: 'creditCode', label: t('enterprise.creditCode'), children: <span style={{ fontFamily: 'monospace' }}>{e.creditCode}</span> },
                    { key: 'region', label: t('enterprise.region'), children: e.regionName ?? e.region },
                    { key: 'address', label: t('enterprise.address'), children: orDash(e.address) },
                    { key: 'principal', label: t('enterprise.principal'), children: person(e.principal) },
                    { key: 'safetyOfficer', label: t('enterprise.safetyOfficer'), children: person(e.safetyOfficer) },
                    { key: 'siteCount', label: t('enterprise.siteCount'), children: e.siteCount ?? '—' },
                    { key: 'createdAt', label: t('enterprise.createdAt'), children: formatTime(e.createdAt) },
                    { key: 'updatedAt', label: t('enterprise.updatedAt'), children: `${formatTime(e.updatedAt)}（${t('enterprise.version')} ${e.version}）` },
                  ]}
                />
              ),
            },
            {
              key: 'sites',
              label: t('enterprise.sites'),
              children: <SiteTable query={{ ...siteQuery, enterprise: e.id }} onChange={setSiteQuery} compact />,
            },
            {
              key: 'history',
              label: t('common.history'),
              children: <HistoryTable path={`/api/v1/enterprises/${e.id}/history`} labelOf={labelOf} valueOf={(f, v) => (f === 'region' ? regionName(String(v)) : undefined)} version={e.version} />,
            },
          ]}
        />
      </Card>
      <EnterpriseFormModal open={editing} enterprise={e} onClose={() => setEditing(false)} />
    </>
  );
}
