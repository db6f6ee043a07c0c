import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { useUser } from '../../auth/auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect, useRegionName } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/campaign.ts';
import { useLedgerMutation } from './api.ts';
import { mayManage } from './model.ts';

interface KeyProblem {
  id: string;
  number: string;
  title: string;
  description: string | null;
  state: string;
  owner: string | null;
  deadline: string | null;
  region: string;
  taskIds: string[];
  siteIds: string[];
  hazardIds: string[];
}

const SIZE = 20;

/** 重点问题清单: every item numbered 晋-<city>-<year>-<seq>, with its owner, deadline and links. */
export default function KeyProblemsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const regionName = useRegionName();
  const [f, setF] = useUrlState(['region', 'year', 'page'] as const);
  const page = Number(f.page ?? 1);
  const q = { region: f.region, year: f.year, limit: SIZE, offset: (page - 1) * SIZE };
  const list = useQuery({ queryKey: ['ledger', 'key-problems', q], queryFn: () => api.get<Page<KeyProblem>>('/api/v1/key-problems', q), placeholderData: (p) => p });
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const create = useLedgerMutation((v: Record<string, unknown>) =>
    api.post('/api/v1/key-problems', { region: v.region, year: v.year, title: v.title, description: v.description || null, owner: v.owner || null, deadline: (v.deadline as Dayjs | undefined)?.format('YYYY-MM-DD') ?? null }),
  );

  const columns: TableColumnsType<KeyProblem> = [
    { title: t('kp.number'), dataIndex: 'number', width: 170 },
    { title: t('kp.title'), key: 'title', render: (_, k) => <div>{k.title}{k.description && <div className="ka-muted" style={{ fontSize: 12 }}>{k.description}</div>}</div> },
    { title: t('kp.region'), key: 'region', width: 120, render: (_, k) => regionName(k.region) },
    { title: t('ledger.owner'), dataIndex: 'owner', width: 160 },
    { title: t('ledger.deadline'), dataIndex: 'deadline', width: 110 },
    { title: t('ledger.state'), key: 'state', width: 90, render: (_, k) => <Tag color={k.state === 'resolved' ? 'success' : 'processing'}>{t(`kp.state.${k.state}`, { defaultValue: k.state })}</Tag> },
    { title: t('kp.links'), key: 'links', width: 120, render: (_, k) => `${k.taskIds.length} / ${k.siteIds.length} / ${k.hazardIds.length}` },
  ];

  async function submit() {
    const v = await form.validateFields();
    try {
      await create.mutateAsync(v);
      message.success(t('ledger.done'));
      form.resetFields();
      setAdding(false);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  return (
    <div data-testid="key-problems">
      <PageTitle
        title={t('kp.pageTitle')}
        extra={
          mayManage(user.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('kp.add')}
            </Button>
          )
        }
      />
      <div className="ka-filters">
        {!user.enterprise && <RegionSelect value={f.region} onChange={(v) => setF({ region: v, page: undefined })} />}
        <InputNumber placeholder={t('kp.year')} value={f.year ? Number(f.year) : undefined} onChange={(v) => setF({ year: v ? String(v) : undefined, page: undefined })} min={2000} max={2100} />
      </div>
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, onChange: (p) => setF({ page: String(p) }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
        />
      </Card>
      {adding && (
        <Modal open title={t('kp.add')} onCancel={() => setAdding(false)} onOk={submit} confirmLoading={create.isPending} destroyOnHidden>
          <Form form={form} layout="vertical" initialValues={{ region: user.region ?? undefined, year: new Date().getFullYear() }}>
            <Form.Item name="region" label={t('kp.region')} rules={[{ required: true }]}>
              <RegionSelect />
            </Form.Item>
            <Form.Item name="year" label={t('kp.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="title" label={t('kp.title')} rules={[{ required: true }]}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="description" label={t('kp.description')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item name="owner" label={t('ledger.owner')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="deadline" label={t('ledger.deadline')}>
              <DatePicker />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </div>
  );
}
