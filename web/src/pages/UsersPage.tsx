import { useState } from 'react';
import { Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ROLES, type Page, type User } from '../api/types.ts';
import { useUser } from '../auth/auth.tsx';
import { EnterpriseSelect } from '../components/EnterpriseSelect.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { RegionSelect, useRegionName } from '../components/RegionSelect.tsx';
import { showSuccess } from '../components/feedback.ts';
import { applyServerErrors } from '../components/serverErrors.ts';
import { compact } from '../lib/forms.ts';
import { useEnterpriseName } from '../components/useEnterpriseName.ts';
import { formatTime } from '../lib/format.ts';
import { ENTERPRISE_ROLES, REGION_ROLES, can } from '../lib/permissions.ts';

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useUser();
  const qc = useQueryClient();
  const regionName = useRegionName();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['users'], queryFn: () => api.get<Page<User>>('/api/v1/users', { limit: 1000 }) });
  const toggle = useMutation({
    mutationFn: (u: User) => api.post<User>(`/api/v1/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });

  return (
    <>
      <PageTitle
        title={t('user.title')}
        extra={
          can(me.role, 'user.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('user.new')}
            </Button>
          )
        }
      />
      <Card>
        <Table<User>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }), size: 'small' }}
          columns={[
            { title: t('user.username'), dataIndex: 'username', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            { title: t('user.displayName'), dataIndex: 'displayName', render: (v: string | null) => v ?? '—' },
            { title: t('user.role'), dataIndex: 'role', render: (r: string) => t(`role.${r}`, { defaultValue: r }) },
            { title: t('user.region'), dataIndex: 'region', render: (v: string | null) => (v ? regionName(v) : '—') },
            { title: t('user.enterprise'), dataIndex: 'enterprise', render: (v: string | null) => (v ? <EnterpriseName id={v} /> : '—') },
            { title: t('user.disabled'), dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag>{t('user.off')}</Tag> : <Tag color="green">{t('user.active')}</Tag>) },
            { title: t('user.createdAt'), dataIndex: 'createdAt', render: (v: number) => formatTime(v) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, u) =>
                u.id === me.id || !can(me.role, 'user.create') ? null : u.disabled ? (
                  <Button size="small" type="link" onClick={() => toggle.mutate(u)}>
                    {t('user.enable')}
                  </Button>
                ) : (
                  <Popconfirm title={t('user.disableConfirm')} onConfirm={() => toggle.mutate(u)} okText={t('user.disable')} cancelText={t('common.cancel')}>
                    <Button size="small" type="link" danger>
                      {t('user.disable')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <NewUserModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function NewUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form) as User['role'] | undefined;
  const needsRegion = !!role && REGION_ROLES.includes(role);
  const needsEnterprise = !!role && ENTERPRISE_ROLES.includes(role);

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    try {
      const body = compact(values);
      if (!needsRegion) delete body.region;
      if (!needsEnterprise) delete body.enterprise;
      await api.post('/api/v1/users', body);
      showSuccess(t('common.created'));
      await qc.invalidateQueries({ queryKey: ['users'] });
      form.resetFields();
      onClose();
    } catch (err) {
      applyServerErrors(form, err, [['username'], ['password'], ['role'], ['region'], ['enterprise'], ['displayName']]);
    } finally {
      setBusy(false);
    }
  }

  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Modal open={open} title={t('user.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} forceRender width={640}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="username" label={t('user.username')} rules={req(t('user.username'))}>
              <Input autoComplete="off" maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="password" label={t('user.password')} rules={req(t('user.password'))}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label={t('user.displayName')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="role" label={t('user.role')} rules={req(t('user.role'))}>
              <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
            </Form.Item>
          </Col>
          {needsRegion && (
            <Col xs={24} md={12}>
              <Form.Item name="region" label={t('user.region')} rules={[{ required: true, message: t('user.regionNeeded') }]}>
                <RegionSelect />
              </Form.Item>
            </Col>
          )}
          {needsEnterprise && (
            <Col xs={24} md={12}>
              <Form.Item name="enterprise" label={t('user.enterprise')} rules={[{ required: true, message: t('user.enterpriseNeeded') }]}>
                <EnterpriseSelect />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}

function EnterpriseName({ id }: { id: string }) {
  return <>{useEnterpriseName(id) ?? id}</>;
}
