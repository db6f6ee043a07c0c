import { lazy, Suspense } from 'react';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { BankOutlined, ClusterOutlined, DatabaseOutlined, GoldOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Page, Site } from '../api/types.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { GRADES, SITE_KINDS } from '../lib/labels.ts';

const BarChart = lazy(() => import('../components/BarChart.tsx'));

/** Counts asked of the lists themselves (limit=1, read the total): nothing here is estimated. */
function useTotal(path: string, query: Record<string, string | number> = {}) {
  return useQuery({ queryKey: ['total', path, query], queryFn: async () => (await api.get<Page<unknown>>(path, { ...query, limit: 1 })).total });
}

export default function HomePage() {
  const { t } = useTranslation();
  const enterprises = useTotal('/api/v1/enterprises');
  const sites = useTotal('/api/v1/sites');
  const byKind = useQueries({
    queries: SITE_KINDS.map((kind) => ({
      queryKey: ['total', '/api/v1/sites', { kind }],
      queryFn: async () => (await api.get<Page<Site>>('/api/v1/sites', { kind, limit: 1 })).total,
    })),
  });
  const byGrade = useQueries({
    queries: GRADES.map((grade) => ({
      queryKey: ['total', '/api/v1/sites', { kind: 'tailings_pond', grade }],
      queryFn: async () => (await api.get<Page<Site>>('/api/v1/sites', { kind: 'tailings_pond', grade, limit: 1 })).total,
    })),
  });
  const icons = { tailings_pond: <DatabaseOutlined />, underground: <NodeIndexOutlined />, open_pit: <GoldOutlined /> };
  const stat = (title: string, value: number | undefined, loading: boolean, icon: React.ReactNode, to: string) => (
    <Link to={to}>
      <Card hoverable>
        <Statistic title={title} value={value ?? '—'} loading={loading} prefix={icon} />
      </Card>
    </Link>
  );
  const gradeReady = byGrade.every((q) => q.data !== undefined);

  return (
    <>
      <PageTitle title={t('home.title')} extra={<span className="ka-muted">{t('home.scope')}</span>} />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          {stat(t('home.enterprises'), enterprises.data, enterprises.isLoading, <BankOutlined />, '/enterprises')}
        </Col>
        <Col xs={12} md={8} xl={5}>
          {stat(t('home.sites'), sites.data, sites.isLoading, <ClusterOutlined />, '/sites')}
        </Col>
        {SITE_KINDS.map((k, i) => (
          <Col xs={12} md={8} xl={5} key={k}>
            {stat(t(`home.${k}`), byKind[i]?.data, !!byKind[i]?.isLoading, icons[k], `/sites?kind=${k}`)}
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card title={t('home.byKind')}>
            <Suspense fallback={<Skeleton active />}>
              {byKind.every((q) => q.data !== undefined) ? (
                <BarChart labels={SITE_KINDS.map((k) => t(`kind.${k}`))} values={byKind.map((q) => q.data ?? 0)} colors={['#2f54eb', '#722ed1', '#d4b106']} />
              ) : (
                <Skeleton active />
              )}
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.byGrade')}>
            <Suspense fallback={<Skeleton active />}>
              {gradeReady ? (
                <BarChart labels={GRADES.map((g) => t(`grade.${g}`))} values={byGrade.map((q) => q.data ?? 0)} colors={['#cf1322', '#d4380d', '#d46b08', '#1677ff', '#13c2c2']} />
              ) : (
                <Skeleton active />
              )}
            </Suspense>
          </Card>
        </Col>
      </Row>
    </>
  );
}
