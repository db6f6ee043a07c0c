import { useState } from 'react';
import { Button, Card, List, Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect, useRegionName } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import { can } from '../../lib/permissions.ts';
import '../../i18n/supervision.ts';
import { ClassDrawer, ClassTag } from './ClassDrawer.tsx';
import { CLASS_LIST, useClasses, type ClassItem } from './supervisionApi.ts';

const SIZE = 20;

/** The class and score of each enterprise, factor by factor. */
function Factors({ item }: { item: ClassItem }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      data-testid="class-factors"
      dataSource={item.factors}
      header={<b>{t('sup.classes.factors')}</b>}
      renderItem={(f) => (
        <List.Item extra={<Tag color={f.points > 0 ? 'orange' : undefined}>{f.points > 0 ? `+${f.points}` : f.points}</Tag>}>
          <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{f.explanation}</div>
        </List.Item>
      )}
    />
  );
}

/** Supervision classes (监管分类): A–D per enterprise in scope, why, and the overrides made by hand. */
export default function ClassesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const regionName = useRegionName();
  const [f, setF] = useUrlState(['region', 'class', 'page'] as const);
  const region = f.region ?? user.region ?? undefined;
  const page = Number(f.page ?? 1);
  const q = useClasses(region);
  const [open, setOpen] = useState<string | null>(null);
  const manage = can(user.role, 'enforcement.manage');
  // The server answers the whole scope at once (its classes are computed together); filter and page here.
  const items = (q.data?.items ?? []).filter((c) => !f.class || c.class === f.class);
  const counts = Object.fromEntries(CLASS_LIST.map((c) => [c, (q.data?.items ?? []).filter((x) => x.class === c).length]));
  const columns: TableColumnsType<ClassItem> = [
    {
      title: t('sup.classes.enterprise'),
      key: 'enterprise',
      render: (_, c) => (
        <>
          {c.enterpriseName}
          <div className="ka-muted" style={{ fontSize: 12 }}>
            {regionName(c.region)} · {t('sup.classes.sites')} {c.sites.length}
          </div>
        </>
      ),
    },
    {
      title: t('sup.classes.class'),
      key: 'class',
      width: 120,
      render: (_, c) => (
        <span data-testid="class-cell">
          <ClassTag c={c.class} />
          {c.override && (
            <div className="ka-muted" style={{ fontSize: 12 }}>
              {t('sup.classes.overridden')} · {t('sup.classes.computed')} {c.computedClass}
            </div>
          )}
        </span>
      ),
    },
    { title: t('sup.classes.score'), dataIndex: 'score', key: 'score', width: 90, responsive: ['md'] },
    { title: t('sup.classes.perYear'), key: 'perYear', width: 120, responsive: ['md'], render: (_, c) => t('sup.classes.perYearN', { n: c.inspectionsPerYear }) },
    {
      title: '',
      key: 'act',
      width: 100,
      render: (_, c) => (
        <Button size="small" data-testid="class-open" onClick={() => setOpen(c.enterprise)}>
          {manage ? t('sup.classes.override') : t('sup.classes.history')}
        </Button>
      ),
    },
  ];
  return (
    <div data-testid="classes-page">
      <PageTitle title={t('sup.classes.title')} />
      <div className="ka-filters">
        <RegionSelect value={region} onChange={(v) => setF({ region: v, page: undefined })} />
        <Segmented
          data-testid="class-filter"
          value={f.class ?? ''}
          onChange={(v) => setF({ class: v as string, page: undefined })}
          options={[{ value: '', label: t('sup.classes.allClasses') }, ...CLASS_LIST.map((c) => ({ value: c, label: `${c} (${counts[c] ?? 0})` }))]}
          style={{ minWidth: 0, maxWidth: '100%', overflowX: 'auto' }}
        />
      </div>
      {q.isError && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          size="middle"
          rowKey="enterprise"
          columns={columns}
          dataSource={items}
          loading={q.isLoading}
          scroll={{ x: true }}
          expandable={{ expandedRowRender: (c) => <Factors item={c} />, rowExpandable: (c) => c.factors.length > 0 }}
          locale={{ emptyText: t('sup.classes.none') }}
          pagination={{ current: page, pageSize: SIZE, total: items.length, onChange: (p) => setF({ page: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false, simple: true }}
        />
      </Card>
      <ClassDrawer enterprise={open} onClose={() => setOpen(null)} />
    </div>
  );
}
