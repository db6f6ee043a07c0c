import { useState } from 'react';
import { Button, Card, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import { GRADES, SITE_KINDS, SITE_STATUSES } from '../../lib/labels.ts';
import { can } from '../../lib/permissions.ts';
import { SiteFormModal } from './SiteFormModal.tsx';
import { SiteTable } from './SiteTable.tsx';

const KEYS = ['region', 'enterprise', 'kind', 'status', 'grade', 'q', 'sort', 'page', 'size'] as const;

export default function SiteListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [s, set] = useUrlState(KEYS);
  const [creating, setCreating] = useState(false);
  const filter = (key: 'kind' | 'status' | 'grade', options: { value: string; label: string }[], placeholder: string) => (
    <Select allowClear value={s[key]} placeholder={placeholder} options={options} onChange={(v) => set({ [key]: v, page: undefined })} style={{ width: 160 }} data-testid={`filter-${key}`} />
  );
  return (
    <>
      <PageTitle
        title={t('site.list')}
        extra={
          can(user.role, 'site.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('site.new')}
            </Button>
          )
        }
      />
      <Card>
        <div className="ka-filters">
          <Input.Search key={s.q ?? ''} defaultValue={s.q} placeholder={t('common.keyword')} allowClear onSearch={(q) => set({ q, page: undefined })} style={{ width: 240 }} />
          <RegionSelect value={s.region} onChange={(region) => set({ region, page: undefined })} style={{ width: 200 }} />
          {filter('kind', SITE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })), t('site.kind'))}
          {filter('status', SITE_STATUSES.map((k) => ({ value: k, label: t(`status.${k}`) })), t('site.status'))}
          {filter('grade', GRADES.map((g) => ({ value: String(g), label: t(`grade.${g}`) })), t('site.grade'))}
        </div>
        <SiteTable
          query={{ ...s, page: s.page ? Number(s.page) : undefined, size: s.size ? Number(s.size) : undefined }}
          onChange={(q) => set({ sort: q.sort === 'name' ? undefined : q.sort, page: q.page === 1 ? undefined : q.page, size: q.size === 20 ? undefined : q.size })}
        />
      </Card>
      <SiteFormModal open={creating} onClose={() => setCreating(false)} onSaved={(x) => navigate(`/sites/${encodeURIComponent(x.code)}`)} />
    </>
  );
}
