import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle.tsx';
import { RegionTree } from '../components/RegionTree.tsx';
import { useUrlState } from '../components/useUrlState.ts';
import { EnterpriseTable, type EnterpriseQuery } from './enterprise/EnterpriseTable.tsx';
import { SiteTable, type SiteQuery } from './site/SiteTable.tsx';

/** The region tree; a click shows the enterprises and sites registered in that region and below. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const [s, set] = useUrlState(['region', 'name', 'tab'] as const);
  const [eq, setEq] = useState<EnterpriseQuery>({});
  const [sq, setSq] = useState<SiteQuery>({});
  return (
    <>
      <PageTitle title={t('region.title')} extra={<span className="ka-muted">{t('region.hint')}</span>} />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8} lg={6}>
          <Card title={t('region.tree')} styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}>
            <RegionTree
              selected={s.region}
              onSelect={(region, name) => {
                set({ region, name });
                setEq({});
                setSq({});
              }}
            />
          </Card>
        </Col>
        <Col xs={24} md={16} lg={18}>
          <Card
            title={s.region ? `${t('region.selected')}：${s.name ?? s.region}` : t('region.select')}
            extra={s.region && <Button size="small" onClick={() => set({ region: undefined, name: undefined })}>{t('region.clear')}</Button>}
          >
            {s.region ? (
              <Tabs
                activeKey={s.tab ?? 'enterprises'}
                onChange={(tab) => set({ tab })}
                items={[
                  { key: 'enterprises', label: t('menu.enterprises'), children: <EnterpriseTable query={{ ...eq, region: s.region }} onChange={setEq} compact /> },
                  { key: 'sites', label: t('menu.sites'), children: <SiteTable query={{ ...sq, region: s.region }} onChange={setSq} compact /> },
                ]}
              />
            ) : (
              <Empty description={t('region.hint')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
