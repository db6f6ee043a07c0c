import { useState } from 'react';
import { Button, Card, Input } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import { can } from '../../lib/permissions.ts';
import { EnterpriseFormModal } from './EnterpriseFormModal.tsx';
import { EnterpriseTable } from './EnterpriseTable.tsx';

export default function EnterpriseListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [s, set] = useUrlState(['region', 'q', 'sort', 'page', 'size'] as const);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageTitle
        title={t('enterprise.list')}
        extra={
          can(user.role, 'enterprise.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('enterprise.new')}
            </Button>
          )
        }
      />
      <Card>
        <div className="ka-filters">
          <Input.Search
            key={s.q ?? ''}
            defaultValue={s.q}
            placeholder={t('common.keyword')}
            allowClear
            onSearch={(q) => set({ q, page: undefined })}
            style={{ width: 260 }}
          />
          <RegionSelect value={s.region} onChange={(region) => set({ region, page: undefined })} style={{ width: 220 }} />
        </div>
        <EnterpriseTable
          query={{ region: s.region, q: s.q, sort: s.sort, page: s.page ? Number(s.page) : undefined, size: s.size ? Number(s.size) : undefined }}
          onChange={(q) => set({ sort: q.sort === 'name' ? undefined : q.sort, page: q.page === 1 ? undefined : q.page, size: q.size === 20 ? undefined : q.size })}
        />
      </Card>
      <EnterpriseFormModal open={creating} onClose={() => setCreating(false)} onSaved={(e) => navigate(`/enterprises/${e.id}`)} />
    </>
  );
}
